package cn.compoundgis.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Where a compound lies: a width x height rectangle (u along the long side, v across, origin in the middle)
 * rotated by {@code angle} about its centre at easting/northing in EPSG:4548. World coordinates are rounded
 * to the millimetre so that a point and the pipe ends drawn from it are the very same numbers.
 */
record LocalFrame(double centreEasting, double centreNorthing, double angle, double width, double height) {
    static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final double MM = 1000.0;

    Coordinate toWorld(double u, double v) {
        // StrictMath: the same digits on every JVM and CPU, so the data set never changes between machines
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        return new Coordinate(roundMm(centreEasting + u * cos - v * sin), roundMm(centreNorthing + u * sin + v * cos));
    }

    Coordinate toWorld(Coordinate local) {
        return toWorld(local.x, local.y);
    }

    /** A copy of a local geometry in world coordinates. */
    Geometry toWorld(Geometry local) {
        Geometry copy = local.copy();
        copy.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            Coordinate w = toWorld(c.x, c.y);
            c.x = w.x;
            c.y = w.y;
        });
        copy.geometryChanged();
        return copy;
    }

    double minU() {
        return -width / 2;
    }

    double maxU() {
        return width / 2;
    }

    double minV() {
        return -height / 2;
    }

    double maxV() {
        return height / 2;
    }

    /** The compound wall in local coordinates. */
    Polygon localBoundary() {
        return Shapes.rectangle(minU(), minV(), maxU(), maxV());
    }

    static double roundMm(double metres) {
        return Math.round(metres * MM) / MM;
    }
}
