package cn.compoundgis.survey;

import static cn.compoundgis.survey.SurveyZips.collection;
import static cn.compoundgis.survey.SurveyZips.feature;
import static cn.compoundgis.survey.Findings.finding;
import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A survey's boundary layer (小区边界) creates a compound whose code is new and re-surveys a known one; without
 * compound= its code decides the upload's compound. Fixture: T001 (619000–619100 E, 3552000–3552100 N) and T002
 * (620000–620100 E); the new compounds of these tests lie further east.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyBoundaryTest {
    private TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("survey_boundary_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aBoundaryLayerAloneCreatesANewCompoundFromItsPinyinFields() throws Exception {
        String boundary = collection(List.of(feature("{\"XQBM\":\"N001\",\"XQMC\":\"新建小区\",\"JCND\":1995,\"HS\":240,"
                + "\"ZDMJ\":8000.5,\"LDS\":6,\"DZ\":\"襄河镇南岳路12号\",\"QX\":\"全椒县\",\"JD\":\"襄河镇\",\"SQ\":\"南岳社区\"}",
                square(621000, 3552000, 100))));
        assertThat(server.get("/collections/compounds/items?compound=N001").body()).contains("\"numberMatched\":0");

        JsonNode report = upload(zips().zip("XQBJ", boundary), null);
        long id = report.get("survey_id").asLong();
        assertThat(report.get("compound").asText()).isEqualTo("N001");
        assertThat(report.get("compound_new").asBoolean()).isTrue();
        assertThat(report.get("compound_how").asText()).contains("boundary layer", "N001", "new compound");
        JsonNode layer = report.at("/layers/0");
        assertThat(layer.get("layer").asText()).isEqualTo("compounds");
        assertThat(layer.get("accepted").asInt()).isEqualTo(1);
        assertThat(layer.at("/fields/code").asText()).isEqualTo("XQBM");
        assertThat(layer.at("/fields/site_area").asText()).isEqualTo("ZDMJ");
        assertThat(layer.at("/fields/street").asText()).isEqualTo("JD");
        assertThat(report.get("errors")).isEmpty();
        assertThat(report.get("blocking")).isEmpty();

        JsonNode diff = server.getJson("/api/surveys/" + id + "/diff");
        assertThat(diff.get("compound_new").asBoolean()).isTrue();
        assertThat(diff.at("/summary/compounds/added").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/compounds/removed").asInt()).isZero();
        assertThat(diff.at("/summary/compounds/kept_from_current")).as("a new compound has nothing current to keep").isEmpty();
        assertThat(diff.at("/features/features/0/properties/change").asText()).isEqualTo("added");
        assertThat(diff.at("/features/features/0/properties/key").asText()).isEqualTo("N001");

        HttpResponse<String> commit = post("/api/surveys/" + id + "/commit");
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        JsonNode created = server.getJson("/collections/compounds/items?compound=N001");
        assertThat(created.get("numberMatched").asInt()).isEqualTo(1);
        JsonNode properties = created.at("/features/0/properties");
        assertThat(properties.get("name").asText()).isEqualTo("新建小区");
        assertThat(properties.get("district").asText()).isEqualTo("全椒县");
        assertThat(properties.get("built_year").asInt()).isEqualTo(1995);
        assertThat(properties.get("households").asInt()).isEqualTo(240);
        assertThat(properties.get("site_area_m2").asDouble()).isEqualTo(8000.5);
        assertThat(properties.get("survey_id").asLong()).isEqualTo(id);
        assertThat(created.at("/features/0/geometry/type").asText()).isEqualTo("MultiPolygon");
        try (Connection c = server.app().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT street, community, address, "
                     + "building_count, round(ST_Area(geom)) FROM compound WHERE code = 'N001' AND valid_to IS NULL")) {
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("襄河镇");
            assertThat(rs.getString(2)).isEqualTo("南岳社区");
            assertThat(rs.getString(3)).isEqualTo("襄河镇南岳路12号");
            assertThat(rs.getInt(4)).isEqualTo(6);
            assertThat(rs.getDouble(5)).isEqualTo(10000);
        }
        JsonNode surveys = server.getJson("/api/surveys?compound=N001");
        assertThat(surveys.get("surveys").findValuesAsText("survey_id")).containsExactly(String.valueOf(id));
        assertThat(surveys.at("/surveys/0/status").asText()).isEqualTo("committed");
    }

    @Test
    void aBoundaryWithRainPipesCreatesTheCompoundAndCommitsThePipesIntoIt() throws Exception {
        String boundary = collection(List.of(feature("{\"小区编码\":\"N002\",\"小区名称\":\"雨水小区\",\"建成年代\":1988,"
                + "\"户数\":96,\"占地面积\":9000,\"所属区县\":\"全椒县\",\"街道\":\"襄河镇\",\"地址\":\"江海路3号\"}",
                square(622000, 3552000, 100))));
        String farPipe = collection(List.of(
                feature("{\"起点点号\":\"YS1\",\"终点点号\":\"YS2\",\"管径\":\"DN400\"}", line(622010, 3552010, 622050, 3552010)),
                feature("{\"起点点号\":\"YS8\",\"终点点号\":\"YS9\",\"管径\":\"DN400\"}", line(623000, 3552010, 623040, 3552010))));
        JsonNode far = upload(zips().zip("小区边界", boundary, "雨水管线", farPipe), null);
        assertThat(far.get("compound").asText()).isEqualTo("N002");
        JsonNode finding = finding(far.get("warnings"), "far_from_compound");
        assertThat(finding.get("blocking").asBoolean()).isTrue();
        assertThat(finding.get("reason").asText()).contains("1 feature(s)", "delivered boundary", "N002");
        assertThat(delete("/api/surveys/" + far.get("survey_id").asLong()).statusCode()).isEqualTo(200);

        String pipes = collection(List.of(
                feature("{\"起点点号\":\"YS1\",\"终点点号\":\"YS2\",\"管径\":\"DN400\",\"材质\":\"HDPE\"}", line(622010, 3552010, 622050, 3552010)),
                feature("{\"起点点号\":\"YS2\",\"终点点号\":\"YS3\",\"管径\":\"DN400\",\"材质\":\"HDPE\"}", line(622050, 3552010, 622090, 3552010))));
        JsonNode report = upload(zips().zip("小区边界", boundary, "雨水管线", pipes), null);
        long id = report.get("survey_id").asLong();
        assertThat(report.get("compound").asText()).isEqualTo("N002");
        assertThat(report.get("compound_new").asBoolean()).isTrue();
        assertThat(report.get("blocking")).isEmpty();
        JsonNode diff = server.getJson("/api/surveys/" + id + "/diff");
        assertThat(diff.at("/summary/compounds/added").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/pipes/added").asInt()).isEqualTo(2);

        HttpResponse<String> commit = post("/api/surveys/" + id + "/commit");
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        assertThat(server.getJson("/collections/compounds/items?compound=N002").at("/features/0/properties/name").asText())
                .isEqualTo("雨水小区");
        JsonNode rain = server.getJson("/collections/pipes/items?compound=N002&network=YS");
        assertThat(rain.get("numberMatched").asInt()).isEqualTo(2);
        assertThat(rain.at("/features/0/properties/survey_id").asLong()).isEqualTo(id);
        assertThat(rain.at("/features/0/properties/material").asText()).isEqualTo("HDPE");
    }

    @Test
    void aReSurveyedBoundaryOfAKnownCompoundIsANewVersionAndTheOldOneStaysAsHistory() throws Exception {
        HttpResponse<String> registered = send(server.request("/api/compounds/T002")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"funding_local_10k_yuan\": 120.5, \"street\": \"南岳街道\"}")));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String boundary = collection(List.of(feature("{\"小区编码\":\"T002\",\"小区名称\":\"东边小区（扩建）\",\"户数\":90,\"楼栋数\":4}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[620000,3552000],[620000,3552100],[620150,3552100],"
                        + "[620150,3552000],[620000,3552000]]]}")));
        JsonNode report = upload(zips().zip("compound_boundary", boundary), null);
        long id = report.get("survey_id").asLong();
        assertThat(report.get("compound").asText()).isEqualTo("T002");
        assertThat(report.get("compound_new").asBoolean()).isFalse();
        assertThat(report.get("compound_how").asText()).contains("boundary layer names compound T002");

        JsonNode diff = server.getJson("/api/surveys/" + id + "/diff");
        assertThat(diff.get("compound_new").asBoolean()).isFalse();
        assertThat(diff.at("/summary/compounds/added").asInt()).isZero();
        assertThat(diff.at("/summary/compounds/removed").asInt()).isZero();
        assertThat(diff.at("/summary/compounds/moved").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/compounds/changed").asInt()).isEqualTo(1);
        JsonNode changed = diff.at("/features/features/0/properties");
        assertThat(changed.get("change").asText()).isEqualTo("changed_and_moved");
        assertThat(changed.get("moved_m").asDouble()).isEqualTo(50.0);
        assertThat(changed.at("/changes/name/old").asText()).isEqualTo("东边小区");
        assertThat(changed.at("/changes/households/new").asInt()).isEqualTo(90);
        assertThat(changed.get("changes").has("district")).as("not delivered: kept").isFalse();
        assertThat(changed.at("/changes/building_count/old").isNull()).isTrue();
        assertThat(changed.at("/changes/building_count/new").asInt()).isEqualTo(4);

        String beforeCommit = java.time.Instant.now().toString();
        HttpResponse<String> commit = post("/api/surveys/" + id + "/commit");
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        JsonNode current = server.getJson("/collections/compounds/items?compound=T002");
        assertThat(current.get("numberMatched").asInt()).isEqualTo(1);
        JsonNode now = current.at("/features/0/properties");
        assertThat(now.get("name").asText()).isEqualTo("东边小区（扩建）");
        assertThat(now.get("households").asInt()).isEqualTo(90);
        assertThat(now.get("district").asText()).as("kept from the version it replaces").isEqualTo("襄河镇");
        assertThat(now.get("renovation_status").asText()).as("a register field: carried over").isEqualTo("in_construction");
        assertThat(now.get("building_count").asInt()).as("delivered as 楼栋数").isEqualTo(4);
        assertThat(now.get("funding_local_10k_yuan").asDouble()).as("the register's funding: carried over").isEqualTo(120.5);
        assertThat(now.get("street").asText()).as("not delivered: kept").isEqualTo("南岳街道");
        JsonNode history = server.getJson("/collections/compounds/items?compound=T002&datetime=" + beforeCommit);
        assertThat(history.at("/features/0/properties/name").asText()).isEqualTo("东边小区");
        assertThat(history.at("/features/0/properties/households").asInt()).isEqualTo(80);
        try (Connection c = server.app().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE valid_to IS NULL), "
                     + "round(max(ST_Area(geom)) FILTER (WHERE valid_to IS NULL)) FROM compound WHERE code = 'T002'")) {
            ResultSet rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).as("the fixture's, the register's change, the re-survey's").isEqualTo(3);
            assertThat(rs.getInt(2)).isEqualTo(1);
            assertThat(rs.getDouble(3)).isEqualTo(15000);
        }
    }

    @Test
    void aReSurveyedBoundaryFarFromTheCurrentOneBlocksTheCommit() throws Exception {
        // T001's boundary delivered 2 km north: the wrong CRS or the wrong compound
        String boundary = collection(List.of(feature("{\"小区编码\":\"T001\"}", square(619000, 3554000, 100))));
        JsonNode report = upload(zips().zip("小区边界", boundary), null);
        JsonNode far = finding(report.get("warnings"), "far_from_compound");
        assertThat(far.get("file").asText()).isEqualTo("小区边界.shp");
        assertThat(far.get("reason").asText()).contains("compound T001");
        assertThat(far.get("blocking").asBoolean()).isTrue();
        assertThat(post("/api/surveys/" + report.get("survey_id").asLong() + "/commit").statusCode()).isEqualTo(409);
        assertThat(delete("/api/surveys/" + report.get("survey_id").asLong()).statusCode()).isEqualTo(200);
    }

    @Test
    void compoundGivenWithABoundaryOfAnotherCodeIsABlockingError() throws Exception {
        String boundary = collection(List.of(feature("{\"小区编码\":\"T009\",\"小区名称\":\"测试小区\"}", square(619000, 3552000, 100))));
        JsonNode report = upload(zips().zip("小区边界", boundary), "T001");
        long id = report.get("survey_id").asLong();
        assertThat(report.get("compound").asText()).isEqualTo("T001");
        JsonNode other = finding(report.get("warnings"), "other_compound_code");
        assertThat(other.get("severity").asText()).isEqualTo("error");
        assertThat(other.get("blocking").asBoolean()).isTrue();
        assertThat(other.get("field").asText()).isEqualTo("小区编码");
        assertThat(other.get("value").asText()).isEqualTo("T009");
        assertThat(report.get("blocking").findValuesAsText("code")).containsExactly("other_compound_code");
        HttpResponse<String> refused = post("/api/surveys/" + id + "/commit");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("BlockingFindings", "OTHER_COMPOUND_CODE");
        assertThat(other.get("reason").asText()).as("the finding says how to send the delivery as its own compound's")
                .contains("names compound T009, not T001", "send it again without compound=", "按边界图层的小区编码");
        assertThat(refused.body()).contains("send it again without compound=");
        assertThat(delete("/api/surveys/" + id).statusCode()).isEqualTo(200);

        JsonNode asItsOwn = upload(zips().zip("小区边界", boundary), null);
        assertThat(asItsOwn.get("compound").asText()).as("without compound= the boundary layer's code decides").isEqualTo("T009");
        assertThat(asItsOwn.get("compound_new").asBoolean()).isTrue();
        assertThat(asItsOwn.get("warnings").findValuesAsText("code")).doesNotContain("other_compound_code");
        assertThat(asItsOwn.get("blocking")).isEmpty();
        assertThat(delete("/api/surveys/" + asItsOwn.get("survey_id").asLong()).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownCompoundWithoutABoundaryLayerIsRefusedAskingForOne() throws Exception {
        String pipe = collection(List.of(feature("{\"起点点号\":\"YS1\",\"终点点号\":\"YS2\"}", line(625010, 3552010, 625050, 3552010))));
        HttpResponse<String> response = new Multipart().file("pipes.zip", zips().zip("雨水管线", pipe)).field("compound", "N404")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = TestServer.parse(response.body());
        assertThat(error.get("code").asText()).isEqualTo("NotFound");
        assertThat(error.get("description").asText()).contains("N404", "no such compound", "小区边界");

        HttpResponse<String> nowhere = new Multipart().file("pipes.zip", zips().zip("雨水管线", pipe))
                .post(server.baseUrl() + "/api/surveys");
        assertThat(nowhere.statusCode()).isEqualTo(400);
        assertThat(nowhere.body()).contains("lies in no known compound", "小区边界");
    }

    @Test
    void compoundGivenNamesANewCompoundWhoseBoundaryRecordHasNoCode() throws Exception {
        String boundary = collection(List.of(feature("{\"小区名称\":\"无编码小区\"}", square(626000, 3552000, 100))));
        JsonNode report = upload(zips().zip("小区边界", boundary), "N007");
        assertThat(report.get("compound").asText()).isEqualTo("N007");
        assertThat(report.get("compound_new").asBoolean()).isTrue();
        assertThat(report.get("errors")).isEmpty();
        HttpResponse<String> commit = post("/api/surveys/" + report.get("survey_id").asLong() + "/commit");
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        JsonNode created = server.getJson("/collections/compounds/items?compound=N007").at("/features/0/properties");
        assertThat(created.get("name").asText()).isEqualTo("无编码小区");
        assertThat(created.get("site_area_m2").asDouble()).as("no 占地面积 delivered: the boundary's area").isEqualTo(10000.0);
    }

    @Test
    void twoUploadsCreatingTheSameCompoundCommitOnceAndTheSecondIsAConflict() throws Exception {
        byte[] zip = zips().zip("小区边界", collection(List.of(feature("{\"XQBM\":\"N008\",\"XQMC\":\"抢先小区\"}",
                square(632000, 3552000, 100)))));
        long first = upload(zip, null).get("survey_id").asLong();
        long second = upload(zip, null).get("survey_id").asLong();
        assertThat(post("/api/surveys/" + first + "/commit").statusCode()).isEqualTo(200);
        HttpResponse<String> late = post("/api/surveys/" + second + "/commit");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("N008", "upload again");
        assertThat(server.getJson("/collections/compounds/items?compound=N008").get("numberMatched").asInt()).isEqualTo(1);
    }

    // --- bad input -------------------------------------------------------------------------

    @Test
    void aBoundaryRecordWithoutCodeIsRejectedNamingFileRecordAndField() throws Exception {
        String boundary = collection(List.of(
                feature("{\"XQBM\":\"N003\",\"XQMC\":\"有编码\"}", square(627000, 3552000, 100)),
                feature("{\"XQBM\":\"\",\"XQMC\":\"无编码\"}", square(627200, 3552000, 100))));
        JsonNode report = upload(zips().zip("小区", boundary), null);
        assertThat(report.get("compound").asText()).isEqualTo("N003");
        assertThat(report.at("/layers/0/accepted").asInt()).isEqualTo(1);
        assertThat(report.at("/layers/0/rejected").asInt()).isEqualTo(1);
        JsonNode missing = finding(report.get("errors"), "missing_code");
        assertThat(missing.get("file").asText()).isEqualTo("小区.dbf");
        assertThat(missing.get("record").asInt()).isEqualTo(2);
        assertThat(missing.get("field").asText()).isEqualTo("XQBM");
        assertThat(missing.get("reason").asText()).contains("小区编码");
        assertThat(delete("/api/surveys/" + report.get("survey_id").asLong()).statusCode()).isEqualTo(200);
    }

    @Test
    void anInvalidBoundaryIsRejectedWithPostgisReasonAndTheCurrentBoundaryStays() throws Exception {
        // a ring that crosses itself (a bow tie with unequal lobes)
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[619000,3552000],[619100,3552100],[619100,3552000],"
                + "[619000,3552020],[619000,3552000]]]}";
        JsonNode report = upload(zips().zip("小区边界", collection(List.of(feature("{\"小区编码\":\"T001\"}", bowTie)))), null);
        long id = report.get("survey_id").asLong();
        assertThat(report.get("compound").asText()).isEqualTo("T001");
        JsonNode invalid = finding(report.get("errors"), "invalid_polygon");
        assertThat(invalid.get("file").asText()).isEqualTo("小区边界.shp");
        assertThat(invalid.get("record").asInt()).isEqualTo(1);
        assertThat(invalid.get("reason").asText()).contains("PostGIS", "Self-intersection");
        assertThat(report.at("/layers/0/accepted").asInt()).isZero();
        assertThat(report.at("/layers/0/rejected").asInt()).isEqualTo(1);
        assertThat(codes(report.get("warnings"))).doesNotContain("geometry_repaired");
        HttpResponse<String> commit = post("/api/surveys/" + id + "/commit");
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        JsonNode t001 = server.getJson("/collections/compounds/items?compound=T001");
        assertThat(t001.get("numberMatched").asInt()).as("a boundary layer with no valid record closes nothing").isEqualTo(1);

        HttpResponse<String> refused = new Multipart().file("bowtie.zip", zips().zip("小区边界",
                        collection(List.of(feature("{\"小区编码\":\"N004\",\"小区名称\":\"坏边界\"}", bowTie.replace("6190", "6280"))))))
                .post(server.baseUrl() + "/api/surveys");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("N004", "no usable boundary", "小区边界.shp record 1", "Self-intersection");
        assertThat(server.get("/collections/compounds/items?compound=N004").body()).contains("\"numberMatched\":0");
    }

    @Test
    void aDuplicateCodeInTheBoundaryLayerIsABlockingError() throws Exception {
        String boundary = collection(List.of(
                feature("{\"XQBM\":\"N005\",\"XQMC\":\"两块地\"}", square(629000, 3552000, 100)),
                feature("{\"XQBM\":\"N005\",\"XQMC\":\"两块地\"}", square(629200, 3552000, 100))));
        JsonNode report = upload(zips().zip("compounds", boundary), null);
        long id = report.get("survey_id").asLong();
        JsonNode duplicate = finding(report.get("errors"), "duplicate_code");
        assertThat(duplicate.get("record").asInt()).isEqualTo(2);
        assertThat(duplicate.get("field").asText()).isEqualTo("XQBM");
        assertThat(duplicate.get("reason").asText()).contains("record 1");
        assertThat(duplicate.get("blocking").asBoolean()).isTrue();
        assertThat(post("/api/surveys/" + id + "/commit").statusCode()).isEqualTo(409);
        HttpResponse<String> accepted = post("/api/surveys/" + id + "/commit?accept=DUPLICATE_CODE&reason="
                + URLEncoder.encode("第二块为误交付", StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        try (Connection c = server.app().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT round(ST_XMin(geom)) FROM compound WHERE code = 'N005' AND valid_to IS NULL")) {
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).as("the first record").isEqualTo(629000);
        }
    }

    @Test
    void severalCodesInOneUploadAreRefused() throws Exception {
        String boundary = collection(List.of(
                feature("{\"XQBM\":\"N010\",\"XQMC\":\"甲\"}", square(630000, 3552000, 100)),
                feature("{\"XQBM\":\"N011\",\"XQMC\":\"乙\"}", square(630200, 3552000, 100))));
        HttpResponse<String> response = new Multipart().file("two.zip", zips().zip("XQ", boundary)).post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = TestServer.parse(response.body());
        assertThat(error.get("code").asText()).isEqualTo("InvalidUpload");
        assertThat(error.get("description").asText()).contains("2 compounds", "N010 in XQ.dbf record 1", "N011 in XQ.dbf record 2",
                "one compound");
    }

    @Test
    void aNewCompoundWithoutNameIsRefusedNamingTheField() throws Exception {
        String boundary = collection(List.of(feature("{\"XQBM\":\"N012\",\"XQMC\":\"\"}", square(631000, 3552000, 100))));
        HttpResponse<String> response = new Multipart().file("noname.zip", zips().zip("小区边界", boundary))
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("N012", "小区边界.dbf record 1 field XQMC", "小区名称");
    }

    @Test
    void aNewCompoundsCodeFollowsTheRegistersRuleSoTheApiCanReachIt() throws Exception {
        for (String code : new String[] {"南岳 01", "N/013", "N" + "0".repeat(40)}) {
            String boundary = collection(List.of(feature("{\"XQBM\":\"" + code + "\",\"XQMC\":\"怪编码小区\"}",
                    square(633000, 3552000, 100))));
            HttpResponse<String> response = new Multipart().file("badcode.zip", zips().zip("小区边界", boundary))
                    .post(server.baseUrl() + "/api/surveys");
            assertThat(response.statusCode()).as(code + ": " + response.body()).isEqualTo(400);
            assertThat(response.body()).as(code).contains("小区边界.dbf record 1 field XQBM", "nothing was imported")
                    .containsAnyOf("characters a code may not have", "at most 32");
        }
        assertThat(server.getJson("/api/compounds/search?q=怪编码").get("numberMatched").asInt()).isZero();
    }

    @Test
    void aBoundaryOverlappingAnotherCompoundIsWarnedWithTheOverlapArea() throws Exception {
        // 20 m of T001's east side (619080–619100 × 3552000–3552100 = 2000 m²); touching T002's west edge only
        String boundary = collection(List.of(feature("{\"XQBM\":\"N006\",\"XQMC\":\"夹缝小区\"}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[619080,3552000],[619080,3552100],[620000,3552100],"
                        + "[620000,3552000],[619080,3552000]]]}")));
        JsonNode report = upload(zips().zip("小区边界", boundary), null);
        List<JsonNode> overlaps = new ArrayList<>();
        report.get("warnings").forEach(w -> {
            if ("overlaps_compound".equals(w.get("code").asText())) {
                overlaps.add(w);
            }
        });
        assertThat(overlaps).singleElement().satisfies(w -> {
            assertThat(w.get("value").asText()).isEqualTo("T001");
            assertThat(w.get("severity").asText()).isEqualTo("warning");
            assertThat(w.get("blocking").asBoolean()).isFalse();
            assertThat(w.get("reason").asText()).contains("T001", "2000.0 m²");
        });
        assertThat(delete("/api/surveys/" + report.get("survey_id").asLong()).statusCode()).isEqualTo(200);
    }

    // --- helpers ---------------------------------------------------------------------------

    private static String square(int west, int south, int size) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + west + "," + south + "],[" + west + "," + (south + size) + "],["
                + (west + size) + "," + (south + size) + "],[" + (west + size) + "," + south + "],[" + west + "," + south + "]]]}";
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return "{\"type\":\"LineString\",\"coordinates\":[[" + x1 + "," + y1 + "],[" + x2 + "," + y2 + "]]}";
    }

    private SurveyZips zips() {
        return new SurveyZips(dir);
    }

    private JsonNode upload(byte[] zip, String compound) throws Exception {
        Multipart request = new Multipart().file("survey.zip", zip);
        if (compound != null) {
            request.field("compound", compound);
        }
        HttpResponse<String> response = request.post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestServer.parse(response.body());
    }

    private static List<String> codes(JsonNode findings) {
        List<String> codes = new ArrayList<>();
        findings.forEach(f -> codes.add(f.get("code").asText()));
        return codes;
    }

    private HttpResponse<String> post(String path) throws Exception {
        return send(server.request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return send(server.request(path).DELETE());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
