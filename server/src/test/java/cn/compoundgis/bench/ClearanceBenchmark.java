package cn.compoundgis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 5's three timings on a city of 1 000 000 pipe segments: a 1 000-segment design against it (target
 * under 2 s), {@code ?compound=} on one compound (under 1 s), a dig check (under 200 ms). All through HTTP
 * against the real server, so parsing, SQL, rules and the GeoJSON answer are all in the time; beside each, the
 * floor: the statements the server sent for it, through pgbench ({@link PgbenchFloor}).
 */
final class ClearanceBenchmark implements Benchmark {
    private static final int DESIGN_SEGMENTS = 1000;
    /** New rain pipes laid between the rain (0 m) and water (−1.6 m) pipes of east-west streets: real conflicts. */
    private static final double DESIGN_OFFSET_M = -0.8;
    /**
     * A dig check takes milliseconds: two warm-up runs leave its code interpreted, which a server in service has
     * long compiled (a freshly started server answers it in 25-40 ms for its first hundred requests, then in 5-10).
     */
    private static final int DIG_WARM_UP = 300;
    private static final int MIDDLE_COMPOUND = 14 * CityBuilder.GRID_COLUMNS + 14;

    @Override
    public String name() {
        return "clearance";
    }

    @Override
    public String description() {
        return "GB 50289 clearance and dig checks on a city of 1 000 000 pipe segments (issue 5)";
    }

    @Override
    public void run(BenchServer server, BenchReport report) throws Exception {
        CityBuilder.ensure(server.dataSource(), report);
        String design = design();
        JsonNode designAnswer = server.post("/api/checks/clearance?crs=EPSG:4548", design);
        report.line(String.format(Locale.ROOT, "design: %d segments; answer: %d findings of %d candidate pairs",
                DESIGN_SEGMENTS, designAnswer.path("numberReturned").asInt(),
                designAnswer.path("summary").path("pairs_examined").asInt()));
        BenchReport.Timing designTime = report.time("clearance, 1 000-segment design against the city", 2000,
                () -> server.post("/api/checks/clearance?crs=EPSG:4548", design));
        floor(server, report, "the design check's SQL", designTime,
                () -> server.post("/api/checks/clearance?crs=EPSG:4548", design));

        String compound = CityBuilder.compoundCode(MIDDLE_COMPOUND);
        JsonNode compoundAnswer = server.post("/api/checks/clearance?compound=" + compound, "");
        report.line(String.format(Locale.ROOT, "compound %s: %d pipes; answer: %d findings of %d candidate pairs",
                compound, CityBuilder.SEGMENTS_PER_COMPOUND, compoundAnswer.path("numberReturned").asInt(),
                compoundAnswer.path("summary").path("pairs_examined").asInt()));
        BenchReport.Timing compoundTime = report.time("clearance, ?compound= (" + CityBuilder.SEGMENTS_PER_COMPOUND
                + " pipes)", 1000, () -> server.post("/api/checks/clearance?compound=" + compound, ""));
        floor(server, report, "the compound check's SQL", compoundTime,
                () -> server.post("/api/checks/clearance?compound=" + compound, ""));

        String pit = pit();
        JsonNode digAnswer = server.post("/api/checks/dig?crs=EPSG:4548", pit);
        report.line(String.format(Locale.ROOT, "dig pit 30 m × 20 m over a street crossing: %d pipes, %d points",
                digAnswer.path("summary").path("pipes").asInt(), digAnswer.path("summary").path("pipe_points").asInt()));
        BenchReport.Timing digTime = report.time("dig check, 30 m × 20 m pit, depth 1.5 m", 200, DIG_WARM_UP,
                () -> server.post("/api/checks/dig?crs=EPSG:4548", pit));
        floor(server, report, "the dig check's SQL", digTime, () -> server.post("/api/checks/dig?crs=EPSG:4548", pit));
    }

    /** The statements of one such request, as PostgreSQL logged them, through pgbench: the database's share. */
    private static void floor(BenchServer server, BenchReport report, String label, BenchReport.Timing http,
                              PgbenchFloor.Request request) throws Exception {
        PgbenchFloor floor = new PgbenchFloor(server);
        List<String> statements = floor.capture(request);
        report.floor(label, statements.size(), floor.replay(statements, BenchReport.WARM_UP, BenchReport.RUNS),
                http.medianMs());
    }

    /**
     * 1 000 segments of 20 m: new DN400 rain lines along the east-west streets of a 5 × 2 block of compounds
     * around the middle, 0.8 m south of the street's rain pipe (and so 0.8 m north of its water pipe).
     */
    private static String design() {
        List<String> features = new ArrayList<>();
        int n = 0;
        outer:
        for (int row = 13; row < 16; row++) {
            for (int col = 12; col < 17; col++) {
                double[] corner = CityBuilder.corner(row * CityBuilder.GRID_COLUMNS + col);
                for (int street = 0; street < 10; street++) {
                    double y = corner[1] + 10 + 20 * street + DESIGN_OFFSET_M;
                    for (int k = 0; k < 10; k++) {
                        if (n == DESIGN_SEGMENTS) {
                            break outer;
                        }
                        double x1 = corner[0] + 20 * k;
                        features.add(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"id\":\"D%d\",\"geometry\":"
                                + "{\"type\":\"LineString\",\"coordinates\":[[%.3f,%.3f],[%.3f,%.3f]]},\"properties\":"
                                + "{\"network\":\"YS\",\"size\":\"DN400\",\"material\":\"HDPE\",\"start_depth_m\":%.2f,"
                                + "\"end_depth_m\":%.2f}}", n, y, x1, y, x1 + 20, 1.6 + 0.02 * k, 1.62 + 0.02 * k));
                        n++;
                    }
                }
            }
        }
        if (n < DESIGN_SEGMENTS) {
            throw new IllegalStateException("the design area holds only " + n + " segments");
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    /** A 30 m × 20 m pit over the crossing of the third streets of the middle compound (northing first). */
    private static String pit() {
        double[] corner = CityBuilder.corner(MIDDLE_COMPOUND);
        double x0 = corner[0] + 50 - 15;
        double y0 = corner[1] + 50 - 10;
        return String.format(Locale.ROOT, "{\"type\":\"Feature\",\"properties\":{\"depth_m\":1.5},\"geometry\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f]]]}}",
                y0, x0, y0, x0 + 30, y0 + 20, x0 + 30, y0 + 20, x0, y0, x0);
    }
}
