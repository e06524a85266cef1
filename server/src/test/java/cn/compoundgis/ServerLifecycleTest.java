package cn.compoundgis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.features.Collections;
import cn.compoundgis.features.FeatureCollection;
import cn.compoundgis.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server as a user runs it: a separate java process with its own state folder. First start loads the
 * demo; SIGKILL and start again keeps every feature; SIGTERM stops the database with the server.
 */
class ServerLifecycleTest {
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private final HttpClient http = HttpClient.newHttpClient();
    private Path state;
    private Process server;

    @BeforeEach
    void folder() throws IOException {
        state = Files.createTempDirectory("lifecycle-test-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
        try (var walk = Files.walk(state)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void firstStartLoadsTheDemoAndAKilledServerComesBackWithItsDataIntact() throws Exception {
        int port = freePort();
        server = startServer(port);
        Map<String, Long> before = counts(port);
        assertThat(before.get("compounds")).isEqualTo(16);
        assertThat(before.values()).allMatch(n -> n > 0);

        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        assertThat(Files.exists(state.resolve("pg/data/postmaster.pid"))).as("PostgreSQL outlived its owner").isTrue();

        server = startServer(port);
        assertThat(counts(port)).isEqualTo(before);

        server.destroy(); // SIGTERM: the shutdown hook stops PostgreSQL too
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(state.resolve("pg/data/postmaster.pid"))).as("PostgreSQL stopped with the server").isFalse();
    }

    private Process startServer(int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--port", String.valueOf(port), "--state", state.toString())
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("server-" + Instant.now().toEpochMilli() + ".log").toFile())
                .start();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            assertThat(p.isAlive()).as("server exited early; see logs in " + state).isTrue();
            if (answers(port)) {
                return p;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("server did not answer on port " + port + " within " + STARTUP);
    }

    private boolean answers(int port) {
        try {
            return get(port, "/conformance").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<String, Long> counts(int port) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (FeatureCollection c : Collections.ALL) {
            HttpResponse<String> r = get(port, "/collections/" + c.id() + "/items?limit=1");
            assertThat(r.statusCode()).isEqualTo(200);
            counts.put(c.id(), TestServer.parse(r.body()).get("numberMatched").asLong());
        }
        return counts;
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
