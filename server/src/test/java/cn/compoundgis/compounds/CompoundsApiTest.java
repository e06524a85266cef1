package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The compound register over HTTP against real PostGIS: create, change (a new version each time, the old one still
 * seen by datetime=), read with history; every bad input a 4xx naming the field; nothing half-written.
 * The features fixture holds T001 (EPSG:4548 square 619000..619100 x 3552000..3552100) and T002.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompoundsApiTest {
    private static final String GK = "?crs=EPSG:4548";
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("compounds_api_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest request = server.request(path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String json) throws Exception {
        return send("POST", "/api/compounds" + GK, json);
    }

    private HttpResponse<String> patch(String code, String json) throws Exception {
        return send("PATCH", "/api/compounds/" + code + GK, json);
    }

    /** A square boundary in EPSG:4548, easting first. */
    private static String square(double east, double north, double side) {
        return "{\"type\": \"Polygon\", \"coordinates\": [[[" + east + ", " + north + "], [" + (east + side) + ", " + north
                + "], [" + (east + side) + ", " + (north + side) + "], [" + east + ", " + (north + side) + "], [" + east
                + ", " + north + "]]]}";
    }

    private long count(String sql) throws Exception {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void assertRefused(HttpResponse<String> r, int status, String... mentions) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = TestServer.parse(r.body());
        assertThat(body.path("code").asText()).isNotBlank();
        for (String m : mentions) {
            assertThat(body.path("description").asText()).contains(m);
        }
    }

    private JsonNode compoundFeature(String code, String datetime) {
        String q = "/collections/compounds/items?compound=" + code
                + (datetime == null ? "" : "&datetime=" + URLEncoder.encode(datetime, StandardCharsets.UTF_8));
        JsonNode fc = server.getJson(q);
        assertThat(fc.get("features")).as(q).hasSize(1);
        return fc.get("features").get(0);
    }

    // ---- create and read ---------------------------------------------------------------------------------------

    @Test
    void aCreatedCompoundIsServedWithItsRegisterFieldsItemsAndBoundary() throws Exception {
        HttpResponse<String> r = post("""
                {"code": "R001", "name": "登记小区", "district": "全椒县", "street": "襄河镇", "community": "城东社区",
                 "address": "城东路1号", "built_year": 1995, "building_count": 12, "storeys": 6, "households": 480,
                 "residents": 1400, "site_area_m2": 30000, "floor_area_m2": 42000.5, "renovation_category": "improvement",
                 "renovation_year": 2024, "renovation_status": "planned", "planned_on": "2024-01-15",
                 "funding_central_10k_yuan": 300, "funding_provincial_10k_yuan": 120.5, "funding_local_10k_yuan": "80",
                 "funding_resident_10k_yuan": 12, "property_management": true, "owners_committee": false,
                 "boundary": %s,
                 "items": {"rain_pipe_m": {"planned_quantity": 1200, "note": "DN300-DN600"},
                           "elevators_added": {"planned_quantity": 4, "done_quantity": 0}}}
                """.formatted(square(630000, 3552000, 100)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).hasValue("/api/compounds/R001");
        JsonNode created = TestServer.parse(r.body());
        assertThat(created.get("warnings")).isEmpty();
        assertThat(created.get("changed").asBoolean()).isTrue();

        JsonNode got = server.getJson("/api/compounds/R001");
        assertThat(got.get("name").asText()).isEqualTo("登记小区");
        assertThat(got.get("street").asText()).isEqualTo("襄河镇");
        assertThat(got.get("storeys").asInt()).isEqualTo(6);
        assertThat(got.get("floor_area_m2").asDouble()).isEqualTo(42000.5);
        assertThat(got.get("funding_local_10k_yuan").asDouble()).isEqualTo(80.0);
        assertThat(got.get("property_management").asBoolean()).isTrue();
        assertThat(got.get("owners_committee").asBoolean()).isFalse();
        assertThat(got.get("renovation_category").asText()).isEqualTo("improvement");
        assertThat(got.get("planned_on").asText()).isEqualTo("2024-01-15");
        assertThat(got.get("boundary").get("type").asText()).isEqualTo("MultiPolygon");
        assertThat(got.get("items").get("rain_pipe_m").get("category").asText()).isEqualTo("pipes");
        assertThat(got.get("items").get("rain_pipe_m").get("unit").asText()).isEqualTo("m");
        assertThat(got.get("items").get("rain_pipe_m").get("planned_quantity").asDouble()).isEqualTo(1200.0);
        assertThat(got.get("items").get("elevators_added").get("category").asText()).isEqualTo("ageing");
        assertThat(got.get("history")).hasSize(1);
        assertThat(got.get("history").get(0).get("created").asBoolean()).isTrue();
        assertThat(got.get("history").get(0).get("changed_via").asText()).isEqualTo("api");
        assertThat(got.get("history").get(0).has("changed_by")).isTrue();

        JsonNode feature = compoundFeature("R001", null);
        JsonNode p = feature.get("properties");
        assertThat(p.get("community").asText()).isEqualTo("城东社区");
        assertThat(p.get("renovation_status").asText()).isEqualTo("planned");
        assertThat(p.get("funding_central_10k_yuan").asDouble()).isEqualTo(300.0);
        assertThat(p.get("renovation_items").get("elevators_added").get("planned_quantity").asDouble()).isEqualTo(4.0);
        assertThat(feature.get("geometry").get("type").asText()).isEqualTo("MultiPolygon");
        // the register fields are documented with their units in the collection's schema
        String schema = server.get("/collections/compounds/queryables").body()
                + server.get("/api").body();
        assertThat(schema).contains("funding_central_10k_yuan").contains("万元");
    }

    @Test
    void aCompoundMayBeRegisteredWithoutABoundaryAndGetOneLater() throws Exception {
        HttpResponse<String> r = post("{\"code\": \"R010\", \"name\": \"无边界小区\", \"households\": 20}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(TestServer.parse(r.body()).get("boundary").isNull()).isTrue();
        assertThat(compoundFeature("R010", null).get("geometry").isNull()).isTrue();
        HttpResponse<String> p = patch("R010", "{\"boundary\": " + square(640000, 3552000, 50) + "}");
        assertThat(p.statusCode()).as(p.body()).isEqualTo(200);
        JsonNode got = TestServer.parse(p.body());
        assertThat(got.get("boundary").get("type").asText()).isEqualTo("MultiPolygon");
        assertThat(got.get("households").asInt()).isEqualTo(20);
        assertThat(got.get("history").get(0).get("changed_fields")).extracting(JsonNode::asText).containsExactly("boundary");
    }

    // ---- change and history ------------------------------------------------------------------------------------

    @Test
    void aPatchWritesTheNextVersionAndDatetimeStillShowsTheOldOne() throws Exception {
        assertThat(post("""
                {"code": "R002", "name": "版本小区", "households": 100, "street": "老街道", "renovation_status": "planned",
                 "boundary": %s, "items": {"rain_pipe_m": {"planned_quantity": 500}}}
                """.formatted(square(631000, 3552000, 80))).statusCode()).isEqualTo(201);
        JsonNode first = server.getJson("/api/compounds/R002");
        String v1From = first.get("valid_from").asText();

        HttpResponse<String> r = patch("R002", """
                {"households": 120, "street": null, "renovation_status": "in_construction", "started_on": "2024-07-01",
                 "items": {"rain_pipe_m": {"done_quantity": 200}, "stalls_added": {"planned_quantity": 30}}}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode now = TestServer.parse(r.body());
        assertThat(now.get("households").asInt()).isEqualTo(120);
        assertThat(now.get("street").isNull()).isTrue();
        assertThat(now.get("name").asText()).isEqualTo("版本小区");
        assertThat(now.get("renovation_status").asText()).isEqualTo("in_construction");
        assertThat(now.get("boundary").get("type").asText()).isEqualTo("MultiPolygon");
        // merge patch on an item: the planned quantity stays, the done one is added
        assertThat(now.get("items").get("rain_pipe_m").get("planned_quantity").asDouble()).isEqualTo(500.0);
        assertThat(now.get("items").get("rain_pipe_m").get("done_quantity").asDouble()).isEqualTo(200.0);
        assertThat(now.get("items").get("stalls_added").get("planned_quantity").asDouble()).isEqualTo(30.0);

        JsonNode history = now.get("history");
        assertThat(history).hasSize(2);
        assertThat(now.get("history_total").asInt()).isEqualTo(2);
        assertThat(history.get(0).get("valid_to").isNull()).isTrue();
        assertThat(history.get(1).get("valid_from").asText()).isEqualTo(v1From);
        assertThat(history.get(1).get("valid_to").asText()).isEqualTo(history.get(0).get("valid_from").asText());
        assertThat(history.get(0).get("changed_fields")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("households", "street", "renovation_status", "started_on", "items");
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'R002'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'R002' AND valid_to IS NULL")).isEqualTo(1);

        // the features API at the first version's time shows it as it was, items included
        JsonNode then = compoundFeature("R002", v1From).get("properties");
        assertThat(then.get("households").asInt()).isEqualTo(100);
        assertThat(then.get("street").asText()).isEqualTo("老街道");
        assertThat(then.get("renovation_status").asText()).isEqualTo("planned");
        assertThat(then.get("renovation_items").get("rain_pipe_m").get("done_quantity").isNull()).isTrue();
        assertThat(then.get("renovation_items").has("stalls_added")).isFalse();
        JsonNode current = compoundFeature("R002", null).get("properties");
        assertThat(current.get("households").asInt()).isEqualTo(120);
        assertThat(current.get("renovation_items").get("rain_pipe_m").get("done_quantity").asDouble()).isEqualTo(200.0);

        // an item set to null is removed (its history kept); a patch that changes nothing writes no version
        JsonNode removed = TestServer.parse(patch("R002", "{\"items\": {\"stalls_added\": null}}").body());
        assertThat(removed.get("items").has("stalls_added")).isFalse();
        assertThat(count("SELECT count(*) FROM compound_item WHERE compound_code = 'R002' AND item = 'stalls_added'"))
                .isEqualTo(1);
        HttpResponse<String> same = patch("R002", "{\"households\": 120, \"name\": \"版本小区\"}");
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(TestServer.parse(same.body()).get("changed").asBoolean()).isFalse();
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'R002'")).isEqualTo(3);
    }

    @Test
    void statusMovesForwardAndBackOnlyWithForceAndAReason() throws Exception {
        assertThat(post("{\"code\": \"R003\", \"name\": \"状态小区\", \"renovation_status\": \"completed\"}").statusCode())
                .isEqualTo(201);
        assertRefused(patch("R003", "{\"renovation_status\": \"tendered\"}"), 400, "renovation_status", "completed",
                "tendered", "force");
        assertRefused(patch("R003", "{\"renovation_status\": null}"), 400, "renovation_status");
        assertRefused(patch("R003", "{\"renovation_status\": \"tendered\", \"force\": true}"), 400, "reason");
        HttpResponse<String> forced = patch("R003",
                "{\"renovation_status\": \"tendered\", \"force\": true, \"reason\": \"录入错误，实际尚未开工\"}");
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
        JsonNode got = TestServer.parse(forced.body());
        assertThat(got.get("renovation_status").asText()).isEqualTo("tendered");
        assertThat(got.get("change_reason").asText()).isEqualTo("录入错误，实际尚未开工");
        assertThat(patch("R003", "{\"renovation_status\": \"accepted\"}").statusCode()).isEqualTo(200);
    }

    // ---- bad input ---------------------------------------------------------------------------------------------

    @Test
    void aDuplicateCodeIsAConflict() throws Exception {
        assertRefused(post("{\"code\": \"T001\", \"name\": \"重复\"}"), 409, "T001", "PATCH");
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'T001'")).isEqualTo(1);
    }

    @Test
    void unknownCodesAreRefusedWithTheAllowedValues() throws Exception {
        assertRefused(post("{\"code\": \"R020\", \"name\": \"x\", \"renovation_status\": \"done\"}"), 400,
                "renovation_status", "done", "planned", "in_construction", "accepted");
        assertRefused(post("{\"code\": \"R020\", \"name\": \"x\", \"renovation_category\": \"luxury\"}"), 400,
                "renovation_category", "basic", "improvement", "upgrade");
        assertRefused(post("{\"code\": \"R020\", \"name\": \"x\", \"items\": {\"pools_m2\": {\"planned_quantity\": 1}}}"),
                400, "items.pools_m2", "rain_pipe_m", "stalls_added");
        assertRefused(post("{\"code\": \"R020\", \"name\": \"x\", \"items\": {\"rain_pipe_m\": {\"category\": \"roofs\"}}}"),
                400, "items.rain_pipe_m.category", "pipes", "greening");
        assertRefused(post("{\"code\": \"R020\", \"name\": \"x\", \"items\": {\"rain_pipe_m\": {\"category\": \"greening\"}}}"),
                400, "items.rain_pipe_m.category", "pipes");
        assertRefused(post("{\"code\": \"R020\", \"name\": \"x\", \"items\": {\"rain_pipe_m\": {\"unit\": \"km\"}}}"),
                400, "items.rain_pipe_m.unit");
        assertRefused(post("{\"code\": \"R020\", \"name\": \"x\", \"colour\": \"red\"}"), 400, "colour", "households");
        assertRefused(post("{\"code\": \"R020\", \"name\": \"x\", \"items\": [1]}"), 400, "items");
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'R020'")).isZero();
    }

    @Test
    void badNumbersAreRefusedNamingTheField() throws Exception {
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"households\": -1}"), 400, "households");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"households\": 1.5}"), 400, "households");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"site_area_m2\": 0}"), 400, "site_area_m2");
        // stored to 0.1 m², so this would be a site area of 0 (a check violation in PostgreSQL, once a 500)
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"site_area_m2\": 0.00001}"), 400, "site_area_m2");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"site_area_m2\": \"NaN\"}"), 400, "site_area_m2");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"floor_area_m2\": 1e400}"), 400, "floor_area_m2");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"funding_local_10k_yuan\": \"-5\"}"), 400,
                "funding_local_10k_yuan");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"built_year\": 20240}"), 400, "built_year");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"storeys\": 0}"), 400, "storeys");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"residents\": 99999999999999999999999}"), 400,
                "residents");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"items\": {\"greening_m2\": {\"done_quantity\": -3}}}"),
                400, "items.greening_m2.done_quantity");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"started_on\": \"2024-13-01\"}"), 400, "started_on");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"started_on\": \"2024-07-01\","
                + " \"completed_on\": \"2024-03-01\"}"), 400, "completed_on", "started_on");
        assertThat(post("{\"code\": \"R024\", \"name\": \"x\", \"started_on\": \"2024-07-01\"}").statusCode()).isEqualTo(201);
        assertRefused(patch("R024", "{\"planned_on\": \"2999-01-01\", \"accepted_on\": \"2024-01-01\"}"), 400,
                "planned_on", "started_on");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"property_management\": \"yes\"}"), 400,
                "property_management");
        assertRefused(post("{\"code\": \"R021\", \"name\": \"x\", \"households\": NaN}"), 400, "JSON");
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'R021'")).isZero();
    }

    @Test
    void badCodesAndNamesAreRefused() throws Exception {
        assertRefused(post("{\"name\": \"无编码\"}"), 400, "code is required");
        assertRefused(post("{\"code\": \"  \", \"name\": \"x\"}"), 400, "code is blank");
        assertRefused(post("{\"code\": \"" + "C".repeat(33) + "\", \"name\": \"x\"}"), 400, "code", "32");
        assertRefused(post("{\"code\": \"C 1/2\", \"name\": \"x\"}"), 400, "code", "letters");
        assertRefused(post("{\"code\": \"小区1\", \"name\": \"x\"}"), 400, "code");
        assertRefused(post("{\"code\": 17, \"name\": \"x\"}"), 400, "code must be text");
        assertRefused(post("{\"code\": \"R022\"}"), 400, "name is required");
        assertRefused(post("{\"code\": \"R022\", \"name\": \"x\", \"code\": \"R023\"}"), 400, "JSON");
        assertRefused(post("{\"code\": \"R022\", \"name\": \"a\\u0000b\"}"), 400, "NUL");
        assertRefused(post(""), 400, "empty");
        assertRefused(post("[1, 2]"), 400, "JSON object");
        assertRefused(patch("T001", "{\"name\": null}"), 400, "name cannot be cleared");
        assertRefused(patch("T001", "{\"code\": \"T009\"}"), 400, "code cannot be changed");
        assertRefused(patch("NOPE", "{\"households\": 1}"), 404, "NOPE");
        assertRefused(send("PATCH", "/api/compounds/a%20b", "{}"), 400, "code");
        assertRefused(send("GET", "/api/compounds/NOPE", ""), 404, "NOPE");
        assertThat(count("SELECT count(*) FROM compound WHERE code IN ('R022', 'R023')")).isZero();
    }

    @Test
    void anInvalidBoundaryIsRefusedWithPostgisReason() throws Exception {
        String bowtie = "{\"type\": \"Polygon\", \"coordinates\": [[[632000, 3552000], [632100, 3552100],"
                + " [632100, 3552000], [632000, 3552100], [632000, 3552000]]]}";
        assertRefused(post("{\"code\": \"R030\", \"name\": \"x\", \"boundary\": " + bowtie + "}"), 400, "boundary",
                "Self-intersection");
        assertRefused(post("{\"code\": \"R030\", \"name\": \"x\", \"boundary\": {\"type\": \"LineString\","
                + " \"coordinates\": [[632000, 3552000], [632100, 3552100]]}}"), 400, "boundary", "Polygon");
        assertRefused(post("{\"code\": \"R030\", \"name\": \"x\", \"boundary\": " + square(1, 2, 3) + "}"), 400, "boundary");
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'R030'")).isZero();
        assertThat(post("{\"code\": \"R033\", \"name\": \"x\", \"boundary\": " + square(632000, 3552000, 50) + "}")
                .statusCode()).isEqualTo(201);
        assertRefused(patch("R033", "{\"boundary\": " + bowtie + "}"), 400, "Self-intersection");
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'R033'")).isEqualTo(1);
    }

    @Test
    void anOverlappingBoundaryIsAcceptedWithAWarningGivingTheOverlap() throws Exception {
        // half of T001's 100 m square
        HttpResponse<String> r = post("{\"code\": \"R031\", \"name\": \"重叠小区\", \"boundary\": "
                + square(619050, 3552000, 100) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode warnings = TestServer.parse(r.body()).get("warnings");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("compound").asText()).isEqualTo("T001");
        assertThat(warnings.get(0).get("overlap_m2").asDouble()).isBetween(4990.0, 5010.0);
        assertThat(warnings.get(0).get("description").asText()).contains("T001").contains("m²");
        // touching along an edge is no overlap
        HttpResponse<String> touching = post("{\"code\": \"R032\", \"name\": \"相邻小区\", \"boundary\": "
                + square(618900, 3552000, 100) + "}");
        assertThat(touching.statusCode()).isEqualTo(201);
        assertThat(TestServer.parse(touching.body()).get("warnings")).isEmpty();
    }

    /** Hostile bodies and values in every field, on POST and PATCH: never a 5xx, always a JSON error. */
    @Test
    void noHostileBodyMakesA5xx() throws Exception {
        List<String> values = List.of("null", "-1", "1e999", "-1e999", "\"NaN\"", "\"Infinity\"", "\"0x10\"", "\"1e5000\"",
                "\"\"", "\" \"", "[]", "{}", "true", "\"x\"", "\"" + "长".repeat(5000) + "\"", "9223372036854775808",
                "\"2024-02-30\"", "\"+999999999-01-01\"", "\"'; DROP TABLE compound; --\"", "0.00000001", "1e300");
        List<String> fields = new ArrayList<>(RegisterField.jsonNames());
        fields.addAll(List.of("boundary", "items", "force", "reason"));
        List<String> bodies = new ArrayList<>(List.of("", " ", "null", "[]", "{}", "1e999", "\"x\"", "{\"a\":",
                "[".repeat(5000), "{\"code\": \"T001\"}"));
        for (String field : fields) {
            for (String value : values) {
                bodies.add("{\"code\": \"H001\", \"name\": \"h\", \"" + field + "\": " + value + "}");
            }
        }
        for (String coordinates : List.of("[]", "[[[1e308,1e308],[1e308,-1e308],[-1e308,1e308],[1e308,1e308]]]",
                "[[[619000,3552000],[619000,3552000],[619000,3552000],[619000,3552000]]]", "[[[\"NaN\",1],[1,1],[1,2],[\"NaN\",1]]]",
                "[[[619000,3552000],[619100,3552000],[619000,3552100]]]")) {
            bodies.add("{\"code\": \"H001\", \"name\": \"h\", \"boundary\": {\"type\": \"Polygon\", \"coordinates\": "
                    + coordinates + "}}");
        }
        List<String> items = List.of("{\"rain_pipe_m\": 5}", "{\"rain_pipe_m\": {\"planned_quantity\": \"NaN\"}}",
                "{\"rain_pipe_m\": {\"done_quantity\": 1e999}}", "{\"rain_pipe_m\": {\"note\": {}}}", "{\"\": null}");
        for (String item : items) {
            bodies.add("{\"code\": \"H001\", \"name\": \"h\", \"items\": " + item + "}");
        }
        assertThat(post("{\"code\": \"H002\", \"name\": \"h\"}").statusCode()).isEqualTo(201);
        List<String> failures = new ArrayList<>();
        for (String body : bodies) {
            for (String target : List.of("POST /api/compounds", "POST /api/compounds?crs=EPSG:4548", "PATCH /api/compounds/H002")) {
                String[] parts = target.split(" ");
                HttpResponse<String> r = send(parts[0], parts[1], body.replace("\"code\": \"H001\", ", parts[0].equals("PATCH")
                        ? "" : "\"code\": \"H001\", "));
                boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
                if (r.statusCode() >= 500 || !json) {
                    failures.add(r.statusCode() + " " + target + " " + body.substring(0, Math.min(body.length(), 120)));
                }
                if (r.statusCode() == 201) {
                    execute("DELETE FROM compound_item WHERE compound_code = 'H001'; DELETE FROM compound WHERE code = 'H001'");
                }
            }
        }
        // the new properties filter /collections/compounds: bad values there are 400s as well
        for (String field : RegisterField.jsonNames()) {
            for (String value : List.of("abc", "1e999", "2024-13-45", "maybe", "-", "%00")) {
                HttpResponse<String> r = server.get("/collections/compounds/items?" + field + "=" + value);
                boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
                if (r.statusCode() >= 500 || !json) {
                    failures.add(r.statusCode() + " filter " + field + "=" + value);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Writers of one code queue: of simultaneous creations one wins, simultaneous changes all land in order. */
    @Test
    void simultaneousWritesOfOneCodeNeitherDuplicateNorLoseAVersion() throws Exception {
        int writers = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> creations = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                creations.add(pool.submit(() -> post("{\"code\": \"R050\", \"name\": \"并发\", \"households\": 1}")));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var f : creations) {
                statuses.add(f.get().statusCode());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> changes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int households = 100 + i;
                changes.add(pool.submit(() -> patch("R050", "{\"households\": " + households + "}")));
            }
            for (var f : changes) {
                assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'R050'")).isEqualTo(writers + 1);
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'R050' AND valid_to IS NULL")).isEqualTo(1);
        // the versions chain without gaps: each one ends where the next begins
        assertThat(count("""
                SELECT count(*) FROM compound a JOIN compound b ON b.code = a.code AND b.valid_from = a.valid_to
                WHERE a.code = 'R050'""")).isEqualTo(writers);
    }

    // ---- one transaction ---------------------------------------------------------------------------------------

    @Test
    void aFailureHalfWayLeavesNothingWritten() throws Exception {
        // a real failure inside the transaction, after the compound row is written: its items are refused
        execute("""
                CREATE FUNCTION fail_on_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.note = 'boom' THEN
                        RAISE EXCEPTION 'refused by the test' USING ERRCODE = '22023';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER fail_on_boom BEFORE INSERT ON compound_item FOR EACH ROW EXECUTE FUNCTION fail_on_boom();
                """);
        try {
            HttpResponse<String> r = post("{\"code\": \"R040\", \"name\": \"半途\", \"boundary\": "
                    + square(633000, 3552000, 50) + ", \"items\": {\"greening_m2\": {\"done_quantity\": 1},"
                    + " \"rain_pipe_m\": {\"done_quantity\": 2, \"note\": \"boom\"}}}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(count("SELECT count(*) FROM compound WHERE code = 'R040'")).isZero();
            assertThat(count("SELECT count(*) FROM compound_item WHERE compound_code = 'R040'")).isZero();
            assertThat(server.get("/api/compounds/R040").statusCode()).isEqualTo(404);

            assertThat(post("{\"code\": \"R041\", \"name\": \"半途二\", \"households\": 10}").statusCode()).isEqualTo(201);
            HttpResponse<String> p = patch("R041", "{\"households\": 11, \"items\": {\"greening_m2\":"
                    + " {\"done_quantity\": 1}, \"rain_pipe_m\": {\"note\": \"boom\"}}}");
            assertThat(p.statusCode()).as(p.body()).isEqualTo(400);
            JsonNode still = server.getJson("/api/compounds/R041");
            assertThat(still.get("households").asInt()).isEqualTo(10);
            assertThat(still.get("history")).hasSize(1);
            assertThat(still.get("items")).isEmpty();
            assertThat(count("SELECT count(*) FROM compound WHERE code = 'R041'")).isEqualTo(1);
        } finally {
            execute("DROP TRIGGER fail_on_boom ON compound_item; DROP FUNCTION fail_on_boom()");
        }
    }

    @Test
    void theCodeTablesAreServed() {
        JsonNode codes = server.getJson("/api/compound-codes");
        List<String> statuses = new ArrayList<>();
        codes.get("statuses").forEach(s -> statuses.add(s.get("code").asText()));
        assertThat(statuses).containsExactly("planned", "designed", "tendered", "in_construction", "completed", "accepted");
        assertThat(codes.get("source").asText()).contains("000_d2c724e6bca81fae.txt");
    }
}
