package cn.compoundgis.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.CompoundGis;
import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.PostgresCluster;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two streaming replicas of the private cluster: a read takes an idle connection of either, and waits for a busy
 * replica only when every replica that serves it is busy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReplicasTest {
    /** Replica logs each wait for a connection that ran out its pool's timeout as this, at FINE. */
    private static final String WAITED_IN_VAIN = "has no free connection";
    private final Logger replicaLog = Logger.getLogger(Replica.class.getName());
    private final List<String> waits = new ArrayList<>();
    private final Handler recordWaits = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage().contains(WAITED_IN_VAIN)) {
                synchronized (waits) {
                    waits.add(record.getMessage());
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Path state;
    private PostgresCluster primary;
    private final List<StreamingReplica> replicas = new ArrayList<>();
    private CompoundGis server;

    @BeforeAll
    void start() throws Exception {
        state = StreamingReplica.testFolder("compound-gis-two-replicas-test-");
        primary = PostgresCluster.start(state.resolve("primary"));
        replicas.add(StreamingReplica.of(primary, state.resolve("replica-1")));
        replicas.add(StreamingReplica.of(primary, state.resolve("replica-2")));
        server = CompoundGis.start(new AppConfig(0, Path.of("unused-state"),
                Optional.of(primary.connectionInfo().jdbcUrlWithCredentials()), AppConfig.DEFAULT_WORKING_SRID, false)
                .withReplicas(new ReplicaSettings(List.of(replicas.get(0).connectionInfo(),
                        replicas.get(1).connectionInfo()), 3600)));
        replicaLog.setLevel(Level.FINE);
        replicaLog.addHandler(recordWaits);
    }

    @AfterAll
    void stop() throws Exception {
        replicaLog.removeHandler(recordWaits);
        replicaLog.setLevel(null);
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(server);
        parts.addAll(replicas);
        parts.add(primary);
        for (AutoCloseable part : parts) {
            if (part != null) {
                part.close();
            }
        }
        StreamingReplica.deleteTestFolder(state);
    }

    @Test
    void whileOneReplicaIsBusyReadsTakeTheOthersIdleConnectionsWithoutWaiting() throws Exception {
        ReadRouting reads = server.reads();
        int poolSize = reads.unwrap(HikariDataSource.class).getMaximumPoolSize(); // each replica's pool is as large
        StreamingReplica.awaitFullPools(reads);
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * poolSize; i++) {
                held.add(reads.getConnection());
            }
            assertThat(held).as("every read connection of both replicas").allMatch(TwoReplicasTest::inRecovery);
            assertThat(held.stream().map(TwoReplicasTest::port).distinct()).hasSize(2);
            int busyPort = port(held.get(0));
            for (Connection c : List.copyOf(held)) {
                if (port(c) != busyPort) {
                    c.close();
                    held.remove(c);
                }
            }
            for (int i = 0; i < 2 * poolSize; i++) {
                try (Connection c = reads.getConnection()) {
                    assertThat(inRecovery(c)).as("read " + (i + 1)).isTrue();
                    assertThat(port(c)).as("read " + (i + 1) + " comes from the replica with idle connections")
                            .isNotEqualTo(busyPort);
                }
            }
            synchronized (waits) {
                assertThat(waits).as("no read waited for the busy replica").isEmpty();
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    private static boolean inRecovery(Connection c) {
        return query(c, "SELECT pg_is_in_recovery()::text").equals("true");
    }

    private static int port(Connection c) {
        return Integer.parseInt(query(c, "SELECT inet_server_port()::text"));
    }

    private static String query(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
