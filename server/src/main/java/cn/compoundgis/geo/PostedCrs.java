package cn.compoundgis.geo;

/**
 * The CRS that posted geometry is written in.
 *
 * @param srid          its EPSG code (CRS84 is 4326 written longitude first)
 * @param northingFirst true where the CRS's own first axis is latitude or northing (EPSG:4326, EPSG:4490, the
 *                      CGCS2000 Gauss-Kruger systems)
 * @param name          how to name it in a message, e.g. EPSG:4548 or CRS84
 */
public record PostedCrs(int srid, boolean northingFirst, String name) {
    static final int WGS84 = 4326;
    static final int CGCS2000 = 4490;

    public boolean geographic() {
        return srid == WGS84 || srid == CGCS2000;
    }

    /** The order the CRS itself defines. */
    public AxisOrder ownOrder() {
        if (geographic()) {
            return northingFirst ? AxisOrder.LATITUDE_LONGITUDE : AxisOrder.LONGITUDE_LATITUDE;
        }
        return northingFirst ? AxisOrder.NORTHING_EASTING : AxisOrder.EASTING_NORTHING;
    }
}
