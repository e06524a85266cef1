package cn.compoundgis.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/** Reads what a failure from the database means for the client: try again later, or bad data. */
public final class DatabaseErrors {
    /** admin_shutdown, crash_shutdown, cannot_connect_now (starting up or in recovery), too_many_connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    private static final String CONNECTION_CLASS = "08";
    private static final String DATA_EXCEPTION_CLASS = "22";
    /** serialization_failure, deadlock_detected: two requests changed the same rows at once. */
    private static final String TRANSACTION_ROLLBACK_CLASS = "40";
    private static final int MAX_CAUSES = 20;

    private DatabaseErrors() {
    }

    /**
     * True when the database cannot be reached right now (it is restarting, recovering from a crash, or no
     * pooled connection came within the pool's timeout): the request may succeed if repeated.
     */
    public static boolean isUnavailable(Throwable failure) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_CLASS) || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** True when the transaction was rolled back because a concurrent one won (deadlock, serialization). */
    public static boolean isConcurrentChange(Throwable failure) {
        return withStateClass(failure, TRANSACTION_ROLLBACK_CLASS).isPresent();
    }

    /**
     * PostgreSQL's "data exception" (SQLSTATE class 22: a NUL byte in text, a value out of range, text that is
     * not a number) when a request value got past the checks: the client's data, not the server, is wrong.
     */
    public static Optional<SQLException> dataException(Throwable failure) {
        return withStateClass(failure, DATA_EXCEPTION_CLASS);
    }

    private static Optional<SQLException> withStateClass(Throwable failure, String stateClass) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(stateClass)) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
