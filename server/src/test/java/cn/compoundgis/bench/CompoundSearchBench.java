package cn.compoundgis.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * Issue 11 point 4 ({@code scripts/bench search}): GET /api/compounds/search on the city's register of
 * {@link CityBuilder#REGISTER_COMPOUNDS} current compounds (twice as many versions) with its 1 000 000 pipes, over
 * HTTP as the finder asks. On a freshly built register, reports how long the first searches take to compute the
 * pinyin of compounds inserted without it, then times each kind of match. Target: under 50 ms.
 */
final class CompoundSearchBench implements Benchmark {
    private static final double TARGET_MS = 50;

    @Override
    public String name() {
        return "search";
    }

    @Override
    public String description() {
        return "compound search (finder) on 5 000 compounds with 1 000 000 pipes: code, name, initials, district (issue 11)";
    }

    @Override
    public void run(BenchServer server, BenchReport report) throws Exception {
        CityBuilder.ensure(server.dataSource(), report);
        long stale = stale(server);
        if (stale > 0) {
            long start = System.nanoTime();
            int searches = 0;
            while (stale(server) > 0) {
                server.get("/api/compounds/search?q=B");
                searches++;
            }
            report.line(String.format(Locale.ROOT, "pinyin of %d new compounds computed by the first %d searches in %.0f ms",
                    stale, searches, (System.nanoTime() - start) / 1e6));
            try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE compound");
            }
        } else {
            report.line("pinyin of every compound already computed (register reused)");
        }
        time(server, report, "B1234", "exact code");
        time(server, report, "B12", "code prefix B12");
        time(server, report, "南岳", "name substring");
        time(server, report, "nyxc", "pinyin initials");
        time(server, report, "nanyue", "full pinyin");
        time(server, report, "襄河", "district substring");
        time(server, report, "", "no query: first page by code");
        time(server, report, "不存在的名字", "no match");
    }

    private static void time(BenchServer server, BenchReport report, String q, String label) throws Exception {
        String path = "/api/compounds/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&limit=20";
        long matched = server.get(path).get("numberMatched").asLong();
        report.time(String.format(Locale.ROOT, "%s, %d matched", label, matched), TARGET_MS, () -> server.get(path));
    }

    private static long stale(BenchServer server) throws Exception {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM compound WHERE valid_to IS NULL AND initials_source IS DISTINCT FROM name")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
