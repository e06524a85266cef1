package cn.compoundgis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Issue 11 point 3 ({@code scripts/bench dashboard}): the city dashboard's answers on the city's register of
 * {@link CityBuilder#REGISTER_COMPOUNDS} compounds with its 1 000 000 pipes, over HTTP as the page asks them: the
 * totals (no filter, one district, one status), the compound table's first page (sorted by code, by pipe length,
 * filtered) and the CSV export of the whole table. Target: under 300 ms each (median of the warm runs).
 */
final class DashboardBench implements Benchmark {
    private static final double TARGET_MS = 300;
    private static final int RUNS = 20;
    private static final String DISTRICT = "襄河镇";
    private static final String STATUS = "completed";

    @Override
    public String name() {
        return "dashboard";
    }

    @Override
    public String description() {
        return "city dashboard on 5 000 compounds with 1 000 000 pipes: totals, compound table, CSV (issue 11)";
    }

    @Override
    public void run(BenchServer server, BenchReport report) throws Exception {
        CityBuilder.ensure(server.dataSource(), report);
        String district = "district=" + URLEncoder.encode(DISTRICT, StandardCharsets.UTF_8);
        JsonNode all = server.get("/api/dashboard").get("totals");
        int others = all.get("compounds").asInt() - CityBuilder.REGISTER_COMPOUNDS;
        if (others != 0) {
            report.line("note: " + others + " compounds of other benchmarks are in the register too");
        }
        report.line(String.format(Locale.ROOT, "totals: %d compounds, %d households, rain+sewage pipes %s m surveyed,"
                        + " %s m renovated, %s m planned", all.get("compounds").asInt(), all.get("households").asLong(),
                all.at("/pipes/surveyed_m/total").asText(), all.at("/pipes/renovated_m/total").asText(),
                all.at("/pipes/planned_m/total").asText()));
        summary(server, report, "", "totals, no filter");
        summary(server, report, "?" + district, "totals, district " + DISTRICT);
        summary(server, report, "?renovation_status=" + STATUS, "totals, status " + STATUS);
        table(server, report, "?limit=100", "table, first 100 by code");
        table(server, report, "?sort=pipe_length_m&order=desc&limit=100", "table, first 100 by pipe length desc");
        table(server, report, "?" + district + "&renovation_status=" + STATUS + "&sort=households&limit=100",
                "table, district + status, by households");
        String csv = server.getText("/api/dashboard/compounds.csv");
        long lines = csv.lines().count();
        report.timeP95(String.format(Locale.ROOT, "CSV export, all (%d lines, %d kB)", lines, csv.length() / 1024),
                TARGET_MS, RUNS, () -> server.getText("/api/dashboard/compounds.csv"));
    }

    private static void summary(BenchServer server, BenchReport report, String query, String label) throws Exception {
        String path = "/api/dashboard" + query;
        int compounds = server.get(path).at("/totals/compounds").asInt();
        report.timeP95(label + " (" + compounds + ")", TARGET_MS, RUNS, () -> server.getText(path));
    }

    private static void table(BenchServer server, BenchReport report, String query, String label) throws Exception {
        String path = "/api/dashboard/compounds" + query;
        long matched = server.get(path).get("numberMatched").asLong();
        report.timeP95(label + " (" + matched + ")", TARGET_MS, RUNS, () -> server.getText(path));
    }
}
