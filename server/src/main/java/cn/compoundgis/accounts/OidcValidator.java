package cn.compoundgis.accounts;

import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an OpenID Connect bearer token (a JWT) of the configured issuer with nimbus-jose-jwt: signed with RS256
 * or ES256 (never {@code none}, never a shared-secret HS*) by a key of the issuer's JWKS, which nimbus caches and
 * fetches again when a token names a key it does not know (key rotation), at most twice per
 * {@code OIDC_JWKS_MIN_REFRESH_SECONDS}; then {@code iss}, {@code aud}, {@code exp} and {@code nbf} (with
 * nimbus's clock skew) and {@code sub}. A bad token is a 401 saying why; an issuer that cannot be reached, a 503.
 */
final class OidcValidator {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    /** Access tokens say {@code JWT} (Keycloak), {@code at+jwt} (RFC 9068) or nothing. */
    private static final Set<JOSEObjectType> TYPES = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null)));
    private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final String REFUSED = "the single sign-on token is refused: ";

    private final OidcSettings settings;
    private final ResourceRetriever retriever = new DefaultResourceRetriever(
            JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT, JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT,
            JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
    private final Clock clock;
    private volatile DefaultJWTProcessor<SecurityContext> processor;
    private Instant discoveryRetryAt = Instant.MIN;
    private String discoveryFailure;

    OidcValidator(OidcSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** True when {@code token} has the form of a JWT: three base64url parts, the first a JSON object. */
    static boolean looksLikeJwt(String token) {
        if (!JWT_SHAPE.matcher(token).matches()) {
            return false;
        }
        try {
            byte[] header = Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')));
            return new String(header, StandardCharsets.UTF_8).trim().startsWith("{");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The identity of a valid token; a 401 naming the reason for any other. */
    OidcIdentity validate(String token) {
        SignedJWT jwt = signed(token);
        try {
            return OidcIdentity.of(processor().process(jwt, null), settings);
        } catch (BadJWTException e) {
            throw refused(e.getMessage());
        } catch (BadJWSException e) {
            throw refused("its signature does not match the issuer's key " + keyName(jwt.getHeader()));
        } catch (BadJOSEException e) {
            throw refused("it is signed with a key the issuer does not publish " + keyName(jwt.getHeader()));
        } catch (RateLimitReachedException e) {
            throw refused("it is signed with a key the issuer does not publish " + keyName(jwt.getHeader())
                    + " (the issuer's keys were fetched only moments ago)");
        } catch (JOSEException e) {
            throw unavailable("its keys could not be fetched: " + e.getMessage());
        }
    }

    /** The token as a signed JWT with an algorithm and type we accept. */
    private static SignedJWT signed(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
            jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refused("it is not a well-formed JWT (" + e.getMessage() + ")");
        }
        if (jwt instanceof PlainJWT) {
            throw refused("it is not signed (alg 'none'); only RS256 and ES256 are accepted");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw refused("it is encrypted (JWE); only signed tokens (RS256, ES256) are accepted");
        }
        JWSHeader header = signed.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw refused("it is signed with " + header.getAlgorithm() + "; only RS256 and ES256 are accepted");
        }
        if (!TYPES.contains(header.getType())) {
            throw refused("its type (typ) is '" + header.getType() + "', not an access or ID token (JWT, at+jwt)");
        }
        return signed;
    }

    /** The processor, made on first use: the issuer need not be reachable when the server starts. */
    private DefaultJWTProcessor<SecurityContext> processor() {
        DefaultJWTProcessor<SecurityContext> ready = processor;
        return ready != null ? ready : makeProcessor();
    }

    private synchronized DefaultJWTProcessor<SecurityContext> makeProcessor() {
        if (processor != null) {
            return processor;
        }
        Instant now = clock.instant();
        if (now.isBefore(discoveryRetryAt)) {
            throw unavailable(discoveryFailure);
        }
        try {
            URI jwksUrl = settings.jwksUrl().isPresent() ? settings.jwksUrl().get() : discoverJwksUrl();
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl.toURL(), retriever)
                    .cache(true)
                    .refreshAheadCache(false)
                    .rateLimited(settings.jwksMinRefreshMillis())
                    .retrying(true)
                    .outageTolerant(true)
                    .build();
            DefaultJWTProcessor<SecurityContext> made = new DefaultJWTProcessor<>();
            made.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPES));
            made.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
            made.setJWTClaimsSetVerifier(new ClaimsVerifier(settings, clock));
            processor = made;
            return made;
        } catch (IOException | IllegalArgumentException e) {
            discoveryFailure = settings.jwksUrl().isPresent() ? "OIDC_JWKS_URL is not usable: " + e.getMessage()
                    : "its discovery document " + settings.discoveryUrl() + " could not be read: " + e.getMessage();
            discoveryRetryAt = now.plusMillis(settings.jwksMinRefreshMillis());
            throw unavailable(discoveryFailure);
        }
    }

    /** {@code jwks_uri} of the issuer's discovery document, which must name the same issuer (OIDC Discovery 4.3). */
    private URI discoverJwksUrl() throws IOException {
        JsonNode document = Json.MAPPER.readTree(retriever.retrieveResource(settings.discoveryUrl().toURL()).getContent());
        String issuer = document.path("issuer").asText("");
        if (!issuer.equals(settings.issuer())) {
            throw new IllegalArgumentException("it names the issuer '" + issuer + "', not OIDC_ISSUER '"
                    + settings.issuer() + "'");
        }
        String jwks = document.path("jwks_uri").asText("");
        if (jwks.isEmpty()) {
            throw new IllegalArgumentException("it has no jwks_uri");
        }
        return OidcSettings.requireSecure("jwks_uri", jwks);
    }

    private static String keyName(JWSHeader header) {
        return header.getKeyID() == null ? "(the token names no key id)" : "(key id '" + header.getKeyID() + "')";
    }

    private static ApiError refused(String why) {
        return ApiError.unauthorized(REFUSED + why);
    }

    private ApiError unavailable(String why) {
        return ApiError.of(503, "Unavailable", "single sign-on is not available at the moment: the issuer "
                + settings.issuer() + " cannot be used (" + why + "); try again later or use an API token");
    }

    /** The claims every token must have right, with messages saying which one is wrong. */
    private static final class ClaimsVerifier implements JWTClaimsSetVerifier<SecurityContext> {
        private static final long SKEW_MILLIS = DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS * 1000L;
        private final OidcSettings settings;
        private final Clock clock;

        ClaimsVerifier(OidcSettings settings, Clock clock) {
            this.settings = settings;
            this.clock = clock;
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            if (!settings.issuer().equals(claims.getIssuer())) {
                throw new BadJWTException("its issuer (iss) is '" + claims.getIssuer() + "', not OIDC_ISSUER '"
                        + settings.issuer() + "'");
            }
            if (!claims.getAudience().contains(settings.audience())) {
                throw new BadJWTException("its audience (aud) " + claims.getAudience() + " does not include OIDC_AUDIENCE '"
                        + settings.audience() + "'");
            }
            long now = clock.millis();
            Date expires = claims.getExpirationTime();
            if (expires == null) {
                throw new BadJWTException("it has no expiry time (exp)");
            }
            if (now > expires.getTime() + SKEW_MILLIS) {
                throw new BadJWTException("it expired at " + expires.toInstant());
            }
            Date notBefore = claims.getNotBeforeTime();
            if (notBefore != null && now < notBefore.getTime() - SKEW_MILLIS) {
                throw new BadJWTException("it is not valid before " + notBefore.toInstant() + " (nbf)");
            }
            if (claims.getSubject() == null || claims.getSubject().isBlank()) {
                throw new BadJWTException("it names no subject (sub)");
            }
        }
    }
}
