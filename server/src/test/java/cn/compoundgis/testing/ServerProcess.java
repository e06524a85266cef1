package cn.compoundgis.testing;

import cn.compoundgis.Main;
import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.db.LoopbackPort;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The server as a user runs it: a separate java process with its own state folder (and so its own private
 * PostgreSQL, or an existing database through DATABASE_URL), which a test can kill with SIGKILL or stop with SIGTERM.
 * The benchmarks time requests against one on their database, so that neither Maven's JVM nor their own work
 * shares its heap, garbage collector or JIT.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private final Path state;
    private final int port;
    private final Optional<ConnectionInfo> database;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    public ServerProcess(Path state) throws IOException {
        this(state, Optional.empty());
    }

    private ServerProcess(Path state, Optional<ConnectionInfo> database) throws IOException {
        this.state = state;
        this.database = database;
        this.port = LoopbackPort.free();
    }

    /** A server on {@code database} (DATABASE_URL, no demo data) that keeps its log in {@code state}. */
    public static ServerProcess onDatabase(ConnectionInfo database, Path state) throws IOException {
        return new ServerProcess(Files.createDirectories(state), Optional.of(database));
    }

    /** A server with a state folder of its own, removed again by {@link #close()}. */
    public static ServerProcess inNewStateFolder(String prefix) throws IOException {
        return new ServerProcess(Files.createTempDirectory(prefix));
    }

    public Path state() {
        return state;
    }

    /** Stops the server if it runs and removes its state folder. */
    @Override
    public void close() throws Exception {
        if (isAlive()) {
            stop();
        }
        try (var walk = Files.walk(state)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public int port() {
        return port;
    }

    /** The process's id, while it runs. */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the server (demo data on first start of a private cluster) and waits until it answers. */
    public ServerProcess start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath(),
                Main.class.getName(), "--port", String.valueOf(port), "--state", state.toString());
        database.ifPresent(db -> {
            builder.command().add("--no-demo");
            builder.environment().put("DATABASE_URL", db.jdbcUrlWithCredentials());
        });
        builder.environment().put("ADMIN_TOKEN", TestServer.ADMIN_TOKEN);
        builder.environment().put("ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        process = builder
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("server-" + Instant.now().toEpochMilli() + ".log").toFile())
                .start();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited early; see the logs in " + state);
            }
            if (answers()) {
                return this;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the server did not answer on port " + port + " within " + STARTUP);
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C or a service manager would; true when it ended within a minute. */
    public boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** A request with the administrator's token (ADMIN_TOKEN of the process). */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return TestServer.parse(r.body());
    }

    /** How to reach the private cluster while it runs: port from postmaster.pid, password from the state folder. */
    public ConnectionInfo database() throws IOException {
        List<String> pid = Files.readAllLines(state.resolve("pg/data/postmaster.pid"));
        String password = Files.readString(state.resolve("pg-credentials")).strip();
        return new ConnectionInfo("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/compound_gis", "compound_gis", password);
    }

    /** This JVM's classpath: exec:java (scripts/bench) puts it in a URLClassLoader, not in java.class.path. */
    private static String classpath() {
        if (!(Thread.currentThread().getContextClassLoader() instanceof URLClassLoader urls)) {
            return System.getProperty("java.class.path");
        }
        List<String> entries = new ArrayList<>();
        for (URL url : urls.getURLs()) {
            entries.add(Path.of(URI.create(url.toString())).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private boolean answers() {
        try {
            return get("/conformance").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
