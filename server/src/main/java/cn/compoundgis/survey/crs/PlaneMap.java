package cn.compoundgis.survey.crs;

import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/** A map of the plane, easting/northing to easting/northing, applied to every vertex of a geometry (Z kept). */
@FunctionalInterface
interface PlaneMap {
    Coordinate apply(double easting, double northing);

    /** A moved copy of {@code geometry}; the SRID is the caller's to set. */
    static Geometry transformed(Geometry geometry, PlaneMap map) {
        Objects.requireNonNull(geometry, "geometry");
        Geometry copy = geometry.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                Coordinate moved = map.apply(seq.getX(i), seq.getY(i));
                seq.setOrdinate(i, CoordinateSequence.X, moved.x);
                seq.setOrdinate(i, CoordinateSequence.Y, moved.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }
}
