package cn.compoundgis.accounts;

import cn.compoundgis.audit.Actor;
import cn.compoundgis.audit.AuditLog;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.Transactions;
import cn.compoundgis.http.ApiError;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Users, their API tokens and their web sessions in PostgreSQL; every change is audited in its transaction. */
public final class AccountStore {
    /** A user row with what only sign-in needs. */
    record StoredUser(User user, String passwordHash, boolean active) {
    }

    /** A new session: the cookie's secret and the CSRF token the page must send with every write. */
    record NewSession(String secret, String csrfToken) {
    }

    /** A new token: its secret, shown once. */
    public record NewToken(long id, String name, String secret, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    /** The fields of a user an administrator sets; null fields are left as they are on a change. */
    record UserChange(String displayName, String password, Set<Role> roles, List<String> compounds,
                      List<String> districts, Boolean active) {
    }

    /** Names tried for a new single sign-on user whose name is taken: {@code alice}, {@code alice-2} … */
    private static final int MAX_OIDC_NAME_ATTEMPTS = 100;

    private final DataSource dataSource;

    public AccountStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<User> byToken(String secret) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, AccountQueries.USER_BY_TOKEN, secretParam(secret))) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                User user = user(rs, "token", null);
                if (rs.getBoolean("touch")) {
                    touchToken(c, rs.getLong("token_id"));
                }
                return Optional.of(user);
            }
        }
    }

    Optional<User> bySession(String secret) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, AccountQueries.USER_BY_SESSION, secretParam(secret))) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs, "session", rs.getString("csrf_token"))) : Optional.empty();
            }
        }
    }

    Optional<StoredUser> byUsername(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, AccountQueries.USER_BY_NAME, SqlParams.of().text("username", username))) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs, "session")) : Optional.empty();
            }
        }
    }

    /** Opens a session for a user who has just given their password, and records the sign-in. */
    NewSession openSession(User user, String clientIp, int hours) throws SQLException {
        NewSession session = new NewSession(Secrets.random(), Secrets.random());
        inTransaction(c -> {
            execute(c, AccountQueries.DELETE_EXPIRED_SESSIONS);
            Sql.update(c, AccountQueries.INSERT_SESSION, secretParam(session.secret()).bigint("user_id", user.id())
                    .text("csrf_token", session.csrfToken()).text("client_ip", clientIp).integer("hours", hours));
            AuditLog.record(c, Actor.of(user, clientIp), "session.signed_in", null, "user " + user.username(), Map.of());
            return null;
        });
        return session;
    }

    void closeSession(String secret, Actor actor) throws SQLException {
        inTransaction(c -> {
            if (Sql.update(c, AccountQueries.DELETE_SESSION, secretParam(secret)) > 0) {
                AuditLog.record(c, actor, "session.signed_out", null, "user " + actor.username(), Map.of());
            }
            return null;
        });
    }

    void recordFailedSignIn(String username, String clientIp) throws SQLException {
        inTransaction(c -> {
            AuditLog.record(c, new Actor(null, "anonymous", clientIp), "session.sign_in_failed", null,
                    "user " + username, Map.of());
            return null;
        });
    }

    /** Creates a user; 409 when the name is taken. */
    User createUser(String username, UserChange fields, Actor actor) throws SQLException {
        return inTransaction(c -> {
            if (lockUser(c, username).isPresent()) {
                throw ApiError.conflict("there is already a user '" + username + "'");
            }
            String hash = fields.password() == null ? null : Passwords.hash("password", fields.password());
            Set<Role> roles = fields.roles() == null ? EnumSet.of(Role.VIEWER) : fields.roles();
            long id;
            id = Sql.oneLong(c, AccountQueries.INSERT_USER, SqlParams.of().text("username", username)
                    .text("display_name", fields.displayName()).text("password_hash", hash)
                    .array("roles", "text", roleCodes(roles)).array("compounds", "text", orEmpty(fields.compounds()))
                    .array("districts", "text", orEmpty(fields.districts())));
            User user = new User(id, username, fields.displayName(), roles, orEmpty(fields.compounds()),
                    orEmpty(fields.districts()), null, null);
            AuditLog.record(c, actor, "user.created", null, "user " + username, auditFields(user, true));
            return user;
        });
    }

    /** Changes a user; refuses to leave the server without an active administrator. */
    User changeUser(String username, UserChange change, Actor actor) throws SQLException {
        return inTransaction(c -> {
            StoredUser before = lockUser(c, username)
                    .orElseThrow(() -> ApiError.notFound("no user '" + username + "'"));
            User old = before.user();
            Set<Role> roles = change.roles() == null ? old.roles() : change.roles();
            boolean active = change.active() == null ? before.active() : change.active();
            if (old.isAdmin() && (!roles.contains(Role.ADMIN) || !active) && otherActiveAdmins(c, old.id()) == 0) {
                throw ApiError.conflict(username + " is the last active administrator: make another one first");
            }
            String hash = change.password() == null ? before.passwordHash() : Passwords.hash("password", change.password());
            User now = new User(old.id(), old.username(),
                    change.displayName() == null ? old.displayName() : change.displayName(), roles,
                    change.compounds() == null ? old.compounds() : change.compounds(),
                    change.districts() == null ? old.districts() : change.districts(), null, null);
            Sql.update(c, AccountQueries.UPDATE_USER, SqlParams.of().text("display_name", now.displayName())
                    .text("password_hash", hash).array("roles", "text", roleCodes(now.roles()))
                    .array("compounds", "text", now.compounds()).array("districts", "text", now.districts())
                    .bool("active", active).bigint("user_id", old.id()));
            if (!active || change.password() != null) {
                Sql.update(c, AccountQueries.DELETE_SESSIONS_OF_USER, SqlParams.of().bigint("user_id", old.id()));
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("before", auditFields(old, before.active()));
            detail.put("after", auditFields(now, active));
            detail.put("password_changed", change.password() != null);
            AuditLog.record(c, actor, "user.changed", null, "user " + username, detail);
            return now;
        });
    }

    List<Map<String, Object>> listUsers() throws SQLException {
        List<Map<String, Object>> users = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(AccountQueries.LIST_USERS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> u = new LinkedHashMap<>(user(rs, null, null).json());
                u.remove("signed_in_via");
                u.put("active", rs.getBoolean("active"));
                u.put("has_password", rs.getBoolean("has_password"));
                u.put("single_sign_on_issuer", rs.getString("oidc_issuer"));
                u.put("created_at", rs.getObject("created_at", OffsetDateTime.class).toString());
                u.put("changed_at", rs.getObject("changed_at", OffsetDateTime.class).toString());
                users.add(u);
            }
        }
        return users;
    }

    boolean anyActiveAdmin() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(AccountQueries.ANY_ACTIVE_ADMIN);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** A new token for {@code user}; {@code secret} null makes a random one (the configured ADMIN_TOKEN is given). */
    NewToken createToken(User user, String name, String secret, OffsetDateTime expiresAt, Actor actor) throws SQLException {
        String value = secret == null ? Secrets.newToken() : secret;
        return inTransaction(c -> {
            SqlParams fields = secretParam(value).bigint("user_id", user.id()).text("name", name)
                    .text("shown_prefix", value.substring(0, Math.min(value.length(), Secrets.TOKEN_PREFIX.length() + 4)))
                    .timestamp("expires_at", expiresAt);
            try (PreparedStatement ps = Sql.prepare(c, AccountQueries.INSERT_TOKEN, fields)) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    NewToken token = new NewToken(rs.getLong(1), name, value,
                            rs.getObject(2, OffsetDateTime.class), expiresAt);
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("token_id", token.id());
                    detail.put("name", name);
                    detail.put("expires_at", expiresAt == null ? null : expiresAt.toString());
                    AuditLog.record(c, actor, "token.created", null, "user " + user.username(), detail);
                    return token;
                }
            }
        });
    }

    List<Map<String, Object>> tokens(User viewer, boolean all) throws SQLException {
        List<Map<String, Object>> tokens = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, AccountQueries.LIST_TOKENS,
                     SqlParams.of().bool("all", all).bigint("user_id", viewer.id()))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("id", rs.getLong("id"));
                    t.put("user", rs.getString("username"));
                    t.put("name", rs.getString("name"));
                    t.put("starts_with", rs.getString("shown_prefix"));
                    t.put("created_at", text(rs, "created_at"));
                    t.put("expires_at", text(rs, "expires_at"));
                    t.put("last_used_at", text(rs, "last_used_at"));
                    t.put("revoked_at", text(rs, "revoked_at"));
                    tokens.add(t);
                }
            }
        }
        return tokens;
    }

    /** Revokes a token of {@code user} (any token for an administrator); 404 when there is none such. */
    void revokeToken(long id, User user, Actor actor) throws SQLException {
        inTransaction(c -> {
            try (PreparedStatement ps = Sql.prepare(c, AccountQueries.REVOKE_TOKEN, SqlParams.of().bigint("token_id", id)
                    .bool("any_user", user.isAdmin()).bigint("user_id", user.id()))) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiError.notFound("no token " + id + " of yours that is still valid");
                    }
                    AuditLog.record(c, actor, "token.revoked", null, "token " + id,
                            Map.of("name", rs.getString("name")));
                }
            }
            return null;
        });
    }

    /**
     * The user of a verified single sign-on token, found by issuer and subject, or made on first use; their roles
     * are the token's, written to the row (and audited) when they changed. A deactivated user is refused (401).
     */
    User byOidc(OidcIdentity identity) throws SQLException {
        Optional<StoredUser> found;
        try (Connection c = dataSource.getConnection()) {
            found = oidcUser(c, AccountQueries.USER_BY_OIDC, identity);
        }
        if (found.isPresent() && found.get().active() && found.get().user().roles().equals(identity.roles())) {
            return viaOidc(found.get().user(), identity.roles());
        }
        return inTransaction(c -> {
            for (int attempt = 1; attempt <= MAX_OIDC_NAME_ATTEMPTS; attempt++) {
                Optional<StoredUser> existing = oidcUser(c, AccountQueries.LOCK_OIDC_USER, identity);
                if (existing.isPresent()) {
                    return updateOidcRoles(c, existing.get(), identity);
                }
                Optional<User> made = insertOidcUser(c, identity, identity.username(attempt));
                if (made.isPresent()) {
                    return made.get();
                }
            }
            throw ApiError.conflict("no free user name for the single sign-on user '" + identity.username()
                    + "' after " + MAX_OIDC_NAME_ATTEMPTS + " tries");
        });
    }

    private static Optional<StoredUser> oidcUser(Connection c, String sql, OidcIdentity identity) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, sql,
                SqlParams.of().text("issuer", identity.issuer()).text("subject", identity.subject()))) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs, "oidc")) : Optional.empty();
            }
        }
    }

    private static User updateOidcRoles(Connection c, StoredUser stored, OidcIdentity identity) throws SQLException {
        User old = stored.user();
        if (!stored.active()) {
            throw ApiError.unauthorized("the user '" + old.username() + "' is deactivated on this server;"
                    + " an administrator can activate them again");
        }
        if (old.roles().equals(identity.roles())) {
            return viaOidc(old, identity.roles());
        }
        Sql.update(c, AccountQueries.UPDATE_ROLES, SqlParams.of().array("roles", "text", roleCodes(identity.roles()))
                .bigint("user_id", old.id()));
        User now = viaOidc(old, identity.roles());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("before", auditFields(old, true));
        detail.put("after", auditFields(now, true));
        detail.put("reason", "roles of the single sign-on token of " + identity.issuer());
        AuditLog.record(c, Actor.system("oidc"), "user.changed", null, "user " + old.username(), detail);
        return now;
    }

    /** The new user, or empty when the name is taken or the subject was added meanwhile (the caller looks again). */
    private static Optional<User> insertOidcUser(Connection c, OidcIdentity identity, String username) throws SQLException {
        long id;
        try (PreparedStatement ps = Sql.prepare(c, AccountQueries.INSERT_OIDC_USER, SqlParams.of().text("username", username)
                .text("display_name", identity.displayName()).array("roles", "text", roleCodes(identity.roles()))
                .text("issuer", identity.issuer()).text("subject", identity.subject()))) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getLong(1);
            }
        }
        User user = new User(id, username, identity.displayName(), identity.roles(), List.of(), List.of(), "oidc", null);
        Map<String, Object> detail = auditFields(user, true);
        detail.put("oidc_issuer", identity.issuer());
        detail.put("oidc_subject", identity.subject());
        AuditLog.record(c, Actor.system("oidc"), "user.created", null, "user " + username, detail);
        return Optional.of(user);
    }

    private static User viaOidc(User user, Set<Role> roles) {
        return new User(user.id(), user.username(), user.displayName(), roles, user.compounds(), user.districts(),
                "oidc", null);
    }

    private static Optional<StoredUser> lockUser(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, AccountQueries.LOCK_USER, SqlParams.of().text("username", username))) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs, null)) : Optional.empty();
            }
        }
    }

    private static long otherActiveAdmins(Connection c, long userId) throws SQLException {
        return Sql.oneLong(c, AccountQueries.OTHER_ACTIVE_ADMINS, SqlParams.of().bigint("user_id", userId));
    }

    private static void touchToken(Connection c, long tokenId) throws SQLException {
        Sql.update(c, AccountQueries.TOUCH_TOKEN, SqlParams.of().bigint("token_id", tokenId));
    }

    private static StoredUser stored(ResultSet rs, String via) throws SQLException {
        return new StoredUser(user(rs, via, null), rs.getString("password_hash"), rs.getBoolean("active"));
    }

    private static User user(ResultSet rs, String via, String csrf) throws SQLException {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String code : strings(rs, "roles")) {
            roles.add(Role.parse("roles", code));
        }
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), Set.copyOf(roles),
                strings(rs, "compounds"), strings(rs, "districts"), via, csrf);
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Map<String, Object> auditFields(User user, boolean active) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("display_name", user.displayName());
        fields.put("roles", user.roles().stream().map(Role::code).sorted().toList());
        fields.put("compounds", user.compounds());
        fields.put("districts", user.districts());
        fields.put("active", active);
        return fields;
    }

    private static List<String> roleCodes(Set<Role> roles) {
        return roles.stream().map(Role::code).sorted().toList();
    }

    /** The SHA-256 of a token's or a session's secret, under which it is kept. */
    private static SqlParams secretParam(String secret) {
        return SqlParams.of().bytes("secret_sha256", Secrets.sha256(secret));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static String text(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toString();
    }

    private static void execute(Connection c, String sql) throws SQLException {
        Sql.update(c, sql, SqlParams.of());
    }

    private <T> T inTransaction(Transactions.Work<T> work) throws SQLException {
        return Transactions.inTransaction(dataSource, work);
    }
}
