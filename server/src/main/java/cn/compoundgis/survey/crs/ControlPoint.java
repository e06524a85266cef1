package cn.compoundgis.survey.crs;

import java.util.Objects;

/**
 * A point known in both a local city grid and the national CRS it is tied to, in metres, easting first.
 * Surveyors list such points as X (northing), Y (easting): use {@link #fromSurveyorsXY} for that order.
 *
 * @param name            the point's name or number, for the residual report
 * @param localEasting    easting in the local grid
 * @param localNorthing   northing in the local grid
 * @param targetEasting   easting in the target CRS (e.g. EPSG:4548, without zone prefix there)
 * @param targetNorthing  northing in the target CRS
 */
public record ControlPoint(String name, double localEasting, double localNorthing,
                           double targetEasting, double targetNorthing) {

    public ControlPoint {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(localEasting) || !Double.isFinite(localNorthing)
                || !Double.isFinite(targetEasting) || !Double.isFinite(targetNorthing)) {
            throw new IllegalArgumentException("control point " + name + " has a coordinate that is not a number");
        }
    }

    /** From the surveyors' order: X = northing, Y = easting, in both systems. */
    public static ControlPoint fromSurveyorsXY(String name, double localX, double localY,
                                               double targetX, double targetY) {
        return new ControlPoint(name, localY, localX, targetY, targetX);
    }
}
