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
}
