package cn.compoundgis.survey;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A multipart/form-data POST as a browser sends it. */
public final class Multipart {
    private static final String BOUNDARY = "----compound-gis-test-boundary";
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Map<String, String> fields = new LinkedHashMap<>();

    public Multipart file(String filename, byte[] content) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        write("\r\n");
        return this;
    }

    public Multipart field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    /** POSTs with the administrator's API token of the test servers. */
    public HttpResponse<String> post(String url) throws Exception {
        return postAs(url, cn.compoundgis.testing.TestServer.ADMIN_TOKEN);
    }

    /** POSTs with {@code bearerToken} (null: anonymously). */
    public HttpResponse<String> postAs(String url, String bearerToken) throws Exception {
        fields.forEach((name, value) -> write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n"));
        write("--" + BOUNDARY + "--\r\n");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .timeout(java.time.Duration.ofSeconds(60)) // a hang is a failure, not a stuck build
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void write(String s) {
        body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
