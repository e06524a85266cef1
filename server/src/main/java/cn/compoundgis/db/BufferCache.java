package cn.compoundgis.db;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * How much of the city the private cluster keeps in memory. PostgreSQL's default of 128 MB of shared buffers holds
 * a tenth of a 1 M-pipe city (1.5 GB), and a page not in them is read from the disk: a machine may keep no file
 * cache of its own (the benchmark VM kept under 1 GB), so a z16 tile over pipes nobody had asked for since the start
 * took 32-51 ms instead of 14-22 (EXPLAIN ANALYZE on the bench city, 2026-12-07). The cluster therefore gets a
 * quarter of the machine's memory, the PostgreSQL manual's starting point for a dedicated server (Server
 * Configuration, Resource Consumption, shared_buffers), and PostgreSQL's own pg_prewarm loads what its buffers held
 * at the last stop again after a start (autoprewarm), so that a restart does not make every view cold again.
 */
final class BufferCache {
    /** PostgreSQL's default, never less. */
    private static final long MIN_MEGABYTES = 128;
    /** The manual: "a reasonable starting value for shared_buffers is 25% of the memory in your system". */
    private static final double SHARE_OF_MEMORY = 0.25;
    private static final long MEGABYTE = 1024L * 1024L;

    private BufferCache() {
    }

    /** The pg_ctl -o options that size the buffers for this machine and restore them after a restart. */
    static String options() {
        return " -c shared_buffers=" + sharedBuffersMegabytes(physicalMemoryBytes()) + "MB"
                + " -c shared_preload_libraries=pg_prewarm -c pg_prewarm.autoprewarm=on";
    }

    static long sharedBuffersMegabytes(long physicalMemoryBytes) {
        return Math.max(MIN_MEGABYTES, (long) (physicalMemoryBytes * SHARE_OF_MEMORY) / MEGABYTE);
    }

    private static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0; // unknown: PostgreSQL's default
    }
}
