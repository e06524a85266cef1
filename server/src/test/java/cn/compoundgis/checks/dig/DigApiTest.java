package cn.compoundgis.checks.dig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.checks.CheckClient;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dig check on planted case E of checks/planted.sql: a pit across six networks finds every pipe and the
 * manhole in it, a pipe 0.1 m outside within its survey uncertainty and not one 1.0 m outside, with depth
 * ranges sorted by depth and "will be exposed" above the dig depth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigApiTest {
    /** x 600399 … 600416, y 3550015 … 3550025, written northing first as EPSG:4548 asks (DigReportPdfTest too). */
    static final String PIT = """
            {"type":"Feature","properties":{"depth_m":1.5},"geometry":{"type":"Polygon","coordinates":[[
              [3550015,600399],[3550015,600416],[3550025,600416],[3550025,600399],[3550015,600399]]]}}""";

    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("dig_api_test", "/checks/planted.sql", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPitAcrossSixNetworksFindsEveryPipeWithItsDepthRangeSortedByDepth() {
        JsonNode report = CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548", PIT);
        Map<String, JsonNode> bySource = new TreeMap<>();
        report.path("features").forEach(f -> bySource.put(name(f.path("properties")), f.path("properties")));
        assertThat(bySource.keySet()).containsExactlyInAnyOrder("E-YS-1", "E-YS-2", "E-WS-1", "E-JS-1", "E-RQ-1",
                "E-DL-1", "E-TX-1", "E-QT-near", "point E-YS2");
        assertThat(report.path("summary").path("networks")).extracting(JsonNode::asText)
                .containsExactly("DL", "JS", "QT", "RQ", "TX", "WS", "YS");

        List<Double> tops = new ArrayList<>();
        report.path("features").forEach(f -> tops.add(f.path("properties").path("depth_top_min_m").asDouble()));
        assertThat(tops).isSorted();

        JsonNode rain = bySource.get("E-YS-1");
        // invert 2.2, DN400 HDPE: outer top 2.2 − 0.4 − 0.032, outer bottom 2.2 + 0.032
        assertThat(rain.path("depth_top_min_m").asDouble()).isCloseTo(1.768, within(0.0005));
        assertThat(rain.path("depth_bottom_max_m").asDouble()).isCloseTo(2.232, within(0.0005));
        assertThat(rain.path("exposure").asText()).isEqualTo("below_dig_depth");
        assertThat(rain.path("accuracy_class").asText()).as("both ends measured in open wells").isEqualTo("visible");
        assertThat(rain.path("owner").asText()).isEqualTo("县住建局");
        assertThat(rain.path("material").asText()).isEqualTo("HDPE");
        assertThat(rain.path("size").asText()).isEqualTo("DN400");
        assertThat(rain.path("surveyed_on").asText()).isEqualTo("2023-09-15");

        JsonNode sewer = bySource.get("E-WS-1");
        assertThat(sewer.path("depth_top_min_m").asDouble()).isCloseTo(1.476, within(0.0005));
        assertThat(sewer.path("exposure").asText()).isEqualTo("will_be_exposed");
        assertThat(sewer.path("will_be_exposed").asBoolean()).isTrue();
        for (String shallow : List.of("E-JS-1", "E-RQ-1", "E-DL-1", "E-TX-1", "E-QT-near", "point E-YS2")) {
            assertThat(bySource.get(shallow).path("exposure").asText()).as(shallow).isEqualTo("will_be_exposed");
        }
        JsonNode gas = bySource.get("E-RQ-1");
        assertThat(gas.path("depth_top_min_m").asDouble()).isEqualTo(0.9);
        assertThat(gas.path("plan_uncertainty_m").asDouble()).isEqualTo(0.05);
        assertThat(gas.path("depth_uncertainty_m").asDouble()).isEqualTo(0.075);
        assertThat(report.path("summary").path("will_be_exposed").asInt()).isEqualTo(7);
        assertThat(report.path("summary").path("pipes").asInt()).isEqualTo(8);
        assertThat(report.path("summary").path("pipe_points").asInt()).isEqualTo(1);

        assertThat(report.path("area").path("kind").asText()).isEqualTo("pit");
        assertThat(report.path("area").path("area_m2").asDouble()).isCloseTo(170, within(0.01));
        assertThat(report.path("dig_depth_m").asDouble()).isEqualTo(1.5);
        OffsetDateTime created = OffsetDateTime.parse(report.path("created").asText());
        OffsetDateTime validUntil = OffsetDateTime.parse(report.path("valid_until").asText());
        assertThat(Duration.between(created, validUntil).toDays()).isEqualTo(report.path("valid_days").asLong());
    }

    @Test
    void aTrenchIsALineWithAWidthAndWithoutADepthNothingIsMarkedExposed() {
        // a 2 m wide trench along y = 3550030 from x 600405 to 600410: crosses water (x 600406) and gas (600409)
        String trench = """
                {"type":"LineString","coordinates":[[3550030,600405],[3550030,600410]]}""";
        JsonNode report = CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548&width=2", trench);
        List<String> names = new ArrayList<>();
        report.path("features").forEach(f -> names.add(name(f.path("properties"))));
        assertThat(names).containsExactly("E-RQ-1", "E-JS-1");
        assertThat(report.path("area").path("kind").asText()).isEqualTo("trench");
        assertThat(report.path("area").path("area_m2").asDouble()).isCloseTo(10, within(0.01));
        report.path("features").forEach(f -> assertThat(f.path("properties").path("exposure").isNull()).isTrue());
    }

    @Test
    void areasBeyond500By500AreRefused() {
        String big = """
                {"type":"Polygon","coordinates":[[[118.0,32.0],[118.01,32.0],[118.01,32.001],[118.0,32.001],[118.0,32.0]]]}""";
        HttpResponse<String> response = CheckClient.post(server, "/api/checks/dig", big);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(response.body()).path("description").asText())
                .contains("at most 500 m × 500 m").contains("KLIC").contains("946 m");
    }

    @Test
    void badDigRequestsAreRefusedWithWhatIsWrong() {
        assertBad("", "dig area");
        assertBad("{\"type\":\"Point\",\"coordinates\":[118,32]}", "Polygon");
        assertBad("{\"type\":\"LineString\",\"coordinates\":[[118,32],[118.0001,32]]}", "width");
        assertBad("{\"type\":\"Polygon\",\"coordinates\":[[[118,32],[118.0001,32],[118.0001,32.0001],[118,32.0001]]]}", "closed");
        assertBad("{\"type\":\"Polygon\",\"coordinates\":[[[118,32],[118.0001,32.0001],[118.0001,32],[118,32.0001],[118,32]]]}",
                "not a valid polygon");
        HttpResponse<String> negative = CheckClient.post(server, "/api/checks/dig?depth=-1",
                "{\"type\":\"Polygon\",\"coordinates\":[[[118,32],[118.0001,32],[118.0001,32.0001],[118,32.0001],[118,32]]]}");
        assertThat(negative.statusCode()).isEqualTo(400);
    }

    @Test
    void aPitWrittenEastingFirstAsQgisAndGdalWriteItFindsTheSamePipesAndSaysSo() {
        String eastingFirst = """
                {"type":"Feature","properties":{"depth_m":1.5},"geometry":{"type":"Polygon","coordinates":[[
                  [600399,3550015],[600416,3550015],[600416,3550025],[600399,3550025],[600399,3550015]]]}}""";
        JsonNode asWritten = CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548", eastingFirst);
        JsonNode asDefined = CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548", PIT);
        assertThat(names(asWritten)).hasSize(9).containsExactlyInAnyOrderElementsOf(names(asDefined));
        assertThat(asWritten.path("axis_order").asText()).isEqualTo("easting_northing");
        assertThat(asWritten.path("crs_axis_order").asText()).isEqualTo("northing_easting");
        assertThat(asDefined.path("axis_order").asText()).isEqualTo("northing_easting");
        assertThat(asWritten.path("area").path("area_m2").asDouble()).isCloseTo(170, within(0.01));
    }

    @Test
    void aTrenchFromAPhoneWithAltitudesIsAccepted() {
        String trench = """
                {"type":"LineString","coordinates":[[3550030,600405,12.31],[3550030,600410,12.35]]}""";
        JsonNode report = CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548&width=2", trench);
        assertThat(names(report)).containsExactly("E-RQ-1", "E-JS-1");
    }

    @Test
    void hugeCoordinatesAreRefusedBeforeTheyReachPostgis() throws Exception {
        // ST_Buffer on these crashes PostgreSQL 15 / PostGIS 3.3 (issue 10 point 4): it must never be sent
        HttpResponse<String> response = CheckClient.post(server, "/api/checks/dig?width=2&crs=EPSG:4548",
                "{\"type\":\"LineString\",\"coordinates\":[[1e308,1e308],[-1e308,-1e308]]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestServer.parse(response.body()).path("description").asText())
                .contains("trench line, position 1").contains("not a position in EPSG:4548");
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pipe")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isPositive();
        }
        assertThat(CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548", PIT).path("features")).hasSize(9);
    }

    @Test
    void positionsThatAreNotFiniteNumbersOrFitNoAxisOrderAreRefused() {
        assertBad("/api/checks/dig?width=2&crs=EPSG:4548",
                "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[3550030,600410],[\"NaN\",600410]]}",
                "trench line, position 3");
        assertBad("/api/checks/dig?width=2&crs=EPSG:4548",
                "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[\"Infinity\",600410]]}", "position 2");
        assertBad("/api/checks/dig?width=2&crs=EPSG:4548",
                "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[null,600410]]}", "position 2");
        assertBad("/api/checks/dig?width=2&crs=EPSG:4548",
                "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[3550030,600405]]}", "no length");
        assertBad("/api/checks/dig?width=2&crs=EPSG:4548",
                "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[600410,3550030]]}", "two axis orders");
        assertBad("/api/checks/dig?width=2&crs=EPSG:4548",
                "{\"type\":\"LineString\",\"coordinates\":[[3320000,712000],[3320000,712010]]}", "is at lon 119.2, lat 30.0");
        assertBad("/api/checks/dig?width=2&crs=EPSG:4326",
                "{\"type\":\"LineString\",\"coordinates\":[[118.1,32.1],[118.2,32.1]]}", "latitude first");
    }

    @Test
    void aRequestOfMoreThan100000PositionsIsTooLarge() {
        String positions = String.join(",", java.util.Collections.nCopies(100_001, "[1,2]"));
        HttpResponse<String> response = CheckClient.post(server, "/api/checks/dig?width=2",
                "{\"type\":\"LineString\",\"coordinates\":[" + positions + "]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(TestServer.parse(response.body()).path("description").asText()).contains("more than 100000 positions");
    }

    @Test
    void theTrenchWidthAndDigDepthAreFinitePositiveAndBounded() {
        String line = "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[3550030,600410]]}";
        for (String width : List.of("NaN", "Infinity", "1e309", "0", "-2", "51", "2d", "0x1p1")) {
            assertBad("/api/checks/dig?crs=EPSG:4548&width=" + width, line, "width");
        }
        assertBad("/api/checks/dig?crs=EPSG:4548&width=2&depth=31", line, "depth");
        assertBad("/api/checks/dig?crs=EPSG:4548&width=2&depth=NaN", line, "depth");
        assertBad("/api/checks/dig?crs=EPSG:4548&width=2&depth=1.5f", line, "depth");
        assertThat(CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548&width=2e0&depth=1.5", line)
                .path("area").path("trench_width_m").asDouble()).isEqualTo(2.0);
        assertBad("/api/checks/dig?crs=EPSG:4548",
                "{\"type\":\"Feature\",\"properties\":{\"width_m\":1e400},\"geometry\":" + line + "}", "width");
    }

    @Test
    void coverageSaysHowMuchOfTheAreaLiesInSurveyedCompounds() {
        JsonNode inside = CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548", PIT);
        assertThat(inside.path("coverage").path("fraction").asDouble()).isEqualTo(1.0);
        assertThat(inside.path("coverage").path("compounds")).extracting(JsonNode::asText).containsExactly("T01");
        assertThat(inside.path("warnings")).isEmpty();

        // T01 ends at x = 600650: a pit from 600640 to 600660 is half in it, one from 601000 wholly outside
        JsonNode edge = CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548", pit(600640, 600660));
        assertThat(edge.path("coverage").path("fraction").asDouble()).isCloseTo(0.5, within(0.0001));
        assertThat(edge.path("warnings").get(0).path("code").asText()).isEqualTo("OUTSIDE_SURVEYED_AREA");
        assertThat(edge.path("warnings").get(0).path("description").asText()).contains("50 % of the dig area");

        JsonNode outside = CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548", pit(601000, 601010));
        assertThat(outside.path("features")).isEmpty();
        assertThat(outside.path("coverage").path("fraction").asDouble()).isEqualTo(0.0);
        assertThat(outside.path("coverage").path("compounds")).isEmpty();
        assertThat(outside.path("warnings").get(0).path("code").asText()).isEqualTo("OUTSIDE_SURVEYED_AREA");
        assertThat(outside.path("warnings").get(0).path("description").asText())
                .contains("none of the dig area lies inside a surveyed compound").contains("does not mean there are none");
    }

    private static String pit(double west, double east) {
        return """
                {"type":"Polygon","coordinates":[[[3550000,%s],[3550000,%s],[3550010,%s],[3550010,%s],[3550000,%s]]]}"""
                .formatted(west, east, east, west, west);
    }

    private static List<String> names(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.path("features").forEach(f -> names.add(name(f.path("properties"))));
        return names;
    }

    private void assertBad(String path, String body, String expected) {
        HttpResponse<String> response = CheckClient.post(server, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestServer.parse(response.body()).path("description").asText()).as(path).contains(expected);
    }

    private void assertBad(String body, String expected) {
        HttpResponse<String> response = CheckClient.post(server, "/api/checks/dig", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestServer.parse(response.body()).path("description").asText()).contains(expected);
    }

    private static String name(JsonNode p) {
        return "pipe".equals(p.path("kind").asText()) ? p.path("source_id").asText() : "point " + p.path("point_no").asText();
    }
}
