package cn.compoundgis.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.db.LoopbackPort;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12, Part 2: single sign-on with OpenID Connect bearer tokens, against an issuer run by the test (a JDK
 * HTTP server publishing its discovery document and the JWKS of RSA keys made here) and real PostGIS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcBearerTest {
    private static final String AUDIENCE = "compound-gis";
    private static final String REALM = "/realms/city";
    /** A point inside the fire-lane fixture's compound, in the working CRS. */
    private static final String OBSTACLE = "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[3552030,619150]},\"kind\":\"tree\"}";
    private static final String GRID = "{\"name\":\"城建单点\",\"target_epsg\":4548,\"parameters\":{\"shift_x_northing_m\":1,"
            + "\"shift_y_easting_m\":1,\"rotation_arcsec_clockwise\":0,\"scale_ppm\":0}}";

    private HttpServer issuerServer;
    private String issuer;
    private RSAKey key;
    private ECKey ecKey;
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("city-1").generate();
        ecKey = new ECKeyGenerator(Curve.P_256).keyID("city-ec").generate();
        published.set(new JWKSet(List.of(key.toPublicJWK(), ecKey.toPublicJWK())));
        issuerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://localhost:" + issuerServer.getAddress().getPort() + REALM;
        issuerServer.createContext(REALM + "/.well-known/openid-configuration", exchange -> answer(exchange,
                TestServer.json(Map.of("issuer", issuer, "jwks_uri", issuer + "/protocol/openid-connect/certs"))));
        issuerServer.createContext(REALM + "/protocol/openid-connect/certs", exchange -> {
            jwksFetches.incrementAndGet();
            answer(exchange, published.get().toString());
        });
        issuerServer.start();
        OidcSettings oidc = OidcSettings.fromEnvironment(Map.of("OIDC_ISSUER", issuer, "OIDC_AUDIENCE", AUDIENCE,
                "OIDC_JWKS_MIN_REFRESH_SECONDS", "0")).orElseThrow();
        server = TestServer.start("oidc_bearer_test", "/checks/fire-lanes-fixture.sql", false,
                config -> config.withAccounts(config.accounts().withOidc(oidc).withAnonymousRead(false)));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        issuerServer.stop(0);
    }

    @Test
    void aValidTokenReadsAndMakesItsUserOnFirstUse() throws Exception {
        assertThat(server.anonymous().get("/collections").statusCode()).isEqualTo(401);
        String token = sign(key, claims("sub-reader", c -> c.claim("preferred_username", "wang.wei")
                .claim("name", "王伟")));
        assertThat(server.as(token).get("/collections").statusCode()).isEqualTo(200);

        JsonNode user = TestServer.parse(server.as(token).get("/api/session").body()).get("user");
        assertThat(user.get("username").asText()).isEqualTo("wang.wei");
        assertThat(user.get("display_name").asText()).isEqualTo("王伟");
        assertThat(user.get("signed_in_via").asText()).isEqualTo("oidc");
        assertThat(user.get("roles").toString()).as("no role claim: the default role").isEqualTo("[\"viewer\"]");
        assertThat(server.count("SELECT count(*) FROM audit_event WHERE action = 'user.created'"
                + " AND username = 'system:oidc' AND target = 'user wang.wei'")).isEqualTo(1);
    }

    @Test
    void anEs256TokenIsAcceptedToo() throws Exception {
        String token = signWith(new ECDSASigner(ecKey), JWSAlgorithm.ES256, ecKey.getKeyID(),
                claims("sub-ec", c -> c.claim("preferred_username", "sun.li")));
        assertThat(who(token).get("username").asText()).isEqualTo("sun.li");
    }

    @Test
    void theRolesClaimDecidesWhatTheTokenMayWrite() {
        String inspector = sign(key, claims("sub-inspector", c -> c.claim("roles", List.of("inspector", "unknown-role"))));
        HttpResponse<String> report = server.as(inspector).post("/api/obstacles?crs=EPSG:4548", "application/json", OBSTACLE.getBytes());
        assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
        HttpResponse<String> grid = server.as(inspector).post("/api/local-grids", "application/json", GRID.getBytes());
        assertThat(grid.statusCode()).as(grid.body()).isEqualTo(403);

        String keycloakAdmin = sign(key, claims("sub-admin",
                c -> c.claim("realm_access", Map.of("roles", List.of("offline_access", "ADMIN")))));
        HttpResponse<String> registered = server.as(keycloakAdmin).post("/api/local-grids", "application/json",
                GRID.getBytes());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    }

    @Test
    void badTokensAreRefusedWith401SayingWhy() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("city-1").generate();
        RSAKey strangerWithItsOwnId = new RSAKeyGenerator(2048).keyID("not-published").generate();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(sign(key, claims("sub-bad", c -> c.expirationTime(ago(600)))), "expired");
        refused.put(sign(key, claims("sub-bad", c -> c.audience("another-app"))), "audience");
        refused.put(sign(key, claims("sub-bad", c -> c.issuer("https://evil.example/realms/city"))), "issuer");
        refused.put(sign(key, claims("sub-bad", c -> c.notBeforeTime(Date.from(Instant.now().plus(1, ChronoUnit.HOURS))))),
                "not valid before");
        refused.put(sign(key, claims("sub-bad", c -> c.expirationTime(null))), "no expiry");
        refused.put(sign(key, claims(null, UnaryOperator.identity())), "no subject");
        refused.put(sign(stranger, claims("sub-bad", UnaryOperator.identity())), "signature does not match");
        refused.put(sign(strangerWithItsOwnId, claims("sub-bad", UnaryOperator.identity())), "does not publish");
        refused.put(new PlainJWT(claims("sub-bad", UnaryOperator.identity())).serialize(), "alg 'none'");
        refused.put(signWith(new MACSigner(key.toRSAPublicKey().getEncoded()), JWSAlgorithm.HS256, null,
                claims("sub-bad", UnaryOperator.identity())), "HS256");
        refused.put("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "not a well-formed JWT");

        for (Map.Entry<String, String> bad : refused.entrySet()) {
            HttpResponse<String> answer = server.as(bad.getKey()).get("/collections");
            assertThat(answer.statusCode()).as(bad.getValue() + ": " + answer.body()).isEqualTo(401);
            assertThat(TestServer.parse(answer.body()).get("description").asText()).as(answer.body())
                    .contains(bad.getValue());
            assertThat(answer.headers().firstValue("WWW-Authenticate")).contains(AccessGuard.CHALLENGE);
        }
        assertThat(server.count("SELECT count(*) FROM app_user WHERE oidc_subject = 'sub-bad'")).isZero();
    }

    @Test
    void theSameSubjectIsTheSameUserAndATakenNameGetsASuffix() throws Exception {
        server.post("/api/users", "application/json", TestServer.json(Map.of("username", "li.na",
                "password", "a-long-enough-password", "roles", List.of("viewer"))).getBytes());
        String first = sign(key, claims("sub-li-na", c -> c.claim("preferred_username", "li.na")));
        String second = sign(key, claims("sub-li-na", c -> c.claim("preferred_username", "li.na")
                .issueTime(new Date()).jwtID("second")));
        assertThat(who(first).get("username").asText()).isEqualTo("li.na-2");
        assertThat(who(second).get("username").asText()).isEqualTo("li.na-2");
        assertThat(server.count("SELECT count(*) FROM app_user WHERE oidc_subject = 'sub-li-na'")).isEqualTo(1);

        String chinese = sign(key, claims("0f6c2c1e-9d1a", c -> c.claim("preferred_username", "张三")));
        assertThat(who(chinese).get("username").asText()).isEqualTo("oidc-0f6c2c1e-9d1a");
    }

    @Test
    void theTokensRolesAreTheTruthAndAChangeIsAudited() throws Exception {
        String asViewer = sign(key, claims("sub-promoted", c -> c.claim("preferred_username", "zhao.lei")));
        assertThat(who(asViewer).get("roles").toString()).isEqualTo("[\"viewer\"]");
        String asSurveyor = sign(key, claims("sub-promoted", c -> c.claim("preferred_username", "zhao.lei")
                .claim("roles", "surveyor designer")));
        assertThat(who(asSurveyor).get("roles").toString()).isEqualTo("[\"designer\",\"surveyor\"]");
        assertThat(server.count("SELECT count(*) FROM app_user WHERE username = 'zhao.lei'"
                + " AND roles @> ARRAY['surveyor', 'designer'] AND NOT roles @> ARRAY['viewer']")).isEqualTo(1);
        assertThat(server.count("SELECT count(*) FROM audit_event WHERE action = 'user.changed'"
                + " AND username = 'system:oidc' AND target = 'user zhao.lei'"
                + " AND detail -> 'after' -> 'roles' = '[\"designer\", \"surveyor\"]'::jsonb")).isEqualTo(1);
        assertThat(who(asSurveyor).get("username").asText()).isEqualTo("zhao.lei");
        assertThat(server.count("SELECT count(*) FROM audit_event WHERE target = 'user zhao.lei'"))
                .as("an unchanged role set writes nothing").isEqualTo(2);
    }

    @Test
    void aDeactivatedUserIsRefusedEvenWithAValidToken() {
        String token = sign(key, claims("sub-leaver", c -> c.claim("preferred_username", "chen.jing")));
        assertThat(server.as(token).get("/api/session").statusCode()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode user : server.getJson("/api/users").get("users")) {
            listed = user.get("username").asText().equals("chen.jing") ? user : listed;
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("single_sign_on_issuer").asText()).isEqualTo(issuer);
        assertThat(listed.get("has_password").asBoolean()).isFalse();
        HttpResponse<String> off = server.send(server.request("/api/users/chen.jing")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"active\":false}")));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);

        HttpResponse<String> refused = server.as(token).get("/collections");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.body()).contains("deactivated");
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesItAndTheKeySetIsCachedOtherwise() throws Exception {
        String before = sign(key, claims("sub-rotation", UnaryOperator.identity()));
        assertThat(server.as(before).get("/api/session").statusCode()).isEqualTo(200);
        int fetches = jwksFetches.get();
        for (int i = 0; i < 3; i++) {
            assertThat(server.as(before).get("/api/session").statusCode()).isEqualTo(200);
        }
        assertThat(jwksFetches.get()).as("known keys come from the cache").isEqualTo(fetches);

        RSAKey next = new RSAKeyGenerator(2048).keyID("city-2").generate();
        String early = sign(next, claims("sub-rotation", UnaryOperator.identity()));
        HttpResponse<String> unknown = server.as(early).get("/collections");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(401);
        assertThat(unknown.body()).contains("does not publish", "city-2");

        published.set(new JWKSet(List.of(next.toPublicJWK(), key.toPublicJWK(), ecKey.toPublicJWK())));
        String after = sign(next, claims("sub-rotation", UnaryOperator.identity()));
        HttpResponse<String> rotated = server.as(after).get("/api/session");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(TestServer.parse(rotated.body()).at("/user/signed_in_via").asText()).isEqualTo("oidc");
        assertThat(server.as(before).get("/api/session").statusCode()).as("the old key is still published").isEqualTo(200);
    }

    @Test
    void anIssuerThatCannotBeReachedIsA503NotA500() throws Exception {
        int closedPort = LoopbackPort.free();
        String gone = "http://localhost:" + closedPort + REALM;
        OidcSettings oidc = OidcSettings.fromEnvironment(Map.of("OIDC_ISSUER", gone, "OIDC_AUDIENCE", AUDIENCE))
                .orElseThrow();
        try (TestServer down = TestServer.start("oidc_issuer_down_test", null, false,
                config -> config.withAccounts(config.accounts().withOidc(oidc)))) {
            String token = sign(key, new JWTClaimsSet.Builder(claims("sub-down", UnaryOperator.identity()))
                    .issuer(gone).build());
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> answer = down.as(token).get("/collections");
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(answer.body()).contains("single sign-on is not available", gone + "/.well-known");
            }
            assertThat(down.get("/collections").statusCode()).as("API tokens still work").isEqualTo(200);
        }
    }

    private JsonNode who(String token) {
        HttpResponse<String> answer = server.as(token).get("/api/session");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return TestServer.parse(answer.body()).get("user");
    }

    private JWTClaimsSet claims(String subject, UnaryOperator<JWTClaimsSet.Builder> adjust) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(AUDIENCE)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(5, ChronoUnit.MINUTES)));
        return adjust.apply(claims).build();
    }

    private static Date ago(long seconds) {
        return Date.from(Instant.now().minusSeconds(seconds));
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            return signWith(new RSASSASigner(signingKey), JWSAlgorithm.RS256, signingKey.getKeyID(), claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signWith(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build(),
                claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
