package cn.compoundgis.features;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a statement's rows on a reader thread while the request's thread writes the rows already read, so that
 * reading them from PostgreSQL (pgjdbc's work) and writing them to the client overlap. A hundred-odd rows are handed
 * over at a time and at most {@value #HANDOVERS_QUEUED} hand-overs wait, so the heap holds a few hundred rows however
 * many the page has, and a slow client holds the reader (and PostgreSQL, through the socket) back.
 */
final class RowPipeline {
    private static final int ROWS_PER_HANDOVER = 125;
    private static final int HANDOVERS_QUEUED = 5;
    private static final long POLL_MS = 100;
    private static final AtomicInteger READERS_MADE = new AtomicInteger();
    /** Bounded in practice by the connection pool: each reader runs a statement on a connection of its request. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "feature-rows-" + READERS_MADE.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Where the rows come from: each row's columns as text, null at the end. */
    interface RowSource extends AutoCloseable {
        TextRow next() throws SQLException;

        /** Called once the reader stops, at the end or not: stops the statement if it is still sending. */
        @Override
        void close() throws SQLException;
    }

    /** What the request's thread does with each row, in order. */
    interface RowWriter {
        void write(TextRow row) throws IOException;
    }

    /** How many rows were written, and the count a page's first row carried (column {@code countColumn}). */
    record Result(long written, OptionalLong matched) {
    }

    private record Handover(List<TextRow> rows, boolean last) {
    }

    private final BlockingQueue<Handover> queue = new ArrayBlockingQueue<>(HANDOVERS_QUEUED);
    private volatile boolean abandoned;
    private volatile long matched = -1;

    private RowPipeline() {
    }

    /**
     * Reads {@code source} on a reader thread and gives {@code writer} its rows; the statement's exception, or the
     * writer's, is thrown here once the reader has stopped and closed the source, so the caller may then use the
     * connection again.
     *
     * @param countColumn the 1-based column whose first row holds the number matched, or 0 for none
     */
    static Result run(RowSource source, int countColumn, RowWriter writer) throws SQLException, IOException {
        RowPipeline pipeline = new RowPipeline();
        Future<?> reader = READERS.submit(() -> {
            pipeline.read(source, countColumn);
            return null;
        });
        long written = 0;
        try {
            for (Handover h = pipeline.take(reader); !h.last(); h = pipeline.take(reader)) {
                for (TextRow row : h.rows()) {
                    writer.write(row);
                    written++;
                }
            }
        } catch (IOException | RuntimeException e) {
            pipeline.abandoned = true;
            pipeline.await(reader);
            throw e;
        }
        pipeline.await(reader);
        return new Result(written, pipeline.matched >= 0 ? OptionalLong.of(pipeline.matched) : OptionalLong.empty());
    }

    private void read(RowSource source, int countColumn) throws SQLException, InterruptedException {
        try (source) {
            List<TextRow> rows = new ArrayList<>(ROWS_PER_HANDOVER);
            for (TextRow row = source.next(); row != null && !abandoned; row = source.next()) {
                if (countColumn > 0 && matched < 0) {
                    matched = row.asLong(countColumn - 1);
                }
                rows.add(row);
                if (rows.size() == ROWS_PER_HANDOVER) {
                    hand(new Handover(rows, false));
                    rows = new ArrayList<>(ROWS_PER_HANDOVER);
                }
            }
            hand(new Handover(rows, false));
        } finally {
            hand(new Handover(List.of(), true));
        }
    }

    /** Waits for room in the queue, unless the request's thread has stopped taking. */
    private void hand(Handover h) throws InterruptedException {
        while (!abandoned && !queue.offer(h, POLL_MS, TimeUnit.MILLISECONDS)) {
            // the client is slow: the reader, and PostgreSQL behind the socket, wait with it
        }
    }

    /** The next hand-over; the reader's failure as soon as it has failed. */
    private Handover take(Future<?> reader) throws SQLException, IOException {
        try {
            while (true) {
                Handover h = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (h != null) {
                    return h;
                }
                if (reader.isDone() && queue.isEmpty()) {
                    await(reader);
                    return new Handover(List.of(), true);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while streaming features", e);
        }
    }

    /**
     * Waits for the reader to stop, even when this thread is interrupted (the server stopping): the connection
     * must not be given back while the reader still uses it. An interrupted wait abandons the page; the reader
     * stops at its next row, which the statement timeout bounds.
     */
    private void await(Future<?> reader) throws SQLException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    reader.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                    abandoned = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof SQLException sql) {
                        throw sql;
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException("reading features failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
