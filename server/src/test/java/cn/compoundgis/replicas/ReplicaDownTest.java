package cn.compoundgis.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a replica's pool cannot give a connection in time, the replica is taken for down only if connecting to it
 * failed: a pool still opening its connections (slow to answer, as after a start) is not a dead replica.
 */
class ReplicaDownTest {
    /** HikariCP's shortest connection timeout. */
    private static final long POOL_TIMEOUT_MS = 250;

    @Test
    void aReplicaThatIsSlowToOpenAConnectionIsNotDown() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Replica replica = replicaAt(silent.port());
            try {
                assertThat(replica.connection()).isEmpty();
                assertThat(replica.isDown()).isFalse();
            } finally {
                silent.close(); // the pending connection attempt fails, so the pool closes at once
                replica.close();
            }
        }
    }

    @Test
    void aReplicaThatRefusesConnectionsIsDown() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        try (Replica replica = replicaAt(closedPort)) {
            assertThat(replica.connection()).isEmpty();
            assertThat(replica.isDown()).isTrue();
            assertThat(replica.serves(0, Integer.MAX_VALUE)).isFalse();
        }
    }

    private static Replica replicaAt(int port) {
        return new Replica("test", pool(port, "replica-down-test"), pool(port, "replica-down-test-status"));
    }

    private static HikariDataSource pool(int port, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/compound_gis");
        config.setUsername("nobody");
        config.setPassword("nothing");
        config.setPoolName(name);
        config.setMaximumPoolSize(1);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(POOL_TIMEOUT_MS);
        // the driver waits this long for the server's first answer, well past the pool's timeout
        config.addDataSourceProperty("loginTimeout", "20");
        return new HikariDataSource(config);
    }

    /** Accepts connections and never answers, as a database still starting or far behind a slow network. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new ArrayList<>();
        private final Thread acceptor = new Thread(this::acceptAll, "silent-server");

        SilentServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptAll() {
            try {
                while (true) {
                    Socket s = socket.accept();
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                }
            } catch (IOException closed) {
                // closed: stop accepting
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
