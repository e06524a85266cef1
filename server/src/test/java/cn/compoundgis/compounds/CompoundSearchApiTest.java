package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 11 point 4: GET /api/compounds/search against real PostGIS (fixture compounds/search-fixture.sql). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompoundSearchApiTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("compound_search_test", "/compounds/search-fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode search(String q) {
        return server.getJson("/api/compounds/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static List<String> codes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.get("items").forEach(item -> codes.add(item.get("code").asText()));
        return codes;
    }

    @Test
    void anExactCodeComesFirstThenCodePrefixes() {
        assertThat(codes(search("C001"))).containsExactly("C001");
        assertThat(codes(search("c00"))).as("code prefix, any case").containsExactly("C001", "C002", "C003", "C004");
        assertThat(codes(search("C01"))).containsExactly("C010");
    }

    @Test
    void aNameMatchesByPrefixBeforeSubstringAndOnlyCurrentVersionsAreFound() {
        JsonNode answer = search("南岳");
        assertThat(codes(answer)).as("名称前缀 first, 城东南岳苑 after; not the closed 南岳旧名 or 南岳老村")
                .containsExactly("C001", "C004", "C010");
        assertThat(answer.get("numberMatched").asLong()).isEqualTo(3);
        assertThat(codes(search("王曹"))).as("C003 by its current name").containsExactly("C002", "C003");
        assertThat(codes(search("旧名"))).isEmpty();
    }

    @Test
    void pinyinInitialsAndFullPinyinFindTheName() {
        assertThat(codes(search("nyxc"))).containsExactly("C001");
        assertThat(codes(search("NY"))).as("initials prefix, then 城东南岳苑 (chengdong-nanyue-yuan) by full pinyin")
                .containsExactly("C001", "C004", "C010");
        assertThat(codes(search("nanyue"))).as("prefix first, then inside 城东南岳苑").containsExactly("C001", "C004", "C010");
        assertThat(codes(search("xincun"))).as("full pinyin substring").containsExactly("C001");
        assertThat(codes(search("nan yue xin"))).containsExactly("C001");
    }

    @Test
    void theDistrictIsSearchedBySubstring() {
        assertThat(codes(search("六镇"))).containsExactlyInAnyOrder("C010", "P001");
    }

    @Test
    void anItemCarriesTheKeyNumbersAndWhereTheCompoundIsInCrs84() {
        JsonNode item = search("C001").get("items").get(0);
        assertThat(item.get("name").asText()).isEqualTo("南岳新村");
        assertThat(item.get("district").asText()).isEqualTo("襄河镇");
        assertThat(item.get("households").asInt()).isEqualTo(1000);
        assertThat(item.get("site_area_m2").asDouble()).isEqualTo(73456.0);
        assertThat(item.get("built_year").asInt()).isEqualTo(1990);
        assertThat(item.get("renovation_year").asInt()).isEqualTo(2016);
        JsonNode bbox = item.get("bbox");
        JsonNode centre = item.get("centre");
        assertThat(bbox.get(0).asDouble()).isBetween(118.2, 118.4);
        assertThat(bbox.get(1).asDouble()).isBetween(32.0, 32.2);
        assertThat(bbox.get(2).asDouble()).isGreaterThan(bbox.get(0).asDouble());
        assertThat(bbox.get(3).asDouble()).isGreaterThan(bbox.get(1).asDouble());
        assertThat(centre.get(0).asDouble()).isBetween(bbox.get(0).asDouble(), bbox.get(2).asDouble());
        assertThat(centre.get(1).asDouble()).isBetween(bbox.get(1).asDouble(), bbox.get(3).asDouble());
        assertThat(item.get("built_year").isNull()).isFalse();
        assertThat(search("C002").get("items").get(0).get("built_year").isNull()).isTrue();
    }

    @Test
    void anEmptyQueryPagesThroughEveryCurrentCompoundByCode() {
        JsonNode first = server.getJson("/api/compounds/search?limit=2");
        assertThat(codes(first)).containsExactly("C001", "C002");
        assertThat(first.get("numberMatched").asLong()).isEqualTo(6);
        assertThat(first.get("numberReturned").asInt()).isEqualTo(2);
        assertThat(first.get("limit").asInt()).isEqualTo(2);
        assertThat(first.get("offset").asLong()).isZero();
        assertThat(first.get("next").asText()).isEqualTo("/api/compounds/search?q=&limit=2&offset=2");
        JsonNode second = server.getJson(first.get("next").asText());
        assertThat(codes(second)).containsExactly("C003", "C004");
        JsonNode last = server.getJson("/api/compounds/search?q=&limit=2&offset=4");
        assertThat(codes(last)).containsExactly("C010", "P001");
        assertThat(last.get("next").isNull()).isTrue();
        JsonNode beyond = server.getJson("/api/compounds/search?offset=100");
        assertThat(codes(beyond)).isEmpty();
        assertThat(beyond.get("numberMatched").asLong()).isEqualTo(6);
        assertThat(server.getJson("/api/compounds/search").get("limit").asInt()).isEqualTo(20);
    }

    @Test
    void likeWildcardsInTheQueryMatchThemselves() {
        assertThat(codes(search("_"))).containsExactly("P001");
        assertThat(codes(search("%"))).isEmpty();
        assertThat(codes(search("百分_"))).containsExactly("P001");
    }

    @Test
    void aCompoundWrittenByAnyWriterIsFoundByItsInitialsAndARenameIsFollowed() throws Exception {
        execute("INSERT INTO compound (code, name, geom) VALUES ('W001', '惠德花园', "
                + "ST_GeomFromText('MULTIPOLYGON(((621000 3552000, 621100 3552000, 621100 3552100, 621000 3552100, 621000 3552000)))', 4548))");
        assertThat(codes(search("hdhy"))).containsExactly("W001");
        execute("UPDATE compound SET name = '东苑小区' WHERE code = 'W001' AND valid_to IS NULL");
        assertThat(codes(search("hdhy"))).isEmpty();
        assertThat(codes(search("dyxq"))).containsExactly("W001");
        execute("DELETE FROM compound WHERE code = 'W001'");
    }

    @Test
    void theRegistersStreetCommunityAndAddressAreSearched() throws Exception {
        assertThat(codes(search("幸福路"))).isEmpty();
        execute("UPDATE compound SET address = '襄河镇幸福路18号', street = '襄河镇', community = '南岳社区'"
                + " WHERE code = 'C002' AND valid_to IS NULL");
        try {
            assertThat(codes(search("幸福路"))).containsExactly("C002");
            assertThat(codes(search("南岳社区"))).containsExactly("C002");
        } finally {
            execute("UPDATE compound SET address = NULL, street = NULL, community = NULL WHERE code = 'C002'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "limit=1.5", "limit=", "offset=-1", "offset=1e3",
            "offset=99999999999", "sort=name", "q=a&q=b", "q=%00", "q=C%00"})
    void badParametersAreRefusedWithA400NamingThem(String query) {
        HttpResponse<String> response = server.get("/api/compounds/search?" + query);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(400);
        JsonNode body = TestServer.parse(response.body());
        assertThat(body.get("code").asText()).isEqualTo("InvalidParameterValue");
        String named = query.substring(0, query.indexOf('='));
        assertThat(body.get("description").asText()).as(query).containsIgnoringCase(named.equals("q") ? "q" : named);
    }

    @Test
    void theOpenApiDocumentDescribesTheSearch() {
        JsonNode operation = server.getJson("/api").at("/paths/~1api~1compounds~1search/get");
        assertThat(operation.path("summary").asText()).contains("pinyin initials");
        assertThat(operation.path("parameters").size()).isEqualTo(3);
    }

    @Test
    void aQueryOverOneHundredCharactersIsRefused() {
        String longest = "南".repeat(100);
        assertThat(server.get("/api/compounds/search?q=" + URLEncoder.encode(longest, StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        HttpResponse<String> response = server.get("/api/compounds/search?q=" + URLEncoder.encode(longest + "村", StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("100 characters");
    }

    private void execute(String sql) throws Exception {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
