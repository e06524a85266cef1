package cn.compoundgis.replicas;

import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.db.ConnectionsAtOnce;
import cn.compoundgis.db.Database;
import cn.compoundgis.db.PoolWrapper;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Where reads go: the DataSource handed to the Apis that only read. Each connection comes from a healthy
 * streaming replica (round robin) that is within the lag limit and has replayed the current user's last write: the
 * first such replica with an idle connection, else one whose pool may still open a connection; when every connection
 * of all of them is busy, the first that frees one within its pool's connection timeout; else from the primary.
 * Writes never come here: they take the primary ({@link #primary()}).
 * <p>
 * The current user is set per request ({@link #runAs}); their writes are recorded after the request
 * ({@link #recordWrite}) as the primary's WAL position, in the primary (table {@code user_last_write}), so that
 * every server process sharing the database routes the user's next reads alike. The position is asked once per
 * request, of the primary, and only for a signed-in user when there are replicas.
 */
public final class ReadRouting extends PoolWrapper implements ConnectionsAtOnce, AutoCloseable {
    /** How long a user's write keeps mattering: far past any lag limit a replica in use may have. */
    static final long WRITE_MEMORY_MS = TimeUnit.MINUTES.toMillis(5);
    private static final Logger LOG = Logger.getLogger(ReadRouting.class.getName());
    private static final ThreadLocal<Reader> READER = new ThreadLocal<>();

    /** Work of one request, as the user who made it. */
    public interface Work {
        void run() throws Exception;
    }

    private final List<Replica> replicas;
    private final int maxLagSeconds;
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
            replicas.add(new Replica(name, Database.replicaPool(info, poolSize, statementTimeoutMs, workingSrid, i + 1),
                    Database.replicaStatusPool(info, statementTimeoutMs, i + 1)));
            LOG.info("reads may go to " + name);
        }
        return new ReadRouting(primary, List.copyOf(replicas), settings.maxLagSeconds());
    }

    public DataSource primary() {
        return pool();
    }

    /** Runs {@code work} with {@code username} (null: anonymous) as the reader whose writes reads must see. */
    public void runAs(String username, Work work) throws Exception {
        Reader outer = READER.get();
        READER.set(new Reader(username));
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
        try (Connection c = pool().getConnection()) {
            Sql.update(c, ReplicaQueries.RECORD_WRITE, SqlParams.of().text("username", username));
        } catch (SQLException e) {
            LOG.warning("could not record the primary's WAL position after a write by " + username + ": " + e.getMessage());
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (replicas.isEmpty()) {
            return pool().getConnection();
        }
        List<Replica> serving = servingInTurn(requiredPosition());
        Optional<Connection> idle = idleConnection(serving);
        if (idle.isPresent()) {
            return idle.get();
        }
        // none has an idle connection: first those that may still open one, then wait for one (each in turn, up to its
        // pool's timeout) before the primary
        List<Replica> inWaitingOrder = new ArrayList<>(serving);
        inWaitingOrder.sort(Comparator.comparing(Replica::everyConnectionBusy));
        for (Replica replica : inWaitingOrder) {
            Optional<Connection> c = replica.connection();
            if (c.isPresent()) {
                return c.get();
            }
        }
        return pool().getConnection();
    }

    /** Whether every replica's pool has opened all its connections (for tests that hold them all). */
    boolean everyReplicaPoolIsFull() {
        return replicas.stream().allMatch(Replica::poolIsFull);
    }

    /** An idle connection of the first of {@code serving} that has one now; else empty. */
    private static Optional<Connection> idleConnection(List<Replica> serving) throws SQLException {
        for (Replica replica : serving) {
            if (replica.hasIdleConnection()) {
                Optional<Connection> c = replica.connection();
                if (c.isPresent()) {
                    return c;
                }
            }
        }
        return Optional.empty();
    }

    /** The replicas that serve a read that must see {@code required}, in the order this read tries them. */
    private List<Replica> servingInTurn(long required) {
        List<Replica> serving = new ArrayList<>();
        for (Replica replica : replicasInTurn()) {
            if (replica.serves(required, maxLagSeconds)) {
                serving.add(replica);
            }
        }
        return serving;
    }

    /**
     * A connection for a read that is better done without than waited for, routed as {@link #getConnection}: from the
     * next replica that serves the read and has an idle connection; empty when the replicas that serve it have none
     * (the primary is not asked to carry what the replicas are for); from the primary only when no replica serves
     * the read, and if it has an idle connection.
     */
    @Override
    public Optional<Connection> connectionAtOnce() throws SQLException {
        List<Replica> serving = replicas.isEmpty() ? List.of() : servingInTurn(requiredPosition());
        Optional<Connection> idle = idleConnection(serving);
        if (idle.isPresent()) {
            return idle;
        }
        if (!serving.isEmpty() || !ConnectionsAtOnce.hasIdleConnection(pool())) {
            return Optional.empty();
        }
        return Optional.of(pool().getConnection());
    }

    /** The replicas in the order this read tries them: round robin, each read starting at the next one. */
    private List<Replica> replicasInTurn() {
        if (replicas.size() < 2) {
            return replicas;
        }
        int first = Math.floorMod(next.getAndIncrement(), replicas.size());
        List<Replica> inTurn = new ArrayList<>(replicas.subList(first, replicas.size()));
        inTurn.addAll(replicas.subList(0, first));
        return inTurn;
    }

    /** The WAL position the current request's reads must see: asked of the primary once a request. */
    private long requiredPosition() {
        Reader reader = READER.get();
        if (reader == null || reader.username == null) {
            return Lsn.NONE;
        }
        if (reader.required < 0) {
            reader.required = lastWrite(reader.username);
        }
        return reader.required;
    }

    private long lastWrite(String username) {
        try (Connection c = pool().getConnection()) {
            return Sql.optionalText(c, ReplicaQueries.REQUIRED_LSN, SqlParams.of().text("username", username)
                    .bigint("seconds", TimeUnit.MILLISECONDS.toSeconds(WRITE_MEMORY_MS))).map(Lsn::parse).orElse(Lsn.NONE);
        } catch (SQLException e) {
            LOG.warning("could not read the last write of " + username + " from the primary: " + e.getMessage());
            return Lsn.NONE;
        }
    }

    /** The user of one request, and their last write's position once asked (-1: not yet). */
    private static final class Reader {
        final String username;
        long required = -1;

        Reader(String username) {
            this.username = username;
        }
    }

    /** Closes the replicas' pools (the primary's belongs to the server). */
    @Override
    public void close() {
        replicas.forEach(Replica::close);
    }
}
