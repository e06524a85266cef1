package cn.compoundgis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Prints what a benchmark measured: the machine first, then one line per timing (median, min, max of n runs). */
final class BenchReport {
    /** Runs before measuring (JIT, caches), then measured runs. */
    static final int WARM_UP = 2;
    static final int RUNS = 7;

    record Timing(double medianMs, double minMs, double maxMs) {
    }

    /** Median and 95th percentile (nearest rank) of the measured runs. */
    record Spread(double medianMs, double p95Ms, double minMs, double maxMs) {
    }

    void machine() {
        String cpu = firstLine(Path.of("/proc/cpuinfo"), "model name").replaceFirst("model name\\s*:\\s*", "");
        String memory = firstLine(Path.of("/proc/meminfo"), "MemTotal").replaceFirst("MemTotal:\\s*", "");
        System.out.printf(Locale.ROOT, "machine: %d CPUs (nproc), %s, memory %s, Java %s, %s%n",
                Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    void heading(String text) {
        System.out.println();
        System.out.println("== " + text);
    }

    void line(String text) {
        System.out.println(text);
    }

    /** Times {@code work} (warm-up runs first) and prints "label: median … ms (min …, max …), target …". */
    <T> Timing time(String label, double targetMs, Callable<T> work) throws Exception {
        return time(label, targetMs, WARM_UP, work);
    }

    /** {@link #time} after {@code warmUp} runs not counted. */
    <T> Timing time(String label, double targetMs, int warmUp, Callable<T> work) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            work.call();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.call();
            ms.add((System.nanoTime() - start) / 1e6);
        }
        ms.sort(Double::compare);
        Timing t = new Timing(ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1));
        System.out.printf(Locale.ROOT, "%-52s median %8.1f ms  (min %.1f, max %.1f, %d runs)  target < %.0f ms  %s%n",
                label, t.medianMs(), t.minMs(), t.maxMs(), RUNS, targetMs, t.medianMs() < targetMs ? "OK" : "MISSED");
        return t;
    }

    /** Like {@link #time} with {@code runs} measured runs, printing the 95th percentile (nearest rank) as well. */
    <T> Spread timeP95(String label, double targetMs, int runs, Callable<T> work) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            work.call();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.call();
            ms.add((System.nanoTime() - start) / 1e6);
        }
        ms.sort(Double::compare);
        int p95 = (int) Math.ceil(0.95 * runs) - 1;
        Spread t = new Spread(ms.get(runs / 2), ms.get(p95), ms.get(0), ms.get(runs - 1));
        System.out.printf(Locale.ROOT, "%-52s median %7.1f ms  p95 %7.1f  (min %.1f, max %.1f, %d runs)  target < %.0f ms  %s%n",
                label, t.medianMs(), t.p95Ms(), t.minMs(), t.maxMs(), runs, targetMs,
                t.medianMs() < targetMs ? "OK" : "MISSED");
        return t;
    }

    /**
     * Prints the floor beside a timing: the same statements through pgbench (median of its runs) and what share of
     * the time is the database's.
     */
    void floor(String label, int statements, List<Double> floorMs, double httpMedianMs) {
        double floorMedian = percentile(floorMs, 0.5);
        System.out.printf(Locale.ROOT, "%-52s median %8.1f ms  (%d statements, %d runs)  HTTP / floor %.2f%n",
                "  floor: " + label + ", pgbench", floorMedian, statements, floorMs.size(), httpMedianMs / floorMedian);
    }

    /** Nearest rank. */
    static double percentile(List<Double> ms, double p) {
        List<Double> sorted = new ArrayList<>(ms);
        sorted.sort(Double::compare);
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String firstLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
