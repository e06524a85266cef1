package cn.compoundgis.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one request edge (Requests): every Api reads path ids, flags and JSON bodies the same way. A path id that is
 * not an id names nothing (404 naming it), a bad flag is a 400 naming the flag, a body that is not JSON a 400 saying
 * at which line and column.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestsTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("requests_test", "/checks/fire-lanes-fixture.sql", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "/api/surveys/abc/report, survey 'abc'",
        "/api/surveys/-3/report, survey '-3'",
        "/api/surveys/1.5/diff, survey '1.5'",
        "/api/map/surveys/abc, survey 'abc'",
        "/api/obstacles/abc, obstacle 'abc'",
        "/api/obstacles/0/photo, obstacle '0'",
        "/api/compounds/imports/abc, compound import 'abc'",
        "/api/compounds/imports/99999999999999999999, compound import '99999999999999999999'",
        "/api/checks/fire-lanes/x1, fire lane 'x1'"})
    void aPathIdThatIsNotAnIdIsA404NamingIt(String path, String named) {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        JsonNode body = TestServer.parse(response.body());
        assertThat(body.path("code").asText()).as(path).isEqualTo("NotFound");
        assertThat(body.path("description").asText()).as(path).contains("no " + named);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "TRUE", "maybe", ""})
    void aFlagOtherThanTrueOrFalseIsA400NamingIt(String value) {
        HttpResponse<String> lanes = server.get("/api/checks/fire-lanes?compound=F001&planned=" + value);
        assertBad(lanes, "planned must be true or false");
        HttpResponse<String> dryRun = server.post("/api/compounds/import?dry_run=" + value, "text/csv",
                "code,name\nR1,x\n".getBytes(StandardCharsets.UTF_8));
        assertBad(dryRun, "dry_run must be true or false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/compounds", "/api/obstacles"})
    void aBodyThatIsNotJsonIsA400SayingWhere(String path) {
        String body = "{\"code\": \"R1\",\n  \"name\": ,\n}";
        assertBad(post(path, body), "line 2, column");
        assertBad(post(path, "{\"note\": \"a\", \"note\": \"b\"}"), "Duplicate field 'note'");
        assertBad(post(path, "{} trailing"), "not valid JSON");
        assertBad(post(path, "[1, 2]"), "must be a JSON object");
        assertBad(post(path, " "), "the body is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "-1", "abc"})
    void aMalformedQueryIdIsA400NamingTheParameter(String value) {
        assertBad(server.post("/api/checks/clearance?survey=" + value), "survey=");
        assertBad(server.get("/api/checks/network?survey=" + value), "survey=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/checks/fire-lanes", "/api/checks/parking", "/api/surveys"})
    void aCompoundParameterThatCannotBeACodeIsA400NamingIt(String path) {
        assertBad(server.get(path + "?compound=-x"), "compound=-x is not a compound code");
        assertBad(server.get(path + "?compound=" + "C".repeat(200)), "is not a compound code");
        assertBad(server.get(path + "?compound=%20"), "compound is required");
        assertThat(server.get(path.equals("/api/surveys") ? "/api/checks/fire-lanes?compound=NOPE" : path + "?compound=NOPE")
                .statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> post(String path, String body) {
        return server.post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertBad(HttpResponse<String> response, String saying) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestServer.parse(response.body()).path("description").asText()).contains(saying);
    }
}
