package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.CompoundGis;
import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.PostgresCluster;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, point 8: while PostgreSQL is down or restarting, requests are answered 503 with Retry-After and
 * a JSON body (not 500, and without hanging); once it is back, the same requests are answered again.
 */
class DatabaseOutageTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private Path state;
    private PostgresCluster cluster;
    private CompoundGis app;

    @BeforeEach
    void start() throws Exception {
        state = Files.createTempDirectory("outage-test-");
        cluster = PostgresCluster.start(state);
        String url = cluster.connectionInfo().jdbcUrlWithCredentials();
        app = CompoundGis.start(new AppConfig(0, state, Optional.of(url), AppConfig.DEFAULT_WORKING_SRID, false)
                .withAdminToken(TestServer.ADMIN_TOKEN));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        cluster.close();
        try (var walk = Files.walk(state)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aStoppedDatabaseIsA503WithRetryAfterAndServiceResumesWhenItIsBack() throws Exception {
        assertThat(get("/collections/pipes/items?limit=1").statusCode()).isEqualTo(200);

        cluster.close();
        for (String path : new String[] {"/collections/pipes/items?limit=1", "/api/surveys?compound=C001", "/api/obstacles/1"}) {
            HttpResponse<String> down = get(path);
            assertThat(down.statusCode()).as(path + ": " + down.body()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).as(path).contains(String.valueOf(WebServer.RETRY_AFTER_SECONDS));
            JsonNode body = TestServer.parse(down.body());
            assertThat(body.get("code").asText()).isEqualTo("DatabaseUnavailable");
            assertThat(body.get("description").asText()).contains("try again");
        }
        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(base() + "/api/obstacles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"geometry\":{\"type\":\"Point\",\"coordinates\":[117.1,36.6]},"
                        + "\"kind\":\"vehicle\"}")).build());
        assertThat(post.statusCode()).as(post.body()).isEqualTo(503);

        cluster.restart();
        assertThat(firstStatusWithin(Duration.ofSeconds(30), "/collections/pipes/items?limit=1")).isEqualTo(200);
    }

    /** The pool may hand out one connection that died with the old server; it must recover within the wait. */
    private int firstStatusWithin(Duration wait, String path) throws Exception {
        Instant deadline = Instant.now().plus(wait);
        int status = get(path).statusCode();
        while (status != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            status = get(path).statusCode();
        }
        return status;
    }

    private String base() {
        return "http://localhost:" + app.port();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build();
        return http.send(timed, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
