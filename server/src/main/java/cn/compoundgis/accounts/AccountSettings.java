package cn.compoundgis.accounts;

import java.util.Map;
import java.util.Optional;

/**
 * How a deployment signs users in: whether anonymous requests may read ({@code ANONYMOUS_READ}, default true),
 * how long a web session lasts ({@code SESSION_HOURS}, default 12), the first administrator's password
 * ({@code ADMIN_PASSWORD}; generated and printed once when not set) and an optional bearer token for the
 * administrator's scripts ({@code ADMIN_TOKEN}, at least {@value #MIN_ADMIN_TOKEN_CHARS} characters), and how
 * many failed sign-ins a name or an address may make in {@code LOGIN_WINDOW_SECONDS} before it must wait; and
 * the optional single sign-on issuer ({@link OidcSettings}, {@code OIDC_*}).
 */
public record AccountSettings(boolean anonymousRead, int sessionHours, Optional<String> adminPassword,
                              Optional<String> adminToken, int loginFailuresAllowed, int loginWindowSeconds,
                              Optional<OidcSettings> oidc) {
    public static final int DEFAULT_SESSION_HOURS = 12;
    public static final int MAX_SESSION_HOURS = 24 * 30;
    public static final int DEFAULT_LOGIN_FAILURES = 5;
    public static final int DEFAULT_LOGIN_WINDOW_SECONDS = 300;
    static final int MIN_ADMIN_TOKEN_CHARS = 20;

    public static AccountSettings defaults() {
        return new AccountSettings(true, DEFAULT_SESSION_HOURS, Optional.empty(), Optional.empty(),
                DEFAULT_LOGIN_FAILURES, DEFAULT_LOGIN_WINDOW_SECONDS, Optional.empty());
    }

    public static AccountSettings fromEnvironment(Map<String, String> env) {
        boolean anonymousRead = !"false".equalsIgnoreCase(env.getOrDefault("ANONYMOUS_READ", "true").trim());
        int hours = whole(env, "SESSION_HOURS", DEFAULT_SESSION_HOURS, 1, MAX_SESSION_HOURS);
        Optional<String> token = nonBlank(env.get("ADMIN_TOKEN"));
        token.ifPresent(t -> {
            if (t.length() < MIN_ADMIN_TOKEN_CHARS) {
                throw new IllegalArgumentException("ADMIN_TOKEN must have at least " + MIN_ADMIN_TOKEN_CHARS
                        + " characters (it is a password for scripts)");
            }
        });
        return new AccountSettings(anonymousRead, hours, nonBlank(env.get("ADMIN_PASSWORD")), token,
                whole(env, "LOGIN_FAILURES", DEFAULT_LOGIN_FAILURES, 1, 1000),
                whole(env, "LOGIN_WINDOW_SECONDS", DEFAULT_LOGIN_WINDOW_SECONDS, 1, 86_400),
                OidcSettings.fromEnvironment(env));
    }

    public AccountSettings withAdminToken(String token) {
        return new AccountSettings(anonymousRead, sessionHours, adminPassword, Optional.of(token), loginFailuresAllowed,
                loginWindowSeconds, oidc);
    }

    public AccountSettings withAdminPassword(String password) {
        return new AccountSettings(anonymousRead, sessionHours, Optional.of(password), adminToken, loginFailuresAllowed,
                loginWindowSeconds, oidc);
    }

    public AccountSettings withAnonymousRead(boolean allowed) {
        return new AccountSettings(allowed, sessionHours, adminPassword, adminToken, loginFailuresAllowed,
                loginWindowSeconds, oidc);
    }

    public AccountSettings withLoginLimit(int failures, int windowSeconds) {
        return new AccountSettings(anonymousRead, sessionHours, adminPassword, adminToken, failures, windowSeconds,
                oidc);
    }

    /** The same settings accepting single sign-on tokens of {@code settings}' issuer. */
    public AccountSettings withOidc(OidcSettings settings) {
        return new AccountSettings(anonymousRead, sessionHours, adminPassword, adminToken, loginFailuresAllowed,
                loginWindowSeconds, Optional.of(settings));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static int whole(Map<String, String> env, String name, int fallback, int min, int max) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
        }
    }
}
