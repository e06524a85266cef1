package cn.compoundgis.geo;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The four families of CGCS2000 Gauss-Kruger systems in the EPSG registry. Every one is a transverse Mercator
 * on the CGCS2000 ellipsoid with scale factor 1, latitude of origin 0 and false northing 0; the zones start at
 * central meridian 75°E and run east to 135°E.
 *
 * <ul>
 *   <li>EPSG:4513–4533 "CGCS2000 / 3-degree Gauss-Kruger zone 25…45": false easting = zone·1 000 000 + 500 000,
 *       central meridian = 3·zone.</li>
 *   <li>EPSG:4534–4554 "CGCS2000 / 3-degree Gauss-Kruger CM 75E…135E": false easting 500 000.</li>
 *   <li>EPSG:4491–4501 "CGCS2000 / Gauss-Kruger zone 13…23" (6°): false easting = zone·1 000 000 + 500 000,
 *       central meridian = 6·zone − 3.</li>
 *   <li>EPSG:4502–4512 "CGCS2000 / Gauss-Kruger CM 75E…135E" (6°): false easting 500 000.</li>
 * </ul>
 * (EPSG Geodetic Parameter Dataset; the same ranges are in the project's domain notes, standards.md §3.)
 */
public enum GaussKrugerFamily {
    CGCS2000_3_DEGREE_ZONE_PREFIXED(4513, 3, 25, 21, true),
    CGCS2000_3_DEGREE_CM(4534, 3, 25, 21, false),
    CGCS2000_6_DEGREE_ZONE_PREFIXED(4491, 6, 13, 11, true),
    CGCS2000_6_DEGREE_CM(4502, 6, 13, 11, false);

    /** Central meridian of the first zone of every family (zone 25 at 3°, zone 13 at 6°). */
    public static final double FIRST_CENTRAL_MERIDIAN = 75;
    /** False easting of a system without zone prefix; a prefixed system adds zone·{@link #ZONE_PREFIX_UNIT}. */
    public static final double FALSE_EASTING_WITHOUT_PREFIX = 500_000;
    public static final double ZONE_PREFIX_UNIT = 1_000_000;
    public static final double SCALE_FACTOR = 1.0;
    /** Central meridians read from .prj files carry at most a dozen significant digits. */
    private static final double WHOLE_TOLERANCE = 1e-9;

    private final int firstEpsg;
    private final int widthDegrees;
    private final int firstZone;
    private final int zoneCount;
    private final boolean zonePrefixed;

    GaussKrugerFamily(int firstEpsg, int widthDegrees, int firstZone, int zoneCount, boolean zonePrefixed) {
        this.firstEpsg = firstEpsg;
        this.widthDegrees = widthDegrees;
        this.firstZone = firstZone;
        this.zoneCount = zoneCount;
        this.zonePrefixed = zonePrefixed;
    }

    public int widthDegrees() {
        return widthDegrees;
    }

    public boolean zonePrefixed() {
        return zonePrefixed;
    }

    public static GaussKrugerFamily of(int widthDegrees, boolean zonePrefixed) {
        return Arrays.stream(values())
                .filter(f -> f.widthDegrees == widthDegrees && f.zonePrefixed == zonePrefixed)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + widthDegrees + "° Gauss-Kruger family"));
    }

    /** The family an EPSG code belongs to, if any. */
    public static Optional<GaussKrugerFamily> ofEpsg(int epsg) {
        return Arrays.stream(values()).filter(f -> f.contains(epsg)).findFirst();
    }

    public boolean contains(int epsg) {
        return epsg >= firstEpsg && epsg < firstEpsg + zoneCount;
    }

    /** The zone number (3° zones 25–45, 6° zones 13–23) whose central meridian this is, if it is one. */
    public OptionalInt zoneOfCentralMeridian(double centralMeridian) {
        double steps = (centralMeridian - FIRST_CENTRAL_MERIDIAN) / widthDegrees;
        if (Math.abs(steps - Math.rint(steps)) > WHOLE_TOLERANCE || steps < 0 || steps >= zoneCount) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(firstZone + (int) Math.round(steps));
    }

    public boolean hasZone(int zone) {
        return zone >= firstZone && zone < firstZone + zoneCount;
    }

    public double centralMeridianOfZone(int zone) {
        return FIRST_CENTRAL_MERIDIAN + (double) (zone - firstZone) * widthDegrees;
    }

    public int epsgOfZone(int zone) {
        if (!hasZone(zone)) {
            throw new IllegalArgumentException("zone " + zone + " is not a " + widthDegrees + "° zone");
        }
        return firstEpsg + zone - firstZone;
    }

    public OptionalInt epsgOfCentralMeridian(double centralMeridian) {
        OptionalInt zone = zoneOfCentralMeridian(centralMeridian);
        return zone.isPresent() ? OptionalInt.of(epsgOfZone(zone.getAsInt())) : OptionalInt.empty();
    }

    public int zoneOfEpsg(int epsg) {
        if (!contains(epsg)) {
            throw new IllegalArgumentException("EPSG:" + epsg + " is not in " + this);
        }
        return firstZone + epsg - firstEpsg;
    }

    public double falseEastingOfZone(int zone) {
        return zonePrefixed ? zone * ZONE_PREFIX_UNIT + FALSE_EASTING_WITHOUT_PREFIX : FALSE_EASTING_WITHOUT_PREFIX;
    }

    /** The EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 117E" or "CGCS2000 / Gauss-Kruger zone 19". */
    public String epsgName(int epsg) {
        int zone = zoneOfEpsg(epsg);
        String width = widthDegrees == 3 ? "3-degree " : "";
        String which = zonePrefixed ? "zone " + zone : "CM " + Math.round(centralMeridianOfZone(zone)) + "E";
        return "CGCS2000 / " + width + "Gauss-Kruger " + which;
    }
}
