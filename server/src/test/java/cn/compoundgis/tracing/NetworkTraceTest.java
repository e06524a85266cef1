package cn.compoundgis.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Tracing over the stored topology of checks/network-fixture.sql, and on a city-sized synthetic network. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkTraceTest {
    /** A synthetic compound of BRANCHES rain laterals of PIPES_PER_BRANCH pipes each into one trunk. */
    private static final int BRANCHES = 200;
    private static final int PIPES_PER_BRANCH = 100;

    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("network_trace", "/checks/network-fixture.sql", false);
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(bigNetworkSql());
            s.execute("ANALYZE pipe; ANALYZE pipe_point");
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void downstreamFromAGrateFollowsThePipesToTheOutfallInOrder() {
        JsonNode t = server.getJson("/api/network/trace?point=YS4&compound=N001&direction=down");
        assertThat(t.path("direction").asText()).isEqualTo("down");
        assertThat(t.path("pipe_count").asInt()).isEqualTo(3);
        assertThat(path(t)).containsExactly("YS4>YS3", "YS3>YS2", "YS2>YS1");
        assertThat(chainages(t)).containsExactly(0.0, 40.0, 75.0, 110.0);
        JsonNode first = t.path("path").path(0);
        assertThat(first.path("upstream_invert_m").asDouble()).isEqualTo(20.9);
        assertThat(first.path("downstream_invert_m").asDouble()).isEqualTo(20.74);
        assertThat(t.path("stations").path(0).path("ground_m").asDouble()).isEqualTo(22.0);
        assertThat(t.path("features")).anyMatch(f -> f.at("/properties/kind").asText().equals("point")
                && f.at("/properties/start").asBoolean() && f.at("/geometry/type").asText().equals("Point"));
    }

    @Test
    void upstreamFromTheOutfallFindsEveryPipeAndTheLongestRunForTheProfile() {
        JsonNode t = server.getJson("/api/network/trace?point=YS1&compound=N001&direction=up");
        assertThat(t.path("pipe_count").asInt()).isEqualTo(4);
        List<String> path = path(t);
        assertThat(path).hasSize(3).endsWith("YS3>YS2", "YS2>YS1");
        assertThat(t.path("length_m").asDouble()).isEqualTo(150.0);
    }

    @Test
    void aRecordedFlowDirectionIsFollowed() {
        // WS1-WS2 is recorded from WS1 with flow_direction = reverse: it flows WS2 -> WS1
        JsonNode t = server.getJson("/api/network/trace?point=WS3&compound=N001&direction=down");
        assertThat(path(t)).containsExactly("WS3>WS2", "WS2>WS1");
    }

    @Test
    void aCrossConnectionShowsInTheTrace() {
        JsonNode t = server.getJson("/api/network/trace?point=WS9&compound=N002");
        assertThat(path(t)).containsExactly("WS9>YS2", "YS2>YS1");
    }

    @Test
    void aPointIdNeedsNoCompound() throws Exception {
        long id;
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM pipe_point WHERE compound_code = 'N001' AND point_no = 'YS4'")) {
            rs.next();
            id = rs.getLong(1);
        }
        JsonNode t = server.getJson("/api/network/trace?point=" + id + "&direction=down");
        assertThat(t.at("/start/point_no").asText()).isEqualTo("YS4");
        assertThat(t.path("pipe_count").asInt()).isEqualTo(3);
    }

    @Test
    void aWholeCityIsWalkedByIndexLookups() throws Exception {
        String head = "YS" + PIPES_PER_BRANCH * BRANCHES; // the head of the last branch
        long t0 = System.nanoTime();
        JsonNode down = server.getJson("/api/network/trace?point=" + head + "&compound=BIG&direction=down");
        long downMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(down.path("pipe_count").asInt()).isEqualTo(PIPES_PER_BRANCH + BRANCHES);
        t0 = System.nanoTime();
        JsonNode up = server.getJson("/api/network/trace?point=YS0&compound=BIG&direction=up");
        long upMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(up.path("pipe_count").asInt()).isEqualTo(PIPES_PER_BRANCH * BRANCHES + BRANCHES);
        System.out.printf("trace on %d pipes: down %d ms, up (all) %d ms%n", up.path("pipe_count").asInt(), downMs, upMs);
        // generous bounds for a loaded test machine; typically about 0.1 s and 1.5 s
        assertThat(downMs).as("downstream trace of %d pipes", PIPES_PER_BRANCH + BRANCHES).isLessThan(3_000);
        assertThat(upMs).as("upstream trace of all %d pipes", up.path("pipe_count").asInt()).isLessThan(20_000);
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement()) {
            String plan = explain(s, "SELECT id FROM pipe WHERE compound_code = 'BIG' AND valid_to IS NULL AND (start_no = 'YS5' OR end_no = 'YS5')");
            assertThat(plan).contains("pipe_current_start_no").contains("pipe_current_end_no");
        }
    }

    @Test
    void badRequestsAreClear4xx() {
        assertStatus("/api/network/trace?compound=N001", 400, "point=");
        assertStatus("/api/network/trace?point=YS4", 400, "compound");
        assertStatus("/api/network/trace?point=YS4&compound=N001&direction=sideways", 400, "up or down");
        assertStatus("/api/network/trace?point=YS404&compound=N001", 404, "YS404");
        assertStatus("/api/network/trace?point=99999999&compound=N001", 404, "99999999");
        assertStatus("/api/network/trace?point=JS1&compound=N001", 400, "JS");
    }

    private void assertStatus(String path, int status, String mention) {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(TestServer.parse(response.body()).path("description").asText()).contains(mention);
    }

    private static List<String> path(JsonNode trace) {
        List<String> out = new ArrayList<>();
        trace.path("path").forEach(p -> out.add(p.path("from_no").asText() + ">" + p.path("to_no").asText()));
        return out;
    }

    private static List<Double> chainages(JsonNode trace) {
        List<Double> out = new ArrayList<>();
        trace.path("stations").forEach(s -> out.add(s.path("chainage_m").asDouble()));
        return out;
    }

    private static String explain(Statement s, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /**
     * Compound BIG: a trunk YS0 <- T1 <- ... <- T{BRANCHES}; branch b joins the trunk at T{b} and runs
     * PIPES_PER_BRANCH pipes up to its head YS{b * PIPES_PER_BRANCH}; 20 200 pipes, 1 m apart, falling downstream.
     */
    private static String bigNetworkSql() {
        return """
            INSERT INTO compound (code, name, geom) VALUES ('BIG', '大管网',
              ST_GeomFromText('MULTIPOLYGON(((600000 3500000, 610000 3500000, 610000 3510000, 600000 3510000, 600000 3500000)))', 4548));
            INSERT INTO pipe_point (compound_code, point_no, network, feature, geom)
              SELECT 'BIG', 'YS0', 'YS', '出水口', ST_SetSRID(ST_MakePoint(600000, 3500000), 4548);
            INSERT INTO pipe_point (compound_code, point_no, network, appurtenance, ground_elevation_m, geom)
              SELECT 'BIG', 'T' || b, 'YS', '检修井', 30, ST_SetSRID(ST_MakePoint(600000 + b, 3500000), 4548)
              FROM generate_series(1, %1$d) b;
            INSERT INTO pipe_point (compound_code, point_no, network, appurtenance, ground_elevation_m, geom)
              SELECT 'BIG', 'YS' || ((b - 1) * %2$d + k), 'YS', '检修井', 30, ST_SetSRID(ST_MakePoint(600000 + b, 3500000 + k), 4548)
              FROM generate_series(1, %1$d) b, generate_series(1, %2$d) k;
            INSERT INTO pipe (compound_code, network, start_no, end_no, dn_mm, start_elevation_m, end_elevation_m, depth_reference, geom)
              SELECT 'BIG', 'YS', 'T' || b, CASE WHEN b = 1 THEN 'YS0' ELSE 'T' || (b - 1) END, 600,
                     10 + b * 0.01, 10 + (b - 1) * 0.01, 'invert',
                     ST_MakeLine(ST_SetSRID(ST_MakePoint(600000 + b, 3500000), 4548), ST_SetSRID(ST_MakePoint(600000 + b - 1, 3500000), 4548))
              FROM generate_series(1, %1$d) b;
            INSERT INTO pipe (compound_code, network, start_no, end_no, dn_mm, start_elevation_m, end_elevation_m, depth_reference, geom)
              SELECT 'BIG', 'YS', 'YS' || ((b - 1) * %2$d + k), CASE WHEN k = 1 THEN 'T' || b ELSE 'YS' || ((b - 1) * %2$d + k - 1) END, 300,
                     20 + k * 0.01, 20 + (k - 1) * 0.01, 'invert',
                     ST_MakeLine(ST_SetSRID(ST_MakePoint(600000 + b, 3500000 + k), 4548), ST_SetSRID(ST_MakePoint(600000 + b, 3500000 + k - 1), 4548))
              FROM generate_series(1, %1$d) b, generate_series(1, %2$d) k;
            """.formatted(BRANCHES, PIPES_PER_BRANCH);
    }
}
