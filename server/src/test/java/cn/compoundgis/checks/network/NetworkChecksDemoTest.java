package cn.compoundgis.checks.network;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The checks and tracing on the demo data: 16 compounds whose rain and sewer networks the generator lays out
 * clean (trees falling to an outfall at minimum slope and cover, manholes at most 40 m apart, sizes growing
 * downstream), so no finding is expected, and every head traces down to its outfall.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkChecksDemoTest {
    private static final int DEMO_COMPOUNDS = 16;

    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("network_checks_demo", null, true);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theGeneratedNetworksHaveNoFinding() {
        Map<String, Integer> counts = new TreeMap<>();
        int pipes = 0;
        for (String code : codes()) {
            JsonNode r = server.getJson("/api/checks/network?compound=" + code);
            assertThat(r.at("/scope/pipes_checked").asInt()).as(code + " has drainage").isPositive();
            pipes += r.at("/scope/pipes_checked").asInt();
            r.path("counts").fields().forEachRemaining(e -> counts.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
        }
        System.out.println("demo: " + pipes + " drainage pipes checked in " + DEMO_COMPOUNDS + " compounds, findings " + counts);
        assertThat(counts).as("findings on the demo's clean networks").isEmpty();
    }

    @Test
    void everyHeadTracesDownToAnOutfall() {
        for (String code : codes()) {
            for (String network : new String[] {"YS", "WS"}) {
                JsonNode features = server.getJson("/collections/pipes/items?limit=10000&compound=" + code + "&network=" + network)
                        .path("features");
                Set<String> ends = new HashSet<>();
                features.forEach(f -> ends.add(f.at("/properties/end_no").asText()));
                features.forEach(f -> {
                    String start = f.at("/properties/start_no").asText();
                    if (ends.contains(start)) {
                        return;
                    }
                    JsonNode trace = server.getJson("/api/network/trace?compound=" + code + "&point=" + start + "&direction=down");
                    JsonNode stations = trace.path("stations");
                    assertThat(stations.get(stations.size() - 1).path("kind").asText()).as(code + " " + start).isEqualTo("出水口");
                    JsonNode path = trace.path("path");
                    for (int i = 1; i < path.size(); i++) {
                        assertThat(path.get(i).path("dn_mm").asInt()).as("sizes never shrink downstream")
                                .isGreaterThanOrEqualTo(path.get(i - 1).path("dn_mm").asInt());
                    }
                });
            }
        }
    }

    private static Iterable<String> codes() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 1; i <= DEMO_COMPOUNDS; i++) {
            out.add(String.format("C%03d", i));
        }
        return out;
    }
}
