package cn.compoundgis.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import cn.compoundgis.testing.TestUsers;
import cn.compoundgis.testing.TestUsers.Session;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Issue 12, Part 2: signing in, sessions with CSRF, API tokens, users and roles, against real PostGIS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsApiTest {
    private static final String OBSTACLE = "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[117.1,36.6]},\"kind\":\"vehicle\"}";
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("accounts_api_test", null, false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theAdministratorSignsInWithAnHttpOnlyStrictCookieAndSeesTheirRoles() {
        HttpResponse<String> answer = server.anonymous().post("/api/session", "application/json",
                TestServer.json(Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD)).getBytes());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("cgis_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/");
        JsonNode body = TestServer.parse(answer.body());
        assertThat(body.at("/user/roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(body.get("csrf_token").asText()).hasSizeGreaterThan(20);
        assertThat(answer.body()).doesNotContain("argon2").doesNotContain("password_hash");

        Session session = TestUsers.signIn(server, "admin", TestServer.ADMIN_PASSWORD);
        HttpResponse<String> who = server.anonymous().send(server.anonymous().request("/api/session")
                .header("Cookie", session.cookie()).GET());
        assertThat(TestServer.parse(who.body()).get("signed_in").asBoolean()).isTrue();
        assertThat(TestServer.parse(who.body()).get("csrf_token").asText()).isEqualTo(session.csrfToken());
    }

    @Test
    void aWriteWithTheSessionCookieButWithoutItsCsrfTokenIsRefused() {
        Session session = TestUsers.signIn(server, "admin", TestServer.ADMIN_PASSWORD);
        HttpResponse<String> forged = server.anonymous().send(server.anonymous().request("/api/obstacles")
                .header("Cookie", session.cookie()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OBSTACLE)));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
        assertThat(forged.body()).contains("X-CSRF-Token");

        HttpResponse<String> wrong = server.anonymous().send(server.anonymous().request("/api/obstacles")
                .header("Cookie", session.cookie()).header("X-CSRF-Token", "not-the-token")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(OBSTACLE)));
        assertThat(wrong.statusCode()).isEqualTo(403);

        HttpResponse<String> real = server.anonymous().send(session.on(server.anonymous().request("/api/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"csrf ok\"}")));
        assertThat(real.statusCode()).as(real.body()).isEqualTo(201);
    }

    @Test
    void tokensAuthenticateScriptsUntilTheyAreRevoked() {
        String token = TestUsers.withToken(server, "script-surveyor", "surveyor");
        JsonNode who = TestServer.parse(server.as(token).get("/api/session").body());
        assertThat(who.at("/user/username").asText()).isEqualTo("script-surveyor");
        assertThat(who.at("/user/signed_in_via").asText()).isEqualTo("token");

        JsonNode tokens = TestServer.parse(server.as(token).get("/api/tokens").body()).get("tokens");
        assertThat(tokens).hasSize(1);
        assertThat(tokens.toString()).doesNotContain(token);
        long id = tokens.get(0).get("id").asLong();

        HttpResponse<String> revoked = server.as(token).send(server.as(token).request("/api/tokens/" + id).DELETE());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        HttpResponse<String> after = server.as(token).get("/collections");
        assertThat(after.statusCode()).as("a revoked token is refused even where anonymous may read").isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"Compound GIS\"");
    }

    @Test
    void writesNeedAUserAndTheRole() {
        HttpResponse<String> anonymous = server.anonymous().post("/api/obstacles", "application/json", OBSTACLE.getBytes());
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(TestServer.parse(anonymous.body()).get("code").asText()).isEqualTo("Unauthorized");

        String viewer = TestUsers.withToken(server, "just-a-viewer", "viewer");
        HttpResponse<String> wrongRole = server.as(viewer).post("/api/obstacles", "application/json", OBSTACLE.getBytes());
        assertThat(wrongRole.statusCode()).as(wrongRole.body()).isEqualTo(403);
        assertThat(wrongRole.body()).contains("inspector");
        assertThat(server.as(viewer).get("/collections/pipes/items?limit=1").statusCode()).isEqualTo(200);
        assertThat(server.as(viewer).get("/api/users").statusCode()).isEqualTo(403);
    }

    @Test
    void theAdministratorChangesRolesButNeverRemovesTheLastAdministrator() {
        TestUsers.create(server, "promoted", List.of("viewer"), List.of(), List.of());
        HttpResponse<String> changed = patch("/api/users/promoted", "{\"roles\":[\"inspector\",\"designer\"]}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(TestServer.parse(changed.body()).get("roles").toString()).isEqualTo("[\"designer\",\"inspector\"]");

        HttpResponse<String> last = patch("/api/users/admin", "{\"roles\":[\"viewer\"]}");
        assertThat(last.statusCode()).as(last.body()).isEqualTo(409);
        assertThat(last.body()).contains("last active administrator");
        assertThat(patch("/api/users/promoted", "{\"roles\":[\"boss\"]}").statusCode()).isEqualTo(400);
        assertThat(patch("/api/users/nobody-here", "{\"active\":false}").statusCode()).isEqualTo(404);

        JsonNode users = server.getJson("/api/users").get("users");
        assertThat(users.toString()).contains("promoted").doesNotContain("argon2");
    }

    @Test
    void userAndTokenChangesAreInTheAuditTrail() {
        TestUsers.withToken(server, "audited-user", "surveyor");
        JsonNode events = server.getJson("/api/audit?user=admin&action=user").get("events");
        assertThat(events.toString()).contains("user.created").contains("user audited-user");
        JsonNode tokenEvents = server.getJson("/api/audit?user=audited-user&action=token.created").get("events");
        assertThat(tokenEvents).hasSize(1);
        assertThat(tokenEvents.get(0).get("client_ip").asText()).isNotBlank();
        assertThat(server.anonymous().get("/api/audit").statusCode()).isEqualTo(401);
    }

    @Test
    void aUserChangesTheirOwnPasswordAndTheirSessionsEnd() {
        TestUsers.create(server, "changer", List.of("viewer"), List.of(), List.of());
        Session session = TestUsers.signIn(server, "changer", TestUsers.PASSWORD);
        HttpResponse<String> changed = server.anonymous().send(session.on(server.anonymous().request("/api/session/password"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        TestServer.json(Map.of("current_password", TestUsers.PASSWORD, "new_password", "a-brand-new-passphrase")))));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        HttpResponse<String> old = server.anonymous().send(server.anonymous().request("/api/session")
                .header("Cookie", session.cookie()).GET());
        assertThat(TestServer.parse(old.body()).get("signed_in").asBoolean()).isFalse();
        assertThat(signIn("changer", "a-brand-new-passphrase").statusCode()).isEqualTo(200);
    }

    @Test
    void passwordsAreCheckedForLength() {
        HttpResponse<String> tooShort = server.post("/api/users", "application/json",
                TestServer.json(Map.of("username", "shorty", "password", "short")).getBytes());
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("at least 10 characters");
        HttpResponse<String> badName = server.post("/api/users", "application/json",
                TestServer.json(Map.of("username", "no spaces please", "password", TestUsers.PASSWORD)).getBytes());
        assertThat(badName.statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> signIn(String username, String password) {
        return server.anonymous().post("/api/session", "application/json",
                TestServer.json(Map.of("username", username, "password", password)).getBytes());
    }

    private HttpResponse<String> patch(String path, String body) {
        return server.send(server.request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }
}
