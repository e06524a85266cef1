package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo data fills the register from data/demo/compounds.csv: 全椒县 (篇三), batch years 2016-2019, households and
 * site area, the status of each batch, and the seed's figures as renovation items done, each citing its passage; and
 * 篇二's 2020 batches as a second district, registered without boundary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompoundRegisterDemoTest {
    private static final String SEED_FILE = "seed 000_d2c724e6bca81fae.txt 篇三";
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("compound_register_demo_test", null, true);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRenovatedCompoundCarriesTheSeedFiguresAsItemsDone() {
        JsonNode c001 = server.getJson("/api/compounds/C001");
        assertThat(c001.get("district").asText()).isEqualTo("全椒县");
        assertThat(c001.get("renovation_year").asInt()).isEqualTo(2016);
        assertThat(c001.get("renovation_status").asText()).isEqualTo("completed");
        assertThat(c001.get("households").asInt()).isEqualTo(1000);
        assertThat(c001.get("site_area_m2").asDouble()).isEqualTo(73456.0);
        assertThat(c001.get("history").get(0).get("changed_via").asText()).isEqualTo("demo");
        JsonNode items = c001.get("items");
        // 篇三 (一): 新建停车位137个, 白改黑道路7432平方米, 绿化改造3865平方米, 新建雨水管道1286米
        assertThat(items.get("stalls_added").get("done_quantity").asDouble()).isEqualTo(137.0);
        assertThat(items.get("stalls_added").get("category").asText()).isEqualTo("roads_parking");
        assertThat(items.get("resurfaced_m2").get("done_quantity").asDouble()).isEqualTo(7432.0);
        assertThat(items.get("greening_m2").get("done_quantity").asDouble()).isEqualTo(3865.0);
        assertThat(items.get("greening_m2").get("category").asText()).isEqualTo("greening");
        assertThat(items.get("rain_pipe_m").get("done_quantity").asDouble()).isEqualTo(1286.0);
        assertThat(items.get("rain_pipe_m").get("unit").asText()).isEqualTo("m");
        items.forEach(i -> assertThat(i.get("source").asText()).startsWith(SEED_FILE));
        // 慈济中学教师宿舍: the seed gives no resurfaced area, so there is no such item
        assertThat(server.getJson("/api/compounds/C010").get("items").has("resurfaced_m2")).isFalse();
    }

    @Test
    void theTwentyNineteenBatchIsUnderConstructionSinceJuly() {
        JsonNode c011 = server.getJson("/api/compounds/C011");
        assertThat(c011.get("renovation_year").asInt()).isEqualTo(2019);
        assertThat(c011.get("renovation_status").asText()).isEqualTo("in_construction");
        assertThat(c011.get("started_on").asText()).isEqualTo("2019-07-01");
        assertThat(c011.get("items")).isEmpty();
    }

    @Test
    void partTwoIsASecondDistrictCompletedInTwentyTwentyWithoutBoundary() {
        JsonNode c101 = server.getJson("/api/compounds/C101");
        assertThat(c101.get("district").asText()).isEqualTo("某区（篇二）");
        assertThat(c101.get("renovation_year").asInt()).isEqualTo(2020);
        assertThat(c101.get("renovation_status").asText()).isEqualTo("completed");
        assertThat(c101.get("started_on").asText()).isEqualTo("2020-06-17");
        assertThat(c101.get("completed_on").asText()).isEqualTo("2020-09-30");
        assertThat(c101.get("households").isNull()).isTrue();
        JsonNode items = c101.get("items");
        // 篇二 第一批次 31.3 km, 35917 m², 57986.92 m² over three compounds
        assertThat(items.get("drainage_pipe_m").get("done_quantity").asDouble()).isEqualTo(10434.0);
        assertThat(items.get("drainage_pipe_m").get("category").asText()).isEqualTo("pipes");
        assertThat(items.get("roads_paved_m2").get("done_quantity").asDouble()).isEqualTo(11973.0);
        assertThat(items.get("sidewalks_paved_m2").get("done_quantity").asDouble()).isEqualTo(19328.98);
        items.forEach(i -> assertThat(i.get("source").asText()).isEqualTo("seed 000_d2c724e6bca81fae.txt 篇二"));
        JsonNode feature = server.getJson("/collections/compounds/items?compound=C104").get("features").get(0);
        assertThat(feature.get("geometry").isNull()).isTrue();
    }

    @Test
    void theFeaturesApiServesTheRegisterFields() {
        JsonNode fc = server.getJson("/collections/compounds/items?renovation_status=completed&limit=100");
        // 全椒县's 10 of 2016-2018 and 篇二's 6 of 2020
        assertThat(fc.get("numberMatched").asInt()).isEqualTo(16);
        JsonNode p = server.getJson("/collections/compounds/items?compound=C007").get("features").get(0).get("properties");
        assertThat(p.get("renovation_items").get("resurfaced_m2").get("done_quantity").asDouble()).isEqualTo(35000.0);
        assertThat(p.has("street")).isTrue();
        assertThat(p.has("funding_central_10k_yuan")).isTrue();
        JsonNode building = server.getJson("/collections/compounds/items?renovation_status=in_construction&limit=100");
        assertThat(building.get("numberMatched").asInt()).isEqualTo(6);
    }
}
