package cn.compoundgis.checks.dig;

import org.locationtech.jts.geom.Geometry;

/**
 * The area to be dug in the working CRS (a trench already grown to its width), with its size and its outline
 * in the answer's CRS.
 */
record DigArea(Geometry geometry, byte[] wkb, double widthM, double heightM, double areaM2, String geoJson) {
}
