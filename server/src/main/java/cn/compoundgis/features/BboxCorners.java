package cn.compoundgis.features;

import cn.compoundgis.geo.Crs;
import cn.compoundgis.http.ApiError;


/**
 * The corners of a {@code bbox} read in the axis order of its CRS. Geographic boxes are checked in the CRS's
 * own terms (a latitude beyond ±90 is refused saying which axis comes first) and may cross the antimeridian
 * (OGC API - Features 1.0, 7.15.3: west longitude greater than east); projected boxes must be lower corner first.
 */
final class BboxCorners {
    private static final double MAX_LATITUDE = 90;

    private BboxCorners() {
    }

    /** {@code n}: the 4 (or 6, heights ignored) numbers of {@code value}, as sent. */
    static ItemsRequest.Bbox read(String value, double[] n, Crs crs) {
        int dims = n.length / 2;
        double a1 = n[0], a2 = n[1], b1 = n[dims], b2 = n[dims + 1];
        if (crs.geographic()) {
            return geographic(value, crs, crs.swapAxes() ? new double[]{a2, a1, b2, b1} : new double[]{a1, a2, b1, b2});
        }
        if (a1 > b1 || a2 > b2) {
            throw ApiError.badParameter("bbox=" + value + ": the lower corner must come first (min before max on each axis)");
        }
        return crs.swapAxes() ? new ItemsRequest.Bbox(a2, a1, b2, b1, crs) : new ItemsRequest.Bbox(a1, a2, b1, b2, crs);
    }

    /** {@code lonLat}: west, south, east, north. */
    private static ItemsRequest.Bbox geographic(String value, Crs crs, double[] lonLat) {
        double west = lonLat[0], south = lonLat[1], east = lonLat[2], north = lonLat[3];
        if (Math.abs(south) > MAX_LATITUDE || Math.abs(north) > MAX_LATITUDE) {
            throw ApiError.badParameter("bbox=" + value + ": latitude " + (Math.abs(south) > MAX_LATITUDE ? south : north)
                    + " is outside -90..90. " + axisOrder(crs));
        }
        if (Math.abs(west) > ItemsRequest.Bbox.MAX_LONGITUDE || Math.abs(east) > ItemsRequest.Bbox.MAX_LONGITUDE) {
            throw ApiError.badParameter("bbox=" + value + ": longitude " + (Math.abs(west) > ItemsRequest.Bbox.MAX_LONGITUDE
                    ? west : east) + " is outside -180..180. " + axisOrder(crs));
        }
        if (south > north) {
            throw ApiError.badParameter("bbox=" + value + ": the southern latitude must come before the northern one. "
                    + axisOrder(crs));
        }
        return new ItemsRequest.Bbox(west, south, east, north, crs);
    }

    private static String axisOrder(Crs crs) {
        if (crs.swapAxes()) {
            return "bbox-crs=" + crs.uri() + " is latitude first: bbox=south,west,north,east (minLat,minLon,maxLat,maxLon);"
                    + " for longitude first use bbox-crs " + Crs.CRS84_URI + " (the default)";
        }
        return "bbox in CRS84 is longitude first: bbox=west,south,east,north (minLon,minLat,maxLon,maxLat); a west"
                + " longitude greater than the east one crosses the antimeridian";
    }
}
