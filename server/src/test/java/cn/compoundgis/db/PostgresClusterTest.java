package cn.compoundgis.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The private cluster: created once, reused on restart, recovered after its owner was killed. */
class PostgresClusterTest {
    private Path state;

    @BeforeEach
    void folder() throws Exception {
        state = Files.createTempDirectory("cluster-test-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (var walk = Files.walk(state)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(state).doesNotExist();
    }

    @Test
    void createsTheClusterWithPostgisAndKeepsItsDataAcrossRestarts() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start(state)) {
            assertThat(Files.exists(state.resolve("pg/data/PG_VERSION"))).isTrue();
            execute(cluster, "CREATE EXTENSION IF NOT EXISTS postgis");
            execute(cluster, "CREATE TABLE kept (name text)");
            execute(cluster, "INSERT INTO kept VALUES ('南岳新村')");
            assertThat(query(cluster, "SELECT postgis_lib_version()")).startsWith("3.");
            assertThat(query(cluster, "SHOW jit")).isEqualTo("off");
            assertThat(query(cluster, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(query(cluster, "SELECT setting::bigint * 8 / 1024 FROM pg_settings WHERE name = 'shared_buffers'"))
                    .as("a quarter of the machine's memory, in MB").isEqualTo(BufferCache.options()
                            .replaceAll(".*shared_buffers=(\\d+)MB.*", "$1"));
        }
        assertThat(Files.exists(state.resolve("pg/data/postmaster.pid"))).as("stopped on close").isFalse();
        assertThat(Files.readString(state.resolve("pg/data/postgresql.conf"))).as("no size but the start's")
                .doesNotContainPattern("(?m)^\\s*shared_buffers");
        assertThat(Files.exists(state.resolve("pg/data/autoprewarm.blocks")))
                .as("pg_prewarm wrote down what the buffers held, to load it again at the next start").isTrue();
        try (PostgresCluster again = PostgresCluster.start(state)) {
            assertThat(query(again, "SELECT name FROM kept")).isEqualTo("南岳新村");
        }
    }

    @Test
    void theBuffersAreAQuarterOfTheMachinesMemoryButNeverBelowPostgresqlsDefault() {
        long gigabyte = 1024L * 1024L * 1024L;
        assertThat(BufferCache.sharedBuffersMegabytes(24 * gigabyte)).isEqualTo(6 * 1024);
        assertThat(BufferCache.sharedBuffersMegabytes(gigabyte / 4)).isEqualTo(128);
        assertThat(BufferCache.sharedBuffersMegabytes(0)).as("memory unknown").isEqualTo(128);
    }

    @Test
    void takesOverFromAPostgresLeftRunningByAKilledServer() throws Exception {
        PostgresCluster orphan = PostgresCluster.start(state); // never closed: its JVM "died"
        orphan.abandon(); // and so did its watchdog (it restarted the cluster after the test had removed it)
        execute(orphan, "CREATE TABLE kept (n int)");
        execute(orphan, "INSERT INTO kept VALUES (42)");
        try (PostgresCluster next = PostgresCluster.start(state)) {
            assertThat(query(next, "SELECT n FROM kept")).isEqualTo("42");
        }
    }

    @Test
    void removesAStalePidFileWhoseProcessIsGone() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start(state)) {
            execute(cluster, "CREATE TABLE kept (n int)");
        }
        Path pidFile = state.resolve("pg/data/postmaster.pid");
        Files.writeString(pidFile, deadPid() + "\n" + state.resolve("pg/data") + "\n1700000000\n5432\n");
        try (PostgresCluster cluster = PostgresCluster.start(state)) {
            assertThat(query(cluster, "SELECT count(*) FROM kept")).isEqualTo("0");
        }
    }

    @Test
    void removesAPidFileWhoseNumberNowBelongsToAnotherProgram() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start(state)) {
            execute(cluster, "SELECT 1");
        }
        Path pidFile = state.resolve("pg/data/postmaster.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n" + state.resolve("pg/data") + "\n");
        try (PostgresCluster cluster = PostgresCluster.start(state)) {
            assertThat(query(cluster, "SELECT 1")).isEqualTo("1");
        }
    }

    private static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid--;
        }
        return pid;
    }

    private static void execute(PostgresCluster cluster, String sql) throws SQLException {
        ConnectionInfo info = cluster.connectionInfo();
        try (Connection c = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(PostgresCluster cluster, String sql) throws SQLException {
        ConnectionInfo info = cluster.connectionInfo();
        try (Connection c = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
