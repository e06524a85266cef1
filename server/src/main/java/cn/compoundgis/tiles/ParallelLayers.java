package cn.compoundgis.tiles;

import cn.compoundgis.db.ConnectionsAtOnce;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes a tile of several layers on the request's connection and, while a helper is free, on a second connection at
 * once (tiles.json "layers"): each connection takes the next layer not yet taken, and the tile is the layers' MVT bytes
 * in the rules' order. PostgreSQL runs a statement on one CPU, so two connections use two.
 * <p>
 * The second connection is taken on the request's thread (read routing knows the request's user there), only from a
 * pool with an idle connection now (with read replicas, a replica's that serves the read), and used only
 * if the change counters it sees are no older than those the ETag was made of: with read replicas it may come from
 * another replica, and a tile must never be older than its ETag. A layer the helper did not make (it failed, or was
 * behind) is made on the request's connection. At most {@code helpers} second connections are held at once, fewer
 * than the pool has, so requests that wait for a second connection never hold every connection.
 */
final class ParallelLayers {
    private static final Logger LOG = Logger.getLogger(ParallelLayers.class.getName());
    private static final long IDLE_THREAD_SECONDS = 30;

    /** What a tile was made of: its bytes, and how many of its layers the second connection made. */
    record Made(byte[] tile, int layersOnSecondConnection) {
    }

    private final DataSource dataSource;
    private final TileQueries queries;
    private final Semaphore helpers;
    private final ThreadPoolExecutor threads;

    ParallelLayers(DataSource dataSource, TileQueries queries, int helpers) {
        this.dataSource = dataSource;
        this.queries = queries;
        this.helpers = new Semaphore(helpers);
        AtomicInteger number = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(Math.max(1, helpers), Math.max(1, helpers), IDLE_THREAD_SECONDS,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "tile-layers-" + number.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        threads.allowCoreThreadTimeOut(true);
    }

    /** The tile of {@code layers} at z/x/y; {@code epochs} are those {@code c} read for the tile's ETag. */
    Made tile(Connection c, Map<String, Long> epochs, List<TileRules.LayerRule> layers, int z, long x, long y)
            throws SQLException {
        if (layers.size() < 2 || !helpers.tryAcquire()) {
            return new Made(queries.tile(c, layers, z, x, y), 0);
        }
        Layers work = new Layers(layers, z, x, y);
        Optional<Future<Integer>> helper;
        try {
            helper = help(work, epochs);
        } catch (SQLException | RejectedExecutionException e) {
            LOG.log(Level.FINE, "no second connection for a tile's layers", e);
            helper = Optional.empty();
        }
        if (helper.isEmpty()) {
            return new Made(queries.tile(c, layers, z, x, y), 0);
        }
        try {
            work.makeOn(c);
        } catch (SQLException | RuntimeException e) {
            work.stop();
            throw e;
        }
        int onSecond = awaitHelper(helper.get());
        return new Made(work.finishOn(c), onSecond);
    }

    /**
     * Starts the helper on a second connection if one comes at once ({@link ConnectionsAtOnce}: with none idle, the
     * tile is made sooner on the request's connection alone than after waiting for one while holding it). The permit
     * is the caller's, released when the helper is done or does not start.
     */
    private Optional<Future<Integer>> help(Layers work, Map<String, Long> epochs) throws SQLException {
        Optional<Connection> atOnce;
        try {
            atOnce = ConnectionsAtOnce.from(dataSource);
        } catch (SQLException | RuntimeException e) {
            helpers.release();
            throw e;
        }
        if (atOnce.isEmpty()) {
            helpers.release();
            return Optional.empty();
        }
        Connection second = atOnce.get();
        try {
            return Optional.of(threads.submit(() -> {
                try (second) {
                    return notOlder(queries.epochs(second, List.copyOf(epochs.keySet())), epochs) ? work.makeOn(second) : 0;
                } finally {
                    helpers.release();
                }
            }));
        } catch (RejectedExecutionException e) {
            closeQuietly(second);
            helpers.release();
            throw e;
        }
    }

    /** How many layers the helper made; 0 if it failed (its layers are made on the request's connection). */
    private static int awaitHelper(Future<Integer> helper) {
        try {
            return helper.get();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "a tile's second connection failed; its layers are made on the first", e.getCause());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a tile's layers were made", e);
        }
    }

    static boolean notOlder(Map<String, Long> seen, Map<String, Long> required) {
        return required.entrySet().stream().allMatch(r -> seen.getOrDefault(r.getKey(), Long.MIN_VALUE) >= r.getValue());
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "closing an unused second connection", e);
        }
    }

    /** The layers of one tile, taken one at a time by the connections that make them. */
    private final class Layers {
        private final List<TileRules.LayerRule> layers;
        private final int z;
        private final long x;
        private final long y;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicReferenceArray<byte[]> made;
        private final AtomicBoolean stopped = new AtomicBoolean();

        Layers(List<TileRules.LayerRule> layers, int z, long x, long y) {
            this.layers = layers;
            this.z = z;
            this.x = x;
            this.y = y;
            this.made = new AtomicReferenceArray<>(layers.size());
        }

        /** Makes layers not yet taken on {@code c} until none is left; how many it made. */
        int makeOn(Connection c) throws SQLException {
            int count = 0;
            for (int i = next.getAndIncrement(); i < layers.size() && !stopped.get(); i = next.getAndIncrement()) {
                made.set(i, queries.tile(c, List.of(layers.get(i)), z, x, y));
                count++;
            }
            return count;
        }

        void stop() {
            stopped.set(true);
        }

        /** The tile: every layer in order, those still missing made on {@code c}. */
        byte[] finishOn(Connection c) throws SQLException {
            ByteArrayOutputStream tile = new ByteArrayOutputStream();
            for (int i = 0; i < layers.size(); i++) {
                byte[] layer = made.get(i);
                tile.writeBytes(layer != null ? layer : queries.tile(c, List.of(layers.get(i)), z, x, y));
            }
            return tile.toByteArray();
        }
    }
}
