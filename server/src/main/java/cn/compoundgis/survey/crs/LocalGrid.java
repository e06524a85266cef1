package cn.compoundgis.survey.crs;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * A city's local grid (城市独立坐标系), tied to a national projected CRS by a 2-D four-parameter (Helmert
 * similarity) transformation. Everything here is easting first, in metres, in a right-handed frame
 * (E to the right, N up):
 *
 * <pre>
 *   E' = shiftEasting  + s·(E·cosθ − N·sinθ)
 *   N' = shiftNorthing + s·(E·sinθ + N·cosθ)
 *   s  = 1 + scalePpm·10⁻⁶,   θ = rotationArcSeconds / 3600 degrees
 * </pre>
 *
 * where (E, N) is in the local grid and (E', N') in the target CRS. A positive θ turns counter-clockwise
 * (from east towards north), as in mathematics.
 *
 * <p><b>Surveyors' convention.</b> Survey reports write X = northing, Y = easting and the same-looking formula
 * {@code X' = ΔX + m·(X·cosα − Y·sinα), Y' = ΔY + m·(X·sinα + Y·cosα)}. Because X and Y are exchanged, their α
 * turns clockwise (from north towards east) and equals −θ, their ΔX is our shiftNorthing and ΔY our
 * shiftEasting. {@link #fromSurveyorsParameters} converts.
 *
 * <p>The parameters are often confidential: they are kept on the server and never sent to clients.
 *
 * @param name               how uploads refer to the grid
 * @param targetEpsg         the projected CRS the grid is tied to (a CGCS2000 Gauss-Kruger code such as 4548)
 * @param shiftEastingMetres translation along the easting, metres
 * @param shiftNorthingMetres translation along the northing, metres
 * @param rotationArcSeconds θ, counter-clockwise positive, arc-seconds
 * @param scalePpm           scale difference from 1 in parts per million (s = 1 + scalePpm·10⁻⁶)
 */
public record LocalGrid(String name, int targetEpsg, double shiftEastingMetres, double shiftNorthingMetres,
                        double rotationArcSeconds, double scalePpm) {
    static final double ARC_SECONDS_PER_RADIAN = 180 * 3600 / Math.PI;
    static final double PPM = 1e-6;

    public LocalGrid {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a local grid needs a name");
        }
        if (SupportedCrs.zone(targetEpsg).isEmpty()) {
            throw new IllegalArgumentException("a local grid must be tied to a projected CRS such as EPSG:4548;"
                    + " EPSG:" + targetEpsg + " is not one");
        }
        for (double v : new double[] {shiftEastingMetres, shiftNorthingMetres, rotationArcSeconds, scalePpm}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("local grid " + name + " has a parameter that is not a number");
            }
        }
        if (1 + scalePpm * PPM <= 0) {
            throw new IllegalArgumentException("local grid " + name + ": scale must be positive");
        }
    }

    /**
     * From parameters in the surveyors' order (X = northing, Y = easting, α clockwise positive): see the class
     * comment.
     */
    public static LocalGrid fromSurveyorsParameters(String name, int targetEpsg, double shiftXNorthingMetres,
                                                    double shiftYEastingMetres, double rotationArcSecondsClockwise,
                                                    double scalePpm) {
        return new LocalGrid(name, targetEpsg, shiftYEastingMetres, shiftXNorthingMetres,
                -rotationArcSecondsClockwise, scalePpm);
    }

    /** Fits the four parameters to control points by least squares: see {@link LocalGridFit#fit}. */
    public static LocalGridFit fit(List<ControlPoint> pairs) {
        return LocalGridFit.fit(pairs);
    }

    public double scaleFactor() {
        return 1 + scalePpm * PPM;
    }

    public double rotationRadians() {
        return rotationArcSeconds / ARC_SECONDS_PER_RADIAN;
    }

    /** Local grid → target CRS. */
    public Coordinate toTarget(double easting, double northing) {
        return similarity().forward(easting, northing);
    }

    /** Target CRS → local grid. */
    public Coordinate toLocal(double easting, double northing) {
        return similarity().inverse(easting, northing);
    }

    /** A copy of the geometry in the target CRS (every vertex; Z and M kept), with SRID = targetEpsg. */
    public Geometry toTarget(Geometry geometry) {
        Similarity s = similarity();
        Geometry copy = PlaneMap.transformed(geometry, s::forward);
        copy.setSRID(targetEpsg);
        return copy;
    }

    /** A copy of the geometry in the local grid (Z and M kept), with SRID 0: a local grid has no EPSG code. */
    public Geometry toLocal(Geometry geometry) {
        Similarity s = similarity();
        Geometry copy = PlaneMap.transformed(geometry, s::inverse);
        copy.setSRID(0);
        return copy;
    }

    private Similarity similarity() {
        double theta = rotationRadians();
        double s = scaleFactor();
        return new Similarity(s * Math.cos(theta), s * Math.sin(theta), shiftEastingMetres, shiftNorthingMetres);
    }

    /** E' = e + a·E − b·N, N' = f + b·E + a·N with a = s·cosθ, b = s·sinθ. */
    record Similarity(double a, double b, double e, double f) {
        Coordinate forward(double easting, double northing) {
            return new Coordinate(e + a * easting - b * northing, f + b * easting + a * northing);
        }

        Coordinate inverse(double easting, double northing) {
            double u = easting - e;
            double v = northing - f;
            double norm = a * a + b * b;
            return new Coordinate((a * u + b * v) / norm, (-b * u + a * v) / norm);
        }
    }
}
