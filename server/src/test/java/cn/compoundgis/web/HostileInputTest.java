package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.config.AppConfig;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the probes of issue 10 (point 7) sent at the HTTP edge: NUL bytes, Java-only number and date
 * forms, NaN depths, oversized bodies, malformed proxy headers. Each is a 4xx with our JSON body, never a
 * 5xx and never Jetty's HTML page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    /** Accepted by Java's number parsers, or by none, but never plain decimal text. */
    private static final List<String> BAD_NUMBERS = List.of("400d", "400f", "0x1p3", "1_000", "NaN", "Infinity",
            "-Infinity", "1e999", "\u0000", "٤٠٠", "");
    private static final List<String> BAD_DATES = List.of("+999999999-12-31", "-999999999-01-01", "0001-01-01",
            "2019-02-30", "2019-06-01\u0000", "20190601");

    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("hostile_input_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    // --- NUL bytes ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/collections/pipes/items?network=YS%00", "/collections/pipes/items?limit=1%00",
            "/api/checks/network?compound=C%00", "/api/network/trace?point=1&compound=C%00",
            "/api/checks/parking?compound=%00", "/?f=json%00", "/collections?x%00=1"})
    void aNulInAQueryParameterIsA400(String path) {
        assertJsonError(server.get(path), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/collections/pi%00pes/items", "/collections/pipes/items/1%00", "/api/obstacles/%00",
            "/api/surveys/1%00/report", "/%00", "/collections/%ff%fe/items", "/collections/%zz"})
    void aNulOrABadEscapeInThePathIsOurJson400(String path) throws IOException {
        RawResponse response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.header("content-type")).as(path).startsWith("application/json");
        JsonNode body = TestServer.parse(response.body());
        assertThat(body.get("code").asText()).isNotEmpty();
        assertThat(body.get("description").asText()).isNotEmpty();
    }

    @Test
    void aNulInAHeaderIsOurJson400() throws IOException {
        RawResponse response = raw("GET /collections HTTP/1.1\r\nHost: localhost\r\nX-Note: a\u0000b\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/json");
        TestServer.parse(response.body());
    }

    @Test
    void aNulInAJsonStringIsA400() throws Exception {
        String report = "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[117.1,36.6]},\"kind\":\"vehicle\","
                + "\"note\":\"blocked\\u0000\"}";
        assertJsonError(post("/api/obstacles", "application/json", report), 400, "NUL");
        String escapedBackslash = report.replace("blocked\\u0000", "C:\\\\u0000");
        assertThat(post("/api/obstacles", "application/json", escapedBackslash).statusCode()).isNotEqualTo(500);
        String dig = "{\"type\":\"Feature\",\"properties\":{\"note\":\"\\u0000\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[117.1,36.6],[117.1001,36.6],[117.1001,36.6001],[117.1,36.6]]]}}";
        assertJsonError(post("/api/checks/dig", "application/json", dig), 400, "NUL");
    }

    @Test
    void aNulInAFormFieldIsA400() throws Exception {
        String form = "geometry=" + URLEncoder.encode("{\"type\":\"Point\",\"coordinates\":[117.1,36.6]}", StandardCharsets.UTF_8)
                + "&kind=vehicle&note=a%00b";
        assertJsonError(post("/api/obstacles", "application/x-www-form-urlencoded", form), 400, "note");
    }

    @Test
    void aNulInAMultipartFieldIsA400() throws Exception {
        String boundary = "----nul-test";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"geometry\"\r\n\r\n"
                + "{\"type\":\"Point\",\"coordinates\":[117.1,36.6]}\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nvehicle\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\na\u0000b\r\n"
                + "--" + boundary + "--\r\n";
        assertJsonError(post("/api/obstacles", "multipart/form-data; boundary=" + boundary, body), 400, "note");
    }

    // --- numbers and dates ---------------------------------------------------------------------------

    @Test
    void numbersThatAreNotPlainDecimalsAreA400NamingTheParameter() {
        for (String bad : BAD_NUMBERS) {
            String v = encode(bad);
            assertJsonError(server.get("/collections/pipes/items?limit=" + v), 400, "limit");
            assertJsonError(server.get("/collections/pipes/items?offset=" + v), 400, "offset");
            assertJsonError(server.get("/collections/pipes/items?bbox=" + v + ",36,118,37"), 400, "bbox");
            assertJsonError(server.get("/collections/pipes/items?dn_mm=" + v), 400, "dn_mm");
            assertJsonError(server.get("/api/checks/network?compound=T001&tolerance_m=" + v), 400, "tolerance_m");
            // a path id that is no id names nothing (404); a NUL in the path is refused before any handler (400)
            assertJsonError(server.get("/api/obstacles/" + v), bad.equals("\u0000") ? 400 : 404);
        }
    }

    @Test
    void plainDecimalsStillWork() {
        assertThat(server.get("/collections/pipes/items?limit=5&offset=0&dn_mm=400").statusCode()).isEqualTo(200);
        assertThat(server.get("/collections/pipes/items?bbox=117,36,118,37.5").statusCode()).isEqualTo(200);
        assertThat(server.get("/collections/pipes/items?datetime=2024-03-15T00:00:00Z/..").statusCode()).isEqualTo(200);
    }

    @Test
    void datesOutsideTheCalendarOrTheYearRangeAreA400() {
        for (String bad : BAD_DATES) {
            String v = encode(bad);
            assertJsonError(server.get("/collections/pipes/items?datetime=" + v), 400, "datetime");
            assertJsonError(server.get("/collections/pipes/items?surveyed_on=" + v), 400, "surveyed_on");
        }
        assertJsonError(server.get("/collections/pipes/items?datetime=" + encode("+999999999-12-31T00:00:00Z")), 400, "datetime");
        assertJsonError(server.get("/collections/pipes/items?datetime=2019-06-01/" + encode("+999999999-12-31")), 400, "datetime");
    }

    @Test
    void surveyedOnFiltersEveryCollection() {
        JsonNode collections = server.getJson("/collections").get("collections");
        assertThat(collections.size()).isGreaterThan(3);
        for (JsonNode c : collections) {
            String id = c.get("id").asText();
            HttpResponse<String> response = server.get("/collections/" + id + "/items?surveyed_on=2019-06-01");
            assertThat(response.statusCode()).as(id + ": " + response.body()).isEqualTo(200);
            assertThat(TestServer.parse(response.body()).get("numberMatched").asLong()).as(id).isZero();
        }
        JsonNode pipes = server.getJson("/collections/pipes/items?surveyed_on=2024-03-15");
        assertThat(pipes.get("numberMatched").asLong()).isPositive();
        assertThat(pipes.get("numberMatched").asLong()).isEqualTo(pipes.get("features").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"400d\"", "\"0x1p3\"", "1e999"})
    void nonFiniteDepthsInJsonBodiesAreA400(String depth) throws Exception {
        String clearance = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"network\":\"WS\",\"dn_mm\":300,\"depth_m\":" + depth + "},\"geometry\":{\"type\":\"LineString\","
                + "\"coordinates\":[[117.1,36.6],[117.1005,36.6]]}}]}";
        assertJsonError(post("/api/checks/clearance", "application/json", clearance), 400, "depth");
        String dig = "{\"type\":\"Feature\",\"properties\":{\"depth_m\":" + depth + "},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[117.1,36.6],[117.1001,36.6],[117.1001,36.6001],[117.1,36.6]]]}}";
        assertJsonError(post("/api/checks/dig", "application/json", dig), 400, "depth");
    }

    @Test
    void anObservationDateOutsideTheYearRangeIsA400() throws Exception {
        String report = "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[117.1,36.6]},\"kind\":\"vehicle\","
                + "\"observed_on\":\"+999999999-12-31\"}";
        assertJsonError(post("/api/obstacles", "application/json", report), 400, "observed_on");
    }

    // --- bodies and headers ---------------------------------------------------------------------------

    @Test
    void aBodyOverTheJsonLimitIsAJson413NamingTheLimit() throws Exception {
        String big = "{\"note\":\"" + "x".repeat((int) AppConfig.MAX_JSON_BODY_BYTES) + "\"}";
        HttpResponse<String> response = post("/api/checks/clearance", "application/json", big);
        assertJsonError(response, 413, AppConfig.MAX_JSON_BODY_BYTES / (1024 * 1024) + " MiB");
    }

    @Test
    void malformedForwardedHeadersFromAnUntrustedClientAreIgnored() {
        for (String bad : List.of(",,,", " , ", "evil.example", "[", "a b", "%00")) {
            HttpResponse<String> response = server.get("/collections", Map.of("X-Forwarded-Host", bad,
                    "X-Forwarded-Proto", bad));
            assertThat(response.statusCode()).as(bad).isEqualTo(200);
            assertThat(response.body()).doesNotContain("evil.example").contains("http://localhost:");
        }
    }

    /** Every GET route with every hostile value in every parameter it reads: no 5xx, always JSON. */
    @Test
    void noHostileQueryValueMakesA5xx() {
        List<String> routes = List.of("/collections/pipes/items?%s=%s", "/collections/points/items?%s=%s",
                "/collections/compounds/items?%s=%s", "/api/checks/network?compound=T001&%s=%s",
                "/api/network/trace?compound=T001&%s=%s", "/api/checks/parking?%s=%s", "/api/checks/fire-lanes?%s=%s",
                "/api/surveys?%s=%s", "/api/map-config?%s=%s", "/collections/pipes?%s=%s");
        List<String> names = List.of("limit", "offset", "bbox", "bbox-crs", "crs", "datetime", "compound", "survey",
                "point", "direction", "status", "tolerance_m", "dn_mm", "surveyed_on", "valid_from", "f", "network");
        List<String> values = new ArrayList<>(BAD_NUMBERS);
        values.addAll(BAD_DATES);
        values.addAll(List.of("EPSG:99999999999", "EPSG:-1", "'; DROP TABLE pipe; --", "1,2,3", "x".repeat(5000),
                "[OGC:CRS84", "..", "/", "2019-06-01/2018-01-01", "9223372036854775808", "-9223372036854775809"));
        List<String> failures = new ArrayList<>();
        for (String route : routes) {
            for (String name : names) {
                for (String value : values) {
                    String path = String.format(route, name, encode(value));
                    HttpResponse<String> response = server.get(path);
                    boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
                    if (response.statusCode() >= 500 || !json) {
                        failures.add(response.statusCode() + " " + path);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Every JSON route with hostile bodies: no 5xx, always JSON. (The line from 1e308 to -1e308 that crashes
     * PostgreSQL in ST_Buffer is issue 10 point 4, tested with the checks.)
     */
    @Test
    void noHostileJsonBodyMakesA5xx() throws Exception {
        List<String> routes = List.of("POST /api/checks/dig", "POST /api/checks/dig?width=2&crs=EPSG:4548",
                "POST /api/checks/clearance?compound=T001", "POST /api/checks/clearance",
                "POST /api/checks/parking/proposed?compound=T001", "POST /api/obstacles", "POST /api/obstacles?crs=EPSG:4548",
                "PATCH /api/obstacles/1", "POST /api/surveys/1/commit", "POST /api/local-grids");
        String point = "{\"type\":\"Point\",\"coordinates\":%s}";
        String line = "{\"type\":\"LineString\",\"coordinates\":%s}";
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":%s}";
        List<String> bodies = new ArrayList<>(List.of("", " ", "null", "[]", "{}", "1e999", "\"x\"", "{\"a\":", "[".repeat(5000),
                "{\"type\":\"Feature\"}", "{\"type\":\"FeatureCollection\",\"features\":{}}",
                "{\"type\":\"FeatureCollection\",\"features\":[null,1,\"x\",{}]}",
                "{\"geometry\":null,\"kind\":\"vehicle\"}", "{\"status\":[]}", "{\"status\":\"resolved\",\"note\":{}}"));
        for (String coordinates : List.of("[]", "[1]", "[\"1\",\"2\"]", "[1e308,1e308]",
                "[[117.1,36.6],[117.1,36.6]]", "[[[117.1,36.6],[117.2,36.6],[117.1,36.6]]]", "[[[0,0],[0,0],[0,0],[0,0]]]",
                "[[117.1,36.6,5],[117.2,36.7,6]]", "[null,null]", "[[[\"NaN\",1],[1,1],[1,2],[\"NaN\",1]]]", "{}")) {
            for (String shape : List.of(point, line, polygon)) {
                String geometry = String.format(shape, coordinates);
                bodies.add(geometry);
                bodies.add("{\"type\":\"Feature\",\"properties\":{\"width_m\":\"NaN\",\"depth_m\":-1},\"geometry\":" + geometry + "}");
                bodies.add("{\"geometry\":" + geometry + ",\"kind\":\"vehicle\",\"observed_on\":\"2024-13-01\"}");
                bodies.add("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                        + "{\"network\":\"WS\",\"dn_mm\":\"1e400\"},\"geometry\":" + geometry + "}]}");
            }
        }
        List<String> failures = new ArrayList<>();
        for (String route : routes) {
            String[] methodPath = route.split(" ");
            for (String body : bodies) {
                HttpRequest request = server.request(methodPath[1])
                        .header("Content-Type", "application/json")
                        .method(methodPath[0], HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
                if (response.statusCode() >= 500 || !json) {
                    failures.add(response.statusCode() + " " + route + " " + (body.length() > 200 ? body.substring(0, 200) : body)
                            + " -> " + response.body());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    // --- helpers ------------------------------------------------------------------------------------

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest request = server.request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void assertJsonError(HttpResponse<String> response, int status, String... mentioned) {
        String where = response.request().method() + " " + response.request().uri() + " -> " + response.body();
        assertThat(response.statusCode()).as(where).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(where).startsWith("application/json");
        JsonNode body = TestServer.parse(response.body());
        assertThat(body.path("code").asText()).as(where).isNotEmpty();
        for (String m : mentioned) {
            assertThat(body.path("description").asText()).as(where).contains(m);
        }
    }

    record RawResponse(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }
    }

    /** Bytes the JDK's client refuses to send (a NUL in the path or a header), over a plain socket. */
    private RawResponse raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", server.app().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new RawResponse(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int end = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, end).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, end + 2, end + 2 + size);
            i = end + 2 + size + 2;
        }
        return out.toString();
    }
}
