package cn.compoundgis.bench;

import cn.compoundgis.CompoundGis;
import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.db.PostgresCluster;
import cn.compoundgis.testing.ServerProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The server the benchmarks measure: the real Compound GIS ({@link CompoundGis#start}) with its own private
 * PostGIS cluster in a state folder that is kept between runs ({@code BENCH_STATE}, default
 * {@code server/target/bench-state}), so that a city built once is reused. No demo data. The benchmarks that time
 * requests ask a second server on the same database in a process of its own ({@link #standalonePort()}).
 */
final class BenchServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CompoundGis app;
    private final Path state;
    private final HttpClient http = HttpClient.newHttpClient();
    private ServerProcess standalone;

    private BenchServer(CompoundGis app, Path state) {
        this.app = app;
        this.state = state;
    }

    static BenchServer start() throws Exception {
        String state = System.getenv().getOrDefault("BENCH_STATE", "server/target/bench-state");
        Path dir = Path.of(state).toAbsolutePath().normalize();
        System.out.println("bench cluster: " + dir);
        AppConfig config = new AppConfig(0, dir, Optional.empty(), AppConfig.DEFAULT_WORKING_SRID, false)
                .withAdminToken(cn.compoundgis.testing.TestServer.ADMIN_TOKEN);
        return new BenchServer(CompoundGis.start(config), dir);
    }

    int port() {
        return app.port();
    }

    /**
     * The port of the same server in a process of its own, as users run it (started on first use, on this database),
     * for the benchmarks that time requests.
     */
    synchronized int standalonePort() throws Exception {
        if (standalone == null) {
            standalone = ServerProcess.onDatabase(connectionInfo(), state.resolve("standalone-server")).start();
        }
        return standalone.port();
    }

    /** The process id of the server of {@link #standalonePort()}. */
    synchronized long standalonePid() throws Exception {
        standalonePort();
        return standalone.pid();
    }

    /** How to reach the bench database from outside the server (ogr2ogr, say). */
    ConnectionInfo connectionInfo() {
        return new ConnectionInfo(app.dataSource().getJdbcUrl(), app.dataSource().getUsername(), app.dataSource().getPassword());
    }

    /** The bench cluster's superuser (for pgbench floors that change logging settings). */
    ConnectionInfo superuserConnectionInfo() {
        return cluster().adminConnectionInfo();
    }

    /** The bench cluster's server log. */
    Path postgresLog() {
        return cluster().dataDir().getParent().resolve("postgres.log");
    }

    private PostgresCluster cluster() {
        return app.cluster().orElseThrow(() -> new IllegalStateException("the bench server runs on its private cluster"));
    }

    DataSource dataSource() {
        return app.dataSource();
    }

    /** POST body (GeoJSON) to path; a non-200 answer stops the benchmark with the server's description. */
    JsonNode post(String pathAndQuery, String body) throws Exception {
        return post(pathAndQuery, "application/geo+json", body);
    }

    /** POST body of the given Content-Type to path; a non-200 answer stops the benchmark. */
    JsonNode post(String pathAndQuery, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + pathAndQuery))
                .header("Authorization", "Bearer " + cn.compoundgis.testing.TestServer.ADMIN_TOKEN)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** GET path; a non-200 answer stops the benchmark with the server's description. */
    JsonNode get(String pathAndQuery) throws Exception {
        return JSON.readTree(getText(pathAndQuery));
    }

    /** GET path as text (a CSV export, say); a non-200 answer stops the benchmark. */
    String getText(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + pathAndQuery))
                .header("Authorization", "Bearer " + cn.compoundgis.testing.TestServer.ADMIN_TOKEN).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() throws Exception {
        try {
            if (standalone != null && !standalone.stop()) {
                standalone.kill();
            }
        } finally {
            app.close();
        }
    }
}
