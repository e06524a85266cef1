package cn.compoundgis.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.testing.TestServer;
import cn.compoundgis.testing.TestUsers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12, hardening: CORS answers any origin on open reads by default, only the origins of CORS_ORIGINS
 * elsewhere and on changes only with an API token; never Allow-Credentials; a change from another origin made
 * with the session cookie is refused whatever its CSRF header.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsTest {
    private static final String ANY_PAGE = "https://any-page.example";
    private static final String LISTED = "https://gis.example.org";
    private static final String TOKEN_BODY = "{\"name\":\"cors\"}";
    private TestServer open;
    private TestServer listed;

    @BeforeAll
    void start() throws Exception {
        open = TestServer.start("cors_default_test", "/features/fixture.sql", false);
        listed = TestServer.start("cors_listed_test", "/features/fixture.sql", false,
                config -> config.withCorsOrigins(CorsOrigins.parse(LISTED)));
    }

    @AfterAll
    void stop() {
        open.close();
        listed.close();
    }

    @Test
    void byDefaultAnyOriginMayReadTheFeaturesAfterAPreflight() {
        HttpResponse<String> preflight = preflight(open, "/collections/pipes/items", ANY_PAGE, "GET", "authorization");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).contains("*");
        assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("GET");
        assertThat(header(preflight, "Access-Control-Allow-Headers")).contains("Authorization");
        assertThat(header(preflight, "Access-Control-Allow-Credentials")).isEmpty();

        HttpResponse<String> read = open.anonymous().send(open.anonymous()
                .request("/collections/pipes/items?limit=1").header("Origin", ANY_PAGE).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(header(read, "Access-Control-Allow-Origin")).contains("*");
        assertThat(header(read, "Access-Control-Expose-Headers").orElseThrow()).contains("Content-Crs");
        assertThat(header(read, "Content-Crs")).isPresent();
        assertThat(header(read, "Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void byDefaultNoOriginGetsCorsForAChangeOrForAReadThatNeedsARole() {
        HttpResponse<String> preflight = preflight(open, "/api/surveys", ANY_PAGE, "POST", "authorization,content-type");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEmpty();
        assertThat(header(preflight, "Access-Control-Allow-Methods")).isEmpty();

        // with a token the server does the change (the token is the caller's), but the page may not read the answer
        HttpResponse<String> write = open.send(open.request("/api/tokens").header("Origin", ANY_PAGE)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(TOKEN_BODY)));
        assertThat(write.statusCode()).as(write.body()).isEqualTo(201);
        assertThat(corsHeaders(write)).isEmpty();

        HttpResponse<String> adminRead = open.send(open.request("/api/users").header("Origin", ANY_PAGE).GET());
        assertThat(adminRead.statusCode()).isEqualTo(200);
        assertThat(corsHeaders(adminRead)).isEmpty();
    }

    @Test
    void aListedOriginMayChangeWithATokenButNeverWithCredentials() {
        HttpResponse<String> preflight = preflight(listed, "/api/surveys", LISTED, "POST", "authorization,content-type");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).contains(LISTED);
        assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("POST");
        assertThat(header(preflight, "Access-Control-Allow-Headers").orElseThrow())
                .contains("Authorization", "Content-Type").doesNotContainIgnoringCase("X-CSRF-Token");
        assertThat(header(preflight, "Vary")).contains("Origin");
        assertThat(header(preflight, "Access-Control-Allow-Credentials")).isEmpty();

        HttpResponse<String> write = listed.send(listed.request("/api/tokens").header("Origin", LISTED)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(TOKEN_BODY)));
        assertThat(write.statusCode()).as(write.body()).isEqualTo(201);
        assertThat(header(write, "Access-Control-Allow-Origin")).contains(LISTED);
        assertThat(header(write, "Access-Control-Allow-Credentials")).isEmpty();

        HttpResponse<String> withoutToken = listed.anonymous().send(listed.anonymous().request("/api/surveys/1/commit")
                .header("Origin", LISTED).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(corsHeaders(withoutToken)).isEmpty();
    }

    @Test
    void withListedOriginsOnlyTheyMayRead() {
        HttpResponse<String> other = listed.anonymous().send(listed.anonymous().request("/collections")
                .header("Origin", ANY_PAGE).GET());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(corsHeaders(other)).isEmpty();
        assertThat(header(other, "Vary")).contains("Origin");
        assertThat(header(listed.anonymous().get("/collections"), "Vary")).contains("Origin");
        assertThat(header(preflight(listed, "/collections", ANY_PAGE, "GET", null), "Access-Control-Allow-Origin"))
                .isEmpty();

        HttpResponse<String> mine = listed.anonymous().send(listed.anonymous().request("/collections")
                .header("Origin", "HTTPS://GIS.example.org:443").GET());
        assertThat(header(mine, "Access-Control-Allow-Origin")).contains("HTTPS://GIS.example.org:443");
        assertThat(header(mine, "Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void aChangeFromAnotherOriginWithTheSessionCookieIsRefusedEvenWithItsCsrfToken() throws Exception {
        TestUsers.Session session = TestUsers.signIn(open, "admin", TestServer.ADMIN_PASSWORD);
        long tokensBefore = open.count("SELECT count(*) FROM api_token");

        HttpResponse<String> forged = open.anonymous().send(session.on(open.anonymous().request("/api/tokens"))
                .header("Origin", "https://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TOKEN_BODY)));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
        assertThat(forged.body()).contains("another origin", "https://evil.example");
        assertThat(corsHeaders(forged)).isEmpty();
        HttpResponse<String> nullOrigin = open.anonymous().send(session.on(open.anonymous().request("/api/tokens"))
                .header("Origin", "null").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TOKEN_BODY)));
        assertThat(nullOrigin.statusCode()).isEqualTo(403);
        assertThat(open.count("SELECT count(*) FROM api_token")).isEqualTo(tokensBefore);

        // the same request from the map's own page is the signed-in user's change
        HttpResponse<String> own = open.anonymous().send(session.on(open.anonymous().request("/api/tokens"))
                .header("Origin", open.baseUrl()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TOKEN_BODY)));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(corsHeaders(own)).isEmpty();
    }

    @Test
    void corsOriginsAreExactOriginsOrAStar() {
        CorsOrigins origins = CorsOrigins.parse(" *, https://gis.example.org ,http://10.0.0.5:8080");
        assertThat(origins.anyOriginReads()).isTrue();
        assertThat(origins.lists("https://gis.example.org")).isTrue();
        assertThat(origins.lists("https://gis.example.org:443")).isTrue();
        assertThat(origins.lists("http://10.0.0.5:8080")).isTrue();
        assertThat(origins.lists("http://gis.example.org")).isFalse();
        assertThat(origins.lists("https://x.gis.example.org")).isFalse();
        assertThat(origins.lists("null")).isFalse();
        assertThat(CorsOrigins.parse(null)).isEqualTo(CorsOrigins.defaults());
        assertThat(CorsOrigins.parse("").anyOriginReads()).isFalse();
        for (String bad : new String[]{"gis.example.org", "https://gis.example.org/", "ftp://gis.example.org",
                "https://gis.example.org/map", "https://gis.example.org:99999"}) {
            assertThatThrownBy(() -> CorsOrigins.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CORS_ORIGINS").hasMessageContaining(bad);
        }
    }

    private static HttpResponse<String> preflight(TestServer server, String path, String origin, String method,
                                                  String headers) {
        HttpRequest.Builder request = server.anonymous().request(path).header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return server.anonymous().send(request);
    }

    private static Optional<String> header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name);
    }

    private static java.util.List<String> corsHeaders(HttpResponse<String> response) {
        return response.headers().map().keySet().stream()
                .filter(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-")).toList();
    }
}
