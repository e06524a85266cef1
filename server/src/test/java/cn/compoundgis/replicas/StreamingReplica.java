package cn.compoundgis.replicas;

import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.db.LoopbackPort;
import cn.compoundgis.db.PostgresBinaries;
import cn.compoundgis.db.PostgresCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL streaming replica of a private cluster, for tests: {@code pg_basebackup -R -X stream} of the
 * primary (PostgreSQL 15's defaults already allow it: wal_level=replica, max_wal_senders=10 and initdb's
 * {@code host replication all 127.0.0.1/32} line in pg_hba.conf), started with pg_ctl on a port of its own. As root,
 * every PostgreSQL program runs as the {@code postgres} user, as PostgresCluster does.
 */
final class StreamingReplica implements AutoCloseable {
    private static final String SERVICE_USER = "postgres";
    private final Path bin;
    private final Path folder;
    private final ConnectionInfo primaryApp;
    private final ConnectionInfo primaryAdmin;
    private final int port;
    private boolean running;

    private StreamingReplica(Path bin, Path folder, PostgresCluster primary, int port) {
        this.bin = bin;
        this.folder = folder;
        this.primaryApp = primary.connectionInfo();
        this.primaryAdmin = primary.adminConnectionInfo();
        this.port = port;
    }

    /**
     * Waits (a condition, at most a minute) until every replica pool of {@code reads} has opened all its connections:
     * a test that holds them all would otherwise wait for one still being opened, which can outlast the pool's
     * connection timeout on a loaded machine and put the replica out of use.
     */
    static void awaitFullPools(ReadRouting reads) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(1);
        while (!reads.everyReplicaPoolIsFull()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the replica pools did not open all their connections within a minute");
            }
            Thread.sleep(50);
        }
    }

    /** A new temporary folder for a test's primary and replicas, named from {@code prefix}. */
    static Path testFolder(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        // PostgreSQL runs as another user when the tests run as root: it must pass through (not list) the folder
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx-----x"));
        return folder;
    }

    /** Removes a {@link #testFolder} and everything in it (its clusters stopped). */
    static void deleteTestFolder(Path folder) throws IOException {
        try (var walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Copies {@code primary} into {@code folder} (made; must not exist) and starts the copy as its replica. */
    static StreamingReplica of(PostgresCluster primary, Path folder) throws IOException {
        Files.createDirectories(folder);
        StreamingReplica replica = new StreamingReplica(PostgresBinaries.find(), folder, primary, LoopbackPort.free());
        if (isRoot()) {
            run(List.of("chown", "-R", SERVICE_USER + ":", folder.toString()), null, null);
        }
        ConnectionInfo admin = primary.adminConnectionInfo();
        // the password goes in the environment (not on the command line); -R writes it into primary_conninfo;
        // a fast checkpoint, or pg_basebackup waits for a spread one (minutes)
        replica.runPostgres(List.of(replica.bin("pg_basebackup"),
                "-D", replica.dataDir().toString(), "-R", "-X", "stream", "--checkpoint=fast", "-h", "127.0.0.1",
                "-p", String.valueOf(primary.port()), "-U", admin.user()), admin.password());
        replica.start();
        return replica;
    }

    /** The application's login (the roles came with the copy) on the replica. */
    ConnectionInfo connectionInfo() {
        return onThisPort(primaryApp);
    }

    private ConnectionInfo onThisPort(ConnectionInfo onPrimary) {
        return new ConnectionInfo(onPrimary.jdbcUrl().replaceFirst(":\\d+/", ":" + port + "/"), onPrimary.user(),
                onPrimary.password());
    }

    void start() throws IOException {
        runPostgres(List.of(bin("pg_ctl"), "-D", dataDir().toString(), "-l", folder.resolve("replica.log").toString(),
                "-w", "-t", "120", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c jit=off"
                        + " -c unix_socket_directories=''", "start"));
        running = true;
    }

    /** Kills the replica as a crash would ({@code pg_ctl stop -m immediate}). */
    void stopImmediately() throws IOException {
        runPostgres(List.of(bin("pg_ctl"), "-D", dataDir().toString(), "-m", "immediate", "-w", "stop"));
        running = false;
    }

    /** Stops applying the WAL it receives: what the primary commits from now on is not seen here. */
    void pauseReplay() throws SQLException {
        superuser("SELECT pg_wal_replay_pause()");
    }

    void resumeReplay() throws SQLException {
        superuser("SELECT pg_wal_replay_resume()");
    }

    /** Whether this replica has replayed everything the primary had written when {@code primaryLsn} was read. */
    boolean hasReplayed(String primaryLsn) throws SQLException {
        return atLeast("pg_last_wal_replay_lsn()", primaryLsn);
    }

    /** Whether this replica has received (if not yet replayed) the WAL up to {@code primaryLsn}. */
    boolean hasReceived(String primaryLsn) throws SQLException {
        return atLeast("pg_last_wal_receive_lsn()", primaryLsn);
    }

    private boolean atLeast(String position, String primaryLsn) throws SQLException {
        ConnectionInfo info = connectionInfo();
        try (Connection c = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password());
             var ps = c.prepareStatement("SELECT " + position + " >= ?::pg_lsn")) {
            ps.setString(1, primaryLsn);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** pg_wal_replay_pause() is for superusers; the superuser and its password came with the copy. */
    private void superuser(String sql) throws SQLException {
        ConnectionInfo info = onThisPort(primaryAdmin);
        try (Connection c = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    Path dataDir() {
        return folder.resolve("data");
    }

    @Override
    public void close() throws IOException {
        if (running) {
            runPostgres(List.of(bin("pg_ctl"), "-D", dataDir().toString(), "-m", "fast", "-w", "stop"));
            running = false;
        }
    }

    private String bin(String program) {
        return bin.resolve(program).toString();
    }

    private void runPostgres(List<String> command) throws IOException {
        runPostgres(command, null);
    }

    private void runPostgres(List<String> command, String password) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        full.addAll(command);
        run(full, folder, password);
    }

    private static void run(List<String> command, Path workDir, String password) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (password != null) {
            pb.environment().put("PGPASSWORD", password);
        }
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed (exit " + process.exitValue() + "):\n" + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
