package cn.compoundgis.survey;

import static cn.compoundgis.survey.SurveyZips.collection;
import static cn.compoundgis.survey.SurveyZips.feature;
import static cn.compoundgis.survey.Findings.finding;
import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a commit takes: blocking findings accepted with a reason (recorded), identical findings grouped, field
 * reports kept through a re-survey, an unchanged boundary shown unchanged, and a commit racing a discard.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyCommitTest {
    private TestServer server;

    @TempDir
    Path dir;

    /** Two rain pipes lying in compound T001 (619000–619100 E, 3552000–3552100 N). */
    private static final String T001_RAIN_PIPES = collection(List.of(
            feature("{\"起点点号\":\"YS1\",\"终点点号\":\"YS2\",\"管径\":\"DN500\"}",
                    "{\"type\":\"LineString\",\"coordinates\":[[619010,3552010],[619050,3552010]]}"),
            feature("{\"起点点号\":\"YS2\",\"终点点号\":\"YS3\",\"管径\":\"DN500\"}",
                    "{\"type\":\"LineString\",\"coordinates\":[[619050,3552010],[619090,3552010]]}")));

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("survey_commit_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void dataFarFromTheCompoundBlocksTheCommitUntilItIsAcceptedWithAReason() throws Exception {
        JsonNode report = upload(zips().zip("雨水管线", T001_RAIN_PIPES), "T002"); // T001's pipes sent to T002, 1 km east
        long id = report.get("survey_id").asLong();
        JsonNode far = finding(report.get("warnings"), "far_from_compound");
        assertThat(far.get("severity").asText()).isEqualTo("error");
        assertThat(far.get("blocking").asBoolean()).isTrue();
        assertThat(report.get("blocking").findValuesAsText("code")).containsExactly("far_from_compound");
        assertThat(report.at("/severity_counts/error").asInt()).isPositive();
        assertThat(report.get("warnings").get(0).get("code").asText()).as("blocking first").isEqualTo("far_from_compound");
        long t002Before = server.getJson("/collections/pipes/items?compound=T002").get("numberMatched").asLong();

        HttpResponse<String> refused = post("/api/surveys/" + id + "/commit", null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode error = TestServer.parse(refused.body());
        assertThat(error.get("code").asText()).isEqualTo("BlockingFindings");
        assertThat(error.get("description").asText()).contains("far_from_compound", "accept=FAR_FROM_COMPOUND", "reason");
        assertThat(post("/api/surveys/" + id + "/commit?accept=FAR_FROM_COMPOUND", null).statusCode())
                .as("an acceptance needs a reason").isEqualTo(400);
        assertThat(post("/api/surveys/" + id + "/commit?accept=FAR_FROM_COMPOUND&reason=%20%20", null).statusCode()).isEqualTo(400);
        assertThat(post("/api/surveys/" + id + "/commit?accept=XY_SWAPPED&reason=ok", null).statusCode())
                .as("not a finding of this survey").isEqualTo(400);
        assertThat(post("/api/surveys/" + id + "/commit?accept=FAR_FROM_COMPOUND&reason=a%00b", null).statusCode()).isEqualTo(400);
        assertThat(server.getJson("/collections/pipes/items?compound=T002").get("numberMatched").asLong())
                .as("nothing committed yet").isEqualTo(t002Before);

        HttpResponse<String> accepted = post("/api/surveys/" + id + "/commit",
                "{\"accept\": [\"FAR_FROM_COMPOUND\"], \"reason\": \"东边小区的雨水管由本次测量一并交付\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode after = server.getJson("/api/surveys/" + id + "/report");
        assertThat(after.get("status").asText()).isEqualTo("committed");
        assertThat(after.at("/acceptance/codes").findValuesAsText("")).isEmpty();
        assertThat(after.at("/acceptance/codes/0").asText()).isEqualTo("far_from_compound");
        assertThat(after.at("/acceptance/reason").asText()).isEqualTo("东边小区的雨水管由本次测量一并交付");
        assertThat(after.at("/acceptance/accepted_at").isTextual()).isTrue();
        assertThat(after.at("/acceptance/accepted_by").asText()).as("the committer (the tests' administrator)").isEqualTo("admin");
        try (Connection c = server.app().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT accepted_findings::text, acceptance_reason FROM survey WHERE id = ?")) {
            ps.setLong(1, id);
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("{far_from_compound}");
        }
    }

    @Test
    void pointsWithXAndYSwappedBlockTheCommitToo() throws Exception {
        List<String> points = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int easting = 619000 + 20 * i;
            points.add(feature("{\"WTDH\":\"YS" + i + "\",\"FSW\":\"检修井\",\"X\":" + easting + ".0,\"Y\":3552010.0}",
                    "{\"type\":\"Point\",\"coordinates\":[" + easting + ",3552010]}"));
        }
        JsonNode report = upload(zips().zip("雨水管点", collection(points)), "T001");
        long id = report.get("survey_id").asLong();
        JsonNode swapped = finding(report.get("warnings"), "xy_swapped");
        assertThat(swapped.get("blocking").asBoolean()).isTrue();
        assertThat(report.get("blocking").findValuesAsText("code")).containsExactly("xy_swapped");
        HttpResponse<String> refused = post("/api/surveys/" + id + "/commit", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("BlockingFindings", "XY_SWAPPED");
        HttpResponse<String> accepted = postForm("/api/surveys/" + id + "/commit",
                "accept=xy_swapped&reason=" + URLEncoder.encode("X/Y 列填反，图形正确", StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(server.getJson("/api/surveys/" + id + "/report").at("/acceptance/reason").asText()).isEqualTo("X/Y 列填反，图形正确");
    }

    @Test
    void identicalFindingsAreOneEntryWithACountAndTheFirstRecords() throws Exception {
        List<String> stalls = new ArrayList<>();
        for (int i = 0; i < 39; i++) {
            double x = 619001 + 2.5 * i;
            stalls.add(feature("{\"BH\":\"Q" + i + "\",\"LX\":\"地面\"}", "{\"type\":\"Polygon\",\"coordinates\":[[[" + x
                    + ",3552080],[" + (x + 2.4) + ",3552080],[" + (x + 2.4) + ",3552085.3],[" + x + ",3552085.3],[" + x + ",3552080]]]}"));
        }
        JsonNode report = upload(zips().zip("停车位", collection(stalls)), "T001");
        List<JsonNode> groundLevel = new ArrayList<>();
        report.get("warnings").forEach(w -> {
            if ("地面".equals(w.path("value").asText())) {
                groundLevel.add(w);
            }
        });
        assertThat(groundLevel).singleElement().satisfies(w -> {
            assertThat(w.get("code").asText()).isEqualTo("unknown_code");
            assertThat(w.get("count").asInt()).isEqualTo(39);
            assertThat(w.get("records").findValuesAsText("")).isEmpty();
            assertThat(w.get("records").toString()).isEqualTo("[1,2,3,4,5]");
            assertThat(w.get("severity").asText()).isEqualTo("info");
        });
        assertThat(report.get("warning_count").asInt()).isEqualTo(39);
        assertThat(report.at("/severity_counts/info").asInt()).isEqualTo(39);
        assertThat(report.get("blocking")).isEmpty();
        delete("/api/surveys/" + report.get("survey_id").asLong());
    }

    @Test
    void aReSurveyKeepsFieldReportsAndShowsAnUnchangedBoundaryAsUnchanged() throws Exception {
        try (Connection c = server.app().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE compound SET source_id = '城建档案 12' WHERE code = 'T001'")) {
            ps.executeUpdate(); // as in the demo data: the boundary's source id is not its code
        }
        HttpResponse<String> reported = post("/api/obstacles?crs=EPSG:4548", "{\"geometry\": {\"type\": \"Point\", "
                + "\"coordinates\": [3552060, 619070]}, \"kind\": \"clutter\", \"note\": \"楼道杂物\", \"compound\": \"T001\"}");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String fieldReport = TestServer.parse(reported.body()).at("/feature/properties/source_id").asText();
        assertThat(fieldReport).startsWith("WEB-");

        String obstacles = collection(List.of(
                feature("{\"BH\":\"OB7\",\"LX\":\"违建\",\"BZ\":\"自行车棚\"}", "{\"type\":\"Point\",\"coordinates\":[619020,3552055]}")));
        String boundary = collection(List.of(feature("{\"小区编号\":\"T001\",\"小区名称\":\"测试小区\"}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[619000,3552000],[619000,3552100],[619100,3552100],[619100,3552000],[619000,3552000]]]}")));
        JsonNode report = upload(zips().zip("违建障碍", obstacles, "小区边界", boundary), "T001");
        long id = report.get("survey_id").asLong();

        JsonNode diff = server.getJson("/api/surveys/" + id + "/diff");
        assertThat(diff.at("/summary/obstacles/kept").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/obstacles/removed").asInt()).as("the surveyed OB1").isEqualTo(1);
        assertThat(diff.at("/summary/obstacles/added").asInt()).isEqualTo(1);
        JsonNode kept = byKey(diff, fieldReport);
        assertThat(kept.at("/properties/change").asText()).isEqualTo("kept");
        assertThat(kept.at("/properties/status").asText()).isEqualTo("open");
        assertThat(diff.at("/summary/compounds/added").asInt()).isZero();
        assertThat(diff.at("/summary/compounds/removed").asInt()).isZero();
        assertThat(diff.at("/summary/compounds/unchanged").asInt()).isEqualTo(1);

        HttpResponse<String> commit = post("/api/surveys/" + id + "/commit", null);
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        JsonNode current = server.getJson("/collections/obstacles/items?compound=T001");
        assertThat(current.get("features").findValuesAsText("source_id")).containsExactlyInAnyOrder(fieldReport, "OB7");
        JsonNode stillOpen = server.getJson("/collections/obstacles/items?compound=T001&source_id=" + fieldReport);
        assertThat(stillOpen.at("/features/0/properties/status").asText()).isEqualTo("open");

        JsonNode again = upload(zips().zip("小区边界", boundary), "T001"); // the boundary after its own commit
        JsonNode secondDiff = server.getJson("/api/surveys/" + again.get("survey_id").asLong() + "/diff");
        assertThat(secondDiff.at("/summary/compounds/unchanged").asInt()).isEqualTo(1);
        assertThat(secondDiff.at("/summary/compounds/added").asInt()).isZero();
        delete("/api/surveys/" + again.get("survey_id").asLong());
    }

    @Test
    void aCommitRacingADiscardOfTheSameSurveyLetsOneWinAndAnswersTheOther409() throws Exception {
        String t002Pipe = collection(List.of(feature("{\"起点点号\":\"YS1\",\"终点点号\":\"YS2\",\"管径\":\"DN600\"}",
                "{\"type\":\"LineString\",\"coordinates\":[[620010,3552010],[620050,3552010]]}")));
        byte[] zip = zips().zip("雨水管线", t002Pipe);
        for (int round = 0; round < 8; round++) {
            long id = upload(zip, "T002").get("survey_id").asLong();
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<HttpResponse<String>> commit = CompletableFuture.supplyAsync(() ->
                    afterBarrier(start, () -> post("/api/surveys/" + id + "/commit", null)));
            CompletableFuture<HttpResponse<String>> discard = CompletableFuture.supplyAsync(() ->
                    afterBarrier(start, () -> delete("/api/surveys/" + id)));
            HttpResponse<String> committed = commit.get(60, TimeUnit.SECONDS);
            HttpResponse<String> discarded = discard.get(60, TimeUnit.SECONDS);
            assertThat(committed.statusCode()).as("commit: " + committed.body()).isIn(200, 409);
            assertThat(discarded.statusCode()).as("discard: " + discarded.body()).isIn(200, 409);
            assertThat(committed.statusCode() + discarded.statusCode()).as("exactly one wins").isEqualTo(609);
            HttpResponse<String> loser = committed.statusCode() == 409 ? committed : discarded;
            assertThat(loser.body()).contains(committed.statusCode() == 200 ? "committed" : "discarded");
            String status = server.getJson("/api/surveys/" + id + "/report").get("status").asText();
            assertThat(status).isEqualTo(committed.statusCode() == 200 ? "committed" : "discarded");
        }
    }

    // --- helpers ---------------------------------------------------------------------------

    private SurveyZips zips() {
        return new SurveyZips(dir);
    }

    private interface Call {
        HttpResponse<String> run() throws Exception;
    }

    private static HttpResponse<String> afterBarrier(CyclicBarrier barrier, Call call) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
            return call.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode upload(byte[] zip, String compound) throws Exception {
        HttpResponse<String> response = new Multipart().file("survey.zip", zip).field("compound", compound)
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestServer.parse(response.body());
    }

    private static JsonNode byKey(JsonNode diff, String key) {
        for (JsonNode f : diff.at("/features/features")) {
            if (key.equals(f.at("/properties/key").asText())) {
                return f;
            }
        }
        throw new AssertionError("no " + key + " in the diff");
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest.Builder request = server.request(path);
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return send(request);
    }

    private HttpResponse<String> postForm(String path, String form) throws Exception {
        return send(server.request(path)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return send(server.request(path).DELETE());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
