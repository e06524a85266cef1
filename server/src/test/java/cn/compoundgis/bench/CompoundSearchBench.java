package cn.compoundgis.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * Issue 11 point 4 ({@code scripts/bench search}): GET /api/compounds/search on 5 000 current compounds (10 000
 * versions), over HTTP as the finder asks. Reports how long the first searches take to compute the pinyin of
 * compounds inserted without it, then times each kind of match. Target: under 50 ms.
 */
final class CompoundSearchBench implements Benchmark {
    private static final int COMPOUNDS = 5_000;
    private static final double TARGET_MS = 50;

    @Override
    public String name() {
        return "search";
    }

    @Override
    public String description() {
        return "compound search (finder) on 5 000 compounds: code, name, initials, district (issue 11)";
    }

    @Override
    public void run(BenchServer server, BenchReport report) throws Exception {
        insertCompounds(server);
        long start = System.nanoTime();
        int searches = 0;
        while (stale(server) > 0) {
            server.get("/api/compounds/search?q=C");
            searches++;
        }
        report.line(String.format(Locale.ROOT, "pinyin of %d new compounds computed by the first %d searches in %.0f ms",
                COMPOUNDS, searches, (System.nanoTime() - start) / 1e6));
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE compound");
        }
        time(server, report, "S1234", "exact code");
        time(server, report, "S12", "code prefix S12");
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

    /** The benchmark's compounds, made again on every run so that the pinyin refresh is measured. */
    private static void insertCompounds(BenchServer server) throws Exception {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("DELETE FROM compound WHERE code LIKE 'S%'");
            s.execute(resource("/bench/search-compounds.sql").replace("{compounds}", String.valueOf(COMPOUNDS)));
            c.commit();
        }
    }

    private static long stale(BenchServer server) throws Exception {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM compound WHERE valid_to IS NULL AND initials_source IS DISTINCT FROM name")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CompoundSearchBench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
