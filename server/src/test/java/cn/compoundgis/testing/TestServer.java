package cn.compoundgis.testing;

import cn.compoundgis.CompoundGis;
import cn.compoundgis.checks.CheckLimits;
import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.ConnectionInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A real server on a fresh test database, on a free port, and an HTTP client for it. The client sends the
 * administrator's API token ({@link #ADMIN_TOKEN}) with every request, as an administrator's script would;
 * {@link #anonymous()} and {@link #as(String)} give clients without it or with another token.
 */
public final class TestServer implements AutoCloseable {
    /** The administrator's bearer token (ADMIN_TOKEN) and password (ADMIN_PASSWORD) of every test server. */
    public static final String ADMIN_TOKEN = "cgis_test-administrator-token-0123456789";
    public static final String ADMIN_PASSWORD = "test-administrator-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CompoundGis app;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String token;

    private TestServer(CompoundGis app, String token) {
        this.app = app;
        this.token = token;
    }

    /** A client of the same server that sends no credentials. */
    public TestServer anonymous() {
        return new TestServer(app, null);
    }

    /** A client of the same server that sends {@code bearerToken}. */
    public TestServer as(String bearerToken) {
        return new TestServer(app, bearerToken);
    }

    /** A request to {@code pathAndQuery} with this client's credentials, for tests that build their own. */
    public HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** Sends a request built by {@link #request(String)}. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts on an empty migrated database named {@code dbName}, then runs the SQL resource {@code fixture} (if any). */
    public static TestServer start(String dbName, String fixture, boolean demo) throws Exception {
        return start(dbName, fixture, demo, UnaryOperator.identity());
    }

    /** As {@link #start(String, String, boolean)}, with other check limits (CheckLimits.withOverride). */
    public static TestServer start(String dbName, String fixture, boolean demo, CheckLimits limits) throws Exception {
        return start(dbName, fixture, demo, config -> config.withCheckLimits(limits));
    }

    /** The same, with settings changed by {@code adjust} (trusted proxies, limits ...). */
    public static TestServer start(String dbName, String fixture, boolean demo, UnaryOperator<AppConfig> adjust)
            throws Exception {
        ConnectionInfo db = TestDatabase.createDatabase(dbName);
        AppConfig base = new AppConfig(0, Path.of("unused-state"),
                Optional.of(db.jdbcUrlWithCredentials()), AppConfig.DEFAULT_WORKING_SRID, demo);
        AppConfig config = adjust.apply(base.withAccounts(base.accounts().withAdminToken(ADMIN_TOKEN)
                .withAdminPassword(ADMIN_PASSWORD)));
        CompoundGis app = CompoundGis.start(config);
        if (fixture != null) {
            runSql(app, fixture);
        }
        return new TestServer(app, ADMIN_TOKEN);
    }

    private static void runSql(CompoundGis app, String resource) throws IOException, SQLException {
        try (InputStream in = TestServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no test resource " + resource);
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            try (Connection c = app.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    public CompoundGis app() {
        return app;
    }

    public String baseUrl() {
        return "http://localhost:" + app.port();
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return get(pathAndQuery, Map.of());
    }

    public HttpResponse<String> get(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = request(pathAndQuery).GET();
        headers.forEach(request::header);
        return send(request);
    }

    /** POST a body of the given type. */
    public HttpResponse<String> post(String pathAndQuery, String contentType, byte[] body) {
        return send(request(pathAndQuery).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** POST without a body (a commit, say). */
    public HttpResponse<String> post(String pathAndQuery) {
        return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** POST one file as multipart/form-data field {@code file}, as a browser's form or {@code curl -F file=@…} sends it. */
    public HttpResponse<String> postFile(String pathAndQuery, String filename, byte[] content) {
        String boundary = "----compound-gis-test-server";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(pathAndQuery, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** The first column of the first row of a {@code SELECT count(*) …} on the server's database. */
    public long count(String sql) throws SQLException {
        try (Connection c = app.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** GET, expect 200, parse JSON. */
    public JsonNode getJson(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** The value as JSON text (request bodies). */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Closes the server; only the client {@link #start} gave may do so, not its {@link #anonymous()} views. */
    @Override
    public void close() {
        app.close();
    }
}
