package cn.compoundgis.demo;

import java.math.BigDecimal;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** WKT of millimetre-rounded world geometry, written digit for digit the same on every run. */
final class Wkt {
    private Wkt() {
    }

    static String point(Coordinate c) {
        return "POINT (" + xy(c) + ")";
    }

    static String lineString(Coordinate... cs) {
        return "LINESTRING " + ring(cs);
    }

    static String of(Geometry g) {
        if (g instanceof Point p) {
            return point(p.getCoordinate());
        }
        if (g instanceof LineString l) {
            return lineString(l.getCoordinates());
        }
        if (g instanceof Polygon p) {
            return "POLYGON " + polygonBody(p);
        }
        throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
    }

    static String multiPolygon(Polygon p) {
        return "MULTIPOLYGON (" + polygonBody(p) + ")";
    }

    private static String polygonBody(Polygon p) {
        if (p.getNumInteriorRing() > 0) {
            throw new IllegalArgumentException("polygons with holes are not generated");
        }
        return "(" + ring(p.getExteriorRing().getCoordinates()) + ")";
    }

    private static String ring(Coordinate[] cs) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(xy(cs[i]));
        }
        return sb.append(')').toString();
    }

    private static String xy(Coordinate c) {
        return mm(c.x) + " " + mm(c.y);
    }

    private static String mm(double metres) {
        return BigDecimal.valueOf(Math.round(metres * 1000), 3).toPlainString();
    }
}
