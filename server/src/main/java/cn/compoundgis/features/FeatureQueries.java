package cn.compoundgis.features;

import cn.compoundgis.geo.AreaOfUse;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.GeometryLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every SQL statement of the features API. PostGIS writes each feature's geometry as GeoJSON ({@code ST_AsGeoJSON})
 * and its properties as text; {@link FeatureJson} joins them into Features (no JSON parsed again). Table and column names come from {@link Collections}
 * (never from the request); every value from the request is a bound parameter.
 */
final class FeatureQueries {
    /** ST_AsGeoJSON option 0: no "crs" member inside the geometry (RFC 7946 has none). */
    private static final int GEOJSON_NO_OPTIONS = 0;

    /** The column in which PostgreSQL keeps a current version's CRS84 GeoJSON (V35 migration). */
    static final String STORED_CRS84_GEOJSON = "geojson_crs84";

    /** The column of a bbox page that holds the number of matching features. */
    static final String MATCHED = "number_matched";

    /**
     * The longest edge of a bbox projected as a straight line: 0.01° (about 1 km) leaves a parallel off by under
     * a centimetre in a Gauss-Kruger zone; a projected box's edges in metres likewise.
     */
    private static final double EDGE_STEP_DEGREES = 0.01;
    private static final double EDGE_STEP_METRES = 1000;

    private final int storageSrid;
    private final Optional<double[]> storageLonLat;

    FeatureQueries(int storageSrid) {
        this.storageSrid = storageSrid;
        this.storageLonLat = AreaOfUse.acceptedLonLatBox(storageSrid, GeometryLimits.DEFAULTS);
    }

    /**
     * A WHERE clause and its parameters, in order; spatial when it holds a bbox. A {@code List<String>} parameter is
     * a text array, cast in the SQL to the column's type.
     */
    record Where(String sql, List<Object> parameters, boolean spatial) {
    }

    /**
     * The page of features, a row per feature: its id and GeoJSON geometry (text), then each property as text, in
     * the collection's order; {@link FeatureJson} writes them as a Feature. Its parameters: the filter's, then the
     * page's ({@link #pageParameters}). Without a bbox the page is the features in id order. With one, PostgreSQL
     * first finds the matching rows by the spatial index (otherwise the planner may walk the primary key in id order
     * and filter by the box, reading the city's pipes to find a view's few thousand: pipe ids follow survey order,
     * not place) and, in the same pass, counts them (numberMatched, column {@value #MATCHED} of every row, so that
     * no second statement counts them) and lists their row addresses ({@code ctid}) in id order. The page is that
     * list's {@code limit} addresses after {@code offset}, so that pages follow each other in id order as without
     * a bbox; its rows are then read by their addresses in one scan, in the order the table stores them, and sent
     * as PostgreSQL reads them: within a bbox page the features are in no particular order. Read one address at a
     * time in id order instead, each lookup restarted a scan of the table (a system call apiece to size it) and
     * jumped between its pages; ordered after reading, the page waited for its last row; a list of the matches
     * kept, then sorted and counted apart, read them twice (BENCHMARKS.md, items: a 10 000-feature page of a
     * 1 km2 view of the 1 M-pipe city, ninth session). The addresses are taken and followed in the one statement,
     * under one snapshot, so they name the very versions that matched; a primary-key lookup would read four pages
     * a feature instead of one.
     */
    String features(FeatureCollection c, Crs crs, Where where, Transfer transfer) {
        String columns = "SELECT f.id::text, " + geoJson(c, crs) + ", " + propertyList(c, transfer);
        String survey = " LEFT JOIN survey s ON s.id = f.survey_id";
        if (!where.spatial()) {
            return columns + " FROM " + c.table() + " f" + survey + " WHERE " + where.sql() + " ORDER BY f.id LIMIT ? OFFSET ?";
        }
        return "WITH matched AS MATERIALIZED (SELECT count(*) AS n, array_agg(f.ctid ORDER BY f.id) AS addresses FROM "
                + c.table() + " f" + survey + " WHERE " + where.sql() + "), "
                + "page AS MATERIALIZED (SELECT n, addresses[skip + 1 : skip + take] AS addresses"
                + " FROM matched, (SELECT ?::int AS take, ?::int AS skip) bounds) "
                + columns + ", (SELECT n FROM page) AS " + MATCHED + " FROM " + c.table() + " f" + survey
                + " WHERE f.ctid = ANY((SELECT addresses FROM page)::tid[])";
    }

    /**
     * The parameters of {@link #features}: the filter's, then the page's limit and offset. A bbox page takes its
     * addresses from an array, whose subscripts are integers: an offset past any array is cut to one (the page is
     * empty either way).
     */
    List<Object> pageParameters(Where where, int limit, long offset) {
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.add(limit);
        parameters.add(where.spatial() ? (int) Math.min(offset, Integer.MAX_VALUE - (long) limit) : offset);
        return parameters;
    }

    /**
     * The feature's geometry as GeoJSON text in {@code crs}: for CRS84 the copy kept in the row where the table keeps
     * one (current versions; V35 writes it with this very expression), else written from the geometry.
     */
    private String geoJson(FeatureCollection c, Crs crs) {
        String written = "ST_AsGeoJSON(" + crs.geometryExpression("f.geom", storageSrid) + ", " + crs.decimals() + ", "
                + GEOJSON_NO_OPTIONS + ")";
        return c.storesCrs84GeoJson() && crs.equals(Crs.CRS84)
                ? "coalesce(f." + STORED_CRS84_GEOJSON + ", " + written + ")"
                : written;
    }

    String count(FeatureCollection c, Where where) {
        // The same join as features(): property filters such as surveyed_on read the survey.
        return "SELECT count(*) FROM " + c.table() + " f LEFT JOIN survey s ON s.id = f.survey_id WHERE " + where.sql();
    }

    /**
     * The CRS84 bounding box of the features, or nulls when there are none. PostGIS's estimate from the table
     * statistics answers in milliseconds on a city; a table not analysed yet is measured exactly.
     */
    String extent(FeatureCollection c) {
        return "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Transform(ST_SetSRID(coalesce("
                + "ST_EstimatedExtent('public', '" + c.table() + "', 'geom'), "
                + "(SELECT ST_Extent(geom) FROM " + c.table() + " WHERE valid_to IS NULL))::geometry, "
                + storageSrid + "), 4326) AS e) x";
    }

    /**
     * When the kept versions begin (the oldest valid_from), whether any is current, and when the last replaced
     * one ended; each an index lookup (V13 indexes valid_from and valid_to).
     */
    String temporalExtent(FeatureCollection c) {
        return "SELECT (SELECT min(valid_from) FROM " + c.table() + "),"
                + " EXISTS (SELECT 1 FROM " + c.table() + " WHERE valid_to IS NULL),"
                + " (SELECT max(valid_to) FROM " + c.table() + ")";
    }

    Where byId(long id) {
        return new Where("f.id = ?", List.of(id), false);
    }

    Where itemsFilter(ItemsRequest request) {
        List<String> clauses = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (request.datetime().isPresent()) {
            ItemsRequest.TimeRange range = request.datetime().get();
            // A version is valid over [valid_from, valid_to): it answers if that overlaps the asked time.
            range.end().ifPresent(end -> {
                clauses.add("f.valid_from <= ?");
                parameters.add(end);
            });
            range.start().ifPresent(start -> {
                clauses.add("(f.valid_to IS NULL OR f.valid_to > ?)");
                parameters.add(start);
            });
        } else {
            clauses.add("f.valid_to IS NULL");
        }
        request.bbox().ifPresent(b -> bbox(b, clauses, parameters));
        for (Map.Entry<Property, List<String>> filter : request.filters().entrySet()) {
            Property p = filter.getKey();
            clauses.add(p.sql() + " = ANY(?::" + sqlArrayType(p) + ")");
            parameters.add(List.copyOf(filter.getValue()));
        }
        return new Where(clauses.isEmpty() ? "true" : String.join(" AND ", clauses), parameters, request.bbox().isPresent());
    }

    /**
     * A box that crosses the antimeridian (west longitude above east, geographic CRSs only) is two boxes:
     * west..180 and -180..east. A geographic box is first cut to the working zone's accepted area (nothing stored
     * lies outside it, and the whole world has no image in a Gauss-Kruger zone), then its edges are divided before
     * they are projected: a parallel is a curve in the working CRS, and its four corners alone would leave out what
     * lies along the middle of a wide box's edges.
     */
    private void bbox(ItemsRequest.Bbox b, List<String> clauses, List<Object> parameters) {
        List<double[]> boxes = new ArrayList<>();
        if (b.crossesAntimeridian()) {
            boxes.add(new double[]{b.minX(), b.minY(), ItemsRequest.Bbox.MAX_LONGITUDE, b.maxY()});
            boxes.add(new double[]{-ItemsRequest.Bbox.MAX_LONGITUDE, b.minY(), b.maxX(), b.maxY()});
        } else {
            boxes.add(new double[]{b.minX(), b.minY(), b.maxX(), b.maxY()});
        }
        double step = b.crs().geographic() ? EDGE_STEP_DEGREES : EDGE_STEP_METRES;
        String envelope = "f.geom && ST_Transform(ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, " + b.crs().srid()
                + "), ?), " + storageSrid + ")";
        List<String> any = new ArrayList<>();
        for (double[] box : boxes) {
            double[] cut = b.crs().geographic() ? cutToStorageArea(box) : box;
            if (cut != null) {
                any.add(envelope);
                parameters.addAll(List.of(cut[0], cut[1], cut[2], cut[3], step));
            }
        }
        clauses.add(any.isEmpty() ? "false" : "(" + String.join(" OR ", any) + ")");
    }

    /** {@code box} (west, south, east, north) within the working CRS's accepted area, or null when outside it. */
    private double[] cutToStorageArea(double[] box) {
        if (storageLonLat.isEmpty()) {
            return box;
        }
        double[] area = storageLonLat.get();
        double[] cut = {Math.max(box[0], area[0]), Math.max(box[1], area[1]), Math.min(box[2], area[2]),
                Math.min(box[3], area[3])};
        return cut[0] <= cut[2] && cut[1] <= cut[3] ? cut : null;
    }

    private static String sqlArrayType(Property p) {
        return switch (p.type()) {
            case "integer" -> "bigint[]";
            case "number" -> "numeric[]";
            case "boolean" -> "boolean[]";
            default -> "date".equals(p.format()) ? "date[]" : "text[]";
        };
    }

    /**
     * How a page's rows reach the server, which decides which properties PostgreSQL must cast to text: through
     * {@code COPY} every value comes as its type's output text, and only booleans need a cast (to true/false, not
     * t/f); in a JDBC result set every one does, so that the driver never receives a column in binary (it may, for
     * numbers, once it prepares). A cast costs a conversion a value (7-8 % of a 10 000-feature page's statement).
     */
    enum Transfer { COPY, RESULT_SET }

    private static String propertyList(FeatureCollection c, Transfer transfer) {
        return c.properties().stream()
                .map(p -> transfer == Transfer.COPY && !"boolean".equals(p.type())
                        ? "(" + p.sql() + ") AS " + p.name()
                        : "(" + p.sql() + ")::text AS " + p.name())
                .collect(Collectors.joining(", "));
    }
}
