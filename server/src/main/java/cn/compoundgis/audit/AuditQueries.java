package cn.compoundgis.audit;

/** The SQL of the audit trail (table audit_event, migration V24). */
final class AuditQueries {
    private AuditQueries() {
    }

    static final String INSERT = "INSERT INTO audit_event (user_id, username, client_ip, action, compound_code, target, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)";

    /** Filters that are null match everything; newest first, one row more than the page to tell if there is a next. */
    static final String PAGE = "SELECT id, at, username, client_ip, action, compound_code, target, detail::text AS detail"
            + " FROM audit_event"
            + " WHERE (?::text IS NULL OR username = ?)"
            + " AND (?::text IS NULL OR compound_code = ?)"
            + " AND (?::text IS NULL OR action = ? OR action LIKE ? || '.%')"
            + " AND (?::timestamptz IS NULL OR at >= ?)"
            + " AND (?::timestamptz IS NULL OR at < ?)"
            + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?";
}
