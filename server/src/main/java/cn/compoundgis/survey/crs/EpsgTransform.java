package cn.compoundgis.survey.crs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * A proj4j transformation between two EPSG codes, easting (longitude) first on both sides whatever the EPSG
 * axis order says: the order of shapefiles and PostGIS. Z is carried through unchanged. proj4j's transforms are
 * not thread-safe, so each instance makes its own; the parsed CRS definitions are shared.
 */
public final class EpsgTransform {
    private static final CRSFactory CRS_FACTORY = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
    private static final Map<Integer, CoordinateReferenceSystem> CRS_CACHE = new ConcurrentHashMap<>();

    private final int sourceEpsg;
    private final int targetEpsg;
    private final CoordinateTransform transform;

    private EpsgTransform(int sourceEpsg, int targetEpsg) {
        this.sourceEpsg = sourceEpsg;
        this.targetEpsg = targetEpsg;
        this.transform = TRANSFORMS.createTransform(crs(sourceEpsg), crs(targetEpsg));
    }

    /** @throws IllegalArgumentException when proj4j does not know one of the codes */
    public static EpsgTransform between(int sourceEpsg, int targetEpsg) {
        return new EpsgTransform(sourceEpsg, targetEpsg);
    }

    static CoordinateReferenceSystem crs(int epsg) {
        return CRS_CACHE.computeIfAbsent(epsg, code -> {
            try {
                return CRS_FACTORY.createFromName("EPSG:" + code);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("proj4j does not know EPSG:" + code, e);
            }
        });
    }

    public int sourceEpsg() {
        return sourceEpsg;
    }

    public int targetEpsg() {
        return targetEpsg;
    }

    /** The transformed point (Z kept); NaN coordinates when the point cannot be transformed. */
    public Coordinate apply(double easting, double northing) {
        ProjCoordinate out = new ProjCoordinate();
        try {
            transform.transform(new ProjCoordinate(easting, northing), out);
        } catch (RuntimeException e) {
            return new Coordinate(Double.NaN, Double.NaN);
        }
        return new Coordinate(out.x, out.y);
    }

    public Coordinate apply(Coordinate c) {
        Coordinate out = apply(c.getX(), c.getY());
        out.setZ(c.getZ());
        return out;
    }

    /** A transformed copy of the geometry (every vertex, Z kept) with the target SRID. */
    public Geometry apply(Geometry geometry) {
        Geometry copy = PlaneMap.transformed(geometry, this::apply);
        copy.setSRID(targetEpsg);
        return copy;
    }
}
