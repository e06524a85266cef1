package cn.compoundgis.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** Small constructors for local-frame geometry. */
final class Shapes {
    private Shapes() {
    }

    static Polygon rectangle(double u0, double v0, double u1, double v1) {
        double minU = Math.min(u0, u1);
        double maxU = Math.max(u0, u1);
        double minV = Math.min(v0, v1);
        double maxV = Math.max(v0, v1);
        return LocalFrame.GEOMETRY.createPolygon(new Coordinate[] {
            new Coordinate(minU, minV), new Coordinate(maxU, minV), new Coordinate(maxU, maxV),
            new Coordinate(minU, maxV), new Coordinate(minU, minV)});
    }

    /** A rectangle of the given length along and width across a direction (unit vector du, dv), centred on (u, v). */
    static Polygon orientedRectangle(double u, double v, double du, double dv, double length, double width) {
        double au = du * length / 2;
        double av = dv * length / 2;
        double cu = -dv * width / 2;
        double cv = du * width / 2;
        return LocalFrame.GEOMETRY.createPolygon(new Coordinate[] {
            new Coordinate(u - au - cu, v - av - cv), new Coordinate(u + au - cu, v + av - cv),
            new Coordinate(u + au + cu, v + av + cv), new Coordinate(u - au + cu, v - av + cv),
            new Coordinate(u - au - cu, v - av - cv)});
    }

    static LineString line(double... uv) {
        Coordinate[] cs = new Coordinate[uv.length / 2];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(uv[2 * i], uv[2 * i + 1]);
        }
        return LocalFrame.GEOMETRY.createLineString(cs);
    }

    static Point point(double u, double v) {
        return LocalFrame.GEOMETRY.createPoint(new Coordinate(u, v));
    }
}
