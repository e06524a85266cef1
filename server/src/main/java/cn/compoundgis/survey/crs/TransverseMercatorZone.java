package cn.compoundgis.survey.crs;

import cn.compoundgis.geo.GaussKrugerFamily;
/**
 * What a supported projected EPSG code means: a transverse Mercator zone (Gauss-Kruger or UTM), eastings
 * first as stored in shapefiles and PostGIS.
 *
 * @param epsg            the EPSG code
 * @param name            the EPSG name
 * @param centralMeridian degrees east
 * @param widthDegrees    the zone's width in longitude (3 or 6)
 * @param falseEasting    metres, including any zone prefix
 * @param falseNorthing   metres (10 000 000 for southern UTM zones, else 0)
 * @param scaleFactor     on the central meridian (1 for Gauss-Kruger, 0.9996 for UTM)
 */
public record TransverseMercatorZone(int epsg, String name, double centralMeridian, int widthDegrees,
                                     double falseEasting, double falseNorthing, double scaleFactor) {

    public double westLongitude() {
        return centralMeridian - widthDegrees / 2.0;
    }

    public double eastLongitude() {
        return centralMeridian + widthDegrees / 2.0;
    }

    /** True when the false easting carries the zone number in front (8-digit eastings such as 39 500 000). */
    public boolean zonePrefixed() {
        return falseEasting >= GaussKrugerFamily.ZONE_PREFIX_UNIT;
    }
}
