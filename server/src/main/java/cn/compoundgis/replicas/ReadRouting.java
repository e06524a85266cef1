package cn.compoundgis.replicas;

import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.db.Database;
import cn.compoundgis.db.PoolWrapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Where reads go: the DataSource handed to the Apis that only read. Each connection comes from a healthy
 * streaming replica (round robin) that is within the lag limit and has replayed the current user's last write;
 * else from the primary. Writes never come here: they take the primary ({@link #primary()}).
 * <p>
 * The current user is set per request ({@link #runAs}); their writes are recorded after the request
 * ({@link #recordWrite}) as the primary's WAL position, in this process's memory.
 */
public final class ReadRouting extends PoolWrapper implements AutoCloseable {
    /** How long a user's write keeps mattering: far past any lag limit a replica in use may have. */
    static final long WRITE_MEMORY_MS = TimeUnit.MINUTES.toMillis(5);
    private static final Logger LOG = Logger.getLogger(ReadRouting.class.getName());
    private static final ThreadLocal<String> READER = new ThreadLocal<>();

    /** Work of one request, as the user who made it. */
    public interface Work {
        void run() throws Exception;
    }

    private final List<Replica> replicas;
    private final int maxLagSeconds;
    private final RecentWrites writes = new RecentWrites(TimeUnit.MILLISECONDS.toNanos(WRITE_MEMORY_MS));
    private final AtomicInteger next = new AtomicInteger();

    private ReadRouting(DataSource primary, List<Replica> replicas, int maxLagSeconds) {
        super(primary);
        this.replicas = replicas;
        this.maxLagSeconds = maxLagSeconds;
    }

    /** No replicas: every read goes to the primary. */
    public static ReadRouting primaryOnly(DataSource primary) {
        return new ReadRouting(primary, List.of(), ReplicaSettings.DEFAULT_MAX_LAG_SECONDS);
    }

    /** A pool per replica of {@code settings}, with the primary's pool size, statement timeout and warm-up. */
    public static ReadRouting start(DataSource primary, ReplicaSettings settings, int poolSize, long statementTimeoutMs,
                                    int workingSrid) {
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < settings.replicas().size(); i++) {
            ConnectionInfo info = settings.replicas().get(i);
            String name = "replica-" + (i + 1) + " (" + info.jdbcUrl() + ")";
            replicas.add(new Replica(name, Database.replicaPool(info, poolSize, statementTimeoutMs, workingSrid, i + 1)));
            LOG.info("reads may go to " + name);
        }
        return new ReadRouting(primary, List.copyOf(replicas), settings.maxLagSeconds());
    }

    public DataSource primary() {
        return pool();
    }

    /** Runs {@code work} with {@code username} (null: anonymous) as the reader whose writes reads must see. */
    public void runAs(String username, Work work) throws Exception {
        String outer = READER.get();
        READER.set(username);
        try {
            work.run();
        } finally {
            if (outer == null) {
                READER.remove();
            } else {
                READER.set(outer);
            }
        }
    }

    /**
     * {@code username} has just committed: their reads go to the primary until a replica has replayed what the
     * primary has written so far. Nothing to do without replicas. If the primary cannot say (it is going down),
     * the write is not remembered: the user's reads go where anyone's go.
     */
    public void recordWrite(String username) {
        if (replicas.isEmpty() || username == null) {
            return;
        }
        try (Connection c = pool().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(ReplicaQueries.PRIMARY_WAL_LSN)) {
            rs.next();
            writes.record(username, Lsn.parse(rs.getString(1)));
        } catch (SQLException e) {
            LOG.warning("could not read the primary's WAL position after a write by " + username + ": " + e.getMessage());
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!replicas.isEmpty()) {
            long required = writes.requiredFor(READER.get());
            int first = Math.floorMod(next.getAndIncrement(), replicas.size());
            for (int i = 0; i < replicas.size(); i++) {
                Optional<Connection> c = replicas.get((first + i) % replicas.size()).connectionFor(required, maxLagSeconds);
                if (c.isPresent()) {
                    return c.get();
                }
            }
        }
        return pool().getConnection();
    }

    /** Closes the replicas' pools (the primary's belongs to the server). */
    @Override
    public void close() {
        replicas.forEach(Replica::close);
    }
}
