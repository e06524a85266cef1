package cn.compoundgis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipe lengths the dashboard reads (compound_pipe_length, V23) follow every way the pipe table changes: a
 * re-survey closing a version and adding the next, a status change, a network change, a delete, a truncate. After each
 * step the stored lengths equal ST_Length of the current built pipes measured afresh, and the dashboard shows them.
 * On dashboard/fixture.sql (D001: YS 40 m + WS 30 m, D002: HS 50 m, D003: YS 20 m built).
 */
class PipeLengthTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("pipe_length_test", "/dashboard/fixture.sql", false);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aReSurveyReplacesTheLengthOfTheClosedVersion() throws Exception {
        sql("""
                UPDATE pipe SET valid_to = '2024-01-01T00:00:00Z' WHERE compound_code = 'D003' AND valid_to IS NULL;
                INSERT INTO pipe (compound_code, network, depth_reference, status, valid_from, geom)
                VALUES ('D003', 'YS', 'invert', 'existing', '2024-01-01T00:00:00Z',
                        ST_GeomFromText('LINESTRING(621010 3552010, 621080 3552010)', 4548))""");
        assertStoredLengthsAreFresh();
        assertThat(surveyed("YS")).isEqualTo(40.0 + 70.0);
        assertThat(tablePipeLength("D003")).isEqualTo(70.0);
    }

    @Test
    void statusAndNetworkChangesMoveTheLength() throws Exception {
        sql("UPDATE pipe SET status = 'abandoned' WHERE compound_code = 'D001' AND network = 'WS'");
        assertStoredLengthsAreFresh();
        assertThat(surveyed("WS")).isEqualTo(0.0);
        sql("UPDATE pipe SET status = 'existing' WHERE compound_code = 'D002' AND network = 'YS'"); // the designed 500 m
        sql("UPDATE pipe SET network = 'HS' WHERE compound_code = 'D003'");
        assertStoredLengthsAreFresh();
        assertThat(surveyed("YS")).isEqualTo(40.0 + 500.0);
        assertThat(surveyed("HS")).isEqualTo(50.0 + 20.0);
    }

    @Test
    void deletedAndTruncatedPipesCountNoMore() throws Exception {
        sql("DELETE FROM pipe WHERE compound_code = 'D001'");
        assertStoredLengthsAreFresh();
        assertThat(tablePipeLength("D001")).isEqualTo(0.0);
        assertThat(surveyed("YS")).isEqualTo(20.0);
        sql("TRUNCATE pipe");
        assertStoredLengthsAreFresh();
        assertThat(server.getJson("/api/dashboard").at("/totals/pipes/surveyed_m/total").asDouble()).isEqualTo(0.0);
    }

    private double surveyed(String network) {
        return server.getJson("/api/dashboard").at("/totals/pipes/surveyed_m/" + network).asDouble();
    }

    private double tablePipeLength(String code) {
        for (JsonNode row : server.getJson("/api/dashboard/compounds").get("items")) {
            if (row.get("code").asText().equals(code)) {
                return row.get("pipe_length_m").asDouble();
            }
        }
        throw new AssertionError("no row " + code);
    }

    /** Every (compound, network, status) of current pipes has its fresh length and count stored; others store nothing. */
    private void assertStoredLengthsAreFresh() throws SQLException {
        String fresh = "SELECT compound_code, network, status, sum(CAST(ST_Length(geom) AS numeric)) AS length_m,"
                + " count(*) AS pipes FROM pipe WHERE valid_to IS NULL GROUP BY 1, 2, 3";
        String stored = "SELECT compound_code, network, status, length_m, pipes FROM compound_pipe_length WHERE pipes > 0";
        assertThat(count("(" + fresh + " EXCEPT " + stored + ") d")).isZero();
        assertThat(count("(" + stored + " EXCEPT " + fresh + ") d")).isZero();
        assertThat(count("compound_pipe_length WHERE pipes = 0 AND length_m <> 0")).isZero();
    }

    private long count(String from) throws SQLException {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String sql) throws SQLException {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
