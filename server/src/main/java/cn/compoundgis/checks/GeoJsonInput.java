package cn.compoundgis.checks;

import cn.compoundgis.features.Crs;
import cn.compoundgis.web.ApiError;
import com.fasterxml.jackson.databind.JsonNode;

/** Checks of positions sent in a request, so that a bad one is a 400 naming it rather than a database error. */
public final class GeoJsonInput {
    private GeoJsonInput() {
    }

    /** A position is [x, y] of finite numbers; in a geographic CRS a longitude and latitude within range. */
    public static void checkPosition(JsonNode position, String where, Crs crs) {
        if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
            throw ApiError.badParameter(where + ": a position must be [x, y] numbers, got " + position);
        }
        double first = position.get(0).asDouble();
        double second = position.get(1).asDouble();
        if (!Double.isFinite(first) || !Double.isFinite(second)) {
            throw ApiError.badParameter(where + ": coordinates must be finite numbers, got " + position);
        }
        if (crs.srid() == 4326 || crs.srid() == 4490) {
            double lon = crs.swapAxes() ? second : first;
            double lat = crs.swapAxes() ? first : second;
            if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
                throw ApiError.badParameter(where + ": " + position + " is not a longitude/latitude in " + crs.uri()
                        + "; for projected coordinates name the CRS with ?crs=EPSG:nnnn");
            }
        }
    }
}
