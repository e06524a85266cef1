package cn.compoundgis.survey;

import static cn.compoundgis.survey.SurveyZips.collection;
import static cn.compoundgis.survey.SurveyZips.feature;
import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import cn.compoundgis.testing.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what with a survey: a surveyor uploads, commits and discards only for the compounds assigned to them (by
 * code, by district, or everywhere), a new compound by the district its boundary layer gives; a staged survey is
 * decided only by its uploader or an administrator. Fixture: T001 and T002 of district 襄河镇.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyOwnershipTest {
    private TestServer server;
    private String surveyorA;
    private String surveyorB;

    @TempDir
    Path dir;

    /** A rain pipe lying in compound T001 (619000–619100 E, 3552000–3552100 N). */
    private static final String T001_PIPE = collection(List.of(feature("{\"起点点号\":\"YS1\",\"终点点号\":\"YS2\",\"管径\":\"DN500\"}",
            "{\"type\":\"LineString\",\"coordinates\":[[619010,3552010],[619050,3552010]]}")));

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("survey_ownership_test", "/features/fixture.sql", false);
        surveyorA = surveyor("surveyor-a", List.of("T001"), List.of());
        surveyorB = surveyor("surveyor-b", List.of("T001"), List.of());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void onlyTheUploaderOrAnAdministratorCommitsOrDiscardsAStagedSurvey() throws Exception {
        long first = uploaded(upload(surveyorA, "T001"));
        assertThat(server.count("SELECT count(*) FROM survey WHERE id = " + first + " AND uploaded_by = 'surveyor-a'"))
                .isEqualTo(1);
        assertThat(server.getJson("/api/surveys/" + first + "/report").get("uploaded_by").asText()).isEqualTo("surveyor-a");
        assertThat(server.getJson("/api/surveys?compound=T001&status=staged").at("/surveys/0/uploaded_by").asText())
                .as("a client can tell whose upload it is").isEqualTo("surveyor-a");

        HttpResponse<String> bCommits = commit(surveyorB, first);
        assertThat(bCommits.statusCode()).as(bCommits.body()).isEqualTo(403);
        assertThat(bCommits.body()).contains("survey " + first + " was uploaded by surveyor-a");
        HttpResponse<String> bDiscards = discard(surveyorB, first);
        assertThat(bDiscards.statusCode()).as(bDiscards.body()).isEqualTo(403);
        assertThat(bDiscards.body()).contains("was uploaded by surveyor-a");
        assertThat(status(first)).as("refusals change nothing").isEqualTo("staged");

        HttpResponse<String> aCommits = commit(surveyorA, first);
        assertThat(aCommits.statusCode()).as(aCommits.body()).isEqualTo(200);
        assertThat(server.count("SELECT count(*) FROM survey WHERE id = " + first + " AND committed_by = 'surveyor-a'"))
                .isEqualTo(1);
        JsonNode shown = server.getJson("/api/map/surveys/" + first);
        assertThat(shown.get("uploaded_by").asText()).isEqualTo("surveyor-a");
        assertThat(shown.get("committed_by").asText()).as("the feature panel's committer").isEqualTo("surveyor-a");
        assertThat(shown.get("committed_at").asText()).isNotBlank();

        long second = uploaded(upload(surveyorA, "T001"));
        HttpResponse<String> adminDiscards = discard(TestServer.ADMIN_TOKEN, second);
        assertThat(adminDiscards.statusCode()).as(adminDiscards.body()).isEqualTo(200);
        assertThat(status(second)).isEqualTo("discarded");

        long third = uploaded(upload(surveyorA, "T001"));
        HttpResponse<String> adminCommits = commit(TestServer.ADMIN_TOKEN, third);
        assertThat(adminCommits.statusCode()).as(adminCommits.body()).isEqualTo(200);
        assertThat(server.getJson("/api/map/surveys/" + third).get("committed_by").asText()).isEqualTo("admin");

        long fourth = uploaded(upload(surveyorA, "T001"));
        HttpResponse<String> aDiscards = discard(surveyorA, fourth);
        assertThat(aDiscards.statusCode()).as(aDiscards.body()).isEqualTo(200);
    }

    @Test
    void aSurveyUploadedBeforeAccountsIsDecidedByAnAdministratorOnly() throws Exception {
        long id = uploaded(upload(surveyorA, "T001"));
        try (var c = server.app().dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE survey SET uploaded_by = NULL WHERE id = " + id);
        }
        HttpResponse<String> refused = discard(surveyorA, id);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("only an administrator");
        assertThat(discard(TestServer.ADMIN_TOKEN, id).statusCode()).isEqualTo(200);
    }

    @Test
    void aSurveyorNotAssignedToTheCompoundIsRefusedAndNothingIsStaged() throws Exception {
        String elsewhere = surveyor("surveyor-t002", List.of("T002"), List.of("另一镇"));
        long surveys = server.count("SELECT count(*) FROM survey");
        long staged = server.count("SELECT count(*) FROM staged_pipe");

        HttpResponse<String> refused = upload(elsewhere, "T001");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("compound T001", "襄河镇", "T002", "另一镇");
        assertThat(server.count("SELECT count(*) FROM survey")).as("no survey row").isEqualTo(surveys);
        assertThat(server.count("SELECT count(*) FROM staged_pipe")).as("no staged rows").isEqualTo(staged);

        long id = uploaded(upload(TestServer.ADMIN_TOKEN, "T001"));
        HttpResponse<String> notTheirs = commit(elsewhere, id);
        assertThat(notTheirs.statusCode()).isEqualTo(403);
        assertThat(discard(TestServer.ADMIN_TOKEN, id).statusCode()).isEqualTo(200);
    }

    @Test
    void aDistrictAssignmentCoversItsCompounds() throws Exception {
        String district = surveyor("surveyor-district", List.of(), List.of("襄河镇"));
        long id = uploaded(upload(district, "T002"));
        HttpResponse<String> discarded = discard(district, id);
        assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);

        String other = surveyor("surveyor-other-district", List.of(), List.of("六镇"));
        HttpResponse<String> refused = upload(other, "T002");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("compound T002", "districts 六镇");
    }

    @Test
    void aNewCompoundIsAllowedByTheDistrictItsBoundaryGives() throws Exception {
        String county = surveyor("surveyor-county", List.of(), List.of("全椒县"));
        String otherCounty = surveyor("surveyor-other-county", List.of(), List.of("滁州市南谯区"));
        long compounds = server.count("SELECT count(*) FROM staged_compound");

        HttpResponse<String> refused = uploadBoundary(otherCounty, "N201");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("compound N201", "district 全椒县", "滁州市南谯区");
        assertThat(server.count("SELECT count(*) FROM staged_compound")).as("the staged boundary rolled back").isEqualTo(compounds);
        assertThat(server.count("SELECT count(*) FROM survey WHERE compound_code = 'N201'")).isZero();

        long id = uploaded(uploadBoundary(county, "N201"));
        HttpResponse<String> committed = commit(county, id);
        assertThat(committed.statusCode()).as(committed.body()).isEqualTo(200);
        JsonNode compound = server.getJson("/api/compounds/N201");
        assertThat(compound.get("history").get(0).get("changed_by").asText()).as("the committer made it").isEqualTo("surveyor-county");
        assertThat(compound.get("history").get(0).get("changed_via").asText()).isEqualTo("survey");
    }

    private String surveyor(String name, List<String> compounds, List<String> districts) {
        TestUsers.create(server, name, List.of("surveyor"), compounds, districts);
        return TestUsers.tokenOf(server, TestUsers.signIn(server, name, TestUsers.PASSWORD));
    }

    private HttpResponse<String> upload(String token, String compound) throws Exception {
        return new Multipart().file("survey.zip", new SurveyZips(dir).zip("雨水管线", T001_PIPE)).field("compound", compound)
                .postAs(server.baseUrl() + "/api/surveys", token);
    }

    /** A boundary layer alone, of a compound not registered yet, in 全椒县, 2 km east of T001. */
    private HttpResponse<String> uploadBoundary(String token, String code) throws Exception {
        String boundary = collection(List.of(feature("{\"小区编码\":\"" + code + "\",\"小区名称\":\"新小区\",\"所属区县\":\"全椒县\"}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[621000,3552000],[621000,3552100],[621100,3552100],[621100,3552000],"
                        + "[621000,3552000]]]}")));
        return new Multipart().file("boundary.zip", new SurveyZips(dir).zip("小区边界", boundary))
                .postAs(server.baseUrl() + "/api/surveys", token);
    }

    private static long uploaded(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(TestServer.parse(response.body()).path("uploaded_by").asText()).as("the map decides its buttons by it")
                .isNotBlank();
        return TestServer.parse(response.body()).get("survey_id").asLong();
    }

    private HttpResponse<String> commit(String token, long id) {
        return server.as(token).send(server.as(token).request("/api/surveys/" + id + "/commit")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> discard(String token, long id) {
        return server.as(token).send(server.as(token).request("/api/surveys/" + id).DELETE());
    }

    private String status(long id) {
        return server.getJson("/api/surveys/" + id + "/report").get("status").asText();
    }
}
