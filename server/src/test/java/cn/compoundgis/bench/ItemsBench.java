package cn.compoundgis.bench;

import cn.compoundgis.config.AppConfig;
import cn.compoundgis.features.ItemsRequest;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 13 point 2 ({@code scripts/bench items}): {@code GET /collections/pipes/items} for 1 km² views of the
 * 1 000 000-pipe city (about 25 000 pipes each), pages of 5 000 features (what the web map asks) and of 10 000
 * (the largest), over HTTP from the server in a process of its own ({@link cn.compoundgis.testing.ServerProcess#onDatabase}, as users run it), timed
 * by a client outside the server's JVM on one kept-alive connection ({@link KeptAliveClient}), as psql is the floor's; beside each
 * figure the floor ({@link PgbenchFloor}): the statements the server sent
 * for the view (the bench token's lookup, then the page, which counts its own matches), as PostgreSQL logged them, run straight
 * through {@code psql} (the page is a {@code COPY … TO STDOUT}, which pgbench cannot run) against the same database, each run
 * of it beside one request (the features/s ratio is the median of those pairs'). Then the
 * heap while streaming, of the server in the benchmark's own JVM (the same code; its heap is this JVM's): the live
 * heap (after a full GC, sampled while a slow client reads the answer) for pages
 * of 1 000 and 10 000 features. Targets: p99 under 100 ms, features/s at least 85 % of the floor's, heap flat.
 */
final class ItemsBench implements Benchmark {
    private static final double TARGET_P99_MS = 100;
    private static final double TARGET_SHARE_OF_FLOOR = 0.85;
    private static final double VIEW_SIDE_M = 1000;
    private static final int VIEWS = 10;
    /** What the web map asks for a view (web/js/settings.js LOADING.MAX_FEATURES_PER_REQUEST). */
    private static final int MAP_PAGE = 5_000;
    private static final int PAGE = ItemsRequest.MAX_LIMIT;
    private static final int SMALL_PAGE = 1_000;
    private static final int RUNS_PER_VIEW = 10;
    /**
     * Requests of each page size before any view is measured, for the standalone server's JIT: with 20, its C2 compiler
     * was still busy through the first size measured (110 methods and 2.7 s of compiling in the next 100 requests, on
     * one of this machine's two CPUs); after 300 a size it compiles a few small methods more. The report says how much
     * it compiled while measured.
     */
    private static final int JIT_WARM_UP = 300;
    private static final long HEAP_SAMPLE_MS = 20;
    /** Enough for the answer's tail: numberMatched, numberReturned, timeStamp and the page links. */
    private static final int TAIL_BYTES = 4096;
    private final HttpClient http = HttpClient.newHttpClient();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @Override
    public String name() {
        return "items";
    }

    @Override
    public String description() {
        return "OGC API items GeoJSON for 1 km² views of the 1 000 000-pipe city, pages of 5 000 and 10 000, against the "
                + "same SQL through psql; heap while streaming (issue 13)";
    }

    @Override
    public void run(BenchServer server, BenchReport report) throws Exception {
        CityBuilder.ensure(server.dataSource(), report);
        List<String> views = views(server);
        report.line(String.format(Locale.ROOT, "%d views of %.0f m × %.0f m", views.size(), VIEW_SIDE_M, VIEW_SIDE_M));
        for (int limit : List.of(MAP_PAGE, PAGE)) {
            warmUp(server, views.get(views.size() - 1), limit);
        }
        measurePages(server, report, views, MAP_PAGE, "the map's request, " + MAP_PAGE + " features");
        measurePages(server, report, views, PAGE, "the largest page, " + PAGE + " features");
        heapWhileStreaming(server, report, views.get(0));
    }

    private void measurePages(BenchServer server, BenchReport report, List<String> views, int limit, String what)
            throws Exception {
        List<Pair> pairs = new ArrayList<>();
        PgbenchFloor floor = new PgbenchFloor(server);
        List<String> statements = List.of();
        long features = 0;
        long matched = 0;
        Optional<JitActivity> jitBefore = JitActivity.of(server.standalonePid());
        for (String bbox : views) {
            String path = "/collections/pipes/items?limit=" + limit + "&bbox=" + bbox;
            Answer[] first = new Answer[1];
            statements = floor.capture(() -> first[0] = get(server, path));
            features = first[0].features();
            matched = first[0].matched();
            pairs.addAll(alternated(server, floor, statements, path));
        }
        Optional<JitActivity> jitAfter = JitActivity.of(server.standalonePid());
        report.line(String.format(Locale.ROOT, "%s: %d of %d matched pipes per page (the last view); floor: the %d "
                + "statements the server sent for it; the server's JIT meanwhile: %s", what, features, matched,
                statements.size(), jitBefore.isPresent() && jitAfter.isPresent()
                        ? jitAfter.get().since(jitBefore.get()) : "unknown (no jstat)"));
        printComparison(report, pairs, features, limit);
    }

    /**
     * Both page sizes asked, and alternated with their floor, before either is measured: the server process is new
     * and its JIT compiles the page's code on these, and this JVM's the client's and psql's reading. (Measured right
     * after the server's own warm-up, the first size came out 5-10 points below the floor's share it had when
     * measured second.)
     */
    private void warmUp(BenchServer server, String bbox, int limit) throws Exception {
        String path = "/collections/pipes/items?limit=" + limit + "&bbox=" + bbox;
        Curl.get(server.standalonePort(), Collections.nCopies(JIT_WARM_UP, path));
        PgbenchFloor floor = new PgbenchFloor(server);
        alternated(server, floor, floor.capture(() -> get(server, path)), path);
    }

    /** One request over HTTP and one run of its statements through psql, the same view, close in time. */
    private record Pair(double httpMs, double floorMs) {
        /** HTTP's features per second over the floor's. */
        double share() {
            return floorMs / httpMs;
        }
    }

    /**
     * Requests of {@code path} and runs of the floor in turn (which goes first alternates), after warm-up pairs not
     * counted. The VM this was measured on changes speed for seconds at a time (the same statement through psql
     * 14 ms, then 26 ms for a minute): each request is compared with the floor run beside it, not with a block of
     * runs made a second later.
     */
    private static List<Pair> alternated(BenchServer server, PgbenchFloor floor, List<String> statements, String path)
            throws Exception {
        List<Pair> pairs = new ArrayList<>();
        try (PgbenchFloor.PsqlSession psql = floor.psql(); KeptAliveClient http = new KeptAliveClient(server.standalonePort())) {
            for (int run = 0; run < BenchReport.WARM_UP + RUNS_PER_VIEW; run++) {
                double httpMs;
                double floorMs;
                if (run % 2 == 0) {
                    httpMs = http.get(path).ms();
                    floorMs = psql.run(statements);
                } else {
                    floorMs = psql.run(statements);
                    httpMs = http.get(path).ms();
                }
                if (run >= BenchReport.WARM_UP) {
                    pairs.add(new Pair(httpMs, floorMs));
                }
            }
        }
        return pairs;
    }

    private static void printComparison(BenchReport report, List<Pair> pairs, long features, int limit) {
        List<Double> httpMs = pairs.stream().map(Pair::httpMs).toList();
        List<Double> floorMs = pairs.stream().map(Pair::floorMs).toList();
        double httpP50 = BenchReport.percentile(httpMs, 0.5);
        double httpP99 = BenchReport.percentile(httpMs, 0.99);
        double floorP50 = BenchReport.percentile(floorMs, 0.5);
        double floorP99 = BenchReport.percentile(floorMs, 0.99);
        double share = BenchReport.percentile(pairs.stream().map(Pair::share).toList(), 0.5);
        report.line(String.format(Locale.ROOT, "%-44s p50 %6.1f ms  p99 %6.1f ms  %8.0f features/s  target p99 < %.0f ms  %s",
                "  HTTP items, limit=" + limit, httpP50, httpP99, features / httpP50 * 1000, TARGET_P99_MS,
                httpP99 < TARGET_P99_MS ? "OK" : "MISSED"));
        report.line(String.format(Locale.ROOT, "%-44s p50 %6.1f ms  p99 %6.1f ms  %8.0f features/s",
                "  floor: the same statements through psql", floorP50, floorP99, features / floorP50 * 1000));
        report.line(String.format(Locale.ROOT, "%-44s %.0f %% of the floor's features/s (median of %d alternated pairs; "
                        + "ratio of the p50s %.0f %%)  target >= %.0f %%  %s", "  HTTP / floor", share * 100, pairs.size(),
                floorP50 / httpP50 * 100, TARGET_SHARE_OF_FLOOR * 100, share >= TARGET_SHARE_OF_FLOOR ? "OK" : "MISSED"));
    }

    /** CRS84 envelopes of 1 km × 1 km boxes (in the working CRS) around compounds spread over the city's pipes. */
    private static List<String> views(BenchServer server) throws Exception {
        String sql = "SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM (SELECT ST_Transform(ST_MakeEnvelope("
                + "?, ?, ?, ?, " + AppConfig.DEFAULT_WORKING_SRID + "), 4326) AS b) x";
        List<String> views = new ArrayList<>();
        int compounds = CityBuilder.compoundsWithPipes();
        try (Connection c = server.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int v = 0; v < VIEWS; v++) {
                // away from the city's edge, so that every view is full of pipes
                double[] corner = CityBuilder.corner(CityBuilder.GRID_COLUMNS * 3 + 3 + v * (compounds / 2 / VIEWS));
                double half = VIEW_SIDE_M / 2;
                ps.setDouble(1, corner[0] - half);
                ps.setDouble(2, corner[1] - half);
                ps.setDouble(3, corner[0] + half);
                ps.setDouble(4, corner[1] + half);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    views.add(String.format(Locale.ROOT, "%.7f,%.7f,%.7f,%.7f", rs.getDouble(1), rs.getDouble(2),
                            rs.getDouble(3), rs.getDouble(4)));
                }
            }
        }
        return views;
    }

    private record Answer(long features, long matched) {
    }

    /**
     * Reads the answer as a client that hands features on would, without decoding it (the client runs in the
     * server's JVM, on the same CPUs): only the tail with numberMatched and numberReturned is kept.
     */
    private Answer get(BenchServer server, String path) throws Exception {
        HttpResponse<InputStream> response = http.send(request(server, path), HttpResponse.BodyHandlers.ofInputStream());
        byte[] tail = new byte[TAIL_BYTES];
        int kept = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                int keep = Math.min(n, TAIL_BYTES);
                int shift = Math.min(kept, TAIL_BYTES - keep);
                System.arraycopy(tail, kept - shift, tail, 0, shift);
                System.arraycopy(buffer, n - keep, tail, shift, keep);
                kept = shift + keep;
            }
        }
        String text = new String(tail, 0, kept, StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + text);
        }
        String end = text.substring(text.lastIndexOf("\"numberMatched\""));
        return new Answer(number(end, "numberReturned"), number(end, "numberMatched"));
    }

    private static long number(String json, String name) {
        int at = json.indexOf("\"" + name + "\":") + name.length() + 3;
        int end = at;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json.substring(at, end));
    }

    private static HttpRequest request(BenchServer server, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Authorization", "Bearer " + cn.compoundgis.testing.TestServer.ADMIN_TOKEN).GET().build();
    }

    /**
     * The live heap (after a full GC, every HEAP_SAMPLE_MS) while a slow client reads a page: a server that streams
     * holds a few hundred rows at a time, one that builds its answer holds the whole page.
     */
    private void heapWhileStreaming(BenchServer server, BenchReport report, String bbox) throws Exception {
        long small = liveHeapGrowth(server, "/collections/pipes/items?limit=" + SMALL_PAGE + "&bbox=" + bbox);
        AtomicLong bodyBytes = new AtomicLong();
        long large = liveHeapGrowth(server, "/collections/pipes/items?limit=" + PAGE + "&bbox=" + bbox, bodyBytes);
        long allowed = bodyBytes.get() / 4;
        report.line(String.format(Locale.ROOT, "live heap while streaming: %d features +%.1f MB, %d features +%.1f MB"
                        + " (answer %.1f MB)  target: growth < a quarter of the answer  %s",
                SMALL_PAGE, small / 1e6, PAGE, large / 1e6, bodyBytes.get() / 1e6, large - small < allowed ? "OK" : "MISSED"));
    }

    private long liveHeapGrowth(BenchServer server, String path) throws Exception {
        return liveHeapGrowth(server, path, new AtomicLong());
    }

    private long liveHeapGrowth(BenchServer server, String path, AtomicLong bodyBytes) throws Exception {
        long baseline = liveHeap();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(liveHeap(), Math::max);
                try {
                    Thread.sleep(HEAP_SAMPLE_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        HttpResponse<InputStream> response = http.send(request(server, path), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bodyBytes.addAndGet(n);
                Thread.sleep(1); // a slow client: the server must wait for it with its rows still to write
            }
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        return peak.get() - baseline;
    }

    private long liveHeap() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

}
