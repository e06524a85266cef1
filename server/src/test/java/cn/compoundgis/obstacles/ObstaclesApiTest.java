package cn.compoundgis.obstacles;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Obstacle reports from the field: stored in one transaction with their photo, seen at once by the fire lane
 * check, resolved by a PATCH that keeps the history; bad reports are refused with a 400 and leave nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObstaclesApiTest {
    /** The smallest PNG (1 x 1 pixel) and a small real JPEG: photos are decoded, so they must be images. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static final byte[] JPEG = TestImages.jpeg(16, 12);
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("obstacles_test", "/checks/fire-lanes-fixture.sql", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = server.request(path)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> postJson(String path, String json) throws Exception {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> patch(long id, String json) throws Exception {
        return send("PATCH", "/api/obstacles/" + id, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode xf2() {
        JsonNode report = server.getJson("/api/checks/fire-lanes?compound=F001");
        return StreamSupport.stream(report.get("lanes").spliterator(), false)
                .filter(l -> l.get("source_id").asText().equals("XF2")).findFirst().orElseThrow();
    }

    private long count(String sql) throws Exception {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aReportedObstacleBlocksTheLaneUntilItIsResolvedAndItsHistoryIsKept() throws Exception {
        assertThat(xf2().get("status").asText()).isEqualTo("clear");
        // a heap of clutter on lane XF2's centreline, given in EPSG:4548 (northing first)
        HttpResponse<String> created = postJson("/api/obstacles?crs=EPSG:4548",
                "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [3552070, 619100]}, \"kind\": \"clutter\","
                        + " \"note\": \"楼道杂物堆到路上\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode feature = TestServer.parse(created.body()).get("feature");
        long id = feature.get("id").asLong();
        assertThat(created.headers().firstValue("Location")).contains("/api/obstacles/" + id);
        assertThat(feature.get("properties").get("compound").asText()).isEqualTo("F001");
        assertThat(feature.get("properties").get("status").asText()).isEqualTo("open");
        assertThat(feature.get("properties").get("source_id").asText()).isEqualTo("WEB-" + id);
        assertThat(feature.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(3552070.0);

        JsonNode blocked = xf2();
        assertThat(blocked.get("status").asText()).isEqualTo("obstructed");
        JsonNode cause = blocked.get("blocked_stretches").get(0).get("causes").get(0);
        assertThat(cause.get("id").asLong()).isEqualTo(id);
        assertThat(cause.get("kind").asText()).isEqualTo("clutter");
        assertThat(cause.get("source_id").asText()).isEqualTo("WEB-" + id);

        HttpResponse<String> resolved = patch(id, "{\"status\": \"resolved\", \"note\": \"已清理\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        JsonNode after = TestServer.parse(resolved.body());
        long next = after.get("feature").get("id").asLong();
        assertThat(next).isNotEqualTo(id);
        assertThat(after.get("feature").get("properties").get("status").asText()).isEqualTo("resolved");
        assertThat(after.get("feature").get("properties").get("note").asText()).isEqualTo("已清理");
        JsonNode history = after.get("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(history.get(0).get("status").asText()).isEqualTo("open");
        assertThat(history.get(0).get("valid_to").isNull()).isFalse();
        assertThat(history.get(1).get("valid_to").isNull()).isTrue();
        assertThat(count("SELECT count(*) FROM obstacle WHERE source_id = 'WEB-" + id + "' AND valid_to IS NULL")).isEqualTo(1);
        assertThat(xf2().get("status").asText()).isEqualTo("clear");

        assertThat(patch(id, "{\"status\": \"resolved\", \"note\": \"已处理\"}").statusCode()).isEqualTo(409); // an old version
        assertThat(patch(id, "{\"status\": \"resolved\", \"note\": \"已处理\"}").body()).contains("the current one is " + next);
        assertThat(patch(next, "{\"status\": \"resolved\", \"note\": \"已处理\"}").statusCode()).isEqualTo(409); // already resolved
        assertThat(server.getJson("/api/obstacles/" + id).get("history")).hasSize(2);

        assertThat(history.get(1).get("changed_by").asText()).as("a signed-in user sees who resolved it").isEqualTo("admin");
        JsonNode anonymous = TestServer.parse(server.anonymous().get("/api/obstacles/" + next).body());
        assertThat(anonymous.at("/feature/properties/status").asText()).isEqualTo("resolved");
        assertThat(anonymous.at("/feature/properties").has("changed_by")).as("no account's name to anonymous readers").isFalse();
        assertThat(anonymous.get("history")).allSatisfy(v -> assertThat(v.has("changed_by")).isFalse());
    }

    @Test
    void aPhotoComesAsMultipartOrBase64AndIsStoredWithTheReport() throws Exception {
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[619170,3552020],[619174.8,3552020],[619174.8,3552022],"
                + "[619170,3552022],[619170,3552020]]]}";
        String lonLat = crs84(polygon);
        HttpResponse<String> multipart = multipart("/api/obstacles", lonLat, "vehicle", "车停在楼前", PNG);
        assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(201);
        JsonNode feature = TestServer.parse(multipart.body()).get("feature");
        assertThat(feature.get("properties").get("extra").get("photo_id").isNumber()).isTrue();
        HttpResponse<byte[]> photo = http.send(server.request("/api/obstacles/"
                + feature.get("id").asLong() + "/photo").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(TestImages.decode(photo.body()).getWidth()).isEqualTo(1);

        String dataUrl = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(JPEG);
        HttpResponse<String> json = postJson("/api/obstacles", "{\"geometry\": " + lonLat + ", \"kind\": \"other\","
                + " \"compound\": \"F001\", \"observed_on\": \"2024-05-02\", \"photo\": \"" + dataUrl + "\"}");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(201);
        JsonNode stored = TestServer.parse(json.body()).get("feature").get("properties");
        assertThat(stored.get("observed_on").asText()).isEqualTo("2024-05-02");
        assertThat(count("SELECT count(*) FROM obstacle_photo WHERE content_type = 'image/jpeg'")).isEqualTo(1);
        // the photo stays with the resolved version
        long id = TestServer.parse(json.body()).get("feature").get("id").asLong();
        long next = TestServer.parse(patch(id, "{\"status\": \"resolved\", \"note\": \"已处理\"}").body()).get("feature").get("id").asLong();
        assertThat(server.get("/api/obstacles/" + next + "/photo").statusCode()).isEqualTo(200);
    }

    @Test
    void aReportWrittenEastingFirstWithAPhonesAltitudeLandsWhereItWasMeant() throws Exception {
        HttpResponse<String> created = postJson("/api/obstacles?crs=EPSG:4548",
                "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [619150, 3552030, 35.2]}, \"kind\": \"tree\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode answer = TestServer.parse(created.body());
        assertThat(answer.get("axis_order").asText()).isEqualTo("easting_northing");
        assertThat(answer.get("crs_axis_order").asText()).isEqualTo("northing_easting");
        JsonNode stored = answer.get("feature");
        assertThat(stored.get("properties").get("compound").asText()).isEqualTo("F001");
        // answered in the CRS's own order, 2-D
        assertThat(stored.get("geometry").get("coordinates")).hasSize(2);
        assertThat(stored.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(3552030.0);
        assertThat(stored.get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(619150.0);
    }

    @Test
    void badReportsAreRefusedAndLeaveNothingBehind() throws Exception {
        long obstacles = count("SELECT count(*) FROM obstacle");
        long photos = count("SELECT count(*) FROM obstacle_photo");
        String inside = "{\"type\": \"Point\", \"coordinates\": [3552030, 619150]}";
        String png = Base64.getEncoder().encodeToString(PNG);
        assertBad(postJson("/api/obstacles?crs=EPSG:4548", "{\"geometry\": " + inside + ", \"kind\": \"spaceship\"}"), "kind=spaceship");
        assertBad(postJson("/api/obstacles?crs=EPSG:4548", "{\"kind\": \"tree\"}"), "geometry is required");
        assertBad(postJson("/api/obstacles?crs=EPSG:4548", "{\"geometry\": {\"type\": \"LineString\", \"coordinates\": [[1,2],[3,4]]},"
                + " \"kind\": \"tree\"}"), "Point or Polygon");
        assertBad(postJson("/api/obstacles?crs=EPSG:4548", "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [\"a\", 1]},"
                + " \"kind\": \"tree\"}"), "position");
        assertBad(postJson("/api/obstacles?crs=EPSG:4548", "{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
                + "[[[3552030, 619150], [3552040, 619160], [3552030, 619160], [3552040, 619150], [3552030, 619150]]]},"
                + " \"kind\": \"other\"}"), "not valid");
        assertBad(postJson("/api/obstacles?crs=EPSG:4548", "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [3000000, 619150]},"
                + " \"kind\": \"tree\", \"photo\": \"" + png + "\"}"), "in no compound");
        assertBad(postJson("/api/obstacles?crs=EPSG:4548", "{\"geometry\": " + inside + ", \"kind\": \"tree\", \"photo\": \"%%%\"}"), "base64");
        assertBad(postJson("/api/obstacles?crs=EPSG:4548", "{\"geometry\": " + inside + ", \"kind\": \"tree\", \"photo\": \""
                + Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)) + "\"}"), "not a JPEG");
        assertBad(postJson("/api/obstacles?crs=EPSG:4548", "{\"geometry\": " + inside + ", \"kind\": \"tree\", \"observed_on\": \"yesterday\"}"), "observed_on");
        assertBad(postJson("/api/obstacles", "not json"), "not valid JSON");
        assertBad(postJson("/api/obstacles?crs=EPSG:4548", "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [1e308, 1e308]},"
                + " \"kind\": \"tree\"}"), "not a position in EPSG:4548");
        assertBad(postJson("/api/obstacles", "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [32.1, 118.5]},"
                + " \"kind\": \"tree\"}"), "longitude first");
        assertBad(postJson("/api/obstacles?crs=EPSG:4548", "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [3552030, \"NaN\"]},"
                + " \"kind\": \"tree\"}"), "NaN");
        assertBad(postJson("/api/obstacles?crs=EPSG:1", "{}"), "crs=EPSG:1");
        assertBad(multipart("/api/obstacles", "{broken", "tree", null, null), "geometry is not valid JSON");
        assertBad(patch(1, "{\"status\": \"gone\"}"), "status");
        assertBad(patch(1, "{\"status\": \"resolved\"}"), "note is required to resolve");
        assertBad(patch(1, "{\"status\": \"resolved\", \"note\": \"  \"}"), "note is required to resolve");
        assertThat(patch(999999, "{\"status\": \"resolved\", \"note\": \"已处理\"}").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/obstacles/abc").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/obstacles/999999/photo").statusCode()).isEqualTo(404);
        HttpResponse<String> elsewhere = postJson("/api/obstacles?crs=EPSG:4548", "{\"geometry\": " + inside
                + ", \"kind\": \"tree\", \"compound\": \"NOPE\"}");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM obstacle")).isEqualTo(obstacles);
        assertThat(count("SELECT count(*) FROM obstacle_photo")).isEqualTo(photos);
    }

    private static void assertBad(HttpResponse<String> response, String says) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(says);
    }

    private String crs84(String geoJson4548) throws Exception {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('"
                     + geoJson4548 + "'), 4548), 4326), 9)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private HttpResponse<String> multipart(String path, String geometry, String kind, String note, byte[] photo) throws Exception {
        String boundary = "----obstacle-test";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        java.util.function.BiConsumer<String, String> field = (name, value) -> body.writeBytes(("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
        field.accept("geometry", geometry);
        field.accept("kind", kind);
        if (note != null) {
            field.accept("note", note);
        }
        if (photo != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(photo);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }
}
