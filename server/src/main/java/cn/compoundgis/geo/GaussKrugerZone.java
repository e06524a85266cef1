package cn.compoundgis.geo;

/**
 * A CGCS2000 Gauss-Kruger system of the EPSG registry (EPSG:4491–4554, standards.md §3): 6-degree zones 13–23
 * with zone prefix (4491–4501) and without (4502–4512), 3-degree zones 25–45 with prefix (4513–4533) and
 * without (4534–4554). Central meridians run from 75°E; a prefixed false easting is zone·1 000 000 + 500 000.
 */
record GaussKrugerZone(double centralMeridian, int widthDegrees, double falseEasting) {
    private static final double FIRST_CENTRAL_MERIDIAN = 75;
    private static final double FALSE_EASTING = 500_000;
    private static final double ZONE_PREFIX = 1_000_000;

    /** The zone of a code, or null when the code is not a CGCS2000 Gauss-Kruger system. */
    static GaussKrugerZone of(int epsg) {
        if (epsg >= 4491 && epsg <= 4501) {
            return prefixed(6, 13 + epsg - 4491);
        }
        if (epsg >= 4502 && epsg <= 4512) {
            return new GaussKrugerZone(FIRST_CENTRAL_MERIDIAN + 6.0 * (epsg - 4502), 6, FALSE_EASTING);
        }
        if (epsg >= 4513 && epsg <= 4533) {
            return prefixed(3, 25 + epsg - 4513);
        }
        if (epsg >= 4534 && epsg <= 4554) {
            return new GaussKrugerZone(FIRST_CENTRAL_MERIDIAN + 3.0 * (epsg - 4534), 3, FALSE_EASTING);
        }
        return null;
    }

    private static GaussKrugerZone prefixed(int width, int zone) {
        double centralMeridian = width == 3 ? 3.0 * zone : 6.0 * zone - 3;
        return new GaussKrugerZone(centralMeridian, width, zone * ZONE_PREFIX + FALSE_EASTING);
    }
}
