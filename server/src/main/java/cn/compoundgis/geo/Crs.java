package cn.compoundgis.geo;

/**
 * A coordinate reference system the features API can answer in.
 *
 * @param uri          the OGC URI that names it
 * @param srid         its PostGIS SRID
 * @param swapAxes     true where the CRS's first axis is latitude or northing (EPSG:4326, EPSG:4490 and the
 *                     CGCS2000 Gauss-Kruger systems): OGC API Part 2 writes coordinates in the CRS's own axis
 *                     order, while PostGIS stores x = longitude / easting
 * @param decimals     decimal places that keep about a millimetre
 */
public record Crs(String uri, int srid, boolean swapAxes, int decimals) {
    public static final String CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public static final Crs CRS84 = new Crs(CRS84_URI, 4326, false, 8);

    public static String epsgUri(int code) {
        return "http://www.opengis.net/def/crs/EPSG/0/" + code;
    }

    /** Longitude and latitude (CRS84, EPSG:4326, EPSG:4490), as opposed to a projection in metres. */
    public boolean geographic() {
        return srid == 4326 || srid == 4490;
    }

    /** Wraps a PostGIS geometry expression so that it comes out in this CRS and axis order. */
    public String geometryExpression(String storedGeometry, int storedSrid) {
        String expr = srid == storedSrid ? storedGeometry : "ST_Transform(" + storedGeometry + ", " + srid + ")";
        return swapAxes ? "ST_FlipCoordinates(" + expr + ")" : expr;
    }
}
