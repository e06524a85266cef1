package cn.compoundgis.search;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Issue 14 point 7: the finder's search by point number, lane and road, on the demo data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeatureSearchApiTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("feature_search_test", null, true);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode search(String query) {
        return server.getJson("/api/search/features?" + query);
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aPointNumberFindsThatPointInItsCompoundWithWhereItIs() {
        JsonNode answer = search(q("ys2") + "&compound=C001&limit=5");
        JsonNode first = answer.get("items").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("pipe_point");
        assertThat(first.get("collection").asText()).isEqualTo("pipe-points");
        assertThat(first.get("label").asText()).startsWith("YS2");
        assertThat(first.get("compound").asText()).isEqualTo("C001");
        assertThat(first.get("bbox").get(0).asDouble()).isBetween(118.0, 118.5);
        long id = first.get("id").asLong();
        assertThat(server.getJson("/collections/pipe-points/items/" + id).at("/properties/point_no").asText()).startsWith("YS2");
        assertThat(answer.get("items")).allSatisfy(i -> assertThat(i.get("compound").asText()).isEqualTo("C001"));
        assertThat(answer.get("numberReturned").asInt()).isLessThanOrEqualTo(5);
    }

    @Test
    void lanesAreFoundByNameAndRoadsByTheRoadNameOfTheirPipes() {
        List<String> kinds = new ArrayList<>();
        search(q("主干道消防")).get("items").forEach(i -> kinds.add(i.get("kind").asText() + ":" + i.get("label").asText()));
        assertThat(kinds).contains("fire_lane:主干道消防通道");
        JsonNode road = search(q("王曹二期1号")).get("items").get(0);
        assertThat(road.get("kind").asText()).isEqualTo("road");
        assertThat(road.get("label").asText()).isEqualTo("王曹二期1号支路");
        assertThat(road.get("compound").asText()).isEqualTo("C003");
        assertThat(road.get("id").isNull()).isTrue();
        assertThat(Integer.parseInt(road.get("detail").asText())).as("its pipes").isPositive();
    }

    @Test
    void wildcardsAreTakenLiterallyAndBadQueriesAreRefused() {
        assertThat(search(q("%")).get("items")).as("% is a character, not everything").isEmpty();
        assertThat(search(q("_S1")).get("items")).isEmpty();
        assertThat(server.get("/api/search/features?q=").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/search/features?q=YS&bbox=1,2,3,4").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/search/features?q=YS&limit=0").statusCode()).isEqualTo(400);
        assertThat(FeatureSearchApi.likePrefix("A_b%\\")).isEqualTo("a\\_b\\%\\\\%");
    }
}
