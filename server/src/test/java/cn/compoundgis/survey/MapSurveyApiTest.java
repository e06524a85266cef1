package cn.compoundgis.survey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** /api/map/surveys/{id}: the survey that delivered a feature, for the map's feature panel. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapSurveyApiTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("map_survey_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void givesTheSurveyOfAFeature() {
        JsonNode survey = server.getJson("/api/map/surveys/901");
        assertThat(survey.get("title").asText()).isEqualTo("测试测量");
        assertThat(survey.get("surveyor").asText()).isEqualTo("测试测绘院");
        assertThat(survey.get("surveyed_on").asText()).isEqualTo("2024-03-15");
        assertThat(server.get("/api/map/surveys/999").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/map/surveys/abc").statusCode()).isEqualTo(404);
    }

    @Test
    void namesWhoUploadedAndCommittedOnlyToSignedInUsers() throws Exception {
        try (var c = server.app().dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE survey SET uploaded_by = 'admin', committed_by = 'admin' WHERE id = 901");
        }
        JsonNode signedIn = server.getJson("/api/map/surveys/901");
        assertThat(signedIn.get("uploaded_by").asText()).isEqualTo("admin");
        assertThat(signedIn.get("committed_by").asText()).isEqualTo("admin");
        JsonNode anonymous = TestServer.parse(server.anonymous().get("/api/map/surveys/901").body());
        assertThat(anonymous.get("title").asText()).isEqualTo("测试测量");
        assertThat(anonymous.has("uploaded_by")).isFalse();
        assertThat(anonymous.has("committed_by")).isFalse();
    }
}
