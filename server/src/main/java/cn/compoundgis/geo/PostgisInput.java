package cn.compoundgis.geo;

/**
 * The SQL that turns a checked geometry ({@link PostedGeometry#geoJson()}: GeoJSON easting first, in the request's
 * CRS) into the working CRS. Nothing else hands posted geometry to PostGIS.
 */
public final class PostgisInput {
    private PostgisInput() {
    }

    /** An expression reading the GeoJSON text {@code textExpression} (e.g. {@code ?::text}) in {@code crs}. */
    public static String geometry(String textExpression, PostedCrs crs, int workingSrid) {
        String located = "ST_SetSRID(ST_GeomFromGeoJSON(" + textExpression + "), " + crs.srid() + ")";
        return crs.srid() == workingSrid ? located : "ST_Transform(" + located + ", " + workingSrid + ")";
    }

    /** The same with one parameter, the GeoJSON text. */
    public static String geometry(PostedCrs crs, int workingSrid) {
        return geometry("?::text", crs, workingSrid);
    }
}
