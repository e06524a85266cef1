package cn.compoundgis.checks.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The parking check on the planted stalls of checks/fire-lanes-fixture.sql, and on proposed stalls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParkingApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("parking_test", "/checks/fire-lanes-fixture.sql", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> propose(String query, String body) throws Exception {
        HttpRequest request = server.request("/api/checks/parking/proposed" + query)
                .header("Content-Type", "application/geo+json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode byStallNo(JsonNode stalls, String no) {
        for (JsonNode s : stalls) {
            if (no.equals(s.path("stall_no").asText())) {
                return s;
            }
        }
        throw new AssertionError("no stall " + no + " in " + stalls);
    }

    private static List<String> problemTypes(JsonNode stall) {
        List<String> out = new ArrayList<>();
        stall.get("problems").forEach(p -> out.add(p.get("type").asText()));
        return out;
    }

    @Test
    void countsByKindAndPerHousehold() {
        JsonNode counts = server.getJson("/api/checks/parking?compound=F001").get("counts");
        assertThat(counts.get("by_kind").get("standard").asInt()).isEqualTo(3);
        assertThat(counts.get("by_kind").get("ev").asInt()).isEqualTo(1);
        assertThat(counts.get("by_kind").get("accessible").asInt()).isEqualTo(1);
        assertThat(counts.get("by_kind").get("planned").asInt()).isEqualTo(1);
        assertThat(counts.get("existing").asInt()).isEqualTo(5);
        assertThat(counts.get("households").asInt()).isEqualTo(40);
        assertThat(counts.get("existing_per_household").asDouble()).isEqualTo(0.125);
        assertThat(counts.get("with_planned_per_household").asDouble()).isEqualTo(0.15);
    }

    @Test
    void stallsInALaneOrATurnaroundAndUndersizedStallsAreFoundAndNoOthers() {
        JsonNode report = server.getJson("/api/checks/parking?compound=F001");
        JsonNode findings = report.get("findings");
        List<String> found = new ArrayList<>();
        findings.forEach(f -> found.add(f.get("stall_no").asText()));
        assertThat(found).containsExactlyInAnyOrder("P01", "P04", "P05", "P06");

        JsonNode p01 = byStallNo(findings, "P01");
        assertThat(problemTypes(p01)).containsExactly("overlaps_fire_lane");
        JsonNode lane = p01.get("problems").get(0).get("lanes").get(0);
        assertThat(lane.get("source_id").asText()).isEqualTo("XF1");
        assertThat(lane.get("intrusion_m").asDouble()).isCloseTo(1.1, within(0.001));

        JsonNode p04 = byStallNo(findings, "P04");
        assertThat(p04.get("kind").asText()).isEqualTo("planned");
        assertThat(p04.get("problems").get(0).get("lanes").get(0).get("intrusion_m").asDouble()).isCloseTo(2.0, within(0.001));

        JsonNode p05 = byStallNo(findings, "P05");
        assertThat(problemTypes(p05)).containsExactly("undersized");
        assertThat(p05.get("width_m").asDouble()).isCloseTo(2.2, within(0.001));
        assertThat(p05.get("length_m").asDouble()).isCloseTo(5.0, within(0.001));

        JsonNode p06 = byStallNo(findings, "P06");
        assertThat(problemTypes(p06)).containsExactly("overlaps_turnaround");
        assertThat(p06.get("problems").get(0).get("turnarounds").get(0).get("source_id").asText()).isEqualTo("HC1");
        assertThat(report.get("rules").get("stall_min_size_m").get("perpendicular").get("length").asDouble()).isEqualTo(5.3);
    }

    /** Five proposed stalls in EPSG:4548, northing first as EPSG defines it: [y, x]. */
    private static final String PROPOSED = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"stall_no": "N1"}, "geometry": {"type": "Polygon", "coordinates":
                    [[[3552030, 619170], [3552030, 619172.5], [3552035.3, 619172.5], [3552035.3, 619170], [3552030, 619170]]]}},
                  {"type": "Feature", "properties": {"stall_no": "N2"}, "geometry": {"type": "Polygon", "coordinates":
                    [[[3552070, 619101], [3552070, 619103.5], [3552075.3, 619103.5], [3552075.3, 619101], [3552070, 619101]]]}},
                  {"type": "Feature", "properties": {"stall_no": "N3", "layout": "parallel"}, "geometry": {"type": "Polygon", "coordinates":
                    [[[3552040, 619180], [3552040, 619182.4], [3552045.5, 619182.4], [3552045.5, 619180], [3552040, 619180]]]}},
                  {"type": "Feature", "properties": {"stall_no": "N4"}, "geometry": {"type": "Polygon", "coordinates":
                    [[[3552081, 619171], [3552081, 619173.5], [3552086.3, 619173.5], [3552086.3, 619171], [3552081, 619171]]]}},
                  {"type": "Feature", "properties": {"stall_no": "N5"}, "geometry": {"type": "Polygon", "coordinates":
                    [[[3552062, 619025], [3552062, 619027.5], [3552067.3, 619027.5], [3552067.3, 619025], [3552062, 619025]]]}}
                ]}""";

    @Test
    void proposedStallsAreCheckedTheSameWayBeforeTheyArePainted() throws Exception {
        String body = PROPOSED;
        HttpResponse<String> response = propose("?compound=F001&crs=EPSG:4548", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = TestServer.parse(response.body());
        JsonNode stalls = report.get("stalls");
        assertThat(problemTypes(byStallNo(stalls, "N1"))).isEmpty();
        JsonNode n2 = byStallNo(stalls, "N2");
        assertThat(problemTypes(n2)).containsExactly("overlaps_fire_lane");
        assertThat(n2.get("problems").get(0).get("lanes").get(0).get("source_id").asText()).isEqualTo("XF2");
        assertThat(n2.get("problems").get(0).get("lanes").get(0).get("intrusion_m").asDouble()).isCloseTo(1.0, within(0.001));
        JsonNode n3 = byStallNo(stalls, "N3");
        assertThat(problemTypes(n3)).containsExactly("undersized");
        assertThat(n3.get("problems").get(0).get("min_length_m").asDouble()).isEqualTo(6.0);
        JsonNode n4 = byStallNo(stalls, "N4");
        assertThat(problemTypes(n4)).containsExactly("overlaps_existing");
        assertThat(n4.get("problems").get(0).get("features").get(0).get("source_id").asText()).isEqualTo("P05");
        assertThat(problemTypes(byStallNo(stalls, "N5"))).containsExactly("overlaps_existing");
        assertThat(report.get("summary").get("acceptable").asInt()).isEqualTo(1);
        assertThat(report.get("summary").get("with_problems").asInt()).isEqualTo(4);
        assertThat(byStallNo(stalls, "N1").get("geometry").get("coordinates").get(0).get(0).get(0).asDouble()).isEqualTo(3552030.0);
        assertThat(report.get("axis_order").asText()).isEqualTo("northing_easting");
    }

    @Test
    void proposedStallsWrittenEastingFirstAreReadTheSameAndTheAnswerSaysSo() throws Exception {
        String eastingFirst = PROPOSED.replaceAll("\\[(\\d+(?:\\.\\d+)?), (\\d+(?:\\.\\d+)?)]", "[$2, $1]");
        assertThat(eastingFirst).contains("[619170, 3552030]");
        JsonNode asDefined = TestServer.parse(propose("?compound=F001&crs=EPSG:4548", PROPOSED).body());
        HttpResponse<String> response = propose("?compound=F001&crs=EPSG:4548", eastingFirst);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode asWritten = TestServer.parse(response.body());
        assertThat(asWritten.get("axis_order").asText()).isEqualTo("easting_northing");
        assertThat(asWritten.get("crs_axis_order").asText()).isEqualTo("northing_easting");
        for (String stall : new String[]{"N1", "N2", "N3", "N4", "N5"}) {
            assertThat(problemTypes(byStallNo(asWritten.get("stalls"), stall))).as(stall)
                    .isEqualTo(problemTypes(byStallNo(asDefined.get("stalls"), stall)));
        }
        assertThat(asWritten.get("summary")).isEqualTo(asDefined.get("summary"));
    }

    @Test
    void proposedStallsOutsideTheAreaOfUseOrWithBadPositionsAreRefused() throws Exception {
        HttpResponse<String> far = propose("?compound=F001&crs=EPSG:4548", "{\"type\": \"Polygon\", \"coordinates\": "
                + "[[[1e308, 1e308], [-1e308, 1e308], [-1e308, -1e308], [1e308, 1e308]]]}");
        assertThat(far.statusCode()).isEqualTo(400);
        assertThat(far.body()).contains("proposed stall 1, ring 1, position 1").contains("not a position in EPSG:4548");
        HttpResponse<String> text = propose("?compound=F001&crs=EPSG:4548", "{\"type\": \"Polygon\", \"coordinates\": "
                + "[[[3552030, 619150], [3552040, \"Infinity\"], [3552030, 619160], [3552030, 619150]]]}");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("position 2").contains("Infinity");
    }

    @Test
    void badRequestsAreRefusedClearly() throws Exception {
        assertThat(server.get("/api/checks/parking").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/checks/parking?compound=NOPE").statusCode()).isEqualTo(404);
        assertThat(propose("?compound=F001", "").statusCode()).isEqualTo(400);
        assertThat(propose("?compound=F001", "{\"type\": \"Point\", \"coordinates\": [1, 2]}").body()).contains("Point");
        assertThat(propose("?compound=F001", "{\"type\": \"FeatureCollection\", \"features\": []}").body()).contains("no proposed stalls");
        assertThat(propose("?compound=F001", "{\"type\": \"Polygon\", \"coordinates\": [[[1, 2], [3, 4]]]}").body()).contains("at least 4");
        assertThat(propose("?compound=F001", "{\"type\": \"Feature\", \"properties\": {\"layout\": \"diagonal\"}, \"geometry\": "
                + "{\"type\": \"Polygon\", \"coordinates\": [[[1, 2], [3, 4], [3, 2], [1, 2]]]}}").body()).contains("layout");
        HttpResponse<String> bowTie = propose("?compound=F001&crs=EPSG:4548", "{\"type\": \"Polygon\", \"coordinates\": "
                + "[[[3552030, 619150], [3552040, 619160], [3552030, 619160], [3552040, 619150], [3552030, 619150]]]}");
        assertThat(bowTie.statusCode()).isEqualTo(400);
        assertThat(bowTie.body()).contains("not a valid polygon");
    }
}
