package cn.compoundgis.db;

import java.sql.SQLException;

/** Recognises a statement that PostgreSQL cancelled: statement_timeout, or a cancel request. */
public final class StatementTimeout {
    /** SQLSTATE query_canceled. */
    public static final String QUERY_CANCELED = "57014";

    private StatementTimeout() {
    }

    /** Whether {@code e} or one of its causes is a cancelled statement. */
    public static boolean cancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && QUERY_CANCELED.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
