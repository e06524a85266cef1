package cn.compoundgis.features;

import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.CrsRegistry;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Params;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The validated query parameters of {@code /collections/{id}/items}. */
public record ItemsRequest(
        int limit,
        long offset,
        Optional<Bbox> bbox,
        Crs crs,
        Optional<TimeRange> datetime,
        Map<Property, List<String>> filters) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    private static final int DATE_ONLY_CHARS = "2024-05-01".length();
    static final Set<String> STANDARD_PARAMETERS = Set.of("limit", "offset", "bbox", "bbox-crs", "crs", "datetime", "f");

    /**
     * A bounding box in the working CRS's terms: corners already in x = easting/longitude order. In a
     * geographic CRS minX &gt; maxX means the box crosses the antimeridian.
     */
    public record Bbox(double minX, double minY, double maxX, double maxY, Crs crs) {
        static final double MAX_LONGITUDE = 180;

        public boolean crossesAntimeridian() {
            return crs.geographic() && minX > maxX;
        }
    }

    /** A datetime instant (start == end) or interval, either end open when empty. */
    public record TimeRange(Optional<OffsetDateTime> start, Optional<OffsetDateTime> end) {
    }

    public static ItemsRequest parse(FeatureCollection collection, CrsRegistry crsRegistry, Map<String, List<String>> query) {
        for (String name : query.keySet()) {
            if (!STANDARD_PARAMETERS.contains(name) && collection.property(name).filter(Property::filterable).isEmpty()) {
                throw ApiError.badParameter("unknown parameter '" + name + "' for collection " + collection.id()
                        + "; it takes " + STANDARD_PARAMETERS + " and the property filters "
                        + collection.properties().stream().filter(Property::filterable).map(Property::name).toList());
            }
        }
        int limit = parseLimit(single(query, "limit"));
        long offset = parseOffset(single(query, "offset"));
        Crs crs = single(query, "crs").map(v -> crsRegistry.parse("crs", v)).orElse(Crs.CRS84);
        Crs bboxCrs = single(query, "bbox-crs").map(v -> crsRegistry.parse("bbox-crs", v)).orElse(Crs.CRS84);
        Optional<Bbox> bbox = single(query, "bbox").map(v -> parseBbox(v, bboxCrs));
        Optional<TimeRange> datetime = single(query, "datetime").map(ItemsRequest::parseDatetime);
        Map<Property, List<String>> filters = new LinkedHashMap<>();
        for (Property p : collection.properties()) {
            single(query, p.name()).ifPresent(v -> filters.put(p, parseFilterValues(p, v)));
        }
        String format = single(query, "f").orElse("json");
        if (!format.equals("json") && !format.equals("geojson")) {
            throw ApiError.badParameter("f=" + format + " is not offered for items; use f=json");
        }
        return new ItemsRequest(limit, offset, bbox, crs, datetime, filters);
    }

    static Optional<String> single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw ApiError.badParameter("parameter '" + name + "' is given " + values.size() + " times; give it once");
        }
        return Optional.of(values.get(0));
    }

    private static int parseLimit(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        long limit = parseWhole("limit", value.get());
        if (limit < 1) {
            throw ApiError.badParameter("limit=" + value.get() + " must be at least 1 (default "
                    + DEFAULT_LIMIT + ", maximum " + MAX_LIMIT + ")");
        }
        // OGC API - Features lets a server answer fewer than asked: larger limits are served as the maximum.
        return (int) Math.min(limit, MAX_LIMIT);
    }

    private static long parseOffset(Optional<String> value) {
        if (value.isEmpty()) {
            return 0;
        }
        long offset = parseWhole("offset", value.get());
        if (offset < 0) {
            throw ApiError.badParameter("offset=" + value.get() + " must not be negative");
        }
        return offset;
    }

    private static long parseWhole(String name, String value) {
        return Params.whole(name, value);
    }

    /**
     * Four numbers (or six with heights, which are ignored) in the axis order of {@code crs}: for CRS84
     * lon,lat; for EPSG:4326 and EPSG:4490 lat,lon; for the CGCS2000 Gauss-Kruger systems northing,easting.
     */
    static Bbox parseBbox(String value, Crs crs) {
        String[] parts = value.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw ApiError.badParameter("bbox=" + value + " must have 4 numbers (or 6 with heights), it has " + parts.length);
        }
        double[] n = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            n[i] = Params.decimal("bbox", parts[i]);
            if (!Double.isFinite(n[i])) {
                throw ApiError.badParameter("bbox=" + value + ": '" + parts[i] + "' is not a finite number");
            }
        }
        return BboxCorners.read(value, n, crs);
    }

    static TimeRange parseDatetime(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length == 1) {
            OffsetDateTime t = parseInstant(value, value);
            return new TimeRange(Optional.of(t), Optional.of(t));
        }
        if (parts.length != 2) {
            throw ApiError.badParameter("datetime=" + value + " must be an instant or an interval start/end");
        }
        Optional<OffsetDateTime> start = openOrInstant(parts[0], value);
        Optional<OffsetDateTime> end = openOrInstant(parts[1], value);
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw ApiError.badParameter("datetime=" + value + ": the interval ends before it starts");
        }
        return new TimeRange(start, end);
    }

    private static Optional<OffsetDateTime> openOrInstant(String part, String whole) {
        return part.isEmpty() || part.equals("..") ? Optional.empty() : Optional.of(parseInstant(part, whole));
    }

    private static OffsetDateTime parseInstant(String text, String whole) {
        return text.trim().length() > DATE_ONLY_CHARS ? Params.dateTime("datetime", text)
                : Params.date("datetime", text).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static List<String> parseFilterValues(Property p, String value) {
        List<String> values = new ArrayList<>();
        for (String v : value.split(",")) {
            String trimmed = v.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            checkType(p, trimmed);
            values.add(trimmed);
        }
        if (values.isEmpty()) {
            throw ApiError.badParameter(p.name() + "= needs a value (several may be separated by commas)");
        }
        return values;
    }

    private static void checkType(Property p, String value) {
        try {
            switch (p.type()) {
                case "integer" -> Params.whole(p.name(), value);
                case "number" -> Params.decimal(p.name(), value);
                case "boolean" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new IllegalArgumentException();
                    }
                }
                default -> {
                    if ("date".equals(p.format())) {
                        Params.date(p.name(), value);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw ApiError.badParameter(p.name() + "=" + value + " is not a valid " + (p.format() != null ? p.format() : p.type()));
        }
    }
}
