package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the map's compound editor needs of the register API, against real PostGIS: the form's field list in
 * /api/compound-codes, an ETag per version and an If-Match that refuses to overwrite a version the editor never saw
 * (412, nothing written), and refusals that name the field of the form they are about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompoundEditApiTest {
    private static final String GK = "?crs=EPSG:4548";
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("compound_edit_api_test", null, false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String json, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = server.request(path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String json) throws Exception {
        return send("POST", "/api/compounds" + GK, json, Map.of());
    }

    private HttpResponse<String> patch(String code, String json, Map<String, String> headers) throws Exception {
        return send("PATCH", "/api/compounds/" + code + GK, json, headers);
    }

    private static String square(double east, double north, double side) {
        return "{\"type\": \"Polygon\", \"coordinates\": [[[" + east + ", " + north + "], [" + (east + side) + ", " + north
                + "], [" + (east + side) + ", " + (north + side) + "], [" + east + ", " + (north + side) + "], [" + east
                + ", " + north + "]]]}";
    }

    private long versions(String code) throws Exception {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM compound WHERE code = '" + code + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode refused(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return TestServer.parse(r.body());
    }

    @Test
    void theCodeTablesListTheRegisterFieldsInOrderWithTheirKinds() {
        JsonNode codes = server.getJson("/api/compound-codes");
        List<String> names = new ArrayList<>();
        codes.get("fields").forEach(f -> names.add(f.get("name").asText()));
        assertThat(names).isEqualTo(RegisterField.jsonNames());
        JsonNode first = codes.get("fields").get(0);
        assertThat(first.get("name").asText()).isEqualTo("name");
        assertThat(first.get("kind").asText()).isEqualTo("name");
        assertThat(codes.get("fields").findValuesAsText("kind"))
                .contains("text", "year", "count", "positive_count", "area", "funding", "date", "flag", "status", "category");
        assertThat(codes.get("statuses")).hasSize(6);
        assertThat(codes.get("limits").get("max_code_chars").asInt()).isEqualTo(32);
    }

    @Test
    void theCodeTablesListTheRegisteredDistrictsMostCompoundsFirst() throws Exception {
        for (String[] c : new String[][]{{"D001", "全椒县"}, {"D002", "全椒县"}, {"D003", "南谯区"}}) {
            assertThat(post("{\"code\": \"" + c[0] + "\", \"name\": \"区县" + c[0] + "\", \"district\": \"" + c[1] + "\"}")
                    .statusCode()).isEqualTo(201);
        }
        assertThat(patch("D003", "{\"district\": \"来安县\"}", Map.of()).statusCode()).isEqualTo(200);
        List<String> districts = new ArrayList<>();
        server.getJson("/api/compound-codes").get("districts").forEach(d -> districts.add(d.asText()));
        // the old version's district is no longer one of the register's
        assertThat(districts).startsWith("全椒县").contains("来安县").doesNotContain("南谯区").doesNotHaveDuplicates();
    }

    @Test
    void everyVersionHasAnETagAndAStaleIfMatchWritesNothing() throws Exception {
        HttpResponse<String> created = post("{\"code\": \"E001\", \"name\": \"标签小区\", \"households\": 100, \"boundary\": "
                + square(650000, 3552000, 60) + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String v1 = created.headers().firstValue("ETag").orElseThrow();
        assertThat(v1).isEqualTo("\"" + TestServer.parse(created.body()).get("version_id").asLong() + "\"");
        assertThat(server.get("/api/compounds/E001").headers().firstValue("ETag")).hasValue(v1);

        HttpResponse<String> changed = patch("E001", "{\"households\": 120}", Map.of("If-Match", v1));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        String v2 = changed.headers().firstValue("ETag").orElseThrow();
        assertThat(v2).isNotEqualTo(v1);
        assertThat(versions("E001")).isEqualTo(2);

        // an editor still holding version 1 is told, and its change is not written over version 2
        JsonNode stale = refused(patch("E001", "{\"households\": 90}", Map.of("If-Match", v1)), 412);
        assertThat(stale.get("code").asText()).isEqualTo("PreconditionFailed");
        assertThat(stale.get("description").asText()).contains("changed by someone else").contains("GET /api/compounds/E001");
        assertThat(versions("E001")).isEqualTo(2);
        assertThat(server.getJson("/api/compounds/E001").get("households").asInt()).isEqualTo(120);

        // a weak tag, a list holding the current one, or * all match; no header means no precondition
        assertThat(patch("E001", "{\"households\": 121}", Map.of("If-Match", "W/" + v2)).statusCode()).isEqualTo(200);
        String v3 = server.get("/api/compounds/E001").headers().firstValue("ETag").orElseThrow();
        assertThat(patch("E001", "{\"households\": 122}", Map.of("If-Match", v1 + ", " + v3)).statusCode()).isEqualTo(200);
        assertThat(patch("E001", "{\"households\": 123}", Map.of("If-Match", "*")).statusCode()).isEqualTo(200);
        assertThat(patch("E001", "{\"households\": 124}", Map.of()).statusCode()).isEqualTo(200);
        assertThat(versions("E001")).isEqualTo(6);

        JsonNode bad = refused(patch("E001", "{\"households\": 1}", Map.of("If-Match", "version 3")), 400);
        assertThat(bad.get("description").asText()).contains("If-Match");
        assertThat(versions("E001")).isEqualTo(6);

        JsonNode patchDoc = server.getJson("/api").at("/paths/~1api~1compounds~1{code}/patch");
        assertThat(patchDoc.get("parameters").findValuesAsText("name")).contains("If-Match");
        assertThat(patchDoc.get("description").asText()).contains("412");
    }

    @Test
    void aRefusalNamesTheFieldOfTheFormItIsAbout() throws Exception {
        assertThat(post("{\"code\": \"E002\", \"name\": \"字段小区\", \"boundary\": " + square(651000, 3552000, 60) + "}")
                .statusCode()).isEqualTo(201);
        assertThat(refused(patch("E002", "{\"households\": -5}", Map.of()), 400).get("field").asText()).isEqualTo("households");
        assertThat(refused(patch("E002", "{\"name\": null}", Map.of()), 400).get("field").asText()).isEqualTo("name");
        assertThat(refused(patch("E002", "{\"renovation_status\": \"finished\"}", Map.of()), 400).get("field").asText())
                .isEqualTo("renovation_status");
        assertThat(refused(patch("E002", "{\"items\": {\"rain_pipe_m\": {\"done_quantity\": -1}}}", Map.of()), 400)
                .get("field").asText()).isEqualTo("items.rain_pipe_m.done_quantity");
        String bowTie = "{\"type\": \"Polygon\", \"coordinates\": [[[651000, 3552000], [651060, 3552060], [651060, 3552000],"
                + " [651000, 3552060], [651000, 3552000]]]}";
        JsonNode selfCrossing = refused(patch("E002", "{\"boundary\": " + bowTie + "}", Map.of()), 400);
        assertThat(selfCrossing.get("field").asText()).isEqualTo("boundary");
        assertThat(selfCrossing.get("description").asText()).contains("Self-intersection");
        assertThat(refused(post("{\"code\": \"E003\"}"), 400).get("field").asText()).isEqualTo("name");
        assertThat(refused(post("{\"code\": \"E 3\", \"name\": \"x\"}"), 400).get("field").asText()).isEqualTo("code");
        // a refusal about no one field names none
        assertThat(refused(patch("E002", "{\"colour\": \"red\"}", Map.of()), 400).has("field")).isFalse();
        assertThat(versions("E002")).isEqualTo(1);
    }
}
