package cn.compoundgis.accounts;

import cn.compoundgis.accounts.AccountStore.NewSession;
import cn.compoundgis.accounts.AccountStore.NewToken;
import cn.compoundgis.accounts.AccountStore.StoredUser;
import cn.compoundgis.accounts.AccountStore.UserChange;
import cn.compoundgis.audit.Actor;
import cn.compoundgis.compounds.CompoundCode;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Params;
import cn.compoundgis.http.PublicUrl;
import cn.compoundgis.http.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Signing in and out ({@code /api/session}), the administrator's user list ({@code /api/users}) and each user's
 * API tokens ({@code /api/tokens}). Answers never contain a password hash; a token's secret is shown once.
 */
public record AccountsApi(AccountStore store, AccountSettings settings, LoginThrottle throttle) {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
    private static final int MAX_NAME_CHARS = 100;
    private static final int MAX_LIST_ENTRIES = 500;
    private static final int MAX_TOKEN_DAYS = 3650;

    /** GET /api/session: who is signed in (and the CSRF token the page sends with writes), or that no one is. */
    public void current(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        Optional<User> user = CurrentUser.of(ctx);
        body.put("signed_in", user.isPresent());
        body.put("anonymous_read", settings.anonymousRead());
        user.ifPresent(u -> {
            body.put("user", u.json());
            if (u.csrfToken() != null) {
                body.put("csrf_token", u.csrfToken());
            }
        });
        ctx.json(body);
    }

    /** POST /api/session {@code {"username", "password"}}: signs in, sets the session cookie. */
    public void signIn(Context ctx) throws SQLException {
        JsonNode body = body(ctx);
        String username = text(body, "username", MAX_NAME_CHARS, true);
        String password = body.path("password").isTextual() ? body.get("password").asText() : null;
        if (password == null) {
            throw ApiError.badParameter("password is required (text)");
        }
        String ip = PublicUrl.clientIp(ctx);
        try {
            throttle.check(username, ip);
        } catch (LoginThrottle.Throttled e) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds));
            throw e.asApiError();
        }
        Optional<StoredUser> stored = store.byUsername(username);
        boolean ok = Passwords.matches(password, stored.map(StoredUser::passwordHash).orElse(null))
                && stored.get().active();
        if (!ok) {
            throttle.failed(username, ip);
            store.recordFailedSignIn(username, ip);
            throw ApiError.unauthorized("wrong user name or password").says("auth.wrong_password");
        }
        throttle.succeeded(username);
        User user = stored.get().user();
        NewSession session = store.openSession(user, ip, settings.sessionHours());
        ctx.cookie(sessionCookie(ctx, session.secret(), settings.sessionHours() * 3600));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("signed_in", true);
        answer.put("user", new User(user.id(), user.username(), user.displayName(), user.roles(), user.compounds(),
                user.districts(), "session", session.csrfToken()).json());
        answer.put("csrf_token", session.csrfToken());
        ctx.json(answer);
    }

    /** DELETE /api/session: signs out (ends the session, clears the cookie). */
    public void signOut(Context ctx) throws SQLException {
        String secret = ctx.cookie(Authenticator.SESSION_COOKIE);
        if (secret != null && !secret.isEmpty()) {
            store.closeSession(secret, Actor.of(ctx));
        }
        ctx.cookie(sessionCookie(ctx, "", 0));
        ctx.json(Map.of("signed_in", false));
    }

    /** POST /api/session/password {@code {"current_password", "new_password"}}: a user changes their own password. */
    public void changeOwnPassword(Context ctx) throws SQLException {
        User user = CurrentUser.required(ctx);
        JsonNode body = body(ctx);
        String current = body.path("current_password").asText(null);
        StoredUser stored = store.byUsername(user.username()).orElseThrow();
        if (!Passwords.matches(current, stored.passwordHash())) {
            throw ApiError.forbidden("current_password is wrong").says("auth.wrong_current_password");
        }
        String next = body.path("new_password").asText(null);
        store.changeUser(user.username(), new UserChange(null, next, null, null, null, null), Actor.of(ctx));
        ctx.json(Map.of("password_changed", true, "note", "every session of " + user.username()
                + " was ended: sign in again"));
    }

    /** GET /api/users (admin). */
    public void listUsers(Context ctx) throws SQLException {
        ctx.json(Map.of("users", store.listUsers()));
    }

    /** POST /api/users (admin) {@code {"username", "display_name", "password", "roles", "compounds", "districts"}}. */
    public void createUser(Context ctx) throws SQLException {
        JsonNode body = body(ctx);
        String username = text(body, "username", MAX_NAME_CHARS, true);
        if (!USERNAME.matcher(username).matches()) {
            throw ApiError.badParameter("username '" + username + "' may hold only letters, digits and _ . @ -"
                    + " (at most 64, starting with a letter or digit)");
        }
        UserChange fields = change(body);
        User user = store.createUser(username, fields, Actor.of(ctx));
        ctx.status(201).json(user.json());
    }

    /** PATCH /api/users/{username} (admin): any of display_name, password, roles, compounds, districts, active. */
    public void changeUser(Context ctx) throws SQLException {
        String username = ctx.pathParam("username");
        User user = store.changeUser(username, change(body(ctx)), Actor.of(ctx));
        ctx.json(user.json());
    }

    /** GET /api/tokens: the caller's tokens (an administrator's: everyone's with {@code all=true}). */
    public void listTokens(Context ctx) throws SQLException {
        User user = CurrentUser.required(ctx);
        boolean all = user.isAdmin() && "true".equals(ctx.queryParam("all"));
        ctx.json(Map.of("tokens", store.tokens(user, all)));
    }

    /** POST /api/tokens {@code {"name", "expires_in_days"}}: a new token for the caller, its secret shown once. */
    public void createToken(Context ctx) throws SQLException {
        User user = CurrentUser.required(ctx);
        JsonNode body = body(ctx);
        String name = text(body, "name", MAX_NAME_CHARS, true);
        OffsetDateTime expires = null;
        if (body.has("expires_in_days") && !body.get("expires_in_days").isNull()) {
            double days = Params.jsonNumber("expires_in_days", body.get("expires_in_days"));
            if (days < 1 || days > MAX_TOKEN_DAYS || days != Math.rint(days)) {
                throw ApiError.badParameter("expires_in_days must be a whole number from 1 to " + MAX_TOKEN_DAYS);
            }
            expires = OffsetDateTime.now().plusDays((long) days);
        }
        NewToken token = store.createToken(user, name, null, expires, Actor.of(ctx));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", token.id());
        answer.put("name", token.name());
        answer.put("token", token.secret());
        answer.put("created_at", token.createdAt().toString());
        answer.put("expires_at", expires == null ? null : expires.toString());
        answer.put("note", "the token is shown only now: keep it like a password; send it as 'Authorization: Bearer "
                + "<token>'");
        ctx.status(201).json(answer);
    }

    /** DELETE /api/tokens/{tokenId}: revokes one of the caller's tokens (an administrator: anyone's). */
    public void revokeToken(Context ctx) throws SQLException {
        User user = CurrentUser.required(ctx);
        long id = Requests.pathId(ctx, "tokenId", "token");
        store.revokeToken(id, user, Actor.of(ctx));
        ctx.json(Map.of("id", id, "revoked", true));
    }

    private static UserChange change(JsonNode body) {
        String displayName = body.has("display_name") ? text(body, "display_name", MAX_NAME_CHARS, false) : null;
        String password = null;
        if (body.has("password") && !body.get("password").isNull()) {
            if (!body.get("password").isTextual()) {
                throw ApiError.badParameter("password must be text");
            }
            password = body.get("password").asText();
        }
        Set<Role> roles = body.has("roles") ? roles(body.get("roles")) : null;
        List<String> compounds = body.has("compounds") ? list(body.get("compounds"), "compounds", true) : null;
        List<String> districts = body.has("districts") ? list(body.get("districts"), "districts", false) : null;
        Boolean active = null;
        if (body.has("active")) {
            if (!body.get("active").isBoolean()) {
                throw ApiError.badParameter("active must be true or false");
            }
            active = body.get("active").asBoolean();
        }
        return new UserChange(displayName, password, roles, compounds, districts, active);
    }

    private static Set<Role> roles(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw ApiError.badParameter("roles must be a list of one or more of " + Role.allCodes());
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (JsonNode r : node) {
            roles.add(Role.parse("roles", r.asText()));
        }
        return Set.copyOf(roles);
    }

    private static List<String> list(JsonNode node, String field, boolean compoundCodes) {
        if (!node.isArray() || node.size() > MAX_LIST_ENTRIES) {
            throw ApiError.badParameter(field + " must be a list of at most " + MAX_LIST_ENTRIES + " texts");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_NAME_CHARS) {
                throw ApiError.badParameter(field + " holds " + v + ", which is not a name");
            }
            String value = Params.text(field, v.asText().trim());
            values.add(compoundCodes ? CompoundCode.checked(value) : value);
        }
        return List.copyOf(values);
    }

    private static String text(JsonNode body, String field, int maxChars, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw ApiError.badParameter(field + " is required");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().length() > maxChars || (required && node.asText().isBlank())) {
            throw ApiError.badParameter(field + " must be text of 1 to " + maxChars + " characters");
        }
        return Params.text(field, node.asText().trim());
    }

    private static JsonNode body(Context ctx) {
        return Requests.jsonBody(ctx);
    }

    private static Cookie sessionCookie(Context ctx, String value, int maxAgeSeconds) {
        boolean secure = PublicUrl.of(ctx).startsWith("https:");
        return new Cookie(Authenticator.SESSION_COOKIE, value, "/", maxAgeSeconds, secure, true, null, SameSite.STRICT);
    }
}
