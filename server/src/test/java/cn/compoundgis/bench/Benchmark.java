package cn.compoundgis.bench;

/** One benchmark of {@code scripts/bench}: prepares its data on the bench server and reports timings. */
interface Benchmark {
    /** The name given to {@code scripts/bench NAME}. */
    String name();

    String description();

    void run(BenchServer server, BenchReport report) throws Exception;
}
