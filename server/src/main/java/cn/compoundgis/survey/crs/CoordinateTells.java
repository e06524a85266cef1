package cn.compoundgis.survey.crs;

import cn.compoundgis.geo.GaussKrugerFamily;
import cn.compoundgis.survey.crs.CoordinateTell.Kind;
import cn.compoundgis.survey.crs.CoordinateTell.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * What the numbers alone say about a layer's CRS (standards.md §3), from its envelope as stored: easting
 * first (shapefile X = easting, Y = northing; survey attribute columns are the other way round).
 *
 * <ul>
 *   <li>{@link #check}: do the coordinates fit the claimed CRS? A few points of the envelope are inverted to
 *       longitude/latitude with proj4j and must fall in China and within the zone's longitudes ± a margin;
 *       and do X and Y look swapped?</li>
 *   <li>{@link #suggest}: with no CRS known, which one do the numbers point to?</li>
 * </ul>
 */
public final class CoordinateTells {
    /** China's extent, generously: 73–136°E, 3–54°N. */
    static final double CHINA_WEST = 73;
    static final double CHINA_EAST = 136;
    static final double CHINA_SOUTH = 3;
    static final double CHINA_NORTH = 54;
    /**
     * How far outside its zone a survey may lie and still be plausible: a city that straddles a zone boundary is
     * often surveyed entirely in one zone, and a city is about half a degree across.
     */
    static final double ZONE_MARGIN_DEGREES = 0.5;
    /**
     * Gauss-Kruger / UTM northings in China: 1.9 million (≈ 17°N, south of Sanya) to 6 million (≈ 54°N, Mohe).
     * standards.md quotes 3.3–4.5 million for 30–40°N and the brief 2.5–6 million; Shenzhen (22.5°N ≈ 2.49 M)
     * and Hainan (≈ 2.0 M) lie below 2.5 M, so the lower bound is lower here. No 6-digit or zone-prefixed
     * easting falls in this range, so the wider bound cannot mistake an easting for a northing.
     */
    static final double NORTHING_MIN = 1_900_000;
    static final double NORTHING_MAX = 6_000_000;
    /**
     * Eastings of a zone without prefix, around the false easting 500 000: ±3° (a 6° zone) at 18°N is
     * about ±318 km, so 150 000–850 000 holds any zone in China with the margin.
     */
    static final double CM_FORM_EASTING_MIN = 150_000;
    static final double CM_FORM_EASTING_MAX = 850_000;
    /**
     * How near the compound (km, centre to centre) central-meridian numbers read in its 3° zone must lie to be
     * taken for that zone: a compound is under a kilometre across, while the neighbouring zone would put the same
     * numbers some 280 km away.
     */
    static final double NEAR_COMPOUND_KM = 5;
    private static final double KM_PER_DEGREE = 111.32;
    private static final double ZONE_PREFIX = GaussKrugerFamily.ZONE_PREFIX_UNIT;
    private static final double MAX_LONGITUDE = 180;
    private static final double MAX_LATITUDE = 90;

    private CoordinateTells() {
    }

    /** The tells for a layer, with the claimed EPSG code. */
    public record CoordinateCheck(Integer claimedEpsg, List<CoordinateTell> tells) {
        public CoordinateCheck {
            tells = List.copyOf(tells);
        }

        public boolean has(Kind kind) {
            return tells.stream().anyMatch(t -> t.kind() == kind);
        }

        /** True when the coordinates fit the claimed CRS and nothing looks swapped. */
        public boolean fits() {
            return has(Kind.FITS_CRS_AREA) && !has(Kind.AXES_SWAPPED);
        }

        public boolean axesLookSwapped() {
            return has(Kind.AXES_SWAPPED);
        }

        /** The first EPSG code a tell suggests. */
        public Optional<Integer> suggestedEpsg() {
            return tells.stream().map(CoordinateTell::suggestedEpsg).filter(Objects::nonNull).findFirst();
        }

        public Severity worstSeverity() {
            return tells.stream().map(CoordinateTell::severity).max(Enum::compareTo).orElse(Severity.INFO);
        }
    }

    /** Whether coordinates in {@code envelope} (easting first) fit {@code claimedEpsg}, and whether X/Y look swapped. */
    public static CoordinateCheck check(Envelope envelope, int claimedEpsg) {
        List<CoordinateTell> tells = new ArrayList<>();
        if (envelope == null || envelope.isNull()) {
            tells.add(CoordinateTell.of(Kind.NOT_CHECKABLE, Severity.WARNING, "the layer has no coordinates"));
            return new CoordinateCheck(claimedEpsg, tells);
        }
        if (!SupportedCrs.isSupported(claimedEpsg)) {
            tells.add(CoordinateTell.of(Kind.NOT_CHECKABLE, Severity.WARNING,
                    "EPSG:" + claimedEpsg + " is not a CRS whose area is known here; coordinates not checked"));
            return new CoordinateCheck(claimedEpsg, tells);
        }
        boolean geographic = SupportedCrs.isGeographic(claimedEpsg);
        boolean swapped = geographic ? looksLikeSwappedLonLat(envelope) : looksLikeSwappedProjected(envelope);
        Optional<CoordinateTell> areaProblem = areaProblem(envelope, claimedEpsg);
        if (swapped) {
            tells.add(swappedForClaim(envelope, geographic, claimedEpsg));
        }
        if (areaProblem.isEmpty()) {
            tells.add(CoordinateTell.of(Kind.FITS_CRS_AREA, Severity.INFO, "coordinates " + lonLatRange(envelope,
                    claimedEpsg) + " lie in China" + zoneText(claimedEpsg) + ", as EPSG:" + claimedEpsg + " expects"));
        } else {
            tells.add(areaProblem.get());
            if (!swapped) {
                tells.add(suggestFromShape(envelope, ""));
            }
        }
        return new CoordinateCheck(claimedEpsg, tells);
    }

    /** With no CRS known: which one the numbers point to, if any. */
    public static CoordinateCheck suggest(Envelope envelope) {
        List<CoordinateTell> tells = new ArrayList<>();
        if (envelope == null || envelope.isNull()) {
            tells.add(CoordinateTell.of(Kind.NOT_CHECKABLE, Severity.WARNING, "the layer has no coordinates"));
        } else if (looksLikeSwappedLonLat(envelope) || looksLikeSwappedProjected(envelope)) {
            boolean geographic = looksLikeSwappedLonLat(envelope);
            tells.add(swapped(envelope, geographic));
            tells.add(suggestFromShape(exchanged(envelope), "with X and Y exchanged: "));
        } else {
            tells.add(suggestFromShape(envelope, ""));
        }
        return new CoordinateCheck(null, tells);
    }

    /**
     * Central-meridian numbers (6-digit eastings near 500 000) for a known compound: read in the CGCS2000 3° zone
     * whose central meridian is nearest the compound (EPSG:4534–4554), do they lie at it? Then that is the
     * suggestion; the numbers alone cannot name a zone.
     */
    public static Optional<CoordinateTell> suggestNear(Envelope envelope, String compound, Coordinate compoundLonLat) {
        if (envelope == null || envelope.isNull() || !isNorthingLike(envelope.getMinY(), envelope.getMaxY())
                || !isCentralMeridianEasting(envelope.getMinX(), envelope.getMaxX())) {
            return Optional.empty();
        }
        GaussKrugerFamily family = GaussKrugerFamily.CGCS2000_3_DEGREE_CM;
        double centralMeridian = family.widthDegrees() * Math.rint(compoundLonLat.x / family.widthDegrees());
        OptionalInt epsg = family.epsgOfCentralMeridian(centralMeridian);
        if (epsg.isEmpty()) {
            return Optional.empty();
        }
        Coordinate centre = toLonLat(envelope.centre(), epsg.getAsInt());
        double km = kilometres(centre, compoundLonLat);
        if (!(km <= NEAR_COMPOUND_KM)) {
            return Optional.empty();
        }
        return Optional.of(CoordinateTell.suggesting(Kind.FITS_COMPOUND_ZONE, Severity.INFO, "read in the 3° zone of "
                + compound + " (central meridian " + Numbers.format(centralMeridian) + "°E), EPSG:" + epsg.getAsInt()
                + ", the data lies " + Numbers.format(Math.round(km * 10) / 10.0) + " km from the compound's centre",
                epsg.getAsInt()));
    }

    /** Equirectangular distance: exact enough over a few kilometres. */
    private static double kilometres(Coordinate a, Coordinate b) {
        double dx = (a.x - b.x) * Math.cos(Math.toRadians((a.y + b.y) / 2));
        return Math.hypot(dx, a.y - b.y) * KM_PER_DEGREE;
    }

    // ---- the area check --------------------------------------------------------------------------------------

    private static Optional<CoordinateTell> areaProblem(Envelope envelope, int epsg) {
        List<Coordinate> lonLats = samplePoints(envelope).stream().map(p -> toLonLat(p, epsg)).toList();
        boolean transformable = lonLats.stream().allMatch(c -> Double.isFinite(c.x) && Double.isFinite(c.y));
        if (!transformable || !lonLats.stream().allMatch(CoordinateTells::inChina)) {
            String where = transformable ? "are at " + range(lonLats) : "cannot be transformed";
            return Optional.of(CoordinateTell.of(Kind.OUTSIDE_CHINA, Severity.ERROR, "read as EPSG:" + epsg
                    + ", the coordinates " + envelopeText(envelope) + " " + where
                    + ", outside China (73–136°E, 3–54°N): the CRS is wrong for these numbers"));
        }
        Optional<TransverseMercatorZone> zone = SupportedCrs.zone(epsg);
        if (zone.isPresent() && !lonLats.stream().allMatch(c -> inZone(c, zone.get()))) {
            return Optional.of(CoordinateTell.of(Kind.OUTSIDE_ZONE, Severity.WARNING, "read as EPSG:" + epsg
                    + ", the coordinates lie at " + range(lonLats) + ", outside the zone " + zoneLongitudes(zone.get())
                    + " by more than " + Numbers.format(ZONE_MARGIN_DEGREES) + "°: check the central meridian"));
        }
        return Optional.empty();
    }

    private static List<Coordinate> samplePoints(Envelope e) {
        return List.of(new Coordinate(e.getMinX(), e.getMinY()), new Coordinate(e.getMinX(), e.getMaxY()),
                new Coordinate(e.getMaxX(), e.getMinY()), new Coordinate(e.getMaxX(), e.getMaxY()), e.centre());
    }

    private static Coordinate toLonLat(Coordinate point, int epsg) {
        if (SupportedCrs.isGeographic(epsg)) {
            return point;
        }
        return EpsgTransform.between(epsg, SupportedCrs.geographicBase(epsg)).apply(point.x, point.y);
    }

    private static boolean inChina(Coordinate lonLat) {
        return lonLat.x >= CHINA_WEST && lonLat.x <= CHINA_EAST && lonLat.y >= CHINA_SOUTH && lonLat.y <= CHINA_NORTH;
    }

    private static boolean inZone(Coordinate lonLat, TransverseMercatorZone zone) {
        return lonLat.x >= zone.westLongitude() - ZONE_MARGIN_DEGREES
                && lonLat.x <= zone.eastLongitude() + ZONE_MARGIN_DEGREES;
    }

    // ---- swapped axes ----------------------------------------------------------------------------------------

    /** Northings in the easting slot and 6-digit or zone-prefixed eastings in the northing slot. */
    static boolean looksLikeSwappedProjected(Envelope e) {
        return isNorthingLike(e.getMinX(), e.getMaxX())
                && (isCentralMeridianEasting(e.getMinY(), e.getMaxY()) || zonePrefixOf(e.getMinY(), e.getMaxY()) > 0);
    }

    /** Latitudes of China in the longitude slot and longitudes of China in the latitude slot. */
    static boolean looksLikeSwappedLonLat(Envelope e) {
        return e.getMinX() >= CHINA_SOUTH && e.getMaxX() <= CHINA_NORTH
                && e.getMinY() >= CHINA_WEST && e.getMaxY() <= CHINA_EAST;
    }

    private static CoordinateTell swapped(Envelope e, boolean geographic) {
        String what = geographic
                ? "X holds latitudes (" + span(e.getMinX(), e.getMaxX()) + ") and Y longitudes ("
                        + span(e.getMinY(), e.getMaxY()) + ")"
                : "X holds northing-like values (" + span(e.getMinX(), e.getMaxX()) + ") and Y easting-like values ("
                        + span(e.getMinY(), e.getMaxY()) + ")";
        return CoordinateTell.of(Kind.AXES_SWAPPED, Severity.ERROR, what
                + ": X and Y look swapped (survey X is the northing, but geometry stores the easting first)");
    }

    /** The swap tell, saying whether the claimed CRS fits once X and Y are exchanged, or what else might. */
    private static CoordinateTell swappedForClaim(Envelope envelope, boolean geographic, int claimedEpsg) {
        CoordinateTell swapped = swapped(envelope, geographic);
        Envelope exchanged = exchanged(envelope);
        String afterExchange = areaProblem(exchanged, claimedEpsg).isEmpty()
                ? "exchanged, they lie " + lonLatRange(exchanged, claimedEpsg) + " in China" + zoneText(claimedEpsg)
                        + ", as EPSG:" + claimedEpsg + " expects"
                : suggestFromShape(exchanged, "exchanged, ").message();
        return CoordinateTell.of(Kind.AXES_SWAPPED, Severity.ERROR, swapped.message() + "; " + afterExchange);
    }

    private static Envelope exchanged(Envelope e) {
        return new Envelope(e.getMinY(), e.getMaxY(), e.getMinX(), e.getMaxX());
    }

    // ---- what the numbers look like --------------------------------------------------------------------------

    private static CoordinateTell suggestFromShape(Envelope e, String prefix) {
        if (isLonLatInChina(e)) {
            return CoordinateTell.suggesting(Kind.LOOKS_GEOGRAPHIC, Severity.INFO, prefix
                    + "values within ±180/±90 and in China (" + envelopeText(e) + ") → geographic, EPSG:"
                    + SupportedCrs.CGCS2000_GEOGRAPHIC + " (CGCS2000; WGS 84 EPSG:" + SupportedCrs.WGS84_GEOGRAPHIC
                    + " differs by centimetres)", SupportedCrs.CGCS2000_GEOGRAPHIC);
        }
        if (isNorthingLike(e.getMinY(), e.getMaxY())) {
            int zone = zonePrefixOf(e.getMinX(), e.getMaxX());
            if (zone > 0) {
                return zonePrefixedSuggestion(e, zone, prefix);
            }
            if (isCentralMeridianEasting(e.getMinX(), e.getMaxX())) {
                return CoordinateTell.of(Kind.LOOKS_CENTRAL_MERIDIAN_FORM, Severity.WARNING, prefix
                        + "6-digit eastings near 500000 (" + span(e.getMinX(), e.getMaxX())
                        + ") → a central-meridian form (CGCS2000 3° EPSG:4534–4554, 6° EPSG:4502–4512, or UTM):"
                        + " give the central meridian");
            }
        }
        return CoordinateTell.of(Kind.LOOKS_LOCAL_OR_UNKNOWN, Severity.WARNING, prefix + "the numbers "
                + envelopeText(e) + " match no national CRS: probably a local city grid; register it or give crs");
    }

    private static CoordinateTell zonePrefixedSuggestion(Envelope e, int zone, String prefix) {
        GaussKrugerFamily family = GaussKrugerFamily.CGCS2000_3_DEGREE_ZONE_PREFIXED.hasZone(zone)
                ? GaussKrugerFamily.CGCS2000_3_DEGREE_ZONE_PREFIXED : GaussKrugerFamily.CGCS2000_6_DEGREE_ZONE_PREFIXED;
        int epsg = family.epsgOfZone(zone);
        return CoordinateTell.suggesting(Kind.LOOKS_ZONE_PREFIXED, Severity.INFO, prefix + "8-digit eastings starting "
                + zone + " (" + span(e.getMinX(), e.getMaxX()) + ") → zone-prefixed " + family.widthDegrees()
                + "° zone " + zone + ", EPSG:" + epsg, epsg);
    }

    private static boolean isLonLatInChina(Envelope e) {
        return Math.abs(e.getMinX()) <= MAX_LONGITUDE && Math.abs(e.getMaxX()) <= MAX_LONGITUDE
                && Math.abs(e.getMinY()) <= MAX_LATITUDE && Math.abs(e.getMaxY()) <= MAX_LATITUDE
                && inChina(new Coordinate(e.getMinX(), e.getMinY())) && inChina(new Coordinate(e.getMaxX(), e.getMaxY()));
    }

    static boolean isNorthingLike(double min, double max) {
        return min >= NORTHING_MIN && max <= NORTHING_MAX;
    }

    static boolean isCentralMeridianEasting(double min, double max) {
        return min >= CM_FORM_EASTING_MIN && max <= CM_FORM_EASTING_MAX;
    }

    /**
     * The Gauss-Kruger zone (3° 25–45 or 6° 13–23) both values carry as their leading digits, with a 6-digit
     * easting after it; 0 when they do not.
     */
    static int zonePrefixOf(double min, double max) {
        int zone = (int) Math.floor(min / ZONE_PREFIX);
        if (zone != (int) Math.floor(max / ZONE_PREFIX) || !isGaussKrugerZone(zone)) {
            return 0;
        }
        double base = zone * ZONE_PREFIX;
        return isCentralMeridianEasting(min - base, max - base) ? zone : 0;
    }

    private static boolean isGaussKrugerZone(int zone) {
        return GaussKrugerFamily.CGCS2000_3_DEGREE_ZONE_PREFIXED.hasZone(zone)
                || GaussKrugerFamily.CGCS2000_6_DEGREE_ZONE_PREFIXED.hasZone(zone);
    }

    // ---- text ------------------------------------------------------------------------------------------------

    private static String zoneText(int epsg) {
        return SupportedCrs.zone(epsg).map(z -> " and in the zone " + zoneLongitudes(z)).orElse("");
    }

    private static String zoneLongitudes(TransverseMercatorZone zone) {
        return Numbers.format(zone.westLongitude()) + "–" + Numbers.format(zone.eastLongitude()) + "°E";
    }

    private static String lonLatRange(Envelope envelope, int epsg) {
        return "at " + range(samplePoints(envelope).stream().map(p -> toLonLat(p, epsg)).toList());
    }

    private static String range(List<Coordinate> lonLats) {
        double west = lonLats.stream().mapToDouble(c -> c.x).min().orElse(Double.NaN);
        double east = lonLats.stream().mapToDouble(c -> c.x).max().orElse(Double.NaN);
        double south = lonLats.stream().mapToDouble(c -> c.y).min().orElse(Double.NaN);
        double north = lonLats.stream().mapToDouble(c -> c.y).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.3f–%.3f°E, %.3f–%.3f°N", west, east, south, north);
    }

    private static String envelopeText(Envelope e) {
        return "X " + span(e.getMinX(), e.getMaxX()) + ", Y " + span(e.getMinY(), e.getMaxY());
    }

    private static String span(double min, double max) {
        return plain(min) + "–" + plain(max);
    }

    private static String plain(double value) {
        return Math.abs(value) >= 1000 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.4f", value);
    }
}
