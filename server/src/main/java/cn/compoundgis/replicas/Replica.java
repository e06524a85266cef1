package cn.compoundgis.replicas;

import cn.compoundgis.db.ConnectionsAtOnce;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One streaming replica: its pool, what it has replayed (asked at most every {@value #STATUS_CACHE_MS} ms, not on
 * every read, on a connection of its own), and whether it is down (a failed connection or status query puts it out of
 * use for {@value #DOWN_FOR_MS} ms; then it is tried again; a pool whose connections are all busy, or still being
 * opened, is not a failure).
 */
final class Replica implements AutoCloseable {
    /** Fresh enough for read-your-writes, rare enough that the status query is not a second query per read. */
    static final long STATUS_CACHE_MS = 100;
    /** Long enough that a dead replica does not slow every read; short enough to come back soon after a restart. */
    static final long DOWN_FOR_MS = 5_000;
    private static final Logger LOG = Logger.getLogger(Replica.class.getName());

    /** What the replica said about itself, and when. */
    private record Status(boolean inRecovery, long replayLsn, double lagSeconds, long atNanos) {
    }

    private final String name;
    private final HikariDataSource pool;
    /** Asks the status, apart from the reads' pool (Database.replicaStatusPool). */
    private final HikariDataSource statusPool;
    private volatile Status status;
    private volatile long downUntilNanos;

    Replica(String name, HikariDataSource pool, HikariDataSource statusPool) {
        this.name = name;
        this.pool = pool;
        this.statusPool = statusPool;
    }

    /**
     * Whether a read that must see {@code requiredLsn} may come here now: the replica is up, still a replica,
     * within {@code maxLagSeconds} and has replayed that far.
     */
    boolean serves(long requiredLsn, int maxLagSeconds) {
        if (isDown()) {
            return false;
        }
        try {
            Status now = status();
            return now.inRecovery() && now.lagSeconds() <= maxLagSeconds && now.replayLsn() >= requiredLsn;
        } catch (SQLException e) {
            markDown(e);
            return false;
        }
    }

    /**
     * A connection of the replica's pool; empty if the pool cannot give one in its timeout. The replica is then down
     * for a while if opening a connection to it failed; if none failed, every connection was busy or still being
     * opened (a pool filling after a start), and this read goes elsewhere while the next ones come here again.
     * HikariCP's timeout carries the pool's last failure to connect as its cause, and none once a connection opened.
     */
    Optional<Connection> connection() {
        try {
            return Optional.of(pool.getConnection());
        } catch (SQLException e) {
            if (e.getCause() == null) {
                LOG.fine(() -> "replica " + name + " has no free connection: " + e.getMessage());
            } else {
                markDown(e);
            }
            return Optional.empty();
        }
    }

    /** Whether a failure has put the replica out of use for now. */
    boolean isDown() {
        return System.nanoTime() < downUntilNanos;
    }

    /** Whether the replica's pool holds every connection it may (HikariCP opens them one at a time after a start). */
    boolean poolIsFull() {
        HikariPoolMXBean state = pool.getHikariPoolMXBean();
        return state != null && state.getTotalConnections() >= pool.getMaximumPoolSize();
    }

    /** Whether every connection the replica's pool may hold is in use (a read would wait for one). */
    boolean everyConnectionBusy() {
        HikariPoolMXBean state = pool.getHikariPoolMXBean();
        return state != null && state.getActiveConnections() >= pool.getMaximumPoolSize();
    }

    /** Whether the replica's pool has an idle connection now ({@link ConnectionsAtOnce}). */
    boolean hasIdleConnection() throws SQLException {
        return ConnectionsAtOnce.hasIdleConnection(pool);
    }

    private Status status() throws SQLException {
        Status known = status;
        if (known != null && System.nanoTime() - known.atNanos() < STATUS_CACHE_MS * 1_000_000) {
            return known;
        }
        synchronized (this) {
            known = status;
            if (known != null && System.nanoTime() - known.atNanos() < STATUS_CACHE_MS * 1_000_000) {
                return known;
            }
            status = ask();
            return status;
        }
    }

    private Status ask() throws SQLException {
        try (Connection c = statusPool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(ReplicaQueries.REPLICA_STATUS)) {
            rs.next();
            boolean inRecovery = rs.getBoolean(1);
            String replayed = rs.getString(2);
            long replayLsn = replayed == null ? Lsn.NONE : Lsn.parse(replayed);
            return new Status(inRecovery && replayed != null, replayLsn, rs.getDouble(3), System.nanoTime());
        }
    }

    private void markDown(SQLException e) {
        if (System.nanoTime() >= downUntilNanos) {
            LOG.warning("replica " + name + " is not answering (" + e.getMessage() + "); reading from the primary for "
                    + DOWN_FOR_MS + " ms");
        }
        status = null;
        downUntilNanos = System.nanoTime() + DOWN_FOR_MS * 1_000_000;
    }

    @Override
    public void close() {
        pool.close();
        statusPool.close();
    }
}
