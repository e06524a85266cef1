package cn.compoundgis.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A private PostgreSQL cluster owned by this process: created with initdb under a state folder,
 * started with pg_ctl on a free loopback port, stopped with the application.
 *
 * <p>Two roles: the superuser {@value #ADMIN_ROLE} made by initdb (password in {@code pg-credentials}) only
 * prepares the database (creates it, the postgis extension and the application role); the application
 * connects as {@value #APP_ROLE} (password in {@code pg-app-credentials}), which owns the database and its
 * schema but is no superuser. A state folder from a version that ran the application as the superuser is
 * upgraded on start: the role is created and handed the database and its tables.
 *
 * <p>PostgreSQL refuses to run as root, so when the JVM runs as root every PostgreSQL program is run
 * through {@code runuser} as the unprivileged {@code postgres} user that Debian's package creates.
 */
public final class PostgresCluster implements AutoCloseable {
    public static final String DATABASE = "compound_gis";
    private static final String ADMIN_ROLE = "compound_gis";
    private static final String APP_ROLE = "compound_gis_app";
    private static final String SERVICE_USER = "postgres";
    private static final int MAX_SOCKET_PATH = 100;
    /** How often the watchdog looks whether the postmaster is still alive. */
    private static final long WATCH_INTERVAL_MS = 2_000;
    private static final Logger LOG = Logger.getLogger(PostgresCluster.class.getName());

    private final Path binDir;
    private final Path clusterDir;
    private final Path credentialsFile;
    private final Path appCredentialsFile;
    private final Optional<String> runAs;
    private int port;
    private String password;
    private String appPassword;
    private boolean running;
    private long postmasterPid;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "postgres-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private PostgresCluster(Path binDir, Path clusterDir, Path credentialsFile, Optional<String> runAs) {
        this.binDir = binDir;
        this.clusterDir = clusterDir;
        this.credentialsFile = credentialsFile;
        this.appCredentialsFile = credentialsFile.resolveSibling("pg-app-credentials");
        this.runAs = runAs;
    }

    /** Creates the cluster under {@code stateDir/pg} on first use, then starts it. */
    public static PostgresCluster start(Path stateDir) throws IOException, SQLException {
        Files.createDirectories(stateDir);
        Optional<String> runAs = isRoot() ? Optional.of(SERVICE_USER) : Optional.empty();
        if (runAs.isPresent()) {
            letOthersTraverse(stateDir);
        }
        Path clusterDir = clusterDirFor(stateDir, runAs);
        PostgresCluster cluster = new PostgresCluster(
                PostgresBinaries.find(), clusterDir, stateDir.resolve("pg-credentials"), runAs);
        cluster.initIfNeeded();
        cluster.startServer();
        try {
            cluster.prepareDatabase();
        } catch (IOException | SQLException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        cluster.watchdog.scheduleWithFixedDelay(cluster::restartIfGone, WATCH_INTERVAL_MS, WATCH_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
        return cluster;
    }

    /** How the application connects: as the owner of the database, without superuser rights. */
    public ConnectionInfo connectionInfo() {
        return new ConnectionInfo("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, APP_ROLE, appPassword);
    }

    /** The superuser, for preparing databases (and for tests that make databases of their own). */
    public ConnectionInfo adminConnectionInfo() {
        return new ConnectionInfo("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, ADMIN_ROLE, password);
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return clusterDir.resolve("data");
    }

    @Override
    public synchronized void close() {
        watchdog.shutdownNow();
        if (!running) {
            return;
        }
        try {
            pgCtl("stop", "-m", "fast", "-w", "-t", "60");
            LOG.info("PostgreSQL stopped (" + dataDir() + ")");
        } catch (IOException e) {
            LOG.warning("could not stop PostgreSQL cleanly: " + e.getMessage());
        }
        running = false;
    }

    /** What a killed server leaves behind (for tests): its PostgreSQL runs on, and nothing watches it any more. */
    void abandon() {
        watchdog.shutdownNow();
    }

    /** Starts PostgreSQL again after {@link #close()}, on the same port (clients reconnect by themselves). */
    public synchronized void restart() throws IOException {
        if (!running) {
            startServer();
        }
    }

    /**
     * The cluster is ours to keep running: a postmaster that died under us (SIGKILL, the OOM killer) is started
     * again, and its crash recovery keeps every committed row, staged surveys included. Until then requests get
     * 503. A start that fails (old backends still holding the shared memory) is tried again at the next look.
     */
    synchronized void restartIfGone() {
        if (!running || ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        LOG.warning("PostgreSQL (pid " + postmasterPid + ") has gone away; starting it again");
        try {
            startServer();
        } catch (IOException | RuntimeException e) {
            LOG.warning("could not start PostgreSQL again yet: " + e.getMessage());
        }
    }

    // --- creation -------------------------------------------------------------------------

    private void initIfNeeded() throws IOException {
        Files.createDirectories(clusterDir);
        handOver(clusterDir);
        if (Files.exists(dataDir().resolve("PG_VERSION")) && Files.exists(credentialsFile)) {
            password = Files.readString(credentialsFile).trim();
            return;
        }
        LOG.info("creating a private PostgreSQL cluster in " + dataDir());
        password = newPassword();
        Path staging = clusterDir.resolve("data.initdb");
        deleteRecursively(staging);
        deleteRecursively(dataDir());
        Path pwFile = clusterDir.resolve("initdb.pw");
        Files.writeString(pwFile, password + "\n");
        handOver(pwFile);
        try {
            run(List.of(bin("initdb"), "-D", staging.toString(), "-U", ADMIN_ROLE, "--pwfile=" + pwFile,
                    "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale"));
        } finally {
            Files.deleteIfExists(pwFile);
        }
        // initdb into a side folder and rename: a crash half-way through never leaves a half cluster.
        Files.move(staging, dataDir());
        Files.writeString(credentialsFile, password + "\n");
        restrictToOwner(credentialsFile);
    }

    // --- running ----------------------------------------------------------------------------

    private void startServer() throws IOException {
        clearStalePidFile();
        Path runDir = clusterDir.resolve("run");
        Files.createDirectories(runDir);
        handOver(runDir);
        String socketDir = runDir.toString().length() < MAX_SOCKET_PATH ? runDir.toString() : "";
        if (port == 0) {
            port = LoopbackPort.free();
        }
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c jit=off"
                + " -c unix_socket_directories='" + socketDir + "'";
        leaveSharedBuffersToTheStart();
        try {
            pgCtl("start", "-w", "-t", "120", "-l", log(), "-o", options + BufferCache.options());
        } catch (IOException e) {
            // a machine that will not map that much shared memory (or has no pg_prewarm) still gets its cluster
            LOG.warning("PostgreSQL did not start with " + BufferCache.options().trim() + "; starting it with its"
                    + " default buffers: " + e.getMessage());
            pgCtl("start", "-w", "-t", "120", "-l", log(), "-o", options);
        }
        postmasterPid = Long.parseLong(Files.readAllLines(dataDir().resolve("postmaster.pid")).get(0).trim());
        running = true;
        LOG.info("PostgreSQL running on 127.0.0.1:" + port + " (" + dataDir() + ")");
    }

    /**
     * initdb writes a shared_buffers of its own into postgresql.conf. The size is given at each start instead
     * ({@link BufferCache}): a file value that differs from it would have every reload report that the cluster needs a
     * restart.
     */
    private void leaveSharedBuffersToTheStart() throws IOException {
        Path conf = dataDir().resolve("postgresql.conf");
        List<String> lines = Files.readAllLines(conf, StandardCharsets.UTF_8);
        List<String> edited = lines.stream()
                .map(line -> line.matches("\\s*shared_buffers\\s*=.*") ? "#" + line + "  # given at each start" : line)
                .toList();
        if (!edited.equals(lines)) {
            Files.write(conf, edited, StandardCharsets.UTF_8);
        }
    }

    /**
     * After a crash the postmaster.pid stays behind. If its process is a postmaster still serving our
     * data folder (the JVM was killed, PostgreSQL was not), stop it; if the process is gone or is
     * something else, the file is stale and removed.
     */
    private void clearStalePidFile() throws IOException {
        Path pidFile = dataDir().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        boolean ours = process.flatMap(p -> p.info().command()).map(c -> c.endsWith("postgres")).orElse(false);
        if (ours) {
            LOG.warning("a PostgreSQL from an earlier run (pid " + pid + ") still serves " + dataDir() + ": stopping it");
            pgCtl("stop", "-m", "fast", "-w", "-t", "60");
        } else {
            LOG.warning("removing stale " + pidFile + " (process " + pid + " is not running)");
            Files.deleteIfExists(pidFile);
        }
    }

    /**
     * As the superuser: the application role (created when missing, its password set from
     * pg-app-credentials), the database owned by it, the postgis extension, and the schema and tables of
     * an older state folder handed over to it.
     */
    private void prepareDatabase() throws IOException, SQLException {
        appPassword = appPassword();
        ConnectionInfo maintenance = adminConnectionInfo().withDatabase("postgres");
        try (Connection c = DriverManager.getConnection(maintenance.jdbcUrl(), maintenance.user(), maintenance.password());
             Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", APP_ROLE)) {
                LOG.info("creating the application role " + APP_ROLE + " (no superuser)");
                s.execute("CREATE ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION");
            }
            // The password is hex (newPassword), so it can be written as a literal.
            s.execute("ALTER ROLE " + APP_ROLE + " WITH LOGIN NOSUPERUSER PASSWORD '" + appPassword + "'");
            s.execute("ALTER ROLE " + APP_ROLE + " SET jit = off");
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + APP_ROLE);
            } else {
                s.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + APP_ROLE);
            }
        }
        ConnectionInfo admin = adminConnectionInfo();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            s.execute("ALTER SCHEMA public OWNER TO " + APP_ROLE);
            s.execute(SqlResource.load("/db/hand-over-to-app-role.sql").replace("${app_role}", APP_ROLE));
        }
    }

    private String appPassword() throws IOException {
        if (Files.exists(appCredentialsFile)) {
            return Files.readString(appCredentialsFile).trim();
        }
        String fresh = newPassword();
        Files.writeString(appCredentialsFile, fresh + "\n");
        restrictToOwner(appCredentialsFile);
        return fresh;
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    // --- process plumbing -------------------------------------------------------------------

    private void pgCtl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(bin("pg_ctl"), "-D", dataDir().toString()));
        command.addAll(List.of(args));
        run(command);
    }

    private String bin(String program) {
        return binDir.resolve(program).toString();
    }

    private void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        runAs.ifPresent(user -> full.addAll(List.of("runuser", "-u", user, "--")));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).directory(clusterDir.toFile());
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", full));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", full), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", full) + "' failed (exit " + process.exitValue() + "):\n"
                    + output + logTail());
        }
    }

    private String log() {
        return clusterDir.resolve("postgres.log").toString();
    }

    private String logTail() {
        Path log = clusterDir.resolve("postgres.log");
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n--- " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Gives a path to the service user when we run PostgreSQL as another user. */
    private void handOver(Path path) throws IOException {
        if (runAs.isPresent()) {
            ProcessBuilder pb = new ProcessBuilder("chown", "-R", runAs.get() + ":", path.toString()).inheritIO();
            waitOk(pb, "chown");
        }
    }

    private static void waitOk(ProcessBuilder pb, String what) throws IOException {
        try {
            int exit = pb.start().waitFor();
            if (exit != 0) {
                throw new IOException(what + " failed with exit " + exit + ": " + pb.command());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        }
    }

    /**
     * The cluster lives in {@code stateDir/pg}. When we must run PostgreSQL as another user and that user
     * cannot reach the state folder (a checkout under /root, say), it lives in /var/lib/compound-gis instead,
     * keyed by the state folder, and a note in the state folder says where.
     */
    private static Path clusterDirFor(Path stateDir, Optional<String> runAs) throws IOException {
        Path preferred = stateDir.resolve("pg");
        if (runAs.isEmpty() || reachableBy(runAs.get(), stateDir)) {
            return preferred;
        }
        Path fallback = Path.of("/var/lib/compound-gis", shortHash(stateDir.toString()));
        Files.createDirectories(fallback);
        Files.writeString(stateDir.resolve("pg-location.txt"),
                "The PostgreSQL cluster of this state folder is in " + fallback
                        + " because user " + runAs.get() + " cannot reach " + stateDir + "\n");
        LOG.warning("user " + runAs.get() + " cannot reach " + stateDir + "; the cluster lives in " + fallback);
        return fallback;
    }

    /** The service user must pass through the state folder to reach its cluster inside; it may not list it. */
    private static void letOthersTraverse(Path dir) throws IOException {
        var permissions = new java.util.HashSet<>(Files.getPosixFilePermissions(dir));
        if (permissions.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
            Files.setPosixFilePermissions(dir, permissions);
        }
    }

    private static boolean reachableBy(String user, Path dir) {
        try {
            Process p = new ProcessBuilder("runuser", "-u", user, "--", "test", "-x", dir.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
