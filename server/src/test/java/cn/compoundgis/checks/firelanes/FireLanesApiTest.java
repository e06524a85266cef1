package cn.compoundgis.checks.firelanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fire lane check against planted cases (checks/fire-lanes-fixture.sql): a stall 1.1 m into the lane,
 * a parked car and a shed in it, a bollard on its centreline, and stalls, clutter, a car and a building
 * beside it but clear of it. Every intrusion is found with its cause; nothing clear is reported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FireLanesApiTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("fire_lanes_test", "/checks/fire-lanes-fixture.sql", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode lane(JsonNode report, String sourceId) {
        return StreamSupport.stream(report.get("lanes").spliterator(), false)
                .filter(l -> l.get("source_id").asText().equals(sourceId)).findFirst().orElseThrow();
    }

    private static List<String> causeIds(JsonNode stretch) {
        List<String> out = new ArrayList<>();
        stretch.get("causes").forEach(c -> out.add(c.get("source_id").asText()));
        return out;
    }

    @Test
    void everyIntrusionIsFoundWithItsCauseAndWidth() {
        JsonNode xf1 = lane(server.getJson("/api/checks/fire-lanes?compound=F001"), "XF1");
        assertThat(xf1.get("status").asText()).isEqualTo("obstructed");
        assertThat(xf1.get("carriageway_width_m").asDouble()).isEqualTo(4.0);
        assertThat(xf1.get("carriageway_width_from").asText()).isEqualTo("required_width");
        JsonNode stretches = xf1.get("blocked_stretches");
        assertThat(stretches).hasSize(4);

        JsonNode stall = stretches.get(0);
        assertThat(causeIds(stall)).containsExactly("P01");
        assertThat(stall.get("causes").get(0).get("kind").asText()).isEqualTo("parking_stall");
        assertThat(stall.get("min_clear_width_m").asDouble()).isCloseTo(2.9, within(0.002));
        assertThat(stall.get("from_m").asDouble()).isCloseTo(20.0, within(0.5));
        assertThat(stall.get("to_m").asDouble()).isCloseTo(22.5, within(0.5));

        JsonNode car = stretches.get(1);
        assertThat(causeIds(car)).containsExactly("ZA1");
        assertThat(car.get("causes").get(0).get("kind").asText()).isEqualTo("vehicle");
        assertThat(car.get("causes").get(0).get("layer").asText()).isEqualTo("obstacle");
        assertThat(car.get("min_clear_width_m").asDouble()).isCloseTo(2.5, within(0.002));
        assertThat(car.get("from_m").asDouble()).isCloseTo(50.0, within(0.5));
        assertThat(car.get("to_m").asDouble()).isCloseTo(54.8, within(0.5));

        JsonNode shed = stretches.get(2);
        assertThat(causeIds(shed)).containsExactly("ZA2");
        assertThat(shed.get("causes").get(0).get("kind").asText()).isEqualTo("illegal_structure");
        assertThat(shed.get("min_clear_width_m").asDouble()).isCloseTo(3.2, within(0.002));

        JsonNode bollard = stretches.get(3);
        assertThat(causeIds(bollard)).containsExactly("ZA3");
        assertThat(bollard.get("min_clear_width_m").asDouble()).isCloseTo(1.85, within(0.01));
        assertThat(bollard.get("unconfirmed").toString()).contains("point_obstacle_radius_m");
        assertThat(xf1.get("min_clear_width_m").asDouble()).isCloseTo(1.85, within(0.01));
    }

    @Test
    void featuresBesideTheLaneResolvedObstaclesAndPlannedStallsAreNotCauses() {
        JsonNode report = server.getJson("/api/checks/fire-lanes?compound=F001");
        String all = report.get("lanes").toString();
        for (String clear : List.of("P02", "P03", "P05", "ZA4", "ZA5", "ZA6", "1号楼", "P04")) {
            assertThat(all).as(clear + " is clear of every lane").doesNotContain("\"source_id\":\"" + clear + "\"");
        }
        JsonNode xf2 = lane(report, "XF2");
        assertThat(xf2.get("status").asText()).isEqualTo("clear");
        assertThat(xf2.get("blocked_stretches")).isEmpty();
        assertThat(xf2.get("min_clear_width_m").asDouble()).isEqualTo(4.0);
    }

    @Test
    void plannedStallsCountOnlyWhenAskedFor() {
        JsonNode xf1 = lane(server.getJson("/api/checks/fire-lanes?compound=F001&planned=true"), "XF1");
        assertThat(xf1.get("blocked_stretches")).hasSize(5);
        JsonNode planned = xf1.get("blocked_stretches").get(3); // at 110-112.5 m, before the bollard
        assertThat(causeIds(planned)).containsExactly("P04");
        assertThat(planned.get("min_clear_width_m").asDouble()).isCloseTo(2.0, within(0.002));
    }

    @Test
    void theProfileIsSampledAtTheStationSpacingAlongTheWholeLane() {
        JsonNode report = server.getJson("/api/checks/fire-lanes?compound=F001");
        assertThat(report.get("method").get("station_spacing_m").asDouble()).isEqualTo(1.0);
        JsonNode profile = lane(report, "XF1").get("profile");
        assertThat(profile.size()).isGreaterThanOrEqualTo(151);
        assertThat(profile.get(0).get("chainage_m").asDouble()).isZero();
        assertThat(profile.get(profile.size() - 1).get("chainage_m").asDouble()).isEqualTo(150.0);
        JsonNode at10 = StreamSupport.stream(profile.spliterator(), false)
                .filter(p -> p.get("chainage_m").asDouble() == 10.0).findFirst().orElseThrow();
        assertThat(at10.get("clear_width_m").asDouble()).isCloseTo(4.0, within(0.001));
        JsonNode at52 = StreamSupport.stream(profile.spliterator(), false)
                .filter(p -> p.get("chainage_m").asDouble() == 52.0).findFirst().orElseThrow();
        assertThat(at52.get("clear_width_m").asDouble()).isCloseTo(2.5, within(0.001));
        // the gap left by the car is the south part of the carriageway: -2.0 .. +0.5 m from the centreline (left = north)
        assertThat(at52.get("gap_from_m").asDouble()).isCloseTo(-0.5, within(0.001));
        assertThat(at52.get("gap_to_m").asDouble()).isCloseTo(2.0, within(0.001));
    }

    @Test
    void aCarriagewayNarrowerThanRequiredIsBlockedAllAlongByItsWidth() {
        JsonNode xf3 = lane(server.getJson("/api/checks/fire-lanes?compound=F001"), "XF3");
        assertThat(xf3.get("status").asText()).isEqualTo("obstructed");
        JsonNode stretch = xf3.get("blocked_stretches").get(0);
        assertThat(stretch.get("from_m").asDouble()).isZero();
        assertThat(stretch.get("to_m").asDouble()).isEqualTo(30.0);
        assertThat(stretch.get("causes").get(0).get("kind").asText()).isEqualTo("carriageway_width");
        assertThat(stretch.get("min_clear_width_m").asDouble()).isCloseTo(3.5, within(0.001));
    }

    @Test
    void deadEndsOver40mNeedAnUnobstructedTurnaround() {
        JsonNode report = server.getJson("/api/checks/fire-lanes?compound=F001");
        JsonNode xf2End = lane(report, "XF2").get("dead_ends");
        assertThat(xf2End).hasSize(1);
        assertThat(xf2End.get(0).get("end").asText()).isEqualTo("end");
        assertThat(xf2End.get(0).get("length_m").asDouble()).isCloseTo(45.0, within(0.01));
        assertThat(xf2End.get(0).get("finding").asText()).isEqualTo("no_turnaround");
        assertThat(xf2End.get(0).get("unconfirmed").toString()).contains("dead_end_max_without_turnaround_m");

        JsonNode xf1End = lane(report, "XF1").get("dead_ends");
        assertThat(xf1End).hasSize(1); // the start is the gate
        JsonNode end = xf1End.get(0);
        assertThat(end.get("length_m").asDouble()).isCloseTo(50.0, within(0.01));
        assertThat(end.get("turnaround").get("source_id").asText()).isEqualTo("HC1");
        assertThat(end.get("turnaround").get("short_side_m").asDouble()).isCloseTo(12.0, within(0.01));
        assertThat(end.get("turnaround").get("obstructed_by").get(0).get("source_id").asText()).isEqualTo("P06");
        assertThat(end.get("finding").asText()).isEqualTo("turnaround_obstructed");

        JsonNode xf3Ends = lane(report, "XF3").get("dead_ends");
        assertThat(xf3Ends.get(0).get("length_m").asDouble()).isCloseTo(30.0, within(0.01));
        assertThat(xf3Ends.get(0).get("finding").isNull()).isTrue();
        assertThat(report.get("summary").get("dead_ends_without_turnaround").asInt()).isEqualTo(2);
    }

    @Test
    void oneLaneCanBeAskedForAndGeometryComesInTheAskedCrs() {
        JsonNode all = server.getJson("/api/checks/fire-lanes?compound=F001");
        long id = lane(all, "XF1").get("id").asLong();
        JsonNode one = server.getJson("/api/checks/fire-lanes/" + id + "?crs=EPSG:4548");
        assertThat(one.get("lanes")).hasSize(1);
        JsonNode start = one.get("lanes").get(0).get("geometry").get("coordinates").get(0);
        assertThat(start.get(0).asDouble()).isEqualTo(3552050.0); // northing first in EPSG:4548
        assertThat(start.get(1).asDouble()).isEqualTo(619000.0);
        JsonNode stretchLine = one.get("lanes").get(0).get("blocked_stretches").get(0).get("geometry");
        assertThat(stretchLine.get("type").asText()).isEqualTo("LineString");
        JsonNode crs84 = lane(all, "XF1").get("geometry").get("coordinates").get(0);
        assertThat(crs84.get(0).asDouble()).isBetween(118.0, 119.0);
    }

    @Test
    void badRequestsAreRefusedClearly() {
        assertThat(server.get("/api/checks/fire-lanes").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/checks/fire-lanes").body()).contains("compound is required");
        assertThat(server.get("/api/checks/fire-lanes?compound=NOPE").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/checks/fire-lanes/abc").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/checks/fire-lanes/999999").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/checks/fire-lanes?compound=F001&crs=EPSG:9999").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/checks/fire-lanes?compound=F001&planned=maybe").statusCode()).isEqualTo(400);
    }
}
