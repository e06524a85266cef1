package cn.compoundgis.checks.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.checks.CheckClient;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * The clearance check on the planted cases of checks/planted.sql: every planted conflict is found (too close
 * in plan, a crossing with overlap, a designed pipe too close to a gas main, a staged upload crossing too
 * close) and no compliant pair (beside, crossing, joined) is flagged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClearanceApiTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("clearance_api_test", "/checks/planted.sql", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void compoundCheckFindsEveryPlantedConflictAndFlagsNoCompliantPair() {
        JsonNode answer = CheckClient.postJson(server, "/api/checks/clearance?compound=T01", "");
        assertThat(answer.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(pairs(answer)).containsExactlyInAnyOrder(
                "A-RQ-1|A-YS-1", "A-RQ-1|A-YS-2", "B-JS-1|B-YS-1");

        JsonNode tooClose = finding(answer, "A-RQ-1|A-YS-1");
        assertThat(tooClose.path("kind").asText()).isEqualTo("horizontal");
        assertThat(tooClose.path("status").asText()).isEqualTo("needs_approval");
        assertThat(tooClose.path("rule_id").asText()).isEqualTo("H-04");
        assertThat(tooClose.path("rule_confirmed").asBoolean()).isTrue();
        assertThat(tooClose.path("clause").asText()).contains("4.1.9").contains("中压 B");
        assertThat(tooClose.path("clause_zh").asText()).isEqualTo(tooClose.path("clause").asText());
        assertThat(tooClose.path("clause_en").asText()).as("for the map's English screen")
                .isEqualTo("GB 50289-2016 table 4.1.9 sewer and rain – medium pressure B gas: 1.2 m");
        assertThat(tooClose.path("required_m").asDouble()).isEqualTo(1.2);
        // 0.8 m between centres − half of DN400 HDPE (0.464 outer) − half of DN110 PE (0.1276 outer)
        assertThat(tooClose.path("actual_m").asDouble()).isCloseTo(0.504, within(0.002));
        assertThat(tooClose.path("certainty").asText()).isEqualTo("certain");
        assertThat(tooClose.path("yields").asText()).as("pressure yields to gravity: the gas main").isEqualTo(
                side(tooClose, "RQ"));
        assertThat(tooClose.path("yield_criterion").asText()).isEqualTo("pressure_yields_to_gravity");
        assertThat(tooClose.path("label").asText()).isEqualTo("需 1.2 m / 实 0.5 m");
        assertThat(tooClose.path("geometry").isMissingNode()).isTrue();
        assertThat(featureOf(answer, "A-RQ-1|A-YS-1").path("geometry").path("type").asText()).isEqualTo("LineString");

        JsonNode overlap = finding(answer, "B-JS-1|B-YS-1");
        assertThat(overlap.path("kind").asText()).isEqualTo("vertical");
        assertThat(overlap.path("status").asText()).isEqualTo("violation");
        assertThat(overlap.path("rule_id").asText()).isEqualTo("V-01");
        assertThat(overlap.path("rule_status").asText()).isEqualTo("unconfirmed");
        assertThat(overlap.path("actual_m").asDouble()).as("outer walls overlap").isNegative();
        assertThat(overlap.path("upper").asText()).isEqualTo(side(overlap, "YS"));
        assertThat(featureOf(answer, "B-JS-1|B-YS-1").path("geometry").path("type").asText()).isEqualTo("Point");

        JsonNode summary = answer.path("summary");
        assertThat(summary.path("connected_pairs_skipped").asInt()).as("the two joined rain lengths of A and E").isEqualTo(2);
        assertThat(summary.path("compliant_pairs").asInt()).isPositive();
        assertThat(summary.path("by_status").path("violation").asInt()).isEqualTo(1);
    }

    @Test
    void aDesignedRainPipeTooCloseToAGasMainIsLabelledWithRequiredAndActual() {
        // 0.3 m outer wall to outer wall: centre 0.3 + 0.232 (half DN400 HDPE) + 0.0928 (half DN160 PE) east of F-RQ-1
        double x = 600500 + 0.3 + 0.232 + 0.0928;
        String body = designCollection(designRain("new-YS-1", x, 3550005, x, 3550035));
        JsonNode answer = CheckClient.postJson(server, "/api/checks/clearance?crs=EPSG:4548", body);
        assertThat(answer.path("features")).hasSize(1);
        JsonNode f = answer.path("features").get(0).path("properties");
        assertThat(f.path("kind").asText()).isEqualTo("horizontal");
        assertThat(f.path("rule_id").asText()).isEqualTo("H-05");
        assertThat(f.path("required_m").asDouble()).isEqualTo(1.2);
        assertThat(f.path("actual_m").asDouble()).isCloseTo(0.3, within(0.002));
        assertThat(f.path("label").asText()).isEqualTo("需 1.2 m / 实 0.3 m");
        assertThat(f.path("a").path("origin").asText()).isEqualTo("design");
        assertThat(f.path("a").path("source_id").asText()).isEqualTo("new-YS-1");
        assertThat(f.path("b").path("source_id").asText()).isEqualTo("F-RQ-1");
        assertThat(f.path("yields").asText()).isEqualTo("b");
        // the shortest line, in EPSG:4548 axis order (northing first)
        JsonNode line = answer.path("features").get(0).path("geometry").path("coordinates");
        assertThat(line.get(0).get(1).asDouble()).isCloseTo(x, within(0.001));
        assertThat(line.get(1).get(1).asDouble()).isCloseTo(600500, within(0.001));
    }

    @Test
    void designInCrs84ByDefaultAndACompliantDesignIsNotFlagged() {
        double[] a = lonLat(600550, 3550005);
        double[] b = lonLat(600550, 3550035);
        String body = designCollection("""
                {"type":"Feature","id":"far","geometry":{"type":"LineString","coordinates":[[%s,%s],[%s,%s]]},
                 "properties":{"network":"YS","size":"DN400","start_depth_m":2.0,"end_depth_m":2.1,"material":"HDPE"}}"""
                .formatted(a[0], a[1], b[0], b[1]));
        JsonNode answer = CheckClient.postJson(server, "/api/checks/clearance", body);
        assertThat(answer.path("features")).isEmpty();
        assertThat(answer.path("crs_uri").asText()).endsWith("CRS84");
    }

    @Test
    void aDesignCrossingBelowAWaterPipeUsesTheInvertOfTheDrainAndTheTopOfTheWater() {
        // D-JS-1 runs east at y = 3550020, top 0.8 m, bottom 0.8 + 0.116 = 0.916 m (DN100 PE). A designed DN300
        // sewer (invert) crossing it: invert 1.45 m → outer top 1.45 − 0.3 − 0.024 = 1.126 m: 0.21 m below, 0.40 m asked.
        String crossing = """
                {"type":"Feature","id":"cross","geometry":{"type":"LineString","coordinates":[[3550010,600290],[3550030,600290]]},
                 "properties":{"network":"WS","size":"DN300","depth_m":1.45,"material":"HDPE"}}""";
        JsonNode answer = CheckClient.postJson(server, "/api/checks/clearance?crs=EPSG:4548", designCollection(crossing));
        assertThat(answer.path("features")).hasSize(1);
        JsonNode f = answer.path("features").get(0).path("properties");
        assertThat(f.path("kind").asText()).isEqualTo("vertical");
        assertThat(f.path("rule_id").asText()).isEqualTo("V-01");
        assertThat(f.path("actual_m").asDouble()).isCloseTo(0.21, within(0.001));
        assertThat(f.path("status").asText()).isEqualTo("rule_unconfirmed");
        assertThat(f.path("severity").asText()).isEqualTo("violation");
        assertThat(f.path("upper").asText()).isEqualTo("b");
        assertThat(f.path("a").path("depth_reference").asText()).isEqualTo("invert");
        assertThat(f.path("b").path("depth_reference").asText()).isEqualTo("top");

        // 0.30 m deeper it clears 0.40 m plus the water pipe's depth uncertainty (0.075 m at 1 m): no finding
        String deeper = crossing.replace("\"depth_m\":1.45", "\"depth_m\":1.85");
        assertThat(CheckClient.postJson(server, "/api/checks/clearance?crs=EPSG:4548", designCollection(deeper))
                .path("features")).isEmpty();
    }

    @Test
    void aMarginWithinTheSurveyUncertaintyIsAPossibleConflict() {
        // 1.23 m from F-RQ-1's outer wall where 1.2 m is asked: compliant as surveyed, but the gas main is
        // known only to ±0.05 m in plan
        double x = 600500 - (1.23 + 0.232 + 0.0928);
        JsonNode answer = CheckClient.postJson(server, "/api/checks/clearance?crs=EPSG:4548",
                designCollection(designRain("near", x, 3550005, x, 3550035)));
        JsonNode f = answer.path("features").get(0).path("properties");
        assertThat(f.path("status").asText()).isEqualTo("possible_conflict");
        assertThat(f.path("possible_conflict").asBoolean()).isTrue();
        assertThat(f.path("uncertainty_m").asDouble()).isCloseTo(0.05, within(0.0001));
    }

    @Test
    void designPipesAreCheckedAgainstEachOtherButNotAtTheirJoints() {
        String body = designCollection(
                designRain("r1", 600600, 3550000, 600600, 3550020),
                designRain("r2", 600600, 3550020, 600600, 3550040),
                """
                {"type":"Feature","id":"g1","geometry":{"type":"LineString","coordinates":[[3550000,600600.5],[3550040,600600.5]]},
                 "properties":{"network":"RQ","dn_mm":110,"depth_m":1.0,"pressure_class":"low","material":"PE"}}""");
        JsonNode answer = CheckClient.postJson(server, "/api/checks/clearance?crs=EPSG:4548", body);
        assertThat(pairs(answer)).containsExactlyInAnyOrder("g1|r1", "g1|r2");
        assertThat(answer.path("summary").path("connected_pairs_skipped").asInt()).isEqualTo(1);
        answer.path("features").forEach(f -> assertThat(f.path("properties").path("rule_id").asText()).isEqualTo("H-03"));
    }

    @Test
    void aStagedUploadIsCheckedAgainstWhatItsCommitWouldKeep() {
        JsonNode answer = CheckClient.postJson(server, "/api/checks/clearance?survey=9002&crs=EPSG:4548", "");
        assertThat(pairs(answer)).containsExactlyInAnyOrder("A-YS-1|S-JS-1", "A-RQ-1|S-JS-1");
        JsonNode rain = finding(answer, "A-YS-1|S-JS-1");
        assertThat(rain.path("kind").asText()).isEqualTo("vertical");
        assertThat(rain.path("status").asText()).isEqualTo("rule_unconfirmed");
        assertThat(rain.path("actual_m").asDouble()).isCloseTo(0.155, within(0.001));
        assertThat(rain.path("yields").asText()).isEqualTo(side(rain, "JS"));
        JsonNode gas = finding(answer, "A-RQ-1|S-JS-1");
        assertThat(gas.path("rule_id").asText()).isEqualTo("V-04");
        assertThat(gas.path("actual_m").asDouble()).isCloseTo(0.072, within(0.001));
        assertThat(gas.path("certainty").asText()).as("0.072 + uncertainty 0.117 exceeds 0.15").isEqualTo("possible");
    }

    @Test
    void aLargeAnswerIsStreamedAsTheFindingsAreMade() {
        // 60 design pipes 1 cm apart, rain and water in turn, far from the planted pipes: 900 findings, about 1 MB
        List<String> features = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double north = 3_551_000 + i * 0.01;
            features.add("""
                    {"type":"Feature","id":"s%d","geometry":{"type":"LineString","coordinates":[[%s,602000],[%s,602020]]},
                     "properties":{"network":"%s","size":"DN100","depth_m":1.0}}""".formatted(i, north, north, i % 2 == 0 ? "YS" : "JS"));
        }
        HttpResponse<String> response = CheckClient.post(server, "/api/checks/clearance?crs=EPSG:4548",
                designCollection(features.toArray(String[]::new)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).as("not built whole before sending").isEmpty();
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        JsonNode answer = TestServer.parse(response.body());
        assertThat(answer.path("features")).hasSize(900);
        assertThat(answer.path("numberMatched").asInt()).isEqualTo(900);
        assertThat(answer.path("truncated").asBoolean()).isFalse();
        assertThat(answer.at("/summary/pairs_examined").asInt()).isEqualTo(60 * 59 / 2);
    }

    @Test
    void findingsCanBeFilteredByKindAndStatus() {
        JsonNode vertical = CheckClient.postJson(server, "/api/checks/clearance?compound=T01&kind=vertical", "");
        assertThat(pairs(vertical)).containsExactly("B-JS-1|B-YS-1");
        JsonNode approval = CheckClient.postJson(server, "/api/checks/clearance?compound=T01&status=needs_approval", "");
        assertThat(pairs(approval)).containsExactlyInAnyOrder("A-RQ-1|A-YS-1", "A-RQ-1|A-YS-2");
    }

    @Test
    void designPipesWrittenEastingFirstGiveTheSameFindingsAndSaySo() {
        double x = 600500 + 0.3 + 0.232 + 0.0928;
        String northingFirst = designCollection(designRain("new-YS-1", x, 3550005, x, 3550035));
        String eastingFirst = designCollection(designRain("new-YS-1", 3550005, x, 3550035, x));
        JsonNode asDefined = CheckClient.postJson(server, "/api/checks/clearance?crs=EPSG:4548", northingFirst);
        JsonNode asWritten = CheckClient.postJson(server, "/api/checks/clearance?crs=EPSG:4548", eastingFirst);
        assertThat(pairs(asWritten)).containsExactly("F-RQ-1|new-YS-1").isEqualTo(pairs(asDefined));
        assertThat(asWritten.path("axis_order").asText()).isEqualTo("easting_northing");
        assertThat(asWritten.path("crs_axis_order").asText()).isEqualTo("northing_easting");
        assertThat(asDefined.path("axis_order").asText()).isEqualTo("northing_easting");
        assertThat(asWritten.path("features").get(0).path("properties").path("actual_m").asDouble())
                .isCloseTo(0.3, within(0.002));
    }

    @Test
    void coverageSaysHowMuchOfTheDesignLiesInSurveyedCompounds() {
        JsonNode inside = CheckClient.postJson(server, "/api/checks/clearance?crs=EPSG:4548",
                designCollection(designRain("in", 600300, 3550005, 600300, 3550035)));
        assertThat(inside.path("coverage").path("fraction").asDouble()).isEqualTo(1.0);
        assertThat(inside.path("coverage").path("compounds")).extracting(JsonNode::asText).containsExactly("T01");
        assertThat(inside.path("warnings")).isEmpty();
        // T01 ends at x = 600650: 10 m of this 40 m pipe lie in it
        JsonNode edge = CheckClient.postJson(server, "/api/checks/clearance?crs=EPSG:4548",
                designCollection(designRain("edge", 600640, 3550060, 600680, 3550060)));
        assertThat(edge.path("coverage").path("fraction").asDouble()).isCloseTo(0.25, within(0.0001));
        assertThat(edge.path("warnings").get(0).path("code").asText()).isEqualTo("OUTSIDE_SURVEYED_AREA");
        assertThat(edge.path("warnings").get(0).path("description").asText()).contains("75 % of the design pipes");
        JsonNode outside = CheckClient.postJson(server, "/api/checks/clearance?crs=EPSG:4548",
                designCollection(designRain("out", 601000, 3550060, 601040, 3550060)));
        assertThat(outside.path("coverage").path("fraction").asDouble()).isEqualTo(0.0);
        assertThat(outside.path("warnings").get(0).path("description").asText())
                .contains("none of the design pipes lies inside a surveyed compound");
    }

    @Test
    void designPipesInTwoAxisOrdersOrOutsideTheAreaOfUseAreRefused() {
        assertBad("/api/checks/clearance?crs=EPSG:4548", designCollection(designRain("a", 600300, 3550005, 600300, 3550035),
                designRain("b", 3550005, 600310, 3550035, 600310)), "two axis orders");
        assertBad("/api/checks/clearance?crs=EPSG:4548", designCollection(designRain("far", 1e308, 1e308, -1e308, -1e308)),
                "not a position in EPSG:4548");
        assertBad("/api/checks/clearance?crs=EPSG:4548", designCollection("""
                {"type":"Feature","geometry":{"type":"LineString","coordinates":[[3550000,600600],["NaN",600600]]},
                 "properties":{"network":"YS","size":"DN400","depth_m":1}}"""), "feature 0, position 2");
    }

    @Test
    void badRequestsAreRefusedWithWhatIsWrong() {
        assertBad("/api/checks/clearance", "", "nothing to check");
        assertBad("/api/checks/clearance?compound=T01", designCollection(designRain("x", 1, 2, 3, 4)), "exactly one");
        assertBad("/api/checks/clearance", "{\"type\":\"Feature\"}", "FeatureCollection");
        assertBad("/api/checks/clearance", "not json", "not valid JSON");
        assertBad("/api/checks/clearance?crs=EPSG:4548", designCollection("""
                {"type":"Feature","geometry":{"type":"LineString","coordinates":[[3550000,600600],[3550010,600600]]},
                 "properties":{"network":"XX","size":"DN400","depth_m":1}}"""), "network");
        assertBad("/api/checks/clearance?crs=EPSG:4548", designCollection("""
                {"type":"Feature","geometry":{"type":"LineString","coordinates":[[3550000,600600],[3550010,600600]]},
                 "properties":{"network":"YS","size":"big","depth_m":1}}"""), "size 'big'");
        assertBad("/api/checks/clearance?crs=EPSG:4548", designCollection("""
                {"type":"Feature","geometry":{"type":"LineString","coordinates":[[3550000,600600],[3550010,600600]]},
                 "properties":{"network":"YS","size":"DN400"}}"""), "depth");
        assertBad("/api/checks/clearance", designCollection("""
                {"type":"Feature","geometry":{"type":"Point","coordinates":[118,32]},
                 "properties":{"network":"YS","size":"DN400","depth_m":1}}"""), "LineString");
        assertBad("/api/checks/clearance", designCollection("""
                {"type":"Feature","geometry":{"type":"LineString","coordinates":[[600600,3550000],[600600,3550010]]},
                 "properties":{"network":"YS","size":"DN400","depth_m":1}}"""), "longitude/latitude");
        assertBad("/api/checks/clearance?crs=EPSG:4548", designCollection("""
                {"type":"Feature","geometry":{"type":"LineString","coordinates":[[3550000,600600],[3550000,600600]]},
                 "properties":{"network":"YS","size":"DN400","depth_m":1}}"""), "no length");
        assertBad("/api/checks/clearance?crs=EPSG:9999", designCollection(designRain("x", 1, 2, 3, 4)), "crs=EPSG:9999");
        assertBad("/api/checks/clearance?compound=T01&kind=diagonal", "", "kind=diagonal");
        assertBad("/api/checks/clearance?survey=abc", "", "survey=abc");
        assertThat(CheckClient.post(server, "/api/checks/clearance?compound=NOPE", "").statusCode()).isEqualTo(404);
        assertThat(CheckClient.post(server, "/api/checks/clearance?survey=424242", "").statusCode()).isEqualTo(404);
        HttpResponse<String> committed = CheckClient.post(server, "/api/checks/clearance?survey=9003", "");
        assertThat(committed.statusCode()).isEqualTo(409);
        assertThat(committed.body()).contains("compound=T02");
    }

    private void assertBad(String path, String body, String expected) {
        HttpResponse<String> response = CheckClient.post(server, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = TestServer.parse(response.body());
        assertThat(error.path("code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(error.path("description").asText()).contains(expected);
    }

    static String designRain(String id, double x1, double y1, double x2, double y2) {
        // EPSG:4548 coordinates are written northing first
        return """
                {"type":"Feature","id":"%s","geometry":{"type":"LineString","coordinates":[[%s,%s],[%s,%s]]},
                 "properties":{"network":"YS","size":"DN400","start_depth_m":2.0,"end_depth_m":2.1,"material":"HDPE"}}"""
                .formatted(id, y1, x1, y2, x2);
    }

    static String designCollection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static double[] lonLat(double x, double y) {
        CRSFactory crs = new CRSFactory();
        ProjCoordinate out = new ProjCoordinate();
        new CoordinateTransformFactory().createTransform(crs.createFromName("EPSG:4548"), crs.createFromName("EPSG:4326"))
                .transform(new ProjCoordinate(x, y), out);
        return new double[]{out.x, out.y};
    }

    /** Each finding as "idA|idB" of the two pipes' source ids, sorted. */
    static List<String> pairs(JsonNode answer) {
        List<String> pairs = new ArrayList<>();
        answer.path("features").forEach(f -> pairs.add(pairKey(f.path("properties"))));
        return pairs;
    }

    private static String pairKey(JsonNode p) {
        return Set.of(p.path("a").path("source_id").asText(), p.path("b").path("source_id").asText()).stream()
                .sorted().collect(Collectors.joining("|"));
    }

    private static JsonNode featureOf(JsonNode answer, String pair) {
        for (JsonNode f : answer.path("features")) {
            if (pairKey(f.path("properties")).equals(pair)) {
                return f;
            }
        }
        throw new AssertionError("no finding for " + pair + " in " + answer);
    }

    private static JsonNode finding(JsonNode answer, String pair) {
        return featureOf(answer, pair).path("properties");
    }

    /** Which side (a or b) of a finding is the pipe of this network. */
    private static String side(JsonNode finding, String network) {
        return finding.path("a").path("network").asText().equals(network) ? "a" : "b";
    }
}
