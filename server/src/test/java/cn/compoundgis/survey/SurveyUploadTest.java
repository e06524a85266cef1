package cn.compoundgis.survey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Re-survey upload end to end: zip in, report, diff, commit with history, and every way to refuse bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyUploadTest {
    private static final Charset GBK = Charset.forName("GB18030");
    private TestServer server;

    @TempDir
    Path dir;

    /** T001's rain network re-surveyed: YS1-YS2 now DN500, a new YS2-YS3; manholes with pinyin fields. */
    private static final String RAIN_PIPES = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"起点点号":"YS1","终点点号":"YS2","管径":"DN500","材质":"钢筋混凝土","起点埋深":1.5,"终点埋深":1.65,"起点高程":20.5,"终点高程":20.35,"权属单位":"县市政工程处"},
             "geometry":{"type":"LineString","coordinates":[[619010,3552010],[619050,3552010]]}},
            {"type":"Feature","properties":{"起点点号":"YS2","终点点号":"YS3","管径":"Φ600","材质":"钢筋混凝土","起点埋深":1.7,"终点埋深":1.8,"起点高程":20.3,"终点高程":20.2,"权属单位":"县市政工程处"},
             "geometry":{"type":"LineString","coordinates":[[619050,3552010],[619090,3552010]]}},
            {"type":"Feature","properties":{"起点点号":"YS3","终点点号":"YS4","管径":"DN600","材质":"钢筋混凝土","起点埋深":"abc","终点埋深":1.9,"起点高程":20.2,"终点高程":20.1,"权属单位":"县市政工程处"},
             "geometry":{"type":"LineString","coordinates":[[619090,3552010],[619095,3552010]]}}]}
            """;

    private static final String RAIN_POINTS = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"WTDH":"YS1","TZ":"","FSW":"检修井","DMGC":22.0,"JS":1.5,"X":3552010.0,"Y":619010.0},"geometry":{"type":"Point","coordinates":[619010,3552010]}},
            {"type":"Feature","properties":{"WTDH":"YS2","TZ":"","FSW":"检修井","DMGC":22.0,"JS":1.65,"X":3552010.0,"Y":619050.0},"geometry":{"type":"Point","coordinates":[619050,3552010]}},
            {"type":"Feature","properties":{"WTDH":"YS3","TZ":"","FSW":"检修井","DMGC":22.3,"JS":1.8,"X":3552010.0,"Y":619090.0},"geometry":{"type":"Point","coordinates":[619090,3552010]}}]}
            """;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("survey_upload_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aGbkZipIsValidatedDiffedAndCommittedWithHistory() throws Exception {
        try (Connection c = server.app().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE pipe SET road = '南岳路' WHERE compound_code = 'T001' "
                     + "AND source_id = 'YS1-YS2' AND valid_to IS NULL")) {
            ps.executeUpdate(); // the delivery has no road field: the re-surveyed pipe must keep its road
        }
        byte[] zip = gbkZip("T001复测", layer("雨水管线", RAIN_PIPES), layer("雨水管点", RAIN_POINTS));
        HttpResponse<String> response = new Multipart().file("survey.zip", zip).field("compound", "T001")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode report = TestServer.parse(response.body());
        long id = report.get("survey_id").asLong();
        assertThat(report.get("zip_name_encoding").asText()).isEqualTo("GBK");
        JsonNode pipes = layerReport(report, "pipes");
        assertThat(pipes.get("file").asText()).isEqualTo("雨水管线.shp");
        assertThat(pipes.get("network").asText()).isEqualTo("YS");
        assertThat(pipes.get("encoding").asText()).isEqualTo("GBK");
        assertThat(pipes.get("crs").asText()).isEqualTo("EPSG:4548");
        assertThat(pipes.get("read").asInt()).isEqualTo(3);
        assertThat(pipes.get("accepted").asInt()).isEqualTo(2);
        assertThat(pipes.get("rejected").asInt()).isEqualTo(1);
        assertThat(pipes.at("/fields/start_no").asText()).isEqualTo("起点点号");
        assertThat(layerReport(report, "pipe_points").at("/fields/point_no").asText()).isEqualTo("WTDH");
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("雨水管线.dbf");
        assertThat(error.get("record").asInt()).isEqualTo(3);
        assertThat(error.get("field").asText()).isEqualTo("起点埋深");
        assertThat(error.get("value").asText()).isEqualTo("abc");
        assertThat(codes(report.get("warnings"))).contains("elevation_mismatch");

        JsonNode diff = server.getJson("/api/surveys/" + id + "/diff");
        assertThat(diff.at("/summary/pipes/added").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/pipes/changed").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/pipes/removed").asInt()).isZero(); // WS and JS pipes are not in this delivery
        assertThat(diff.at("/summary/pipe_points/added").asInt()).isEqualTo(1);
        JsonNode changed = feature(diff, "YS1-YS2");
        assertThat(changed.at("/properties/changes/dn_mm/old").asInt()).isEqualTo(400);
        assertThat(changed.at("/properties/changes/dn_mm/new").asInt()).isEqualTo(500);
        assertThat(changed.at("/properties/changes").has("road")).isFalse();
        assertThat(texts(diff.at("/summary/pipes/kept_from_current"))).contains("road", "build_year");

        String beforeCommit = java.time.Instant.now().toString();
        HttpResponse<String> commit = post("/api/surveys/" + id + "/commit");
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        JsonNode rain = server.getJson("/collections/pipes/items?compound=T001&network=YS");
        assertThat(rain.get("numberMatched").asInt()).isEqualTo(2);
        assertThat(server.getJson("/collections/pipes/items?compound=T001&network=WS,JS").get("numberMatched").asInt()).isEqualTo(2);
        JsonNode ys12 = server.getJson("/collections/pipes/items?compound=T001&source_id=YS1-YS2").at("/features/0/properties");
        assertThat(ys12.get("material").asText()).isEqualTo("钢筋混凝土");
        assertThat(ys12.get("dn_mm").asInt()).isEqualTo(500);
        assertThat(ys12.get("survey_id").asLong()).isEqualTo(id);
        assertThat(ys12.get("road").asText()).isEqualTo("南岳路");
        assertThat(server.getJson("/collections/pipes/items?source_id=YS2-YS3").at("/features/0/properties/size_text").asText())
                .isEqualTo("DN600");
        JsonNode history = server.getJson("/collections/pipes/items?compound=T001&source_id=YS1-YS2&datetime=" + beforeCommit);
        assertThat(history.at("/features/0/properties/dn_mm").asInt()).isEqualTo(400);

        // The points delivered no accuracy field: re-surveyed manholes keep theirs, new ones take the default.
        assertThat(server.getJson("/collections/pipe-points/items?compound=T001&point_no=YS1").at("/features/0/properties/accuracy_class")
                .asText()).isEqualTo("visible");
        assertThat(server.getJson("/collections/pipe-points/items?compound=T001&point_no=YS3").at("/features/0/properties/accuracy_class")
                .asText()).isEqualTo("hidden");
        assertThat(ys12.get("status").asText()).isEqualTo("existing");

        assertThat(post("/api/surveys/" + id + "/commit").statusCode()).isEqualTo(409);
    }

    @Test
    void aStagedSurveyCanBeDiscardedAndLeavesNoTrace() throws Exception {
        HttpResponse<String> response = new Multipart()
                .file("管点.shp", bytes("rain", "雨水管点", RAIN_POINTS, "shp"))
                .file("管点.shx", bytes("rain", "雨水管点", RAIN_POINTS, "shx"))
                .file("管点.dbf", bytes("rain", "雨水管点", RAIN_POINTS, "dbf"))
                .field("compound", "T002").field("crs", "EPSG:4548").post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        long id = TestServer.parse(response.body()).get("survey_id").asLong();
        assertThat(codes(TestServer.parse(response.body()).get("warnings"))).contains("far_from_compound");
        JsonNode waiting = server.getJson("/api/surveys?compound=T002&status=staged");
        assertThat(waiting.get("surveys").findValuesAsText("survey_id")).contains(String.valueOf(id));
        assertThat(server.get("/api/surveys?status=staged").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/surveys?compound=T002&status=maybe").statusCode()).isEqualTo(400);
        HttpResponse<String> discarded = send(server.request("/api/surveys/" + id).DELETE());
        assertThat(discarded.statusCode()).isEqualTo(200);
        assertThat(server.get("/api/surveys/" + id + "/diff").statusCode()).isEqualTo(409);
        assertThat(server.getJson("/api/surveys?compound=T002&status=staged").get("surveys").findValuesAsText("survey_id"))
                .doesNotContain(String.valueOf(id));
        assertThat(server.getJson("/api/surveys?compound=T002").get("surveys").findValuesAsText("status")).contains("discarded");
        try (Connection c = server.app().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM staged_pipe_point WHERE survey_id = ?")) {
            ps.setLong(1, id);
            var rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void pipeEndsAwayFromEveryPointAreWarnedWithTheNearestDistance() throws Exception {
        String lateral = """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"起点点号":"YS2","终点点号":"YS9","管径":"DN300"},
                 "geometry":{"type":"LineString","coordinates":[[619050,3552010],[619070,3552060]]}}]}
                """;
        byte[] zip = gbkZip("ends", layer("雨水管线", lateral)); // pipes only: checked against T001's current points
        HttpResponse<String> response = new Multipart().file("ends.zip", zip).field("compound", "T001")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode report = TestServer.parse(response.body());
        List<JsonNode> offPoint = new ArrayList<>();
        report.get("warnings").forEach(w -> {
            if (w.get("code").asText().equals("end_not_on_point")) {
                offPoint.add(w);
            }
        });
        // The start sits on YS2; the end names YS9, which T001 has not, and the nearest point is 53.85 m away.
        assertThat(offPoint).singleElement().satisfies(w -> {
            assertThat(w.get("record").asInt()).isEqualTo(1);
            assertThat(w.get("field").asText()).isEqualTo("end_no");
            assertThat(w.get("reason").asText()).contains("YS9", "nearest 53.85 m");
        });
        discard(report.get("survey_id").asLong());
    }

    /**
     * The pipe-end checks made while staging (ShapeChecks: the points are staged first, and each pipe's ends are
     * measured as it is read) answer what PostGIS answers over the staged rows (the join StagingChecks falls back
     * to, written out below with validation-rules.json's 0.1 m and 0.05 m), at the edges of the tolerances too: an
     * end 0.1 m off its point, ground − (depth + elevation) of exactly 0.05 m once the values are held to the
     * columns' millimetres, and 0.051 m. The pipes come first in the upload: the points are staged first anyway.
     */
    @Test
    void pipeEndsCheckedWhileStagingAgreeWithTheSqlOverTheStagedRows() throws Exception {
        String points = """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"WTDH":"YS1","FSW":"检修井","DMGC":22.0},"geometry":{"type":"Point","coordinates":[619010,3552010]}},
                {"type":"Feature","properties":{"WTDH":"YS2","FSW":"检修井","DMGC":22.0},"geometry":{"type":"Point","coordinates":[619050,3552010]}},
                {"type":"Feature","properties":{"WTDH":"YS3","FSW":"检修井","DMGC":22.3},"geometry":{"type":"Point","coordinates":[619090,3552010]}}]}
                """;
        String pipes = """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"起点点号":"YS1","终点点号":"YS2","管径":"DN300","起点埋深":1.5,"起点高程":20.5,"终点埋深":1.65,"终点高程":20.3},
                 "geometry":{"type":"LineString","coordinates":[[619010,3552010],[619050,3552010]]}},
                {"type":"Feature","properties":{"起点点号":"YS1","终点点号":"YS2","管径":"DN300","起点埋深":1.5004,"起点高程":20.4496,"终点埋深":1.7,"终点高程":20.249},
                 "geometry":{"type":"LineString","coordinates":[[619010.1,3552010],[619050,3552009.9]]}},
                {"type":"Feature","properties":{"起点点号":"YS2","终点点号":"YS3","管径":"DN300","起点埋深":1.5,"起点高程":20.5,"终点埋深":1.7,"终点高程":20.549},
                 "geometry":{"type":"LineString","coordinates":[[619050.1001,3552010],[619090,3552010.09]]}},
                {"type":"Feature","properties":{"起点点号":"YS3","终点点号":"YS9","管径":"DN300"},
                 "geometry":{"type":"LineString","coordinates":[[619090,3552010],[619100,3552030]]}}]}
                """;
        Layer pointLayer = layer("雨水管点", points);
        Layer pipeLayer = layer("雨水管线", pipes);
        JsonNode report = upload(gbkZip(List.of("a-pipes", "b-points"), pipeLayer, pointLayer));
        long id = report.get("survey_id").asLong();
        try (Connection c = server.app().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(ENDS_BY_POSTGIS)) {
            ps.setLong(1, id);
            ps.setLong(2, id);
            List<Integer> off = new ArrayList<>();
            List<Integer> mismatched = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    (rs.getBoolean(2) ? off : mismatched).add(rs.getInt(1));
                }
            }
            assertThat(records(report, "elevation_mismatch")).isEqualTo(mismatched);
            assertThat(records(report, "end_not_on_point")).isEqualTo(off); // none of these ends is on another point
            // record 1's end is off by exactly 0.05 m, record 2's start too once its values are held to the millimetre
            assertThat(mismatched).containsExactly(3);
            assertThat(off).containsExactly(2, 3, 4);
        } finally {
            discard(id);
        }
    }

    /** Each pipe end of a staged survey off its named point (true) or whose elevations disagree (false), in order. */
    private static final String ENDS_BY_POSTGIS = """
            SELECT e.record_no, (n.geom IS NULL OR NOT ST_DWithin(n.geom, e.at, 0.1)) AS off
            FROM (SELECT p.record_no, v.which, v.no, v.depth, v.elevation, v.at FROM staged_pipe p
                  CROSS JOIN LATERAL (VALUES
                      ('start', p.start_no, p.start_depth_m, p.start_elevation_m, ST_StartPoint(ST_GeometryN(p.geom, 1))),
                      ('end', p.end_no, p.end_depth_m, p.end_elevation_m, ST_EndPoint(ST_GeometryN(p.geom, ST_NumGeometries(p.geom))))
                  ) AS v(which, no, depth, elevation, at)
                  WHERE p.survey_id = ?) e
            LEFT JOIN staged_pipe_point n ON n.point_no = e.no AND n.survey_id = ?
            WHERE n.geom IS NULL OR NOT ST_DWithin(n.geom, e.at, 0.1)
               OR (e.depth IS NOT NULL AND e.elevation IS NOT NULL AND n.ground_elevation_m IS NOT NULL
                   AND abs(n.ground_elevation_m - (e.depth + e.elevation)) > 0.05)
            ORDER BY e.record_no, e.which DESC""";

    /**
     * The distance from the compound, measured on each shape as it is staged (ShapeChecks), is what PostGIS
     * measures over the staged rows: the same features beyond the limit, the same farthest distance.
     */
    @Test
    void dataFarFromTheCompoundIsMeasuredAsPostgisMeasuresIt() throws Exception {
        String pipes = """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"起点点号":"YS1","终点点号":"YS2","管径":"DN300"},
                 "geometry":{"type":"LineString","coordinates":[[619010,3552010],[619050,3552010]]}},
                {"type":"Feature","properties":{"起点点号":"YS5","终点点号":"YS6","管径":"DN300"},
                 "geometry":{"type":"LineString","coordinates":[[619450,3552010],[619470,3552030]]}},
                {"type":"Feature","properties":{"起点点号":"YS7","终点点号":"YS8","管径":"DN300"},
                 "geometry":{"type":"LineString","coordinates":[[619800,3552300],[619830,3552330]]}},
                {"type":"Feature","properties":{"起点点号":"YS8","终点点号":"YS9","管径":"DN300"},
                 "geometry":{"type":"LineString","coordinates":[[618100,3551200],[618120,3551230]]}}]}
                """;
        JsonNode report = upload(gbkZip("远处", layer("雨水管线", pipes)));
        long id = report.get("survey_id").asLong();
        try (Connection c = server.app().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*), round(max(ST_Distance(s.geom, c.geom))) FROM staged_pipe s"
                     + " JOIN compound c ON c.code = 'T001' AND c.valid_to IS NULL"
                     + " WHERE s.survey_id = ? AND NOT ST_DWithin(s.geom, c.geom, 500)")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("PostGIS finds two beyond 500 m").isEqualTo(2);
                JsonNode far = Findings.finding(report.get("warnings"), "far_from_compound");
                assertThat(far.at("/params/n").asLong()).isEqualTo(rs.getLong(1));
                assertThat(far.at("/params/farthest").asLong()).isEqualTo(rs.getLong(2));
            }
        } finally {
            discard(id);
        }
    }

    /** The records of the findings of one code, in the report's order. */
    private static List<Integer> records(JsonNode report, String code) {
        List<Integer> records = new ArrayList<>();
        report.get("warnings").forEach(w -> {
            if (w.get("code").asText().equals(code)) {
                w.get("records").forEach(r -> records.add(r.asInt()));
            }
        });
        return records;
    }

    private JsonNode upload(byte[] zip) throws Exception {
        HttpResponse<String> response = new Multipart().file("ends.zip", zip).field("compound", "T001")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestServer.parse(response.body());
    }

    @Test
    void pipesLongerOrShorterThanTheRulesAreWarnedWithTheirLength() throws Exception {
        String pipes = """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"起点点号":"YS2","终点点号":"YS8","管径":"DN300"},
                 "geometry":{"type":"LineString","coordinates":[[619050,3552010],[619050,3552110]]}},
                {"type":"Feature","properties":{"起点点号":"YS2","终点点号":"YS7","管径":"DN300"},
                 "geometry":{"type":"LineString","coordinates":[[619050,3552010],[619050.02,3552010]]}}]}
                """;
        byte[] zip = gbkZip("lengths", layer("雨水管线", pipes));
        HttpResponse<String> response = new Multipart().file("lengths.zip", zip).field("compound", "T001")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode report = TestServer.parse(response.body());
        Map<String, JsonNode> byCode = new HashMap<>();
        report.get("warnings").forEach(w -> byCode.putIfAbsent(w.get("code").asText(), w));
        // validation-rules.json: over 75 m is long, under 0.05 m short; the limits are bound, not pasted into the SQL.
        JsonNode tooLong = byCode.get("long_segment");
        assertThat(tooLong).as(report.toString()).isNotNull();
        assertThat(tooLong.get("record").asInt()).isEqualTo(1);
        assertThat(tooLong.get("reason").asText()).contains("100.00 m long, over 75.00 m");
        JsonNode tooShort = byCode.get("short_segment");
        assertThat(tooShort).as(report.toString()).isNotNull();
        assertThat(tooShort.get("record").asInt()).isEqualTo(2);
        assertThat(tooShort.get("reason").asText()).contains("0.02 m long, under 0.05 m");
        discard(report.get("survey_id").asLong());
    }

    @Test
    void aSurveyWhoseStagedRowsWereLostIsNotCommitted() throws Exception {
        byte[] zip = gbkZip("lost", layer("雨水管线", RAIN_PIPES));
        HttpResponse<String> response = new Multipart().file("lost.zip", zip).field("compound", "T002")
                .field("crs", "EPSG:4548").post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        long id = TestServer.parse(response.body()).get("survey_id").asLong();
        long before = server.getJson("/collections/pipes/items?compound=T002").get("numberMatched").asLong();
        try (Connection c = server.app().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM staged_pipe WHERE survey_id = ?")) {
            ps.setLong(1, id); // what a crash did to the staging tables while they were unlogged (before V10)
            ps.executeUpdate();
        }
        HttpResponse<String> commit = post("/api/surveys/" + id + "/commit");
        assertThat(commit.statusCode()).isEqualTo(409);
        assertThat(commit.body()).contains("upload again");
        assertThat(server.getJson("/collections/pipes/items?compound=T002").get("numberMatched").asLong()).isEqualTo(before);
        discard(id);
    }

    /** Issue 14 point 4: the advice for a layer not recognised names what a layer of its shape can be. */
    @Test
    void aLayerNotRecognisedIsSkippedWithAdviceForItsShape() throws Exception {
        Path shp = writeShapefile("unknown", "雨水管线", RAIN_PIPES);
        writeShapefile("unknown", "地块", """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"BM":"P1"},"geometry":{"type":"Polygon",
                "coordinates":[[[619000,3552000],[619020,3552000],[619020,3552020],[619000,3552000]]]}}]}""");
        byte[] zip = zipFolder(shp.getParent(), StandardCharsets.UTF_8);
        HttpResponse<String> response = new Multipart().file("unknown.zip", zip).field("compound", "T001")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode report = TestServer.parse(response.body());
        JsonNode skipped = null;
        for (JsonNode l : report.get("layers")) {
            if (l.path("file").asText().equals("地块.shp")) {
                skipped = l;
            }
        }
        assertThat(skipped).as(report.get("layers").toString()).isNotNull();
        assertThat(skipped.path("skipped").asBoolean()).isTrue();
        assertThat(skipped.path("skipped_because").asText())
                .contains("{\"layers\": {\"地块\": \"compounds\"}}", "a polygon layer can be compounds, buildings, parking, obstacles")
                .doesNotContain("\"pipes\"");
        discard(report.get("survey_id").asLong());
    }

    @Test
    void withoutAPrjAndWithoutCrsTheUploadAsksForCrs() throws Exception {
        Path shp = writeShapefile("noprj", "雨水管线", RAIN_PIPES);
        Files.delete(shp.resolveSibling("雨水管线.prj"));
        byte[] zip = zipFolder(shp.getParent(), StandardCharsets.UTF_8);
        HttpResponse<String> response = new Multipart().file("noprj.zip", zip).field("compound", "T001")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(response.body()).get("description").asText()).contains("no .prj", "give crs");
        assertThat(TestServer.parse(response.body()).get("code").asText()).as("the map asks for crs on this code").isEqualTo("CrsRequired");
        // the numbers are a central-meridian form lying at T001 when read in its 3° zone: that zone is suggested
        assertThat(TestServer.parse(response.body()).get("suggested_crs").asText()).isEqualTo("EPSG:4548");
        assertThat(TestServer.parse(response.body()).get("description").asText()).contains("3° zone of T001");
        JsonNode message = TestServer.parse(response.body()).get("message");
        assertThat(message.get("code").asText()).as("what the map words in its user's language").isEqualTo("crs_required.no_prj");
        assertThat(message.at("/params/file").asText()).isEqualTo("雨水管线.shp");
        assertThat(message.at("/params/tells/0/code").asText()).isEqualTo("coordinates_fits_compound_zone");
        assertThat(message.at("/params/tells/0/params/epsg").asInt()).isEqualTo(4548);
    }

    @Test
    void zipSlipIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("../../evil.shp"));
            zip.write(new byte[200]);
            zip.closeEntry();
        }
        HttpResponse<String> response = new Multipart().file("slip.zip", out.toByteArray()).post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("../../evil.shp", "outside the archive");
        assertThat(TestServer.parse(response.body()).at("/message/code").asText()).isEqualTo("zip.entry_outside");
        assertThat(TestServer.parse(response.body()).at("/message/params/entry").asText()).isEqualTo("../../evil.shp");
    }

    @Test
    void zipBombIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("bomb.dbf"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        HttpResponse<String> response = new Multipart().file("bomb.zip", out.toByteArray()).post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("zip bomb");
    }

    @Test
    void aCorruptShapefileIsAClearErrorNotA500() throws Exception {
        Path shp = writeShapefile("corrupt", "雨水管线", RAIN_PIPES);
        byte[] bytes = Files.readAllBytes(shp);
        Files.write(shp, java.util.Arrays.copyOf(bytes, bytes.length - 12));
        HttpResponse<String> truncated = new Multipart().file("corrupt.zip", zipFolder(shp.getParent(), StandardCharsets.UTF_8))
                .field("compound", "T001").post(server.baseUrl() + "/api/surveys");
        assertThat(truncated.statusCode()).as(truncated.body()).isEqualTo(201);
        JsonNode error = TestServer.parse(truncated.body()).get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("雨水管线.shp");
        assertThat(error.get("record").asInt()).isEqualTo(3);
        discard(TestServer.parse(truncated.body()).get("survey_id").asLong());

        Files.write(shp, "garbage that is not a shapefile header".repeat(4).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> garbage = new Multipart().file("garbage.zip", zipFolder(shp.getParent(), StandardCharsets.UTF_8))
                .field("compound", "T001").post(server.baseUrl() + "/api/surveys");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("雨水管线.shp", "not a shapefile");
    }

    @Test
    void anUnknownCompoundOrNoFileIsRefused() throws Exception {
        byte[] zip = gbkZip("x", layer("雨水管线", RAIN_PIPES));
        HttpResponse<String> unknown = new Multipart().file("x.zip", zip).field("compound", "NOPE").post(server.baseUrl() + "/api/surveys");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("NOPE");
        HttpResponse<String> empty = new Multipart().field("compound", "T001").post(server.baseUrl() + "/api/surveys");
        assertThat(empty.statusCode()).isEqualTo(400);
    }

    @Test
    void aSecondUploadToACompoundBeingImportedIsRefusedClearly() throws Exception {
        byte[] zip = gbkZip("busy", layer("雨水管线", RAIN_PIPES));
        try (Connection c = server.app().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('compound-gis:compound:' || 'T002'))")) {
                lock.execute(); // as if another upload to T002 were being staged right now
            }
            HttpResponse<String> response = new Multipart().file("busy.zip", zip).field("compound", "T002")
                    .post(server.baseUrl() + "/api/surveys");
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("in progress");
            c.rollback();
        }
    }

    // --- hostile files (issue 10, points 6, 7 and 9) -----------------------------------------

    @Test
    void aDbfClaimingABillionRecordsIsRefusedAt400NamingFileAndField() throws Exception {
        Path shp = writeShapefile("billion", "雨水管点", RAIN_POINTS);
        patchIntLe(shp.resolveSibling("雨水管点.dbf"), 4, 1 << 30);
        HttpResponse<String> response = new Multipart().file("billion.zip", zipFolder(shp.getParent(), StandardCharsets.UTF_8))
                .field("compound", "T001").post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = TestServer.parse(response.body());
        assertThat(body.get("code").asText()).isEqualTo("InvalidUpload");
        assertThat(body.get("description").asText()).contains("雨水管点.dbf header field record count", "1073741824");
    }

    @Test
    void aShpRecordClaimingTwoBillionPointsIsARecordErrorNotA500() throws Exception {
        Path shp = writeShapefile("points2g", "雨水管线", RAIN_PIPES);
        patchIntLe(shp, 100 + 8 + 40, Integer.MAX_VALUE); // record 1: numPoints
        HttpResponse<String> response = new Multipart().file("points2g.zip", zipFolder(shp.getParent(), StandardCharsets.UTF_8))
                .field("compound", "T002").field("crs", "EPSG:4548").post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode report = TestServer.parse(response.body());
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("雨水管线.shp");
        assertThat(error.get("record").asInt()).isEqualTo(1);
        assertThat(error.get("field").asText()).isEqualTo("numPoints");
        discard(report.get("survey_id").asLong());
    }

    @Test
    void nulPaddedDbfTextIsStrippedAndAnInnerNulRejectsOnlyItsRecord() throws Exception {
        Path shp = writeShapefile("nul", "雨水管点", RAIN_POINTS);
        Path dbf = shp.resolveSibling("雨水管点.dbf");
        byte[] bytes = Files.readAllBytes(dbf);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (int i = text.indexOf("YS1") + 3; bytes[i] == ' '; i++) {
            bytes[i] = 0;
        }
        bytes[text.indexOf("YS2") + 1] = 0;
        Files.write(dbf, bytes);
        HttpResponse<String> response = new Multipart().file("nul.zip", zipFolder(shp.getParent(), StandardCharsets.UTF_8))
                .field("compound", "T002").field("crs", "EPSG:4548").post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode report = TestServer.parse(response.body());
        JsonNode points = layerReport(report, "pipe_points");
        assertThat(points.get("accepted").asInt()).isEqualTo(2);
        assertThat(points.get("rejected").asInt()).isEqualTo(1);
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("雨水管点.dbf");
        assertThat(error.get("record").asInt()).isEqualTo(2);
        assertThat(error.get("field").asText()).isEqualTo("WTDH");
        assertThat(error.get("reason").asText()).contains("NUL");
        try (Connection c = server.app().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT point_no FROM staged_pipe_point WHERE survey_id = ? ORDER BY point_no")) {
            ps.setLong(1, report.get("survey_id").asLong());
            var rs = ps.executeQuery();
            List<String> staged = new ArrayList<>();
            while (rs.next()) {
                staged.add(rs.getString(1));
            }
            assertThat(staged).containsExactly("YS1", "YS3");
        }
        discard(report.get("survey_id").asLong());
    }

    @Test
    void aTextDateBeyondAnySurveyIsAFieldErrorNotA500() throws Exception {
        String obstacles = """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"编号":"Z1","类型":"违建","日期":"+999999999-12-31"},"geometry":{"type":"Point","coordinates":[619010,3552010]}},
                {"type":"Feature","properties":{"编号":"Z2","类型":"违建","日期":"2024-03-15"},"geometry":{"type":"Point","coordinates":[619020,3552010]}}]}
                """;
        Path shp = writeShapefile("dates", "障碍物", obstacles);
        HttpResponse<String> response = new Multipart().file("dates.zip", zipFolder(shp.getParent(), StandardCharsets.UTF_8))
                .field("compound", "T002").field("crs", "EPSG:4548").post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode report = TestServer.parse(response.body());
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("record").asInt()).isEqualTo(1);
        assertThat(error.get("field").asText()).isEqualTo("日期");
        assertThat(error.get("code").asText()).isEqualTo("not_a_date");
        assertThat(layerReport(report, "obstacles").get("accepted").asInt()).isEqualTo(1);
        discard(report.get("survey_id").asLong());
    }

    @Test
    void aZipWhoseDataDoesNotMatchItsCrcIsRefusedNamingTheEntry() throws Exception {
        Path shp = writeShapefile("crc", "雨水管线", RAIN_PIPES);
        byte[] prj = Files.readAllBytes(shp.resolveSibling("雨水管线.prj"));
        RawZip stored = new RawZip();
        try (var files = Files.list(shp.getParent())) {
            for (Path f : files.sorted().toList()) {
                byte[] data = Files.readAllBytes(f);
                long crc = RawZip.crc(data);
                if (f.getFileName().toString().endsWith(".prj")) {
                    data = data.clone();
                    data[10] ^= 0x20; // one flipped bit in the data; the CRC is that of the original
                }
                stored.entry(f.getFileName().toString().getBytes(StandardCharsets.UTF_8), true, data, crc);
            }
        }
        assertThat(prj).isNotEmpty();
        HttpResponse<String> response = new Multipart().file("crc.zip", stored.bytes()).field("compound", "T001")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("雨水管线.prj", "CRC");

        byte[] deflated = zipFolder(shp.getParent(), StandardCharsets.UTF_8);
        int at = indexOf(deflated, "雨水管线.dbf".getBytes(StandardCharsets.UTF_8)) + "雨水管线.dbf".getBytes(StandardCharsets.UTF_8).length;
        deflated[at + 40] ^= 0x01; // inside the first entry's deflated data
        HttpResponse<String> flipped = new Multipart().file("flipped.zip", deflated).field("compound", "T001")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(flipped.statusCode()).as(flipped.body()).isEqualTo(400);
        assertThat(flipped.body()).contains("雨水管线.dbf", "damaged");
    }

    @Test
    void aZipWhoseEndRecordClaimsACommentBeyondTheFileIsRefused() throws Exception {
        byte[] zip = gbkZip("end", layer("雨水管线", RAIN_PIPES));
        zip[zip.length - 2] = 0x5D; // the END record's comment length: 93 bytes that are not there
        HttpResponse<String> response = new Multipart().file("end.zip", zip).field("compound", "T001")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("end.zip", "damaged");
    }

    @Test
    void aPrjThatIsNotTextIsRefusedAndOneThatIsNotUtf8AsksForCrs() throws Exception {
        Path shp = writeShapefile("badprj", "雨水管线", RAIN_PIPES);
        Path prj = shp.resolveSibling("雨水管线.prj");
        byte[] text = Files.readAllBytes(prj);
        text[20] = 0;
        Files.write(prj, text);
        HttpResponse<String> nul = new Multipart().file("nul.zip", zipFolder(shp.getParent(), StandardCharsets.UTF_8))
                .field("compound", "T001").post(server.baseUrl() + "/api/surveys");
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        assertThat(nul.body()).contains("雨水管线.prj", "control byte 0x00");

        Files.write(prj, new byte[]{'P', 'R', 'O', 'J', (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE});
        HttpResponse<String> notUtf8 = new Multipart().file("latin.zip", zipFolder(shp.getParent(), StandardCharsets.UTF_8))
                .field("compound", "T001").post(server.baseUrl() + "/api/surveys");
        assertThat(notUtf8.statusCode()).as(notUtf8.body()).isEqualTo(400);
        assertThat(TestServer.parse(notUtf8.body()).get("code").asText()).isEqualTo("CrsRequired");
    }

    @Test
    void numbersBeyondWhatTheirColumnHoldsRejectTheRecordNamingTheField() throws Exception {
        String pipes = RAIN_PIPES.replace("\"起点埋深\":1.5,", "\"起点埋深\":12345.6,").replace("\"Φ600\"", "\"DN0\"");
        byte[] zip = gbkZip("capacity", layer("雨水管线", pipes));
        HttpResponse<String> response = new Multipart().file("capacity.zip", zip).field("compound", "T001")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode report = TestServer.parse(response.body());
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("record").asInt()).isEqualTo(1);
        assertThat(error.get("field").asText()).isEqualTo("起点埋深");
        assertThat(error.get("code").asText()).isEqualTo("out_of_range");
        assertThat(codes(report.get("warnings"))).contains("unreadable_size"); // DN0 is no size: kept as text only
        assertThat(layerReport(report, "pipes").get("accepted").asInt()).isEqualTo(1);
        discard(report.get("survey_id").asLong());
    }

    @Test
    void dataThatCannotBeInTheGivenCrsNeverReachesPostgis() throws Exception {
        byte[] zip = gbkZip("wrongcrs", layer("雨水管线", RAIN_PIPES)); // GK metres read as degrees
        HttpResponse<String> located = new Multipart().file("wrongcrs.zip", zip).field("crs", "EPSG:4490")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(located.statusCode()).as(located.body()).isEqualTo(400);
        assertThat(located.body()).contains("EPSG:4490 is not defined");

        HttpResponse<String> staged = new Multipart().file("wrongcrs.zip", zip).field("crs", "EPSG:4490")
                .field("compound", "T002").post(server.baseUrl() + "/api/surveys");
        assertThat(staged.statusCode()).as(staged.body()).isEqualTo(201);
        JsonNode report = TestServer.parse(staged.body());
        assertThat(codes(report.get("errors"))).contains("outside_crs");
        assertThat(layerReport(report, "pipes").get("accepted").asInt()).isZero();
        discard(report.get("survey_id").asLong());

        HttpResponse<String> unknown = new Multipart().file("wrongcrs.zip", zip).field("crs", "EPSG:99999")
                .field("compound", "T002").post(server.baseUrl() + "/api/surveys");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(TestServer.parse(unknown.body()).get("code").asText()).isEqualTo("InvalidCrs");
    }

    @Test
    void zipEntryNamesThatClashAreEmptyOrTooLongAreRefusedNamingTheEntry() throws Exception {
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        Map<String, RawZip> cases = new java.util.LinkedHashMap<>();
        cases.put("'a/管线.shp' and 'a/管线.SHP'", new RawZip().entry("a/管线.shp", StandardCharsets.UTF_8, data)
                .entry("a/管线.SHP", StandardCharsets.UTF_8, data));
        cases.put("'a/管线.dbf' and 'a\\管线.dbf'", new RawZip().entry("a/管线.dbf", StandardCharsets.UTF_8, data)
                .entry("a\\管线.dbf", StandardCharsets.UTF_8, data));
        cases.put("'管线.dbf' and '管线.dbf'", new RawZip().entry("管线.dbf", StandardCharsets.UTF_8, data) // flagged UTF-8
                .entry("管线.dbf", GBK, data)); // the same name in GBK, unflagged
        cases.put("'a' and 'a/b.shp'", new RawZip().entry("a", StandardCharsets.UTF_8, data).entry("a/b.shp", StandardCharsets.UTF_8, data));
        cases.put("empty name", new RawZip().entry("", StandardCharsets.UTF_8, data));
        cases.put("'" + "长".repeat(90) + ".shp' has a name of 274 bytes",
                new RawZip().entry("长".repeat(90) + ".shp", StandardCharsets.UTF_8, data));
        cases.put("control character", new RawZip().entry("a\u0000b.shp", StandardCharsets.UTF_8, data));
        for (Map.Entry<String, RawZip> c : cases.entrySet()) {
            HttpResponse<String> response = new Multipart().file("names.zip", c.getValue().bytes()).field("compound", "T001")
                    .post(server.baseUrl() + "/api/surveys");
            assertThat(response.statusCode()).as(c.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(TestServer.parse(response.body()).get("description").asText()).as(c.getKey()).contains(c.getKey());
        }
    }

    @Test
    void looseFilesWithTheSameNameAreRefused() throws Exception {
        HttpResponse<String> response = new Multipart()
                .file("管点.shp", bytes("rain", "雨水管点", RAIN_POINTS, "shp"))
                .file("管点.SHP", bytes("rain", "雨水管点", RAIN_POINTS, "shp"))
                .field("compound", "T002").field("crs", "EPSG:4548").post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("管点.shp", "管点.SHP");
    }

    @Test
    void uploadsAreUnpackedInOneNamedFolderThatIsGoneWhenTheyEnd() throws Exception {
        HttpResponse<String> response = new Multipart().file("x.zip", gbkZip("x", layer("雨水管线", RAIN_PIPES)))
                .field("compound", "NOPE").post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).isEqualTo(404);
        Path parent = cn.compoundgis.survey.upload.UploadWorkspace.defaultParent();
        assertThat(parent).isDirectory();
        String spool = "upload-" + ProcessHandle.current().pid() + "-multipart"; // Jetty's, for requests arriving
        try (var folders = Files.list(parent)) {
            assertThat(folders.map(f -> f.getFileName().toString()).filter(n -> !n.equals(spool)))
                    .noneMatch(n -> n.startsWith("upload-" + ProcessHandle.current().pid() + "-"));
        }
        // Jetty deletes a request's parts when it completes, which may be just after the client has the answer
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (spooledParts(parent.resolve(spool)).size() > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(spooledParts(parent.resolve(spool))).as("parts Jetty spooled for the finished upload").isEmpty();
    }

    private static List<Path> spooledParts(Path spool) throws IOException {
        try (var parts = Files.list(spool)) {
            return parts.toList();
        }
    }

    // --- helpers ---------------------------------------------------------------------------

    private record Layer(String name, Path shp) {
    }

    private Layer layer(String name, String geojson) throws Exception {
        return new Layer(name, writeShapefile(name + "-" + System.nanoTime(), name, geojson));
    }

    private Path writeShapefile(String folder, String name, String geojson) throws Exception {
        Path d = Files.createDirectories(dir.resolve(folder));
        Path in = d.resolve("in.json");
        Files.writeString(in, geojson);
        Path shp = d.resolve(name + ".shp");
        run("ogr2ogr", "-f", "ESRI Shapefile", "-a_srs", "EPSG:4548", "-lco", "ENCODING=CP936", shp.toString(), in.toString());
        Files.delete(in);
        return shp;
    }

    private byte[] bytes(String folder, String name, String geojson, String ext) throws Exception {
        Path shp = dir.resolve(folder).resolve(name + ".shp");
        if (!Files.exists(shp)) {
            writeShapefile(folder, name, geojson);
        }
        return Files.readAllBytes(shp.resolveSibling(name + "." + ext));
    }

    /** A zip as Chinese Windows makes it: entry names in GBK, without the UTF-8 flag, inside a Chinese folder. */
    private static byte[] gbkZip(String folder, Layer... layers) throws Exception {
        return gbkZip(java.util.Collections.nCopies(layers.length, folder), layers);
    }

    /** The same, each layer in its own folder (folders.get(i) for layers[i]). */
    private static byte[] gbkZip(List<String> folders, Layer... layers) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, GBK)) {
            for (int i = 0; i < layers.length; i++) {
                try (var files = Files.list(layers[i].shp().getParent())) {
                    for (Path f : files.toList()) {
                        zip.putNextEntry(new ZipEntry(folders.get(i) + "/" + f.getFileName()));
                        zip.write(Files.readAllBytes(f));
                        zip.closeEntry();
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] zipFolder(Path folder, Charset names) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, names); var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void patchIntLe(Path file, long at, int value) throws Exception {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static JsonNode layerReport(JsonNode report, String layer) {
        for (JsonNode l : report.get("layers")) {
            if (layer.equals(l.path("layer").asText())) {
                return l;
            }
        }
        throw new AssertionError("no " + layer + " layer in " + report.get("layers"));
    }

    private static List<String> codes(JsonNode problems) {
        List<String> codes = new ArrayList<>();
        problems.forEach(p -> codes.add(p.get("code").asText()));
        return codes;
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static JsonNode feature(JsonNode diff, String key) {
        for (JsonNode f : diff.at("/features/features")) {
            if (key.equals(f.at("/properties/key").asText())) {
                return f;
            }
        }
        throw new AssertionError("no " + key + " in the diff");
    }

    private HttpResponse<String> post(String path) throws Exception {
        return send(server.request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private void discard(long id) throws Exception {
        send(server.request("/api/surveys/" + id).DELETE());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

}
