package cn.compoundgis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Users for tests: made by the administrator over the API, signed in over the API, with their own tokens. */
public final class TestUsers {
    /** The password of every user made here. */
    public static final String PASSWORD = "a-test-users-password";

    private TestUsers() {
    }

    /** A signed-in web session: its cookie and its CSRF token. */
    public record Session(String cookie, String csrfToken) {
        public HttpRequest.Builder on(HttpRequest.Builder request) {
            return request.header("Cookie", cookie).header("X-CSRF-Token", csrfToken);
        }
    }

    /** Makes user {@code username} with {@code roles} (and, for surveyors, {@code compounds}); answers the user. */
    public static JsonNode create(TestServer admin, String username, List<String> roles, List<String> compounds,
                                  List<String> districts) {
        String body = TestServer.json(Map.of("username", username, "password", PASSWORD, "roles", roles,
                "compounds", compounds, "districts", districts));
        HttpResponse<String> made = admin.post("/api/users", "application/json", body.getBytes());
        if (made.statusCode() != 201) {
            throw new AssertionError("POST /api/users answered " + made.statusCode() + ": " + made.body());
        }
        return TestServer.parse(made.body());
    }

    /** Makes the user and an API token of theirs; answers the token. */
    public static String withToken(TestServer admin, String username, String... roles) {
        create(admin, username, List.of(roles), List.of(), List.of("*"));
        return tokenOf(admin, signIn(admin, username, PASSWORD));
    }

    /** Signs in with a password as the web map does; fails the test unless it succeeds. */
    public static Session signIn(TestServer server, String username, String password) {
        HttpResponse<String> answer = server.anonymous().post("/api/session", "application/json",
                TestServer.json(Map.of("username", username, "password", password)).getBytes());
        if (answer.statusCode() != 200) {
            throw new AssertionError("sign-in of " + username + " answered " + answer.statusCode() + ": " + answer.body());
        }
        String cookie = answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("cgis_session=")).findFirst().orElseThrow()
                .split(";", 2)[0];
        return new Session(cookie, TestServer.parse(answer.body()).get("csrf_token").asText());
    }

    /** A new API token made by the signed-in user of {@code session}. */
    public static String tokenOf(TestServer server, Session session) {
        HttpResponse<String> made = server.anonymous().send(session.on(server.anonymous().request("/api/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"test\"}")));
        if (made.statusCode() != 201) {
            throw new AssertionError("POST /api/tokens answered " + made.statusCode() + ": " + made.body());
        }
        return TestServer.parse(made.body()).get("token").asText();
    }
}
