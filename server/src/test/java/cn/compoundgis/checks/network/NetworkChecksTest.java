package cn.compoundgis.checks.network;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The drainage checks against real PostGIS on checks/network-fixture.sql: N001 is a clean network, N002 holds one
 * planted defect of each kind, survey 9902 a staged upload with a sewer lateral into a rain manhole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkChecksTest {
    private TestServer server;
    private JsonNode defects;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("network_checks", "/checks/network-fixture.sql", false);
        defects = server.getJson("/api/checks/network?compound=N002");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCleanNetworkHasNoFinding() {
        JsonNode clean = server.getJson("/api/checks/network?compound=N001");
        assertThat(clean.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(clean.path("scope").path("pipes_checked").asInt()).isEqualTo(6);
        assertThat(clean.path("scope").path("points_checked").asInt()).isEqualTo(8);
        assertThat(clean.path("features")).as(clean.toPrettyString()).isEmpty();
        assertThat(clean.path("numberMatched").asInt()).isZero();
    }

    @Test
    void aReversedPipeIsFoundByItsInvertsAndAgainstARecordedFlowDirection() {
        JsonNode byOrder = only("REVERSE_SLOPE", "YS4", "YS3");
        assertThat(byOrder.at("/properties/details/basis").asText()).isEqualTo("record_order");
        assertThat(byOrder.at("/properties/details/rise_m").asDouble()).isEqualTo(0.1);
        assertThat(byOrder.at("/properties/details/beyond_survey_accuracy").asBoolean()).isTrue();
        // it rests on the start-to-end convention, which the rule file marks unconfirmed
        assertThat(byOrder.at("/properties/unconfirmed").asBoolean()).isTrue();
        JsonNode byRecord = only("REVERSE_SLOPE", "WS3", "WS2");
        assertThat(byRecord.at("/properties/details/basis").asText()).isEqualTo("flow_direction");
        assertThat(byRecord.at("/properties/rule/id").asText()).isEqualTo("slope.reverse");
        assertThat(byRecord.at("/properties/rule/citation").asText()).contains("GB 50014-2021");
        // recorded the other way round with flow_direction=reverse and falling that way: no finding
        assertThat(findings("REVERSE_SLOPE")).noneMatch(f -> involves(f, "WS1", "WS2"));
    }

    @Test
    void flatPipesAndSlopesUnderTheMinimumAreFound() {
        only("FLAT_PIPE", "YS5", "YS3");
        JsonNode shallow = only("SLOPE_BELOW_MINIMUM", "YS6", "YS3");
        assertThat(shallow.at("/properties/details/minimum_slope").asDouble()).isEqualTo(0.003);
        assertThat(shallow.at("/properties/details/slope").asDouble()).isLessThan(0.001);
    }

    @Test
    void aDn600FollowedByADn300IsADecreaseOfThreeSizes() {
        JsonNode f = only("DIAMETER_DECREASE_TOO_LARGE", "YS2", "YS1");
        assertThat(pipeNumbers(f)).contains("YS3-YS2", "YS2-YS1");
        assertThat(f.at("/properties/details/steps").asInt()).isEqualTo(3);
        assertThat(f.at("/properties/details/max_steps").asInt()).isEqualTo(2);
        JsonNode flatter = only("DIAMETER_DECREASE_WITHOUT_STEEPER_SLOPE", "WS3", "WS2");
        assertThat(flatter.at("/properties/details/upstream_dn_mm").asInt()).isEqualTo(400);
    }

    @Test
    void aSewerLateralIntoARainManholeAndARainGrateIntoASewerAreCrossConnections() {
        JsonNode sewage = only("SEWAGE_INTO_RAIN", "WS9", "YS2");
        assertThat(sewage.at("/properties/rule/citation").asText()).contains("§3.1.2");
        assertThat(pointNumbers(sewage)).contains("YS2");
        assertThat(sewage.at("/properties/geometry")).isNotNull();
        only("RAIN_INTO_SEWER", "YS8", "WS2");
        JsonNode label = single("COVER_LABEL_CONTRADICTS");
        assertThat(pointNumbers(label)).containsExactly("YS6");
    }

    @Test
    void isolatedPipesAndSubNetworksWithoutOutfallAreFound() {
        JsonNode isolated = single("ISOLATED_PIPE");
        assertThat(pipeNumbers(isolated)).containsExactly("YS10-YS11");
        JsonNode part = single("NO_OUTFALL");
        assertThat(pipeNumbers(part)).containsExactlyInAnyOrder("YS12-YS13", "YS13-YS14");
        assertThat(part.path("geometry").path("type").asText()).isEqualTo("GeometryCollection");
    }

    @Test
    void topologyDefectsAreFound() {
        JsonNode gap = single("END_NOT_ON_POINT");
        assertThat(pipeNumbers(gap)).containsExactly("YS19-YS17");
        assertThat(gap.at("/properties/details/distance_m").asDouble()).isEqualTo(0.5);
        assertThat(pipeNumbers(single("END_POINT_MISSING"))).containsExactly("YS99-YS5");
        assertThat(pointNumbers(single("ORPHAN_POINT"))).containsExactly("YS21");
        assertThat(pipeNumbers(single("DUPLICATE_PIPE"))).containsExactly("YS15-YS2", "YS15-YS2");
        assertThat(pipeNumbers(single("REVERSED_DUPLICATE_PIPE"))).containsExactlyInAnyOrder("YS6-YS3", "YS3-YS6");
        assertThat(pipeNumbers(single("ZERO_LENGTH_PIPE"))).containsExactly("YS5-YS5");
        JsonNode tee = single("FITTING_PIPE_COUNT");
        assertThat(pointNumbers(tee)).containsExactly("YS13");
        assertThat(tee.at("/properties/details/found").asInt()).isEqualTo(2);
    }

    @Test
    void theToleranceForPipeEndsIsConfigurablePerRequest() {
        JsonNode lenient = server.getJson("/api/checks/network?compound=N002&tolerance_m=0.6");
        assertThat(lenient.path("tolerance_m").asDouble()).isEqualTo(0.6);
        assertThat(lenient.path("counts").has("END_NOT_ON_POINT")).isFalse();
        assertThat(defects.path("tolerance_m").asDouble()).isEqualTo(0.1);
    }

    @Test
    void spacingCoverAndDepthDataAreChecked() {
        assertThat(findings("MANHOLE_SPACING")).isNotEmpty().allMatch(f -> involves(f, "YS15", "YS2")
                && f.at("/properties/details/length_m").asDouble() == 85.0);
        JsonNode cover = single("COVER_BELOW_MINIMUM");
        assertThat(pipeNumbers(cover)).containsExactly("YS17-YS6");
        assertThat(cover.at("/properties/details/start/cover_m").asDouble()).isEqualTo(0.1);
        assertThat(pipeNumbers(single("MISSING_DEPTH"))).containsExactly("YS18-YS6");
    }

    @Test
    void everyFindingCarriesCodeRulePipesOrPointsAndGeometry() {
        assertThat(defects.path("features")).isNotEmpty();
        for (JsonNode f : defects.path("features")) {
            JsonNode p = f.path("properties");
            assertThat(p.path("code").asText()).isNotBlank();
            assertThat(p.at("/rule/id").asText()).isNotBlank();
            assertThat(p.at("/rule/citation").asText()).containsAnyOf("GB 50014", "CJJ 61");
            assertThat(p.at("/rule/citation_zh").asText()).as("the citation for the map's Chinese screen")
                    .containsAnyOf("GB 50014", "CJJ 61").containsPattern("\\p{IsHan}").doesNotContain(" the ");
            assertThat(p.at("/rule/status").asText()).isIn("verified", "secondary", "unconfirmed");
            assertThat(p.path("pipes").size() + p.path("points").size()).isPositive();
            assertThat(f.path("geometry").path("type").asText()).isIn("Point", "LineString", "MultiLineString", "GeometryCollection");
        }
        // coordinates are CRS84 longitude/latitude near 118.26E 32.09N
        JsonNode first = single("ISOLATED_PIPE").path("geometry").path("coordinates").path(0);
        assertThat(first.path(0).asDouble()).isBetween(118.0, 118.5);
        assertThat(first.path(1).asDouble()).isBetween(32.0, 32.2);
    }

    @Test
    void aStagedUploadIsCheckedWithItsSourceRecords() {
        JsonNode staged = server.getJson("/api/checks/network?survey=9902");
        assertThat(staged.at("/scope/survey").asLong()).isEqualTo(9902);
        assertThat(staged.at("/scope/compound").asText()).isEqualTo("N001");
        JsonNode sewage = StreamSupport.stream(staged.path("features").spliterator(), false)
                .filter(f -> f.at("/properties/code").asText().equals("SEWAGE_INTO_RAIN")).findFirst().orElseThrow();
        JsonNode pipe = sewage.at("/properties/pipes/0");
        assertThat(pipe.path("start_no").asText()).isEqualTo("WS7");
        assertThat(pipe.path("source_file").asText()).isEqualTo("污水管线.shp");
        assertThat(pipe.path("record_no").asInt()).isEqualTo(4);
    }

    @Test
    void badRequestsAreClear4xx() {
        assertStatus("/api/checks/network", 400, "compound=CODE");
        assertStatus("/api/checks/network?compound=N001&survey=9902", 400, "both");
        assertStatus("/api/checks/network?compound=NOPE", 404, "NOPE");
        assertStatus("/api/checks/network?survey=abc", 400, "whole number");
        assertStatus("/api/checks/network?survey=424242", 404, "424242");
        assertStatus("/api/checks/network?survey=9903", 409, "committed");
        assertStatus("/api/checks/network?compound=N001&tolerance_m=-1", 400, "tolerance_m");
        assertStatus("/api/checks/network?compound=N001&tolerance_m=x", 400, "tolerance_m");
    }

    @Test
    void theRuleFileIsServedWithItsCitations() {
        JsonNode rules = server.getJson("/api/checks/network/rules");
        assertThat(rules.at("/rules/spacing.manhole/by_size/1/max_m").asInt()).isEqualTo(75);
        assertThat(rules.at("/rules/cover.minimum/carriageway_m").asDouble()).isEqualTo(0.7);
        assertThat(rules.at("/rules/cover.minimum/elsewhere_m").asDouble()).isEqualTo(0.6);
        assertThat(rules.at("/rules/cross_connection.sewage_into_rain/citation").asText()).contains("GB 50014-2021 §3.1.2");
    }

    private void assertStatus(String path, int status, String mention) {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(TestServer.parse(response.body()).path("description").asText()).contains(mention);
    }

    private List<JsonNode> findings(String code) {
        List<JsonNode> out = new ArrayList<>();
        defects.path("features").forEach(f -> {
            if (f.at("/properties/code").asText().equals(code)) {
                out.add(f);
            }
        });
        return out;
    }

    private JsonNode single(String code) {
        List<JsonNode> found = findings(code);
        assertThat(found).as(code + " in " + defects.path("counts")).hasSize(1);
        return found.get(0);
    }

    /** The one finding of this code about the pipe from start to end. */
    private JsonNode only(String code, String startNo, String endNo) {
        List<JsonNode> found = findings(code).stream().filter(f -> involves(f, startNo, endNo)).toList();
        assertThat(found).as(code + " " + startNo + "-" + endNo + " in " + defects.path("counts")).hasSize(1);
        return found.get(0);
    }

    private static boolean involves(JsonNode finding, String startNo, String endNo) {
        for (JsonNode pipe : finding.at("/properties/pipes")) {
            if (pipe.path("start_no").asText().equals(startNo) && pipe.path("end_no").asText().equals(endNo)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> pipeNumbers(JsonNode finding) {
        List<String> out = new ArrayList<>();
        finding.at("/properties/pipes").forEach(p -> out.add(p.path("start_no").asText() + "-" + p.path("end_no").asText()));
        return out;
    }

    private static List<String> pointNumbers(JsonNode finding) {
        List<String> out = new ArrayList<>();
        finding.at("/properties/points").forEach(p -> out.add(p.path("point_no").asText()));
        return out;
    }
}
