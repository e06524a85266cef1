package cn.compoundgis.accounts;

import cn.compoundgis.http.ApiError;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds who made a request: an API token ({@code Authorization: Bearer cgis_…}), a single sign-on token of the
 * configured OpenID Connect issuer (a bearer JWT, when OIDC is on), or the web map's session cookie.
 * A wrong, expired or revoked token is a 401 whatever the route, so that a script learns its token is bad. A
 * write made with the session cookie must carry the session's CSRF token in {@code X-CSRF-Token}.
 */
final class Authenticator {
    static final String SESSION_COOKIE = "cgis_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final int MAX_CREDENTIAL_CHARS = 4096;

    private final AccountStore store;
    private final Optional<OidcValidator> oidc;

    Authenticator(AccountStore store, Optional<OidcValidator> oidc) {
        this.store = store;
        this.oidc = oidc;
    }

    Optional<User> authenticate(Context ctx) throws SQLException {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            return Optional.of(byBearer(authorization));
        }
        String session = ctx.cookie(SESSION_COOKIE);
        if (session == null || session.isEmpty() || session.length() > MAX_CREDENTIAL_CHARS) {
            return Optional.empty();
        }
        Optional<User> user = store.bySession(session);
        if (user.isPresent() && !SAFE_METHODS.contains(ctx.method().name())) {
            requireCsrf(ctx, user.get());
        }
        return user;
    }

    private User byBearer(String authorization) throws SQLException {
        String value = authorization.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bearer ") || value.length() > MAX_CREDENTIAL_CHARS) {
            throw ApiError.unauthorized("the Authorization header must be 'Bearer <API token>'").says("auth.bad_header");
        }
        String token = value.substring("bearer ".length()).trim();
        if (oidc.isPresent() && OidcValidator.looksLikeJwt(token)) {
            return store.byOidc(oidc.get().validate(token));
        }
        return store.byToken(token).orElseThrow(() ->
                ApiError.unauthorized("the API token is not valid (unknown, expired or revoked)").says("auth.bad_token"));
    }

    private static void requireCsrf(Context ctx, User user) {
        if (!Secrets.sameText(ctx.header(CSRF_HEADER), user.csrfToken())) {
            throw ApiError.forbidden("a change made from a signed-in page must send the session's " + CSRF_HEADER
                    + " header (the map does; reload the page if it is old)").says("auth.csrf");
        }
    }
}
