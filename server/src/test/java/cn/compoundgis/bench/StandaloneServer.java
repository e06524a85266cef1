package cn.compoundgis.bench;

import cn.compoundgis.Main;
import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.testing.TestServer;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server as {@code scripts/run} runs it, for the benchmarks that time requests: a java process of its own (the
 * JVM's default settings, as {@code java -jar}), on the bench database through DATABASE_URL, so that neither
 * Maven's JVM nor the benchmark's own work (building the city, measuring the heap) shares its heap, garbage
 * collector or JIT. Its log is {@code standalone-server.log} in the bench state folder.
 */
final class StandaloneServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private final Process process;
    private final int port;

    private StandaloneServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static StandaloneServer start(ConnectionInfo database, Path log) throws Exception {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath(), Main.class.getName(), "--no-demo");
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("DATABASE_URL", database.jdbcUrl() + "?user=" + encode(database.user())
                + "&password=" + encode(database.password()));
        builder.environment().put("ADMIN_TOKEN", TestServer.ADMIN_TOKEN);
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        StandaloneServer server = new StandaloneServer(process, port);
        server.awaitAnswer(log);
        return server;
    }

    int port() {
        return port;
    }

    private void awaitAnswer(Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/conformance")).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the standalone bench server exited early; see " + log);
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the standalone bench server did not answer within " + STARTUP + "; see " + log);
    }

    /** The benchmark's own classpath (exec:java puts it in a URLClassLoader, not in java.class.path). */
    private static String classpath() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (!(loader instanceof URLClassLoader urls)) {
            return System.getProperty("java.class.path");
        }
        List<String> entries = new ArrayList<>();
        for (URL url : urls.getURLs()) {
            entries.add(Path.of(URI.create(url.toString())).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
