package cn.compoundgis.accounts;

/** The SQL of accounts, tokens and sessions (tables of migration V24), with named parameters (db/Sql). */
final class AccountQueries {
    private AccountQueries() {
    }

    private static final String USER_COLUMNS =
            "u.id, u.username, u.display_name, u.roles, u.compounds, u.districts";

    static final String USER_BY_NAME = "SELECT " + USER_COLUMNS + ", u.password_hash, u.active"
            + " FROM app_user u WHERE u.username = :username";

    static final String USER_BY_TOKEN = "SELECT " + USER_COLUMNS + ", t.id AS token_id,"
            + " t.last_used_at IS NULL OR t.last_used_at < now() - interval '5 minutes' AS touch"
            + " FROM api_token t JOIN app_user u ON u.id = t.user_id"
            + " WHERE t.secret_sha256 = :secret_sha256 AND t.revoked_at IS NULL"
            + " AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.active";

    static final String TOUCH_TOKEN = "UPDATE api_token SET last_used_at = now() WHERE id = :token_id";

    static final String USER_BY_SESSION = "SELECT " + USER_COLUMNS + ", s.csrf_token"
            + " FROM user_session s JOIN app_user u ON u.id = s.user_id"
            + " WHERE s.secret_sha256 = :secret_sha256 AND s.expires_at > now() AND u.active";

    static final String INSERT_SESSION = "INSERT INTO user_session (secret_sha256, user_id, csrf_token, client_ip, expires_at)"
            + " VALUES (:secret_sha256, :user_id, :csrf_token, :client_ip, now() + make_interval(hours => :hours))";

    static final String DELETE_SESSION = "DELETE FROM user_session WHERE secret_sha256 = :secret_sha256";

    static final String DELETE_EXPIRED_SESSIONS = "DELETE FROM user_session WHERE expires_at <= now()";

    static final String DELETE_SESSIONS_OF_USER = "DELETE FROM user_session WHERE user_id = :user_id";

    static final String INSERT_USER = "INSERT INTO app_user (username, display_name, password_hash, roles, compounds, districts)"
            + " VALUES (:username, :display_name, :password_hash, :roles, :compounds, :districts) RETURNING id";

    static final String LOCK_USER = "SELECT " + USER_COLUMNS + ", u.password_hash, u.active"
            + " FROM app_user u WHERE u.username = :username FOR UPDATE";

    static final String UPDATE_USER = "UPDATE app_user SET display_name = :display_name, password_hash = :password_hash, roles = :roles,"
            + " compounds = :compounds, districts = :districts, active = :active, changed_at = now() WHERE id = :user_id";

    static final String LIST_USERS = "SELECT " + USER_COLUMNS + ", u.active, u.created_at, u.changed_at,"
            + " u.password_hash IS NOT NULL AS has_password, u.oidc_issuer FROM app_user u ORDER BY u.username";

    static final String ANY_ACTIVE_ADMIN = "SELECT EXISTS (SELECT 1 FROM app_user WHERE 'admin' = ANY (roles) AND active)";

    static final String OTHER_ACTIVE_ADMINS = "SELECT count(*) FROM app_user"
            + " WHERE 'admin' = ANY (roles) AND active AND id <> :user_id";

    static final String INSERT_TOKEN = "INSERT INTO api_token (user_id, name, secret_sha256, shown_prefix, expires_at)"
            + " VALUES (:user_id, :name, :secret_sha256, :shown_prefix, :expires_at) ON CONFLICT (secret_sha256) DO NOTHING"
            + " RETURNING id, created_at";

    static final String LIST_TOKENS = "SELECT t.id, t.name, t.shown_prefix, t.created_at, t.expires_at, t.last_used_at,"
            + " t.revoked_at, u.username FROM api_token t JOIN app_user u ON u.id = t.user_id"
            + " WHERE (:all OR t.user_id = :user_id) ORDER BY t.id";

    static final String REVOKE_TOKEN = "UPDATE api_token SET revoked_at = now()"
            + " WHERE id = :token_id AND revoked_at IS NULL AND (:any_user OR user_id = :user_id) RETURNING name, user_id";

    static final String USER_BY_OIDC = "SELECT " + USER_COLUMNS + ", u.password_hash, u.active"
            + " FROM app_user u WHERE u.oidc_issuer = :issuer AND u.oidc_subject = :subject";

    static final String LOCK_OIDC_USER = USER_BY_OIDC + " FOR UPDATE";

    /** Nothing when the subject was added meanwhile or the name is taken: the caller looks again. */
    static final String INSERT_OIDC_USER = "INSERT INTO app_user (username, display_name, roles, oidc_issuer, oidc_subject)"
            + " VALUES (:username, :display_name, :roles, :issuer, :subject) ON CONFLICT DO NOTHING RETURNING id";

    static final String UPDATE_ROLES = "UPDATE app_user SET roles = :roles, changed_at = now() WHERE id = :user_id";

    /** The sign-in failures of two throttle keys since the window's start: per key the count and the oldest. */
    static final String LOGIN_FAILURES = "SELECT key, count(*), min(failed_at) FROM login_failure"
            + " WHERE key IN (:user_key, :ip_key) AND failed_at > :window_start GROUP BY key";

    /** A failure for both keys, and every failure that has left the window forgotten (any key). */
    static final String RECORD_LOGIN_FAILURE = "WITH gone AS (DELETE FROM login_failure WHERE failed_at <= :window_start)"
            + " INSERT INTO login_failure (key, failed_at) VALUES (:user_key, :at), (:ip_key, :at)";

    static final String FORGET_LOGIN_FAILURES = "DELETE FROM login_failure WHERE key = :user_key";
}
