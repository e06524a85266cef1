package cn.compoundgis.geo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Which axis order a request's positions were read in ({@code read}) and the order its CRS defines
 * ({@code crs}). They differ when a Gauss-Kruger body was written easting first, as QGIS, GDAL and CAD write it.
 */
public record AxisReading(AxisOrder read, AxisOrder crs) {
    /** Adds {@code axis_order} and {@code crs_axis_order} to an answer. */
    public void writeTo(ObjectNode answer) {
        answer.put("axis_order", read.code());
        answer.put("crs_axis_order", crs.code());
    }
}
