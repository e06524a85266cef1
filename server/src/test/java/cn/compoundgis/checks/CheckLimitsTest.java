package cn.compoundgis.checks;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestDatabase;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every check is bounded (issue 10 point 5), here with the limits lowered through check-limits overrides so that
 * small data reaches them: design features (413), candidate pairs (422), findings listed (truncated), dig, network,
 * trace, fire-lane and parking bounds, the time limit (a statement waiting on a lock is cancelled: 422, not 500),
 * the server-wide statement timeout of feature reads, and the number of checks at once (503 with Retry-After).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckLimitsTest {
    private static final String DB = "check_limits_test";
    private static final String LIMITS = """
            {"statement_timeout_s": 2, "database_statement_timeout_s": 2, "max_concurrent_checks": 1, "queue_wait_s": 0, "retry_after_s": 7,
             "clearance": {"max_design_features": 3, "max_pairs": 10, "max_findings": 2},
             "dig": {"max_pipes_and_points": 3}, "network": {"max_pipes": 1}, "trace": {"max_pipes": 1},
             "fire_lanes": {"max_lanes": 1}, "parking": {"max_proposed_stalls": 2}}""";
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(DB, "/checks/limits-fixture.sql", false, CheckLimits.withOverride(LIMITS));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDesignOverTheFeatureLimitIs413WithTheLimit() {
        String body = design(4, 631015, 3560200);
        HttpResponse<String> response = CheckClient.post(server, "/api/checks/clearance?crs=EPSG:4548", body);
        assertError(response, 413, "TooLarge", "at most 3 design features");
        assertThat(CheckClient.post(server, "/api/checks/clearance?crs=EPSG:4548", design(3, 631015, 3560200)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void tooManyCandidatePairsIs422BeforeAnyIsMeasured() {
        // six pipes 1 cm apart: 15 pairs over the limit of 10
        assertError(CheckClient.post(server, "/api/checks/clearance?compound=L02", ""), 422, "LimitExceeded",
                "more than 10 candidate pairs", "narrow the design or split it");
        // three design pipes 1 cm apart laid over them: 3 + 18 pairs
        assertError(CheckClient.post(server, "/api/checks/clearance?crs=EPSG:4548", design(3, 631015, 3560050.005)), 422,
                "LimitExceeded", "max_pairs");
    }

    @Test
    void findingsPastTheLimitAreCountedButNotListed() {
        JsonNode answer = CheckClient.postJson(server, "/api/checks/clearance?compound=L01", "");
        assertThat(answer.path("features")).hasSize(2);
        assertThat(answer.path("numberReturned").asInt()).isEqualTo(2);
        assertThat(answer.path("truncated").asBoolean()).isTrue();
        long matched = answer.path("numberMatched").asLong();
        assertThat(matched).isGreaterThan(2);
        assertThat(answer.at("/summary/findings").asLong()).isEqualTo(matched);
        long byStatus = 0;
        for (JsonNode n : answer.at("/summary/by_status")) {
            byStatus += n.asLong();
        }
        assertThat(byStatus).as("by_status counts every finding, listed or not").isEqualTo(matched);
        assertThat(answer.at("/rules/limits/max_findings").asInt()).isEqualTo(2);
    }

    @Test
    void digNetworkTraceFireLanesAndParkingAreBounded() {
        String pit = """
                {"type":"Polygon","coordinates":[[[3560040,630005],[3560040,630075],[3560060,630075],[3560060,630005],[3560040,630005]]]}""";
        assertError(CheckClient.post(server, "/api/checks/dig?crs=EPSG:4548&depth=2", pit), 422, "LimitExceeded",
                "more than 3 pipes and pipe points", "split the area");
        assertError(server.get("/api/checks/network?compound=L01"), 422, "LimitExceeded", "more than 1 drainage pipes");
        assertError(server.get("/api/network/trace?point=YS1&compound=L01&direction=down"), 422, "LimitExceeded",
                "more than 1 pipes");
        assertError(server.get("/api/checks/fire-lanes?compound=L01"), 422, "LimitExceeded", "2 fire lanes", "at most 1");
        String stall = """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[3560010,630010],[3560010,630012.5],
                 [3560015.3,630012.5],[3560015.3,630010],[3560010,630010]]]},"properties":{}}""";
        String stalls = "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", stall, stall, stall) + "]}";
        assertError(CheckClient.post(server, "/api/checks/parking/proposed?compound=L01&crs=EPSG:4548", stalls), 413,
                "TooLarge", "at most 2 per request");
    }

    @Test
    void aCheckOverItsTimeIs422NotA500() throws Exception {
        try (Connection lock = lockPipes()) {
            assertError(CheckClient.post(server, "/api/checks/clearance?compound=L01", ""), 422, "TimeLimitExceeded",
                    "longer than its limit of 2 s", "CHECK_TIMEOUT_S");
            String pit = """
                    {"type":"Polygon","coordinates":[[[3560040,630005],[3560040,630010],[3560045,630010],[3560045,630005],[3560040,630005]]]}""";
            assertError(CheckClient.post(server, "/api/checks/dig?crs=EPSG:4548", pit), 422, "TimeLimitExceeded", "2 s");
        }
        assertThat(CheckClient.post(server, "/api/checks/clearance?compound=L01", "").statusCode()).isEqualTo(200);
    }

    @Test
    void aFeatureReadOverTheServersStatementTimeoutIs422NotA500() throws Exception {
        try (Connection lock = lockPipes()) {
            assertError(server.get("/collections/pipes/items?compound=L01"), 422, "TimeLimitExceeded", "DB_STATEMENT_TIMEOUT_S");
        }
        assertThat(server.getJson("/collections/pipes/items?compound=L01").path("numberMatched").asInt()).isEqualTo(4);
    }

    @Test
    void aCheckBeyondTheConcurrencyLimitIs503WithRetryAfter() throws Exception {
        CompletableFuture<HttpResponse<String>> first;
        try (Connection lock = lockPipes()) {
            first = CompletableFuture.supplyAsync(() -> CheckClient.post(server, "/api/checks/clearance?compound=L01", ""));
            awaitBackendWaitingOnLock();
            HttpResponse<String> second = server.get("/api/checks/fire-lanes?compound=L01");
            assertError(second, 503, "Busy", "1 checks are running", "try again in 7 s");
            assertThat(second.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(first.get().statusCode()).as("the first check ran into its time limit").isEqualTo(422);
        }
        assertThat(server.get("/api/checks/parking?compound=L01").statusCode()).isEqualTo(200);
    }

    @Test
    void theLimitsInForceAreServed() {
        JsonNode limits = server.getJson("/api/checks/limits");
        assertThat(limits.at("/clearance/max_pairs").asInt()).isEqualTo(10);
        assertThat(limits.at("/clearance/max_design_features_note").asText()).contains("413");
        assertThat(limits.path("source").asText()).contains("Issue 10 point 5");
    }

    /** A transaction of the test's own holding an exclusive lock on the pipe table until closed. */
    static Connection lockPipes(String db) throws SQLException {
        var info = TestDatabase.server().withDatabase(db);
        Connection c = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password());
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE pipe IN ACCESS EXCLUSIVE MODE");
        }
        return c;
    }

    private Connection lockPipes() throws SQLException {
        return lockPipes(DB);
    }

    private void awaitBackendWaitingOnLock() throws Exception {
        for (int i = 0; i < 200 && waitingOnLock(DB) == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(waitingOnLock(DB)).as("a check waits on the lock").isEqualTo(1);
    }

    /** The server's connections whose statement waits on a lock. */
    static int waitingOnLock(String db) throws SQLException {
        var info = TestDatabase.server().withDatabase(db);
        try (Connection c = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND application_name = 'compound-gis' AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String... mentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = TestServer.parse(response.body());
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("description").asText()).contains(mentions);
    }

    /** {@code n} design rain pipes 1 cm apart, 20 m long, from (x, y) northward in EPSG:4548 (northing first). */
    private static String design(int n, double x, double y) {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double north = y + i * 0.01;
            features.add("""
                    {"type":"Feature","id":"d%d","geometry":{"type":"LineString","coordinates":[[%s,%s],[%s,%s]]},
                     "properties":{"network":"YS","size":"DN100","depth_m":1.0}}""".formatted(i, north, x, north, x + 20));
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }
}
