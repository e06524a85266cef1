package cn.compoundgis.checks;

import cn.compoundgis.features.Crs;

/** SQL that reads a GeoJSON geometry sent in a request's CRS (and axis order) into the working CRS. */
public final class RequestGeometry {
    private RequestGeometry() {
    }

    /** An expression with one parameter, the geometry's GeoJSON text. */
    public static String fromGeoJson(Crs crs, int storageSrid) {
        String read = "ST_GeomFromGeoJSON(?::text)";
        String ordered = crs.swapAxes() ? "ST_FlipCoordinates(" + read + ")" : read;
        String located = "ST_SetSRID(" + ordered + ", " + crs.srid() + ")";
        return crs.srid() == storageSrid ? located : "ST_Transform(" + located + ", " + storageSrid + ")";
    }
}
