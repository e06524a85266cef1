package cn.compoundgis.checks.firelanes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo compounds show both obstructed and clear fire lanes: the demo generator paints a few stalls into
 * the main road's lane and puts parked cars, sheds and clutter in some lanes (and others beside them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FireLanesDemoTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("fire_lanes_demo_test", null, true);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theDemoCompoundsHaveObstructedAndClearLanesWithTheirCauses() {
        int clear = 0;
        int obstructed = 0;
        Set<String> causeKinds = new HashSet<>();
        for (JsonNode compound : server.getJson("/collections/compounds/items?limit=100").get("features")) {
            String code = compound.get("properties").get("compound").asText();
            JsonNode report = server.getJson("/api/checks/fire-lanes?compound=" + code);
            for (JsonNode lane : report.get("lanes")) {
                if (lane.get("status").asText().equals("clear")) {
                    clear++;
                    assertThat(lane.get("blocked_stretches")).isEmpty();
                } else {
                    obstructed++;
                    for (JsonNode stretch : lane.get("blocked_stretches")) {
                        assertThat(stretch.get("causes")).as(code + " " + lane.get("name")).isNotEmpty();
                        stretch.get("causes").forEach(c -> causeKinds.add(c.get("kind").asText()));
                    }
                }
            }
        }
        assertThat(clear).isPositive();
        assertThat(obstructed).isPositive();
        assertThat(causeKinds).contains("parking_stall", "vehicle");
    }

    @Test
    void theDemoStallsPaintedIntoTheMainRoadAreFoundByTheParkingCheck() {
        int inLane = 0;
        for (String code : new String[] {"C001", "C005", "C009", "C013"}) {
            JsonNode byProblem = server.getJson("/api/checks/parking?compound=" + code).get("findings_by_problem");
            inLane += byProblem.path("overlaps_fire_lane").asInt(0);
        }
        assertThat(inLane).isPositive();
    }
}
