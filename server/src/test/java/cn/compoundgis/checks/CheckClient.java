package cn.compoundgis.checks;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** POSTs to the check APIs of a test server. */
public final class CheckClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CheckClient() {
    }

    public static HttpResponse<String> post(TestServer server, String pathAndQuery, String body) {
        HttpRequest request = server.request(pathAndQuery)
                .header("Content-Type", "application/geo+json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST, expect 200, parse. */
    public static JsonNode postJson(TestServer server, String pathAndQuery, String body) {
        HttpResponse<String> response = post(server, pathAndQuery, body);
        if (response.statusCode() != 200) {
            throw new AssertionError("POST " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return TestServer.parse(response.body());
    }
}
