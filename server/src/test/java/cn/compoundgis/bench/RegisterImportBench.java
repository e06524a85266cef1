package cn.compoundgis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Issue 11 point 1 ({@code scripts/bench register-import}): a city register of {@link #ROWS} compounds as CSV with
 * WKT boundaries (EPSG:4548), POSTed to /api/compounds/import as a client sends it: the dry run (every row read,
 * checked, written and measured for overlaps in one transaction, then rolled back and the file staged), the commit
 * of the staged import (read and checked again, written for real) and a re-import of the same file (every code
 * registered: each row compared with its current version, nothing to write). The codes R0000 … are new and their
 * boundaries lie east of the city, so every row is an "added" with no overlap; they are removed before and after,
 * so that the city keeps its register. The import runs twice in one server run: the first is cold (JIT), the
 * second the one to judge.
 */
final class RegisterImportBench implements Benchmark {
    static final int ROWS = 5_000;
    private static final int GRID_COLUMNS = 50;
    private static final double PITCH_M = 250;
    private static final double SIDE_M = 200;
    private static final double ORIGIN_EASTING = 540000;
    private static final double ORIGIN_NORTHING = 3540000;
    private static final String[] DISTRICTS = {"襄河镇", "六镇镇", "古河镇", "大墅镇", "二郎口镇"};
    private static final String[] STATUSES = {"planned", "designed", "tendered", "in_construction", "completed", "accepted"};
    private static final String[] CATEGORIES = {"basic", "improvement", "upgrade"};

    @Override
    public String name() {
        return "register-import";
    }

    @Override
    public String description() {
        return "compound register import of 5 000 CSV rows with WKT boundaries: dry run, commit, re-import (issue 11)";
    }

    @Override
    public void run(BenchServer server, BenchReport report) throws Exception {
        CityBuilder.ensure(server.dataSource(), report);
        String csv = register();
        report.line(String.format(Locale.ROOT, "register: %d rows, %d kB of CSV with WKT boundaries", ROWS, csv.length() / 1024));
        try {
            for (String round : new String[]{"first in this server run (cold)", "second"}) {
                removeImported(server);
                report.line("-- " + round);
                JsonNode dry = timed(report, "dry run", () -> post(server, "?dry_run=true&crs=EPSG:4548", csv));
                expect(dry, "added", ROWS);
                String commit = dry.get("commit").asText();
                JsonNode committed = timed(report, "commit of the staged import", () -> server.post(commit, "text/csv", ""));
                expect(committed, "added", ROWS);
                JsonNode again = timed(report, "re-import of the same file (all unchanged)",
                        () -> post(server, "?crs=EPSG:4548", csv));
                expect(again, "unchanged", ROWS);
            }
        } finally {
            removeImported(server);
        }
    }

    private static JsonNode post(BenchServer server, String query, String csv) throws Exception {
        return server.post("/api/compounds/import" + query, "text/csv", csv);
    }

    private static JsonNode timed(BenchReport report, String label, Callable<JsonNode> work) throws Exception {
        long start = System.nanoTime();
        JsonNode answer = work.call();
        double s = (System.nanoTime() - start) / 1e9;
        report.line(String.format(Locale.ROOT, "%-52s %7.2f s  %6.0f rows/s", label, s, ROWS / s));
        return answer;
    }

    private static void expect(JsonNode report, String result, int rows) {
        JsonNode summary = report.get("summary");
        if (summary.get(result).asInt() != rows || summary.get("errors").asInt() != 0 || summary.get("warnings").asInt() != 0) {
            throw new IllegalStateException("expected " + rows + " rows " + result + ", the report says " + summary);
        }
    }

    /** The file: a register as a housing bureau keeps it, with Chinese headers and one WKT polygon a row. */
    private static String register() {
        StringBuilder csv = new StringBuilder("小区编码,小区名称,所属区县,街道,建成年代,楼栋数,户数,占地面积,改造类别,改造批次,改造状态,"
                + "竣工日期,物业管理,边界WKT\n");
        for (int i = 0; i < ROWS; i++) {
            double x = ORIGIN_EASTING + (i % GRID_COLUMNS) * PITCH_M;
            double y = ORIGIN_NORTHING + (i / GRID_COLUMNS) * PITCH_M;
            String status = STATUSES[i % STATUSES.length];
            String completed = status.equals("completed") || status.equals("accepted")
                    ? String.format(Locale.ROOT, "%d-%02d-15", 2017 + i % 8, 1 + i % 12) : "";
            csv.append(String.format(Locale.ROOT, "R%04d,新登记小区%d,%s,第%d街道,%d,%d,%d,%d,%s,%d,%s,%s,%s,"
                            + "\"POLYGON((%.1f %.1f, %.1f %.1f, %.1f %.1f, %.1f %.1f, %.1f %.1f))\"%n",
                    i, i, DISTRICTS[i % DISTRICTS.length], 1 + i % 12, 1975 + i % 30, 3 + i % 15, 80 + i % 700,
                    4000 + (i % 40) * 500, CATEGORIES[i % CATEGORIES.length], 2016 + i % 9, status, completed,
                    i % 2 == 0 ? "是" : "否", x, y, x + SIDE_M, y, x + SIDE_M, y + SIDE_M, x, y + SIDE_M, x, y));
        }
        return csv.toString();
    }

    private static void removeImported(BenchServer server) throws Exception {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM compound WHERE code LIKE 'R%'");
            s.execute("DELETE FROM compound_item WHERE compound_code LIKE 'R%'");
            s.execute("DELETE FROM compound_import");
        }
    }
}
