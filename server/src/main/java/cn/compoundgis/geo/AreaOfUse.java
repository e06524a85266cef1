package cn.compoundgis.geo;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Where positions of a CRS may lie, checked in Java before any geometry reaches PostGIS. Positions are given
 * easting (longitude) first. Geographic CRSs: longitude within ±180, latitude within ±90. Web Mercator: within
 * its square. CGCS2000 Gauss-Kruger (EPSG:4491–4554): the zone's longitudes (central meridian ± 1.5° or ± 3°) and
 * China's latitudes, with a margin (posted-geometry.json); there northing and easting cannot be confused, so the
 * axis order a body was written in can be told from its numbers. Any other projected CRS: a bound on magnitude.
 * One instance serves one request (proj4j transforms are not thread-safe).
 */
public abstract sealed class AreaOfUse {
    /** Outside the Web Mercator square (EPSG:3857) nothing is on Earth. */
    private static final double WEB_MERCATOR_HALF_M = 20_037_508.342789244;
    private static final double MAX_LONGITUDE = 180;
    private static final double MAX_LATITUDE = 90;
    private static final int WEB_MERCATOR = 3857;

    final PostedCrs crs;

    private AreaOfUse(PostedCrs crs) {
        this.crs = crs;
    }

    public static AreaOfUse of(PostedCrs crs, GeometryLimits limits) {
        if (crs.geographic()) {
            return new Geographic(crs);
        }
        if (crs.srid() == WEB_MERCATOR) {
            return new Bounded(crs, WEB_MERCATOR_HALF_M, "the Web Mercator square (±20 037 508 m)");
        }
        GaussKrugerZone zone = GaussKrugerZone.of(crs.srid());
        if (zone != null) {
            return new GaussKruger(crs, zone, limits);
        }
        return new Bounded(crs, limits.projectedMaxAbsM(), String.format(Locale.ROOT, "±%.0f m", limits.projectedMaxAbsM()));
    }

    /**
     * The longitude/latitude box {west, south, east, north} of a Gauss-Kruger system's zone (China's latitudes), where
     * a map of an empty database can start; empty for any other CRS.
     */
    public static java.util.Optional<double[]> lonLatBox(int srid, GeometryLimits limits) {
        GaussKrugerZone zone = GaussKrugerZone.of(srid);
        if (zone == null) {
            return java.util.Optional.empty();
        }
        double half = zone.widthDegrees() / 2.0;
        return java.util.Optional.of(new double[]{zone.centralMeridian() - half, limits.gaussKrugerSouth(),
                zone.centralMeridian() + half, limits.gaussKrugerNorth()});
    }

    /**
     * The longitude/latitude box {west, south, east, north} of a Gauss-Kruger system's zone with the margin its
     * positions are accepted in, so the box outside which no stored feature can lie; empty for any other CRS.
     */
    public static java.util.Optional<double[]> acceptedLonLatBox(int srid, GeometryLimits limits) {
        return lonLatBox(srid, limits).map(b -> new double[]{b[0] - limits.marginDegrees(),
                b[1] - limits.marginDegrees(), b[2] + limits.marginDegrees(), b[3] + limits.marginDegrees()});
    }

    /** True when the numbers alone tell which axis comes first: only the Gauss-Kruger systems override this. */
    boolean tellsAxisOrder() {
        return false;
    }

    /** True when the position (easting or longitude first) lies in the area of use. */
    abstract boolean contains(double easting, double northing);

    /** Why a position written as {@code (first, second)} (read in {@code order}) is refused. */
    abstract String outside(String where, double first, double second, AxisOrder order);

    static String position(double first, double second) {
        return "(" + number(first) + ", " + number(second) + ")";
    }

    static String number(double v) {
        if (Math.abs(v) >= 1e12 || v != 0 && Math.abs(v) < 1e-6) {
            return Double.toString(v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static double east(double first, double second, AxisOrder order) {
        return order.northFirst() ? second : first;
    }

    static double north(double first, double second, AxisOrder order) {
        return order.northFirst() ? first : second;
    }

    private static final class Geographic extends AreaOfUse {
        Geographic(PostedCrs crs) {
            super(crs);
        }

        @Override
        boolean contains(double lon, double lat) {
            return Math.abs(lon) <= MAX_LONGITUDE && Math.abs(lat) <= MAX_LATITUDE;
        }

        @Override
        String outside(String where, double first, double second, AxisOrder order) {
            double lon = east(first, second, order);
            double lat = north(first, second, order);
            String written = order.northFirst() ? "latitude first ([lat, lon]); for [lon, lat] use crs=CRS84 (the default)"
                    : "longitude first ([lon, lat]); for [lat, lon] use crs=EPSG:4326";
            String which = Math.abs(lat) > MAX_LATITUDE ? "latitude " + number(lat) + " is beyond ±90"
                    : "longitude " + number(lon) + " is beyond ±180";
            return where + " " + position(first, second) + " is not a longitude/latitude in " + crs.name() + ": " + which
                    + "; " + crs.name() + " is written " + written + "; for projected coordinates name the CRS with"
                    + " ?crs=EPSG:nnnn";
        }
    }

    private static final class Bounded extends AreaOfUse {
        private final double maxAbs;
        private final String described;

        Bounded(PostedCrs crs, double maxAbs, String described) {
            super(crs);
            this.maxAbs = maxAbs;
            this.described = described;
        }

        @Override
        boolean contains(double easting, double northing) {
            return Math.abs(easting) <= maxAbs && Math.abs(northing) <= maxAbs;
        }

        @Override
        String outside(String where, double first, double second, AxisOrder order) {
            return where + " " + position(first, second) + " lies outside the area of use of " + crs.name() + " ("
                    + described + ")";
        }
    }

    /**
     * A CGCS2000 Gauss-Kruger zone. A position is first held against the zone's band of northings and eastings
     * (so that no absurd number reaches the projection), then projected to longitude and latitude and held
     * against the zone's longitudes and China's latitudes, each widened by the margin.
     */
    private static final class GaussKruger extends AreaOfUse {
        private static final CRSFactory CRS_FACTORY = new CRSFactory();
        private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
        private static final Map<Integer, CoordinateReferenceSystem> CRS_CACHE = new ConcurrentHashMap<>();

        /** Beyond the band, positions this near are still projected to say roughly where they lie. */
        private static final double FAR_EASTING_OFFSET_M = 3_000_000;
        private static final double FAR_NORTHING_M = 9_000_000;

        private final GaussKrugerZone zone;
        private final double west;
        private final double east;
        private final double south;
        private final double north;
        private final double nominalSouth;
        private final double nominalNorth;
        private final double minNorthing;
        private final double maxNorthing;
        private final double maxEastingOffset;
        private final CoordinateTransform toGeographic;
        private final ProjCoordinate in = new ProjCoordinate();
        private final ProjCoordinate out = new ProjCoordinate();

        GaussKruger(PostedCrs crs, GaussKrugerZone zone, GeometryLimits limits) {
            super(crs);
            this.zone = zone;
            double[] accepted = acceptedLonLatBox(crs.srid(), limits).orElseThrow();
            west = accepted[0];
            south = accepted[1];
            east = accepted[2];
            north = accepted[3];
            nominalSouth = limits.gaussKrugerSouth();
            nominalNorth = limits.gaussKrugerNorth();
            CoordinateReferenceSystem projected = crs(crs.srid());
            CoordinateReferenceSystem geographic = crs(PostedCrs.CGCS2000);
            toGeographic = TRANSFORMS.createTransform(projected, geographic);
            CoordinateTransform toProjected = TRANSFORMS.createTransform(geographic, projected);
            minNorthing = project(toProjected, zone.centralMeridian(), south).y;
            maxNorthing = project(toProjected, east, north).y;
            maxEastingOffset = project(toProjected, east, south).x - zone.falseEasting();
        }

        private static CoordinateReferenceSystem crs(int epsg) {
            return CRS_CACHE.computeIfAbsent(epsg, code -> CRS_FACTORY.createFromName("EPSG:" + code));
        }

        private static ProjCoordinate project(CoordinateTransform t, double x, double y) {
            ProjCoordinate result = new ProjCoordinate();
            t.transform(new ProjCoordinate(x, y), result);
            return result;
        }

        @Override
        boolean tellsAxisOrder() {
            return true;
        }

        private boolean inBand(double easting, double northing) {
            return northing >= minNorthing && northing <= maxNorthing
                    && Math.abs(easting - zone.falseEasting()) <= maxEastingOffset;
        }

        /** Longitude and latitude of a position inside the band. */
        private ProjCoordinate lonLat(double easting, double northing) {
            in.x = easting;
            in.y = northing;
            toGeographic.transform(in, out);
            return out;
        }

        /** Where a position beyond the band lies, when the projection still says something sensible there. */
        private ProjCoordinate roughly(double easting, double northing) {
            if (Math.abs(easting - zone.falseEasting()) > FAR_EASTING_OFFSET_M || Math.abs(northing) > FAR_NORTHING_M) {
                return null;
            }
            try {
                ProjCoordinate p = lonLat(easting, northing);
                return Double.isFinite(p.x) && Double.isFinite(p.y) ? p : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        @Override
        boolean contains(double easting, double northing) {
            if (!inBand(easting, northing)) {
                return false;
            }
            ProjCoordinate p = lonLat(easting, northing);
            return p.x >= west && p.x <= east && p.y >= south && p.y <= north;
        }

        private String landed(String where, double first, double second, AxisOrder o, ProjCoordinate p, String about,
                              String area) {
            return String.format(Locale.ROOT, "%s %s in %s, read %s, is at %slon %.1f, lat %.1f, outside %s", where,
                    position(first, second), crs.name(), o.code().replace("_", ", "), about, p.x, p.y, area);
        }

        @Override
        String outside(String where, double first, double second, AxisOrder order) {
            String area = String.format(Locale.ROOT, "the area of use of %s (lon %s–%s, lat %s–%s, with a margin of %s°)",
                    crs.name(), number(zone.centralMeridian() - zone.widthDegrees() / 2.0),
                    number(zone.centralMeridian() + zone.widthDegrees() / 2.0), number(nominalSouth), number(nominalNorth),
                    number(east - zone.centralMeridian() - zone.widthDegrees() / 2.0));
            AxisOrder[] orders = {order, order.swapped()};
            for (AxisOrder o : orders) {
                double e = east(first, second, o);
                double n = north(first, second, o);
                if (inBand(e, n)) {
                    return landed(where, first, second, o, lonLat(e, n), "", area);
                }
            }
            for (AxisOrder o : orders) {
                double e = east(first, second, o);
                double n = north(first, second, o);
                ProjCoordinate p = roughly(e, n);
                if (p != null) {
                    return landed(where, first, second, o, p, "about ", area);
                }
            }
            return String.format(Locale.ROOT, "%s %s is not a position in %s in either axis order: northings there run"
                            + " %s–%s m and eastings %s–%s m; it lies outside %s", where, position(first, second), crs.name(),
                    number(Math.round(minNorthing)), number(Math.round(maxNorthing)),
                    number(Math.round(zone.falseEasting() - maxEastingOffset)),
                    number(Math.round(zone.falseEasting() + maxEastingOffset)), area);
        }
    }
}
