package cn.compoundgis.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** ANONYMOUS_READ=false: reads need a user too; the page and signing in stay open. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnonymousReadTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("anonymous_read_test", null, false,
                config -> config.withAccounts(config.accounts().withAnonymousRead(false)));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void readsNeedASignedInUserWhenAnonymousReadingIsOff() {
        HttpResponse<String> anonymous = server.anonymous().get("/collections/pipes/items?limit=1");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"Compound GIS\"");
        assertThat(server.get("/collections/pipes/items?limit=1").statusCode()).isEqualTo(200);
        assertThat(server.anonymous().get("/").statusCode()).isEqualTo(200);
        assertThat(server.anonymous().get("/api/map-config").statusCode()).isEqualTo(200);
        assertThat(TestServer.parse(server.anonymous().get("/api/session").body()).get("anonymous_read").asBoolean())
                .isFalse();
    }

    @Test
    void theApiDefinitionSaysThatReadingNeedsAToken() {
        var api = TestServer.parse(server.get("/api").body());
        assertThat(api.at("/security/0").has("bearerAuth")).isTrue();
        assertThat(api.at("/paths/~1/get/security").isArray()).isTrue();
        assertThat(api.at("/paths/~1/get/security")).isEmpty();
        assertThat(api.at("/paths/~1api~1map-config/get/security")).isEmpty();
        assertThat(api.at("/components/securitySchemes/bearerAuth/description").asText()).contains("ANONYMOUS_READ=false");
    }
}
