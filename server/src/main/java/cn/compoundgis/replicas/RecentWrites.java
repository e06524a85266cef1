package cn.compoundgis.replicas;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per user, the WAL position of their last write, so that their reads wait for a replica that has replayed it
 * (read-your-writes). In this process's memory only: another server process behind the same proxy does not know
 * it. Bounded (the oldest entry goes first) and entries expire: past the lag limit no replica in use is that far
 * behind anyway.
 */
final class RecentWrites {
    /** Enough for every user writing at once in a city's office; an evicted user only reads a replica sooner. */
    static final int MAX_USERS = 10_000;

    private record Write(long lsn, long atNanos) {
    }

    private final long expiryNanos;
    private final Map<String, Write> byUser = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Write> eldest) {
            return size() > MAX_USERS;
        }
    };

    RecentWrites(long expiryNanos) {
        this.expiryNanos = expiryNanos;
    }

    synchronized void record(String username, long lsn) {
        Write earlier = byUser.remove(username);
        long newest = earlier == null ? lsn : Math.max(lsn, earlier.lsn());
        byUser.put(username, new Write(newest, System.nanoTime()));
    }

    /** The position {@code username}'s reads must see, or {@link Lsn#NONE}. */
    synchronized long requiredFor(String username) {
        if (username == null) {
            return Lsn.NONE;
        }
        Write write = byUser.get(username);
        if (write == null) {
            return Lsn.NONE;
        }
        if (System.nanoTime() - write.atNanos() > expiryNanos) {
            byUser.remove(username);
            return Lsn.NONE;
        }
        return write.lsn();
    }
}
