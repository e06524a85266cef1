package cn.compoundgis.survey.crs;

import cn.compoundgis.geo.GaussKrugerFamily;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The EPSG codes a survey upload may be in: CGCS2000 geographic and Gauss-Kruger (every family of
 * {@link GaussKrugerFamily}), WGS 84 geographic and WGS 84 / UTM. Codes from the EPSG Geodetic Parameter
 * Dataset: EPSG:4490 China Geodetic Coordinate System 2000, EPSG:4326 WGS 84, EPSG:32601–32660
 * WGS 84 / UTM zone 1N–60N, EPSG:32701–32760 zone 1S–60S.
 */
public final class SupportedCrs {
    public static final int CGCS2000_GEOGRAPHIC = 4490;
    public static final int WGS84_GEOGRAPHIC = 4326;

    private static final int UTM_NORTH_BASE = 32600;
    private static final int UTM_SOUTH_BASE = 32700;
    private static final int UTM_ZONE_COUNT = 60;
    public static final int UTM_WIDTH_DEGREES = 6;
    /** UTM zone n has its central meridian at 6·n − 183 degrees. */
    private static final double UTM_ZONE_1_CENTRAL_MERIDIAN = -177;
    public static final double UTM_SCALE_FACTOR = 0.9996;
    public static final double UTM_FALSE_EASTING = 500_000;
    public static final double UTM_SOUTH_FALSE_NORTHING = 10_000_000;

    private SupportedCrs() {
    }

    public static boolean isSupported(int epsg) {
        return isGeographic(epsg) || zone(epsg).isPresent();
    }

    public static boolean isGeographic(int epsg) {
        return epsg == CGCS2000_GEOGRAPHIC || epsg == WGS84_GEOGRAPHIC;
    }

    /** The geographic CRS a supported code is based on: CGCS2000 for the Gauss-Kruger systems, else WGS 84. */
    public static int geographicBase(int epsg) {
        return epsg == CGCS2000_GEOGRAPHIC || GaussKrugerFamily.ofEpsg(epsg).isPresent()
                ? CGCS2000_GEOGRAPHIC : WGS84_GEOGRAPHIC;
    }

    /** A readable name: the EPSG name of the code, or "EPSG:n" when it is not supported. */
    public static String name(int epsg) {
        if (epsg == CGCS2000_GEOGRAPHIC) {
            return "China Geodetic Coordinate System 2000";
        }
        if (epsg == WGS84_GEOGRAPHIC) {
            return "WGS 84";
        }
        return zone(epsg).map(TransverseMercatorZone::name).orElse("EPSG:" + epsg);
    }

    /** The transverse Mercator zone of a supported projected code. */
    public static Optional<TransverseMercatorZone> zone(int epsg) {
        Optional<GaussKrugerFamily> family = GaussKrugerFamily.ofEpsg(epsg);
        if (family.isPresent()) {
            return Optional.of(gaussKrugerZone(family.get(), epsg));
        }
        return utmZone(epsg);
    }

    private static TransverseMercatorZone gaussKrugerZone(GaussKrugerFamily family, int epsg) {
        int zone = family.zoneOfEpsg(epsg);
        return new TransverseMercatorZone(epsg, family.epsgName(epsg), family.centralMeridianOfZone(zone),
                family.widthDegrees(), family.falseEastingOfZone(zone), 0, GaussKrugerFamily.SCALE_FACTOR);
    }

    private static Optional<TransverseMercatorZone> utmZone(int epsg) {
        boolean north = epsg > UTM_NORTH_BASE && epsg <= UTM_NORTH_BASE + UTM_ZONE_COUNT;
        boolean south = epsg > UTM_SOUTH_BASE && epsg <= UTM_SOUTH_BASE + UTM_ZONE_COUNT;
        if (!north && !south) {
            return Optional.empty();
        }
        int zone = epsg - (north ? UTM_NORTH_BASE : UTM_SOUTH_BASE);
        String name = "WGS 84 / UTM zone " + zone + (north ? "N" : "S");
        return Optional.of(new TransverseMercatorZone(epsg, name, utmCentralMeridian(zone), UTM_WIDTH_DEGREES,
                UTM_FALSE_EASTING, north ? 0 : UTM_SOUTH_FALSE_NORTHING, UTM_SCALE_FACTOR));
    }

    public static double utmCentralMeridian(int zone) {
        return UTM_ZONE_1_CENTRAL_MERIDIAN + (double) (zone - 1) * UTM_WIDTH_DEGREES;
    }

    /** The UTM zone (1–60) whose central meridian this is, if it is one. */
    public static OptionalInt utmZoneOfCentralMeridian(double centralMeridian) {
        double steps = (centralMeridian - UTM_ZONE_1_CENTRAL_MERIDIAN) / UTM_WIDTH_DEGREES;
        if (!Numbers.isWhole(steps) || steps < 0 || steps >= UTM_ZONE_COUNT) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(1 + (int) Math.round(steps));
    }

    public static int utmEpsg(int zone, boolean south) {
        if (zone < 1 || zone > UTM_ZONE_COUNT) {
            throw new IllegalArgumentException("UTM zone " + zone + " does not exist");
        }
        return (south ? UTM_SOUTH_BASE : UTM_NORTH_BASE) + zone;
    }
}
