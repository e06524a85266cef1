package cn.compoundgis.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark runner behind {@code scripts/bench [name ...]}: runs the named benchmarks (all without a name)
 * against the real server on a private PostGIS cluster, made by the same code as {@code scripts/run}, and
 * prints the machine and the timings. To add a benchmark, implement {@link Benchmark} and list it in
 * {@link #BENCHMARKS}.
 */
public final class Bench {
    private static final List<Benchmark> BENCHMARKS = List.of(new ClearanceBenchmark(), new SurveyImportBench(),
            new CompoundSearchBench(), new DashboardBench(), new RegisterImportBench(), new TilesBench(),
            new ItemsBench());

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Benchmark> byName = new LinkedHashMap<>();
        BENCHMARKS.forEach(b -> byName.put(b.name(), b));
        if (args.length == 1 && args[0].equals("--list")) {
            byName.values().forEach(b -> System.out.println(b.name() + "\t" + b.description()));
            return;
        }
        List<Benchmark> chosen = new ArrayList<>();
        for (String name : args) {
            Benchmark b = byName.get(name);
            if (b == null) {
                System.err.println("no benchmark '" + name + "'; known: " + byName.keySet() + " (scripts/bench --list)");
                System.exit(2);
            }
            chosen.add(b);
        }
        if (chosen.isEmpty()) {
            chosen.addAll(byName.values());
        }
        BenchReport report = new BenchReport();
        report.machine();
        try (BenchServer server = BenchServer.start()) {
            for (Benchmark b : chosen) {
                report.heading(b.name() + ": " + b.description());
                b.run(server, report);
            }
        }
        System.exit(0); // the server's non-daemon threads are stopped; leave exec:java promptly
    }
}
