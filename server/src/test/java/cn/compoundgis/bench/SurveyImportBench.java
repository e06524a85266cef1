package cn.compoundgis.bench;

import cn.compoundgis.db.ConnectionInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Issue 4's benchmark ({@code scripts/bench import}): a re-survey of about 100 000 rain pipes and their
 * manholes, as GBK shapefiles written by ogr2ogr, imported through the server's upload (POST /api/surveys:
 * read, recognised, checked and staged) and committed; and, on the same files in the same run, loaded by
 * {@code ogr2ogr -f PostgreSQL} into the same database. The target compares the import (upload to staged
 * report) with ogr2ogr, which neither checks nor keeps history; the commit is reported beside it.
 * A grid of n × n manholes 30 m apart gives n(n-1) pipes (n = 317: 100 172 pipes, 100 489 points;
 * {@code IMPORT_BENCH_GRID} changes n).
 */
final class SurveyImportBench implements Benchmark {
    private static final double SPACING_M = 30.0;
    private static final double ORIGIN_EASTING = 600_000;
    private static final double ORIGIN_NORTHING = 3_540_000;
    private static final int DEFAULT_GRID = 317;
    private static final String COMPOUND = "IMPORT";
    /** Issue 13 point 2: our import takes no longer than ogr2ogr -f PostgreSQL on a warm server (issue 4 allowed 1.5). */
    private static final double TARGET_RATIO = 1.0;

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String description() {
        return "survey upload of ~100 000 pipes + points against ogr2ogr -f PostgreSQL (issue 4)";
    }

    @Override
    public void run(BenchServer server, BenchReport report) throws Exception {
        int n = Integer.parseInt(System.getenv().getOrDefault("IMPORT_BENCH_GRID", String.valueOf(DEFAULT_GRID)));
        Path work = Files.createTempDirectory("import-bench-");
        Path files = Files.createDirectories(work.resolve("files"));
        writeShapefiles(files, n);
        report.line(String.format(Locale.ROOT, "survey: %d pipes and %d points as GBK shapefiles (%d MB)",
                n * (n - 1), n * n, folderBytes(files) >> 20));
        // The first import runs the reading code cold; a server in service has it compiled (JIT) after its first
        // uploads, so the target is judged on the second import in the same server run. Both are reported.
        resetBenchCompound(server, n);
        long[] cold = timeOurImport(server.port(), files, report);
        resetBenchCompound(server, n);
        long[] ours = timeOurImport(server.port(), files, report);
        long ogr = timeOgr2ogr(server.connectionInfo(), files);
        report.line(String.format(Locale.ROOT, "%-52s %8.2f s", "Compound GIS import, first in this server run", cold[0] / 1000.0));
        report.line(String.format(Locale.ROOT, "%-52s %8.2f s", "Compound GIS import (upload, check, stage)", ours[0] / 1000.0));
        report.line(String.format(Locale.ROOT, "%-52s %8.2f s", "Compound GIS commit (history kept)", ours[1] / 1000.0));
        report.line(String.format(Locale.ROOT, "%-52s %8.2f s", "ogr2ogr -f PostgreSQL, same files", ogr / 1000.0));
        double ratio = ours[0] / (double) ogr;
        report.line(String.format(Locale.ROOT, "%-52s %8.2f   target <= %.1f  %s", "import / ogr2ogr", ratio,
                TARGET_RATIO, ratio <= TARGET_RATIO ? "OK" : "MISSED"));
        deleteRecursively(work);
        removeBenchCompound(server); // the dashboard and search benchmarks count the city's register only
    }

    /** [import ms, commit ms] over HTTP, as a browser or client does it. */
    private static long[] timeOurImport(int port, Path files, BenchReport report) throws Exception {
        long start = System.nanoTime();
        MultipartBody body = new MultipartBody();
        try (var list = Files.list(files)) {
            for (Path f : list.sorted().toList()) {
                body.file(f);
            }
        }
        body.field("compound", COMPOUND);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> answer = http.send(body.request("http://localhost:" + port + "/api/surveys"),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("upload failed: " + answer.statusCode() + " " + answer.body());
        }
        JsonNode staged = new ObjectMapper().readTree(answer.body());
        long stagedAt = System.nanoTime();
        HttpResponse<String> committed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/surveys/" + staged.get("survey_id").asLong() + "/commit"))
                .header("Authorization", "Bearer " + cn.compoundgis.testing.TestServer.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (committed.statusCode() != 200) {
            throw new IllegalStateException("commit failed: " + committed.body());
        }
        long end = System.nanoTime();
        report.line(String.format(Locale.ROOT, "staged survey %d: %d errors, %d warnings", staged.get("survey_id").asLong(),
                staged.get("error_count").asInt(), staged.get("warning_count").asInt()));
        return new long[]{TimeUnit.NANOSECONDS.toMillis(stagedAt - start), TimeUnit.NANOSECONDS.toMillis(end - stagedAt)};
    }

    private static long timeOgr2ogr(ConnectionInfo db, Path files) throws Exception {
        String pg = pgConnectionString(db);
        long start = System.nanoTime();
        for (String layer : List.of("雨水管线", "雨水管点")) {
            run("ogr2ogr", "-f", "PostgreSQL", pg, files.resolve(layer + ".shp").toString(),
                    "-nln", "ogr_" + (layer.endsWith("线") ? "pipes" : "points"), "-lco", "GEOMETRY_NAME=geom",
                    "-a_srs", "EPSG:4548", "-overwrite");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static String pgConnectionString(ConnectionInfo db) {
        URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        return String.format("PG:host=%s port=%d dbname=%s user=%s password=%s", uri.getHost(), uri.getPort(),
                uri.getPath().substring(1), db.user(), db.password());
    }

    /** A clean bench compound on every run: the state folder is kept between runs, its history is not needed. */
    private static void resetBenchCompound(BenchServer server, int n) throws Exception {
        double size = (n - 1) * SPACING_M;
        removeBenchCompound(server);
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(String.format(Locale.ROOT, "INSERT INTO compound (code, name, geom) VALUES ('%s', '导入基准测试', "
                    + "ST_Multi(ST_MakeEnvelope(%f, %f, %f, %f, 4548)))", COMPOUND, ORIGIN_EASTING - 10, ORIGIN_NORTHING - 10,
                    ORIGIN_EASTING + size + 10, ORIGIN_NORTHING + size + 10));
        }
    }

    private static void removeBenchCompound(BenchServer server) throws Exception {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String table : List.of("pipe", "pipe_point", "staged_pipe", "staged_pipe_point")) {
                s.execute("DELETE FROM " + table + " WHERE compound_code = '" + COMPOUND + "'");
            }
            s.execute("DELETE FROM compound WHERE code = '" + COMPOUND + "'");
            s.execute("DELETE FROM survey WHERE compound_code = '" + COMPOUND + "'");
            s.execute("DROP TABLE IF EXISTS ogr_pipes, ogr_points");
            c.commit();
        }
    }

    private static long folderBytes(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            long total = 0;
            for (Path f : files.toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Rows of manholes 30 m apart; each row drained west to east with falling inverts. */
    private static void writeShapefiles(Path dir, int n) throws Exception {
        Path pipes = dir.resolve("pipes.csv");
        Path points = dir.resolve("points.csv");
        try (BufferedWriter p = Files.newBufferedWriter(pipes); BufferedWriter q = Files.newBufferedWriter(points)) {
            p.write("WKT,起点点号,终点点号,管径,材质,起点埋深,终点埋深,起点高程,终点高程,权属单位\n");
            q.write("WKT,物探点号,附属物,地面高程,井深,X,Y\n");
            for (int row = 0; row < n; row++) {
                double northing = ORIGIN_NORTHING + row * SPACING_M;
                for (int col = 0; col < n; col++) {
                    double easting = ORIGIN_EASTING + col * SPACING_M;
                    double ground = 22.0;
                    double invert = 20.5 - col * 0.003 * SPACING_M;
                    q.write(String.format(Locale.ROOT, "\"POINT (%.3f %.3f)\",YS%d_%d,检修井,%.3f,%.3f,%.3f,%.3f%n",
                            easting, northing, row, col, ground, ground - invert, northing, easting));
                    if (col + 1 < n) {
                        double nextInvert = invert - 0.003 * SPACING_M;
                        p.write(String.format(Locale.ROOT, "\"LINESTRING (%.3f %.3f, %.3f %.3f)\",YS%d_%d,YS%d_%d,DN%d,钢筋混凝土,"
                                        + "%.3f,%.3f,%.3f,%.3f,县市政工程处%n", easting, northing, easting + SPACING_M, northing,
                                row, col, row, col + 1, 300 + 100 * (col * 4 / n), ground - invert, ground - nextInvert,
                                invert, nextInvert));
                    }
                }
            }
        }
        toShapefile(pipes, dir.resolve("雨水管线.shp"), "LINESTRING");
        toShapefile(points, dir.resolve("雨水管点.shp"), "POINT");
        Files.delete(pipes);
        Files.delete(points);
    }

    private static void toShapefile(Path csv, Path shp, String type) throws Exception {
        run("ogr2ogr", "-f", "ESRI Shapefile", "-a_srs", "EPSG:4548", "-lco", "ENCODING=CP936", "-nlt", type,
                "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "AUTODETECT_TYPE=YES", "-oo", "KEEP_GEOM_COLUMNS=NO",
                shp.toString(), csv.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
    }

    /** A multipart/form-data body streamed from files, as a browser sends the loose files of a survey. */
    private static final class MultipartBody {
        private final String boundary = "bench-" + UUID.randomUUID();
        private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

        void file(Path f) throws IOException {
            text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + f.getFileName()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            parts.add(HttpRequest.BodyPublishers.ofFile(f));
            text("\r\n");
        }

        void field(String name, String value) {
            text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        }

        HttpRequest request(String url) {
            text("--" + boundary + "--\r\n");
            return HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + cn.compoundgis.testing.TestServer.ADMIN_TOKEN)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build();
        }

        private void text(String s) {
            parts.add(HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8));
        }
    }
}
