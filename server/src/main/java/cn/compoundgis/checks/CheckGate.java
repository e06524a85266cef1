package cn.compoundgis.checks;

import cn.compoundgis.db.StatementTimeout;
import cn.compoundgis.http.ApiError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Keeps the checks from exhausting the server (issue 10 point 5): at most {@code max_concurrent_checks} run at
 * once (the rest wait up to {@code queue_wait_s}, then get 503 with Retry-After); each request has
 * {@code statement_timeout_s} in all, enforced by the database on every connection it takes ({@link #dataSource()})
 * and by {@link #checkTime()} in long loops; a timeout is a 422 {@code TimeLimitExceeded}, not a 500. When the
 * server stops, running statements are cancelled so that it stops promptly.
 */
public final class CheckGate {
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private final CheckLimits limits;
    private final Semaphore running;
    private final CheckConnections connections;
    private final CheckConnections primaryConnections;
    private volatile boolean stopping;

    public CheckGate(DataSource pool, CheckLimits limits) {
        this(pool, pool, limits);
    }

    /**
     * Checks that only read run on {@code reads} (a read replica may serve them); those that make a temporary
     * table (clearance, dig), which a hot standby refuses, on {@code primary}.
     */
    public CheckGate(DataSource primary, DataSource reads, CheckLimits limits) {
        this.limits = limits;
        this.running = new Semaphore(limits.maxConcurrentChecks(), true);
        this.connections = new CheckConnections(reads, this);
        this.primaryConnections = primary == reads ? connections : new CheckConnections(primary, this);
    }

    public CheckLimits limits() {
        return limits;
    }

    /** {@code GET /api/checks/limits}: the limits in force, with their notes. */
    public void showLimits(Context ctx) {
        ctx.json(limits.document());
    }

    /** The pool as the checks must use it: every connection in a transaction with SET LOCAL statement_timeout. */
    public DataSource dataSource() {
        return connections;
    }

    /** The same on the primary, for checks that write a temporary table. */
    public DataSource primaryDataSource() {
        return primaryConnections;
    }

    /** {@code check} run under the gate: its turn, its time, and its timeout answered as JSON. */
    public Handler guard(Handler check) {
        return ctx -> {
            enter(ctx);
            DEADLINE.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.statementTimeoutMs()));
            try {
                check.handle(ctx);
            } catch (SQLException e) {
                throw translated(e);
            } finally {
                DEADLINE.remove();
                running.release();
            }
        };
    }

    private void enter(Context ctx) throws InterruptedException {
        if (stopping) {
            throw busy(ctx, "the server is stopping");
        }
        if (!running.tryAcquire(limits.queueWaitS(), TimeUnit.SECONDS)) {
            throw busy(ctx, limits.maxConcurrentChecks() + " checks are running (max_concurrent_checks) and none finished within "
                    + limits.queueWaitS() + " s");
        }
    }

    private ApiError busy(Context ctx, String why) {
        ctx.header("Retry-After", String.valueOf(limits.retryAfterS()));
        return ApiError.of(503, "Busy", why + "; try again in " + limits.retryAfterS() + " s");
    }

    /** A statement timeout or cancel as the client should see it; any other database error unchanged. */
    public Exception translated(SQLException e) {
        return cancelled(e) ? timeUp() : e;
    }

    /** Whether {@code e} (or a cause) is PostgreSQL cancelling a statement. */
    public static boolean cancelled(Throwable e) {
        return StatementTimeout.cancelled(e);
    }

    /** The refusal for a check whose time ran out (or that was cancelled because the server stops). */
    public ApiError timeUp() {
        if (stopping) {
            return ApiError.of(503, "Busy", "the server is stopping; the check was cancelled");
        }
        return ApiError.of(422, "TimeLimitExceeded", "the check ran longer than its limit of "
                + seconds(limits.statementTimeoutMs()) + " s (statement_timeout_s in check-limits.json, CHECK_TIMEOUT_S):"
                + " narrow the area or the design, or split it");
    }

    /** Throws {@link #timeUp()} when the current request's time is over; cheap enough for every row of a loop. */
    public void checkTime() {
        if (remainingMs() <= 0) {
            throw timeUp();
        }
    }

    /** What is left of the current request's time; the whole limit outside a guarded request. */
    long remainingMs() {
        Long deadline = DEADLINE.get();
        if (deadline == null) {
            return limits.statementTimeoutMs();
        }
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    /** Refuses new checks and cancels the statements of running ones (the server is stopping). */
    public void stop() {
        stopping = true;
        connections.cancelAll();
        if (primaryConnections != connections) {
            primaryConnections.cancelAll();
        }
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
    }
}
