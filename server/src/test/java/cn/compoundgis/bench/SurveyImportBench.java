package cn.compoundgis.bench;

import cn.compoundgis.CompoundGis;
import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.testing.TestDatabase;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Issue 4's benchmark: a re-survey of about 100 000 rain pipes and their manholes, as GBK shapefiles written
 * by ogr2ogr, imported through the server's upload (POST /api/surveys, then commit) and, on the same files
 * in the same run, by {@code ogr2ogr -f PostgreSQL}. Prints both times and the ratio.
 *
 * <p>Run with {@code scripts/bench import [grid-size]}; the grid of n × n manholes gives n(n-1) pipes (default n = 317:
 * 100 172 pipes, 100 489 points).
 */
public final class SurveyImportBench {
    private static final double SPACING_M = 30.0;
    private static final double ORIGIN_EASTING = 600_000;
    private static final double ORIGIN_NORTHING = 3_540_000;
    private static final int DEFAULT_GRID = 317;

    private SurveyImportBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_GRID;
        Path work = Files.createTempDirectory("import-bench-");
        Path files = Files.createDirectories(work.resolve("files"));
        System.out.printf(Locale.ROOT, "generating %d pipes and %d points as GBK shapefiles...%n", n * (n - 1), n * n);
        writeShapefiles(files, n);

        ConnectionInfo db = TestDatabase.createDatabase("import_bench");
        AppConfig config = new AppConfig(0, work.resolve("state"), Optional.of(db.jdbcUrlWithCredentials()),
                AppConfig.DEFAULT_WORKING_SRID, false, 2048, Optional.empty());
        try (CompoundGis app = CompoundGis.start(config)) {
            insertBenchCompound(app, n);
            long ours = timeOurImport(app.port(), files);
            long ogr = timeOgr2ogr(db, files);
            System.out.println();
            System.out.printf(Locale.ROOT, "survey import, %d pipes + %d points:%n", n * (n - 1), n * n);
            System.out.printf(Locale.ROOT, "  Compound GIS upload + commit : %6.2f s%n", ours / 1000.0);
            System.out.printf(Locale.ROOT, "  ogr2ogr -f PostgreSQL        : %6.2f s%n", ogr / 1000.0);
            System.out.printf(Locale.ROOT, "  ratio                        : %6.2f (target <= 1.5)%n", ours / (double) ogr);
        }
    }

    private static long timeOurImport(int port, Path files) throws Exception {
        long start = System.nanoTime();
        MultipartBody body = new MultipartBody();
        try (var list = Files.list(files)) {
            for (Path f : list.sorted().toList()) {
                body.file(f);
            }
        }
        body.field("compound", "BENCH");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> staged = http.send(body.request("http://localhost:" + port + "/api/surveys"),
                HttpResponse.BodyHandlers.ofString());
        if (staged.statusCode() != 201) {
            throw new IllegalStateException("upload failed: " + staged.statusCode() + " " + staged.body());
        }
        JsonNode report = new ObjectMapper().readTree(staged.body());
        long stagedAt = System.nanoTime();
        HttpResponse<String> committed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/surveys/" + report.get("survey_id").asLong() + "/commit"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (committed.statusCode() != 200) {
            throw new IllegalStateException("commit failed: " + committed.body());
        }
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "  ours: staged (read, checked, %d errors, %d warnings) in %.2f s, committed in %.2f s%n",
                report.get("error_count").asInt(), report.get("warning_count").asInt(),
                (stagedAt - start) / 1e9, (end - stagedAt) / 1e9);
        return TimeUnit.NANOSECONDS.toMillis(end - start);
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

    private static void insertBenchCompound(CompoundGis app, int n) throws Exception {
        double size = (n - 1) * SPACING_M;
        try (Connection c = app.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(String.format(Locale.ROOT, "INSERT INTO compound (code, name, geom) VALUES ('BENCH', '基准测试小区', "
                    + "ST_Multi(ST_MakeEnvelope(%f, %f, %f, %f, 4548)))", ORIGIN_EASTING - 10, ORIGIN_NORTHING - 10,
                    ORIGIN_EASTING + size + 10, ORIGIN_NORTHING + size + 10));
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
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build();
        }

        private void text(String s) {
            parts.add(HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8));
        }
    }
}
