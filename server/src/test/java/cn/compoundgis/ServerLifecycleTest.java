package cn.compoundgis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.features.Collections;
import cn.compoundgis.features.FeatureCollection;
import cn.compoundgis.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server as a user runs it: first start loads the demo; SIGKILL and start again keeps every feature;
 * SIGTERM stops the database with the server.
 */
class ServerLifecycleTest {
    private Path state;
    private ServerProcess server;

    @BeforeEach
    void folder() throws Exception {
        server = ServerProcess.inNewStateFolder("lifecycle-test-");
        state = server.state();
    }

    @AfterEach
    void cleanUp() throws Exception {
        server.close();
    }

    @Test
    void firstStartLoadsTheDemoAndAKilledServerComesBackWithItsDataIntact() throws Exception {
        server.start();
        Map<String, Long> before = counts();
        // 全椒县's 16 (篇三) and the 6 of 篇二, registered without boundary
        assertThat(before.get("compounds")).isEqualTo(22);
        assertThat(before.values()).allMatch(n -> n > 0);

        server.kill(); // SIGKILL: no shutdown hook runs
        assertThat(Files.exists(state.resolve("pg/data/postmaster.pid"))).as("PostgreSQL outlived its owner").isTrue();

        server.start();
        assertThat(counts()).isEqualTo(before);

        assertThat(server.stop()).as("SIGTERM ends the server").isTrue();
        assertThat(Files.exists(state.resolve("pg/data/postmaster.pid"))).as("PostgreSQL stopped with the server").isFalse();
    }

    private Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (FeatureCollection c : Collections.ALL) {
            counts.put(c.id(), server.getJson("/collections/" + c.id() + "/items?limit=1").get("numberMatched").asLong());
        }
        return counts;
    }
}
