package cn.compoundgis.audit;

/** The SQL of the audit trail (table audit_event, migration V24). */
final class AuditQueries {
    private AuditQueries() {
    }

    static final String INSERT = "INSERT INTO audit_event (user_id, username, client_ip, action, compound_code, target, detail)"
            + " VALUES (:user_id, :username, :client_ip, :action, :compound, :target, :detail::jsonb)";

    /** Filters that are null match everything; newest first, one row more than the page to tell if there is a next. */
    static final String PAGE = "SELECT id, at, username, client_ip, action, compound_code, target, detail::text AS detail"
            + " FROM audit_event"
            + " WHERE (:user::text IS NULL OR username = :user)"
            + " AND (:compound::text IS NULL OR compound_code = :compound)"
            + " AND (:action::text IS NULL OR action = :action OR action LIKE :action || '.%')"
            + " AND (:since::timestamptz IS NULL OR at >= :since)"
            + " AND (:until::timestamptz IS NULL OR at < :until)"
            + " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset";
}
