package cn.compoundgis.accounts;

import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Optional single sign-on with an OpenID Connect issuer (Keycloak or any other), read from the environment; off
 * unless {@code OIDC_ISSUER} is set. {@code OIDC_ISSUER} is the issuer exactly as tokens name it in {@code iss};
 * its keys come from {@code OIDC_JWKS_URL}, or else from the {@code jwks_uri} of its discovery document
 * {@code {issuer}/.well-known/openid-configuration}. {@code OIDC_AUDIENCE} (required) must be in a token's
 * {@code aud}. {@code OIDC_USERNAME_CLAIM} (default {@value #DEFAULT_USERNAME_CLAIM}) names a new user,
 * {@code OIDC_ROLES_CLAIM} (default {@value #DEFAULT_ROLES_CLAIM}) lists their roles, {@code OIDC_DEFAULT_ROLE}
 * (default viewer) is the role of a token naming none of ours. {@code OIDC_JWKS_MIN_REFRESH_SECONDS} (default
 * nimbus's 30) spaces the fetches of the key set that a token with an unknown key causes.
 */
public record OidcSettings(String issuer, Optional<URI> jwksUrl, String audience, String usernameClaim,
                           String rolesClaim, Role defaultRole, long jwksMinRefreshMillis) {
    public static final String DEFAULT_USERNAME_CLAIM = "preferred_username";
    public static final String DEFAULT_ROLES_CLAIM = "roles";
    static final long MAX_JWKS_MIN_REFRESH_SECONDS = 3600;
    /** Key sets travel in clear only to this machine: anywhere else a man in the middle could swap the keys. */
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /** The settings, or empty when {@code OIDC_ISSUER} is not set. */
    public static Optional<OidcSettings> fromEnvironment(Map<String, String> env) {
        Optional<String> issuer = nonBlank(env.get("OIDC_ISSUER"));
        if (issuer.isEmpty()) {
            for (String dependent : new String[] {"OIDC_JWKS_URL", "OIDC_AUDIENCE"}) {
                if (nonBlank(env.get(dependent)).isPresent()) {
                    throw new IllegalArgumentException(dependent + " is set but OIDC_ISSUER is not: single sign-on"
                            + " needs the issuer whose tokens it accepts");
                }
            }
            return Optional.empty();
        }
        requireSecure("OIDC_ISSUER", issuer.get());
        Optional<URI> jwks = nonBlank(env.get("OIDC_JWKS_URL")).map(url -> requireSecure("OIDC_JWKS_URL", url));
        String audience = nonBlank(env.get("OIDC_AUDIENCE")).orElseThrow(() -> new IllegalArgumentException(
                "OIDC_AUDIENCE must be set with OIDC_ISSUER: the client id (or audience) that tokens for this server"
                        + " carry in 'aud'"));
        return Optional.of(new OidcSettings(issuer.get(), jwks, audience,
                nonBlank(env.get("OIDC_USERNAME_CLAIM")).orElse(DEFAULT_USERNAME_CLAIM),
                nonBlank(env.get("OIDC_ROLES_CLAIM")).orElse(DEFAULT_ROLES_CLAIM),
                defaultRole(env.get("OIDC_DEFAULT_ROLE")),
                refreshMillis(env.get("OIDC_JWKS_MIN_REFRESH_SECONDS"))));
    }

    /** Where the discovery document is: the issuer with {@code /.well-known/openid-configuration} (OIDC Discovery 4). */
    URI discoveryUrl() {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /** An https URL, or http to this machine only (a test issuer, a proxy on the same host). */
    static URI requireSecure(String name, String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URL: '" + text + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean local = uri.getHost() != null && LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && local)) {
            throw new IllegalArgumentException(name + " must be an https URL (http only to localhost), got '" + text + "'");
        }
        return uri;
    }

    private static Role defaultRole(String text) {
        if (text == null || text.isBlank()) {
            return Role.VIEWER;
        }
        for (Role role : Role.values()) {
            if (role.code().equalsIgnoreCase(text.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("OIDC_DEFAULT_ROLE '" + text + "' is not a role (one of " + Role.allCodes() + ")");
    }

    private static long refreshMillis(String text) {
        if (text == null || text.isBlank()) {
            return JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL;
        }
        try {
            long seconds = Long.parseLong(text.trim());
            if (seconds < 0 || seconds > MAX_JWKS_MIN_REFRESH_SECONDS) {
                throw new IllegalArgumentException("OIDC_JWKS_MIN_REFRESH_SECONDS must be between 0 and "
                        + MAX_JWKS_MIN_REFRESH_SECONDS + ", got " + seconds);
            }
            return seconds * 1000;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OIDC_JWKS_MIN_REFRESH_SECONDS must be a whole number, got '" + text + "'");
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
