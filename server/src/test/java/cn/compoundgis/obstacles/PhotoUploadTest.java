package cn.compoundgis.obstacles;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.config.AppConfig;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Photos of obstacle reports (issue 10, points 7 and 9): only decodable JPEG/PNG images are stored, encoded
 * again (no HTML behind an image signature, no EXIF), served with nosniff; a phone photo of several MiB fits
 * the documented limit, a larger body is a JSON 413.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhotoUploadTest {
    private static final String INSIDE = "{\"type\": \"Point\", \"coordinates\": [3552030, 619150]}";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("photo_upload_test", "/checks/fire-lanes-fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void htmlBehindAPngSignatureIsRefusedAndNothingIsStored() throws Exception {
        long before = photos();
        ByteArrayOutputStream html = new ByteArrayOutputStream();
        html.writeBytes(PNG_SIGNATURE);
        html.writeBytes("<html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = report(html.toByteArray());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestServer.parse(response.body()).get("description").asText()).contains("not a readable PNG");
        assertThat(photos()).isEqualTo(before);
    }

    @Test
    void aRealPngIsStoredAndServedBackAsADecodableImageWithNosniff() throws Exception {
        ByteArrayOutputStream polyglot = new ByteArrayOutputStream();
        polyglot.writeBytes(TestImages.noisePng(40, 30));
        polyglot.writeBytes("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = report(polyglot.toByteArray());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        HttpResponse<byte[]> photo = photoOf(response);
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(photo.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        BufferedImage image = TestImages.decode(photo.body());
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(30);
        assertThat(new String(photo.body(), StandardCharsets.ISO_8859_1)).doesNotContain("<script");
    }

    @Test
    void exifIsDroppedAndItsOrientationApplied() throws Exception {
        byte[] jpeg = withExifOrientation(TestImages.jpeg(16, 12), 6);
        HttpResponse<String> response = report(jpeg);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        HttpResponse<byte[]> photo = photoOf(response);
        assertThat(photo.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(new String(photo.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        BufferedImage image = TestImages.decode(photo.body());
        assertThat(image.getWidth()).isEqualTo(12);
        assertThat(image.getHeight()).isEqualTo(16);
    }

    @Test
    void aFiveMebibytePhotoFitsTheLimit() throws Exception {
        byte[] png = TestImages.noisePng(1300, 1350);
        assertThat(png.length).isGreaterThan(5 * 1024 * 1024);
        HttpResponse<String> response = report(png);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(TestImages.decode(photoOf(response).body()).getWidth()).isEqualTo(1300);
    }

    @Test
    void aBodyOverTheLimitIsAJson413() throws Exception {
        long before = photos();
        String photo = "A".repeat((int) AppConfig.MAX_JSON_BODY_BYTES);
        HttpResponse<String> response = postJson("{\"geometry\": " + INSIDE + ", \"kind\": \"vehicle\", \"photo\": \"" + photo + "\"}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = TestServer.parse(response.body());
        assertThat(body.get("code").asText()).isEqualTo("TooLarge");
        assertThat(body.get("description").asText()).contains("17 MiB");
        assertThat(photos()).isEqualTo(before);
    }

    @Test
    void anImageOverThePixelLimitIsRefusedFromItsHeader() throws Exception {
        byte[] wide = TestImages.encode(new BufferedImage(Photo.MAX_SIDE_PX + 1, 2, BufferedImage.TYPE_BYTE_GRAY), "png");
        HttpResponse<String> response = report(wide);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(TestServer.parse(response.body()).get("description").asText()).contains("pixels");
    }

    // --- helpers --------------------------------------------------------------------------------------

    private HttpResponse<String> report(byte[] photo) throws Exception {
        return postJson("{\"geometry\": " + INSIDE + ", \"kind\": \"vehicle\", \"photo\": \""
                + Base64.getEncoder().encodeToString(photo) + "\"}");
    }

    private HttpResponse<String> postJson(String json) throws Exception {
        HttpRequest request = server.request("/api/obstacles?crs=EPSG:4548")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> photoOf(HttpResponse<String> created) throws Exception {
        long id = TestServer.parse(created.body()).get("feature").get("id").asLong();
        return http.send(server.request("/api/obstacles/" + id + "/photo").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private long photos() throws Exception {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM obstacle_photo")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A JPEG with an EXIF block (big-endian TIFF, one IFD entry: Orientation) right after its SOI marker. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exif);
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
