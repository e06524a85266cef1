package cn.compoundgis.geo;

/** One CGCS2000 Gauss-Kruger zone of the EPSG registry ({@link GaussKrugerFamily}): its central meridian, width and false easting. */
record GaussKrugerZone(double centralMeridian, int widthDegrees, double falseEasting) {

    /** The zone of a code, or null when the code is not a CGCS2000 Gauss-Kruger system. */
    static GaussKrugerZone of(int epsg) {
        return GaussKrugerFamily.ofEpsg(epsg).map(family -> {
            int zone = family.zoneOfEpsg(epsg);
            return new GaussKrugerZone(family.centralMeridianOfZone(zone), family.widthDegrees(), family.falseEastingOfZone(zone));
        }).orElse(null);
    }
}
