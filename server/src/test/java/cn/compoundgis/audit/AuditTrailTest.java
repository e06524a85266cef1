package cn.compoundgis.audit;

import static cn.compoundgis.survey.SurveyZips.collection;
import static cn.compoundgis.survey.SurveyZips.feature;
import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.survey.Multipart;
import cn.compoundgis.survey.SurveyZips;
import cn.compoundgis.testing.TestServer;
import cn.compoundgis.testing.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every change leaves one event in GET /api/audit, with who, from where, the compound and what changed: surveys
 * uploaded, committed (with the blocking findings accepted and why) and discarded, local grids registered, obstacles
 * reported and resolved (with the note), compounds created, changed and imported. A refused or rolled-back change
 * leaves none. Fixture: compounds T001 and T002 (1 km east of T001).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest {
    private TestServer server;
    private String surveyor;
    private String inspector;

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
        server = TestServer.start("audit_trail_test", "/features/fixture.sql", false);
        surveyor = TestUsers.withToken(server, "field-surveyor", "surveyor");
        inspector = TestUsers.withToken(server, "inspector-li", "inspector");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void surveysUploadedCommittedWithAcceptedFindingsAndDiscarded() throws Exception {
        long kept = uploaded(upload("T001"));
        JsonNode uploaded = theOne("survey.uploaded", "survey " + kept);
        assertWhoAndWhere(uploaded, "field-surveyor", "T001");
        assertThat(uploaded.at("/detail/file").asText()).isEqualTo("survey.zip");
        assertThat(uploaded.at("/detail/records_accepted").asInt()).isEqualTo(2);
        assertThat(uploaded.at("/detail/compound_new").asBoolean()).isFalse();
        assertThat(uploaded.at("/detail/layers/0").asText()).isEqualTo("pipes");

        assertThat(discard(kept).statusCode()).isEqualTo(200);
        assertWhoAndWhere(theOne("survey.discarded", "survey " + kept), "field-surveyor", "T001");

        long far = uploaded(upload("T002")); // T001's pipes sent for T002: far from the compound, blocking
        assertThat(commit(far, "").statusCode()).as("blocking findings not accepted").isEqualTo(409);
        assertThat(events("action=survey.committed")).as("a refused commit leaves no event").isEmpty();

        String reason = "东边小区的雨水管由本次测量一并交付";
        HttpResponse<String> committed = commit(far, "?accept=FAR_FROM_COMPOUND&reason="
                + URLEncoder.encode(reason, StandardCharsets.UTF_8));
        assertThat(committed.statusCode()).as(committed.body()).isEqualTo(200);
        JsonNode event = theOne("survey.committed", "survey " + far);
        assertWhoAndWhere(event, "field-surveyor", "T002");
        assertThat(event.at("/detail/accepted/0/code").asText()).isEqualTo("far_from_compound");
        assertThat(event.at("/detail/accepted/0/count").asInt()).isPositive();
        assertThat(event.at("/detail/reason").asText()).isEqualTo(reason);

        assertThat(events("user=field-surveyor&compound=T002&action=survey")).extracting(e -> e.get("action").asText())
                .containsExactly("survey.committed", "survey.uploaded");
    }

    @Test
    void anUploadRefusedForItsCompoundLeavesNoEvent() throws Exception {
        TestUsers.create(server, "t002-only", List.of("surveyor"), List.of("T002"), List.of());
        String t002Only = TestUsers.tokenOf(server, TestUsers.signIn(server, "t002-only", TestUsers.PASSWORD));
        HttpResponse<String> refused = new Multipart().file("survey.zip", new SurveyZips(dir).zip("雨水管线", T001_RAIN_PIPES))
                .field("compound", "T001").postAs(server.baseUrl() + "/api/surveys", t002Only);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(events("user=t002-only&action=survey")).isEmpty();
        assertThat(server.count("SELECT count(*) FROM survey WHERE uploaded_by = 't002-only'")).as("nothing staged").isZero();
    }

    @Test
    void obstaclesReportedAndResolvedWithTheirNote() throws Exception {
        HttpResponse<String> created = json("POST", "/api/obstacles?crs=EPSG:4548", inspector,
                "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [3552050, 619050]}, \"kind\": \"vehicle\","
                        + " \"note\": \"消防通道停车\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = TestServer.parse(created.body()).at("/feature/id").asLong();
        JsonNode reported = theOne("obstacle.reported", "obstacle " + id);
        assertWhoAndWhere(reported, "inspector-li", "T001");
        assertThat(reported.at("/detail/kind").asText()).isEqualTo("vehicle");
        assertThat(reported.at("/detail/note").asText()).isEqualTo("消防通道停车");

        HttpResponse<String> noNote = json("PATCH", "/api/obstacles/" + id, inspector, "{\"status\": \"resolved\"}");
        assertThat(noNote.statusCode()).isEqualTo(400);
        assertThat(noNote.body()).contains("note is required to resolve");
        HttpResponse<String> resolved = json("PATCH", "/api/obstacles/" + id, inspector,
                "{\"status\": \"resolved\", \"note\": \"车主已挪车\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        long next = TestServer.parse(resolved.body()).at("/feature/id").asLong();
        assertThat(TestServer.parse(resolved.body()).at("/feature/properties/changed_by").asText()).isEqualTo("inspector-li");
        JsonNode event = theOne("obstacle.resolved", "obstacle " + id);
        assertWhoAndWhere(event, "inspector-li", "T001");
        assertThat(event.at("/detail/note").asText()).isEqualTo("车主已挪车");
        assertThat(event.at("/detail/from").asText()).isEqualTo("open");
        assertThat(event.at("/detail/to").asText()).isEqualTo("resolved");

        assertThat(json("PATCH", "/api/obstacles/" + next, inspector, "{\"status\": \"resolved\", \"note\": \"再次\"}")
                .statusCode()).as("already resolved: rolled back").isEqualTo(409);
        assertThat(events("action=obstacle.resolved")).hasSize(1);

        assertThat(json("PATCH", "/api/obstacles/" + next, inspector, "{\"status\": \"open\", \"note\": \"车又停回来了\"}")
                .statusCode()).isEqualTo(200);
        JsonNode reopened = theOne("obstacle.status_changed", "obstacle " + next);
        assertThat(reopened.at("/detail/from").asText()).isEqualTo("resolved");
        assertThat(reopened.at("/detail/to").asText()).isEqualTo("open");
    }

    @Test
    void compoundsCreatedChangedAndImported() throws Exception {
        HttpResponse<String> created = json("POST", "/api/compounds?crs=EPSG:4548", TestServer.ADMIN_TOKEN,
                "{\"code\": \"A001\", \"name\": \"审计小区\", \"households\": 40}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode made = theOne("compound.created", "compound A001");
        assertWhoAndWhere(made, "admin", "A001");
        assertThat(made.at("/detail/name").asText()).isEqualTo("审计小区");
        String v1 = created.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> changed = send(server.request("/api/compounds/A001").header("Content-Type", "application/json")
                .header("If-Match", v1).method("PATCH", HttpRequest.BodyPublishers.ofString("{\"households\": 45}")));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode event = theOne("compound.changed", "compound A001");
        assertWhoAndWhere(event, "admin", "A001");
        assertThat(event.at("/detail/fields").toString()).contains("households");
        assertThat(server.getJson("/api/compounds/A001").at("/history/0/changed_by").asText()).isEqualTo("admin");

        HttpResponse<String> stale = send(server.request("/api/compounds/A001").header("Content-Type", "application/json")
                .header("If-Match", v1).method("PATCH", HttpRequest.BodyPublishers.ofString("{\"households\": 50}")));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(events("action=compound.changed&compound=A001")).as("a refused change leaves no event").hasSize(1);

        String header = "code,name,district,street,built_year,households,renovation_status\n";
        HttpResponse<String> imported = server.post("/api/compounds/import", "text/csv",
                (header + "A002,导入小区,全椒县,,1990,30,\n").getBytes(StandardCharsets.UTF_8));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode importEvent = theOne("compound.imported", "compound import");
        assertThat(importEvent.get("user").asText()).isEqualTo("admin");
        assertThat(importEvent.get("client_ip").asText()).isNotBlank();
        assertThat(importEvent.at("/detail/added").asInt()).isEqualTo(1);
        assertThat(importEvent.at("/detail/changed").asInt()).isZero();
        assertThat(server.getJson("/api/compounds/A002").at("/history/0/changed_by").asText()).isEqualTo("admin");

        HttpResponse<String> bad = server.post("/api/compounds/import", "text/csv",
                (header + "A003,坏行,全椒县,,1990,很多,\n").getBytes(StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
        assertThat(events("action=compound.imported")).as("a rolled-back import leaves no event").hasSize(1);
    }

    @Test
    void localGridsRegisteredWithoutTheirParameters() {
        HttpResponse<String> registered = json("POST", "/api/local-grids", TestServer.ADMIN_TOKEN,
                "{\"name\":\"审计网格\",\"target_epsg\":4548,\"parameters\":{\"shift_x_northing_m\":-12.5,"
                        + "\"shift_y_easting_m\":30.25,\"rotation_arcsec_clockwise\":4.2,\"scale_ppm\":1.5}}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode event = theOne("local_grid.registered", "local grid 审计网格");
        assertThat(event.get("user").asText()).isEqualTo("admin");
        assertThat(event.at("/detail/target_epsg").asInt()).isEqualTo(4548);
        assertThat(event.get("detail").toString()).doesNotContain("30.25");
    }

    private static void assertWhoAndWhere(JsonNode event, String user, String compound) {
        assertThat(event.get("user").asText()).isEqualTo(user);
        assertThat(event.get("compound").asText()).isEqualTo(compound);
        assertThat(event.get("client_ip").asText()).as("from where").isNotBlank();
        assertThat(event.get("at").asText()).isNotBlank();
    }

    /** The events of GET /api/audit?{query}, newest first. */
    private List<JsonNode> events(String query) {
        List<JsonNode> out = new ArrayList<>();
        server.getJson("/api/audit?" + query).get("events").forEach(out::add);
        return out;
    }

    /** The one event of {@code action} on {@code target}; fails unless there is exactly one. */
    private JsonNode theOne(String action, String target) {
        List<JsonNode> found = events("action=" + action).stream().filter(e -> target.equals(e.get("target").asText())).toList();
        assertThat(found).as(action + " of " + target).hasSize(1);
        return found.get(0);
    }

    private HttpResponse<String> upload(String compound) throws Exception {
        return new Multipart().file("survey.zip", new SurveyZips(dir).zip("雨水管线", T001_RAIN_PIPES)).field("compound", compound)
                .postAs(server.baseUrl() + "/api/surveys", surveyor);
    }

    private static long uploaded(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestServer.parse(response.body()).get("survey_id").asLong();
    }

    private HttpResponse<String> commit(long id, String query) {
        return send(server.as(surveyor).request("/api/surveys/" + id + "/commit" + query).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> discard(long id) {
        return send(server.as(surveyor).request("/api/surveys/" + id).DELETE());
    }

    private HttpResponse<String> json(String method, String path, String token, String body) {
        return send(server.as(token).request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return server.send(request);
    }
}
