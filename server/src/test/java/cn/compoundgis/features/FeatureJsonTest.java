package cn.compoundgis.features;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.geo.Crs;
import cn.compoundgis.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The properties' JSON made in Java ({@link FeatureJson}) is byte for byte what PostgreSQL's {@code to_json} of the
 * same row writes, which is what the features API wrote before (and what clients and the OGC suite have read).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeatureJsonTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("feature_json_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** One property: its JSON schema type and format, and a value as SQL. */
    private record Value(String type, String format, String sql) {
    }

    private static final List<Value> AWKWARD_VALUES = List.of(
            new Value("string", null, "E'quote \" backslash \\\\ slash / tab \\t newline \\n return \\r \\b \\f \\x01 \\x1f end'"),
            new Value("string", null, "'雨水管 DN400 ✓ 😀'"),
            new Value("string", null, "''"),
            new Value("string", null, "NULL::text"),
            new Value("integer", null, "0"),
            new Value("integer", null, "'-9223372036854775808'::bigint"),
            new Value("integer", null, "NULL::int"),
            new Value("number", null, "-1.50::numeric"),
            new Value("number", null, "0.000000000000000000001::numeric"),
            new Value("number", null, "'NaN'::numeric"),
            new Value("number", null, "'Infinity'::numeric"),
            new Value("number", null, "'-Infinity'::numeric"),
            new Value("number", null, "1e300::float8"),
            new Value("number", null, "'-Infinity'::float8"),
            new Value("boolean", null, "true"),
            new Value("boolean", null, "false"),
            new Value("boolean", null, "NULL::boolean"),
            new Value("string", "date", "'2026-12-07'::date"),
            new Value("string", "date", "'infinity'::date"),
            new Value("string", "date", "'0044-03-15 BC'::date"),
            new Value("string", "date-time", "'2026-12-07 10:20:30.123456+08'::timestamptz"),
            new Value("string", "date-time", "'2026-01-01 00:00:00+00'::timestamptz"),
            new Value("string", "date-time", "'1880-01-01 00:00:00+00'::timestamptz"),
            new Value("string", "date-time", "'0001-01-01 00:00:00+00 BC'::timestamptz"),
            new Value("string", "date-time", "'infinity'::timestamptz"),
            new Value("string", "date-time", "'-infinity'::timestamptz"),
            new Value("string", "date-time", "NULL::timestamptz"),
            new Value("object", null, "'{\"备注\": \"a \\\"b\\\"\", \"n\": [1, 2.50, null], \"o\": {}}'::jsonb"),
            new Value("object", null, "'{\"a\":1}'::json"),
            new Value("object", null, "NULL::jsonb"));

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Shanghai", "Asia/Kolkata", "America/St_Johns", "Asia/Kathmandu"})
    void awkwardValuesAreWrittenAsToJsonWritesThem(String timeZone) throws Exception {
        List<Property> properties = new ArrayList<>();
        List<String> asText = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (int i = 0; i < AWKWARD_VALUES.size(); i++) {
            Value v = AWKWARD_VALUES.get(i);
            properties.add(new Property("p" + i, "v.p" + i, v.type(), v.format(), "value " + i));
            asText.add("(" + v.sql() + ")::text");
            named.add(v.sql() + " AS p" + i);
        }
        String sql = "SELECT '42', '{\"type\":\"Point\",\"coordinates\":[117.2,31.8]}', " + String.join(", ", asText)
                + ", (SELECT to_json(p) FROM (SELECT " + String.join(", ", named) + ") p)::text";
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = '" + timeZone + "'");
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                String expected = "{\"type\":\"Feature\",\"id\":42,\"geometry\":{\"type\":\"Point\",\"coordinates\":[117.2,31.8]},"
                        + "\"properties\":" + rs.getString(FeatureJson.FIRST_PROPERTY_COLUMN + properties.size()) + "}";
                assertThat(written(properties, rs)).isEqualTo(expected);
            } finally {
                s.execute("RESET TimeZone");
            }
        }
    }

    @Test
    void everyCollectionIsServedAsPostgresWroteItsFeatures() throws Exception {
        for (FeatureCollection c : Collections.ALL) {
            String expected = String.join(",", featuresByToJson(c));
            assertThat(server.count("SELECT count(*) FROM " + c.table() + " WHERE valid_to IS NULL")).as(c.id()).isPositive();
            String page = server.get("/collections/" + c.id() + "/items?limit=10000").body();
            assertThat(page).as(c.id()).startsWith("{\"type\":\"FeatureCollection\",\"features\":[" + expected + "],");
            // a bbox page: the same features, in the order PostgreSQL reads them (FeatureQueries.features)
            String boxed = server.get("/collections/" + c.id() + "/items?limit=10000&bbox=" + around(c)).body();
            assertThat(byId(featuresOf(boxed))).as(c.id() + " with a bbox").isEqualTo(featuresByToJson(c));
        }
    }

    /** The collection's extent and a kilometre more: every feature, through the spatial index's path. */
    private String around(FeatureCollection c) {
        var box = server.getJson("/collections/" + c.id()).at("/extent/spatial/bbox/0");
        double pad = 0.01;
        return (box.get(0).asDouble() - pad) + "," + (box.get(1).asDouble() - pad) + ","
                + (box.get(2).asDouble() + pad) + "," + (box.get(3).asDouble() + pad);
    }

    /** The current features as the features API's SQL wrote them before: PostgreSQL's to_json of the properties. */
    private List<String> featuresByToJson(FeatureCollection c) throws Exception {
        String properties = c.properties().stream().map(p -> p.sql() + " AS " + p.name()).collect(Collectors.joining(", "));
        String sql = "SELECT '{\"type\":\"Feature\",\"id\":' || f.id || ',\"geometry\":' || coalesce(ST_AsGeoJSON("
                + Crs.CRS84.geometryExpression("f.geom", cn.compoundgis.config.AppConfig.DEFAULT_WORKING_SRID) + ", "
                + Crs.CRS84.decimals() + ", 0), 'null') || ',\"properties\":' || to_json(p) || '}' FROM " + c.table()
                + " f LEFT JOIN survey s ON s.id = f.survey_id CROSS JOIN LATERAL (SELECT " + properties + ") p"
                + " WHERE f.valid_to IS NULL ORDER BY f.id";
        List<String> features = new ArrayList<>();
        try (Connection conn = server.app().dataSource().getConnection(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                features.add(rs.getString(1));
            }
        }
        return features;
    }

    private static final String FEATURES = "{\"type\":\"FeatureCollection\",\"features\":[";

    /** The Features of a FeatureCollection's text, each as written: its array split where its elements end. */
    private static List<String> featuresOf(String collection) {
        assertThat(collection).startsWith(FEATURES);
        List<String> features = new ArrayList<>();
        int depth = 0;
        int start = FEATURES.length();
        boolean inString = false;
        for (int i = start; depth >= 0; i++) {
            char ch = collection.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '{' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                depth--;
                if (depth == 0) {
                    features.add(collection.substring(start, i + 1));
                    start = i + 2; // past the comma
                }
            }
        }
        return features;
    }

    private static List<String> byId(List<String> features) {
        return features.stream().sorted(Comparator.comparingLong(FeatureJsonTest::idOf)).toList();
    }

    private static final Pattern FEATURE_ID = Pattern.compile("^\\{\"type\":\"Feature\",\"id\":(\\d+),");

    private static long idOf(String feature) {
        Matcher m = FEATURE_ID.matcher(feature);
        assertThat(m.find()).as(feature).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String written(List<Property> properties, ResultSet rs) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeatureJson json = new FeatureJson(properties);
        json.append(TextRow.of(rs, FeatureJson.FIRST_PROPERTY_COLUMN - 1 + properties.size()), out);
        json.flush(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
