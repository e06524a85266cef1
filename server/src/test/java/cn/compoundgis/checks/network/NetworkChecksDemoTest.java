package cn.compoundgis.checks.network;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The checks on the demo data (16 compounds, rain and sewer networks generated clean). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkChecksDemoTest {
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
    void theDemoNetworksAreCheckedAndFoundPlausible() {
        Map<String, Integer> total = new TreeMap<>();
        int pipes = 0;
        for (int i = 1; i <= 16; i++) {
            String code = String.format("C%03d", i);
            long t0 = System.nanoTime();
            JsonNode r = server.getJson("/api/checks/network?compound=" + code);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            pipes += r.at("/scope/pipes_checked").asInt();
            System.out.println(code + " pipes=" + r.at("/scope/pipes_checked") + " points=" + r.at("/scope/points_checked")
                    + " " + ms + " ms " + r.path("counts"));
            r.path("features").forEach(f -> System.out.println("  " + f.at("/properties/code").asText() + " "
                    + f.at("/properties/description").asText()));
            r.path("counts").fields().forEachRemaining(e -> total.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
        }
        System.out.println("total " + pipes + " pipes: " + total);
        assertThat(pipes).isPositive();
    }
}
