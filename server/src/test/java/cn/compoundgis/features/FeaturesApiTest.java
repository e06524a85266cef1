package cn.compoundgis.features;

import cn.compoundgis.geo.Crs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every endpoint and parameter of the OGC API - Features, against a real PostGIS with known data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeaturesApiTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("features_api_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void landingPageLinksToTheApiConformanceAndData() {
        JsonNode page = server.getJson("/");
        assertThat(rels(page)).contains("self", "service-desc", "conformance", "data");
        assertThat(page.get("title").asText()).contains("Compound GIS");
    }

    @Test
    void landingPageIsTheMapForBrowsers() {
        HttpResponse<String> html = server.get("/", Map.of("Accept", "text/html,application/xhtml+xml"));
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("<html");
        assertThat(server.get("/?f=html").body()).contains("<html");
        assertThat(server.getJson("/?f=json").has("links")).isTrue();
        assertError(server.get("/?f=xml"), 400, "f=xml");
    }

    @Test
    void conformanceDeclaresCoreGeoJsonOpenApiAndCrs() {
        JsonNode conformsTo = server.getJson("/conformance").get("conformsTo");
        List<String> classes = texts(conformsTo);
        assertThat(classes).containsExactlyInAnyOrderElementsOf(FeaturesApi.CONFORMANCE);
    }

    @Test
    void apiIsAnOpenApi30DocumentWithEveryCollectionAndTheLimits() {
        HttpResponse<String> response = server.get("/api");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/vnd.oai.openapi+json");
        JsonNode api = TestServer.parse(response.body());
        assertThat(api.get("openapi").asText()).startsWith("3.0");
        for (FeatureCollection c : Collections.ALL) {
            assertThat(api.get("paths").has("/collections/" + c.id() + "/items")).as(c.id()).isTrue();
            assertThat(api.get("paths").has("/collections/" + c.id() + "/items/{featureId}")).as(c.id()).isTrue();
        }
        JsonNode limit = api.at("/components/parameters/limit/schema");
        assertThat(limit.get("default").asInt()).isEqualTo(100);
        assertThat(limit.get("maximum").asInt()).isEqualTo(10_000);
        assertThat(api.at("/components/parameters/limit/description").asText()).contains("default 100", "maximum 10000");
        assertThat(api.at("/paths/~1api~1surveys/post/summary").asText()).contains("re-survey");
        assertThat(api.at("/paths/~1api~1checks~1clearance/post/summary").asText()).contains("GB 50289");
        assertThat(api.at("/paths/~1api~1obstacles~1{obstacleId}").has("patch")).isTrue();
    }

    @Test
    void apiDeclaresTheBearerSchemeOnEveryChange() {
        JsonNode api = server.getJson("/api");
        assertThat(api.at("/components/securitySchemes/bearerAuth/type").asText()).isEqualTo("http");
        assertThat(api.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        List<String> changes = new ArrayList<>();
        api.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getKey().equals("get")) {
                changes.add(op.getKey() + " " + path.getKey());
                assertThat(op.getValue().at("/security/0").has("bearerAuth")).as(op.getKey() + " " + path.getKey())
                        .isTrue();
            }
        }));
        assertThat(changes).contains("post /api/surveys", "delete /api/surveys/{surveyId}", "patch /api/compounds/{code}");
        assertThat(api.at("/paths/~1api~1compounds~1imports~1{id}/get/security/0").has("bearerAuth")).isTrue();
        assertThat(api.at("/paths/~1collections~1pipes~1items/get").has("security")).isFalse();
        assertThat(api.has("security")).as("reads are open: no document-wide security").isFalse();
    }

    @Test
    void collectionsListsTheSevenCollectionsWithCrsAndExtent() {
        JsonNode body = server.getJson("/collections");
        List<String> ids = new ArrayList<>();
        body.get("collections").forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).containsExactly("compounds", "buildings", "pipes", "pipe-points", "fire-lanes", "parking", "obstacles");
        JsonNode pipes = body.get("collections").get(2);
        assertThat(pipes.get("storageCrs").asText()).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/4548");
        assertThat(texts(pipes.get("crs"))).contains(Crs.CRS84_URI,
                "http://www.opengis.net/def/crs/EPSG/0/4326", "http://www.opengis.net/def/crs/EPSG/0/4490",
                "http://www.opengis.net/def/crs/EPSG/0/4548");
        JsonNode bbox = pipes.at("/extent/spatial/bbox/0");
        assertThat(bbox.get(0).asDouble()).isBetween(118.0, 118.5);
        assertThat(bbox.get(1).asDouble()).isBetween(31.9, 32.3);
    }

    @Test
    void extentsComeFromTheStatisticsOnceTheTableIsAnalysed() throws Exception {
        JsonNode exact = server.getJson("/collections/pipes").at("/extent/spatial/bbox/0");
        try (var c = server.app().dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("ANALYZE pipe");
        }
        JsonNode estimated = server.getJson("/collections/pipes").at("/extent/spatial/bbox/0");
        for (int i = 0; i < 4; i++) {
            // the estimate is the statistics' box, never smaller than the data (to within rounding)
            assertThat(estimated.get(i).asDouble()).isCloseTo(exact.get(i).asDouble(), within(0.01));
        }
        assertThat(estimated.get(0).asDouble()).isLessThanOrEqualTo(exact.get(0).asDouble() + 1e-6);
        assertThat(estimated.get(2).asDouble()).isGreaterThanOrEqualTo(exact.get(2).asDouble() - 1e-6);
    }

    @Test
    void oneCollectionDescribesItselfAndLinksToItsItems() {
        JsonNode c = server.getJson("/collections/pipe-points");
        assertThat(c.get("id").asText()).isEqualTo("pipe-points");
        assertThat(c.get("itemType").asText()).isEqualTo("feature");
        assertThat(rels(c)).contains("self", "items");
    }

    @Test
    void unknownCollectionOrFeatureIs404WithAJsonReason() {
        assertError(server.get("/collections/rivers"), 404, "rivers");
        assertError(server.get("/collections/rivers/items"), 404, "rivers");
        assertError(server.get("/collections/pipes/items/999999"), 404, "999999");
        assertError(server.get("/collections/pipes/items/abc"), 404, "abc");
        assertError(server.get("/nothing/here"), 404, "/nothing/here");
    }

    @Test
    void itemsAreAGeoJsonFeatureCollectionWithCountsAndCrs() {
        HttpResponse<String> response = server.get("/collections/pipes/items");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        assertThat(response.headers().firstValue("Content-Crs").orElse("")).isEqualTo("<" + Crs.CRS84_URI + ">");
        JsonNode fc = TestServer.parse(response.body());
        assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.get("numberMatched").asLong()).isEqualTo(4); // the replaced version is history, not current
        assertThat(fc.get("numberReturned").asLong()).isEqualTo(4);
        assertThat(fc.get("features")).hasSize(4);
        assertThat(fc.has("timeStamp")).isTrue();
        JsonNode first = fc.get("features").get(0);
        assertThat(first.get("type").asText()).isEqualTo("Feature");
        assertThat(first.get("id").isIntegralNumber()).isTrue();
        assertThat(first.at("/geometry/type").asText()).isEqualTo("LineString");
        JsonNode props = first.get("properties");
        assertThat(props.get("network").asText()).isEqualTo("YS");
        assertThat(props.get("compound").asText()).isEqualTo("T001");
        assertThat(props.get("dn_mm").asInt()).isEqualTo(400);
        assertThat(props.get("start_depth_m").asDouble()).isEqualTo(1.5);
        assertThat(props.get("depth_reference").asText()).isEqualTo("invert");
        assertThat(props.get("material").asText()).isEqualTo("混凝土");
        assertThat(props.get("source_id").asText()).isEqualTo("YS1-YS2");
        assertThat(props.get("surveyed_on").asText()).isEqualTo("2024-03-15");
        assertThat(props.has("geom")).isFalse();
    }

    @Test
    void everyCollectionServesItsFixtureFeatures() {
        Map<String, Integer> expected = Map.of("compounds", 2, "buildings", 1, "pipes", 4, "pipe-points", 3,
                "fire-lanes", 1, "parking", 2, "obstacles", 1);
        expected.forEach((id, count) -> {
            JsonNode fc = server.getJson("/collections/" + id + "/items");
            assertThat(fc.get("numberMatched").asInt()).as(id).isEqualTo(count);
            assertThat(fc.get("features")).as(id).hasSize(count);
        });
    }

    @Test
    void chineseTextReadsBackExactly() {
        JsonNode fc = server.getJson("/collections/compounds/items?compound=T001");
        assertThat(fc.at("/features/0/properties/name").asText()).isEqualTo("测试小区");
        assertThat(fc.at("/features/0/properties/district").asText()).isEqualTo("襄河镇");
    }

    @Test
    void pagingFollowsNextAndPrevLinks() {
        JsonNode page1 = server.getJson("/collections/pipes/items?limit=3");
        assertThat(page1.get("numberReturned").asInt()).isEqualTo(3);
        assertThat(page1.get("numberMatched").asInt()).isEqualTo(4);
        assertThat(rels(page1)).contains("self", "next").doesNotContain("prev");
        JsonNode page2 = server.getJson(pathOf(link(page1, "next")));
        assertThat(page2.get("numberReturned").asInt()).isEqualTo(1);
        assertThat(rels(page2)).contains("prev").doesNotContain("next");
        JsonNode back = server.getJson(pathOf(link(page2, "prev")));
        assertThat(ids(back)).isEqualTo(ids(page1));
        List<Long> all = new ArrayList<>(ids(page1));
        all.addAll(ids(page2));
        assertThat(all).doesNotHaveDuplicates().hasSize(4).isSorted();
        assertThat(link(page2, "prev")).contains("limit=3");
    }

    @Test
    void limitAboveTheMaximumIsServedAsTheMaximum() {
        JsonNode fc = server.getJson("/collections/pipes/items?limit=20000");
        assertThat(fc.get("numberReturned").asInt()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=-1", "limit=0", "limit=abc", "offset=-5", "offset=x",
            "bbox=1,2,3", "bbox=117,33,118,32", "bbox=a,b,c,d", "bbox=1,2,3,4,5", "bbox=-200,0,0,10",
            "crs=EPSG:9999", "crs=http://www.opengis.net/def/crs/EPSG/0/27700", "bbox-crs=foo&bbox=1,2,3,4",
            "datetime=yesterday", "datetime=2024-02-01/2023-01-01", "datetime=a/b/c",
            "dn_mm=big", "has_elevator=maybe", "netwrok=YS", "limit=1&limit=2", "f=xml"})
    void badParametersAre400WithAReason(String query) {
        String collection = query.startsWith("has_elevator") ? "buildings" : "pipes";
        String name = query.split("=")[0];
        assertError(server.get("/collections/" + collection + "/items?" + query), 400, name);
    }

    @Test
    void limitDatetimeAndBboxAreFormStyleUnexploded() {
        JsonNode parameters = server.getJson("/api").at("/components/parameters");
        for (String name : List.of("limit", "datetime", "bbox")) {
            assertThat(parameters.at("/" + name + "/style").asText()).as(name).isEqualTo("form");
            assertThat(parameters.at("/" + name + "/explode").isBoolean()).as(name).isTrue();
            assertThat(parameters.at("/" + name + "/explode").asBoolean()).as(name).isFalse();
        }
    }

    @Test
    void crs84BboxAcrossTheAntimeridianIsTwoBoxes() {
        JsonNode arctic = server.getJson("/collections/pipes/items?bbox=177,65,-177,70");
        assertThat(arctic.get("numberMatched").asInt()).isZero();
        // 118.2E eastward over the antimeridian to 170W covers both compounds; from 119E it covers neither.
        JsonNode over = server.getJson("/collections/pipes/items?bbox=118.2,31.9,-170,32.2");
        assertThat(over.get("numberMatched").asInt()).isEqualTo(4);
        JsonNode beside = server.getJson("/collections/pipes/items?bbox=119,31.9,-170,32.2");
        assertThat(beside.get("numberMatched").asInt()).isZero();
        JsonNode latFirst = server.getJson("/collections/pipes/items?bbox-crs=EPSG:4326&bbox=31.9,118.2,32.2,-170");
        assertThat(latFirst.get("numberMatched").asInt()).isEqualTo(4);
    }

    @Test
    void theWholeWorldHoldsEveryPipe() {
        int all = server.getJson("/collections/pipes/items?limit=1").get("numberMatched").asInt();
        assertThat(all).isPositive();
        assertThat(server.getJson("/collections/pipes/items?limit=1&bbox=-180,-90,180,90").get("numberMatched").asInt())
                .isEqualTo(all);
        assertThat(server.getJson("/collections/pipes/items?limit=1&bbox-crs=EPSG:4326&bbox=-90,-180,90,180")
                .get("numberMatched").asInt()).isEqualTo(all);
        // a box that covers the working zone only in part still finds what lies in it
        assertThat(server.getJson("/collections/pipes/items?limit=1&bbox=100,20,118.4,40").get("numberMatched").asInt())
                .isEqualTo(all);
        assertThat(server.getJson("/collections/pipes/items?limit=1&bbox=-10,20,10,40").get("numberMatched").asInt())
                .isZero();
    }

    @Test
    void aWideBoxKeepsTheCurveOfItsParallelsInTheWorkingCrs() {
        // In Gauss-Kruger a parallel bows away from the equator off the central meridian (117E): a box from 115.6E to
        // 118.4E whose southern edge runs 20 m south of the pipes (at 118.27E) would miss them as four corners alone.
        JsonNode both = server.getJson("/collections/pipes/items?bbox=118.2,31.9,118.4,32.2");
        double south = 90;
        for (JsonNode f : both.get("features")) {
            south = Math.min(south, bounds(f.get("geometry"))[1]);
        }
        String wide = "115.6," + (south - 0.0002) + ",118.4," + (south + 0.5);
        JsonNode fc = server.getJson("/collections/pipes/items?bbox=" + wide);
        assertThat(fc.get("numberMatched").asInt()).as(wide).isEqualTo(both.get("numberMatched").asInt());
    }

    @Test
    void latitudeFirstBboxWithALatitudeOver90SaysTheAxisOrder() {
        for (String crs : List.of("EPSG:4326", "http://www.opengis.net/def/crs/EPSG/0/4490")) {
            HttpResponse<String> response = server.get("/collections/pipes/items?bbox=118.2,31.9,118.4,32.2&bbox-crs="
                    + URLEncoder.encode(crs, StandardCharsets.UTF_8));
            assertError(response, 400, "latitude first");
            assertThat(response.body()).as(crs).contains("118.2", "outside -90..90");
        }
        assertError(server.get("/collections/pipes/items?bbox=-200,0,0,10"), 400, "longitude");
    }

    @Test
    void everyCollectionHasItsTemporalExtent() throws Exception {
        JsonNode pipes = server.getJson("/collections/pipes").at("/extent/temporal");
        assertThat(pipes.get("trs").asText()).isEqualTo("http://www.opengis.net/def/uri/ISO-8601/0/Gregorian");
        // the oldest kept version is the rain pipe replaced in 2024; current pipes leave the end open
        assertThat(pipes.at("/interval/0/0").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(pipes.at("/interval/0/1").isNull()).isTrue();
        JsonNode all = server.getJson("/collections");
        for (JsonNode c : all.get("collections")) {
            assertThat(c.at("/extent/temporal/interval/0/0").asText()).as(c.get("id").asText()).isNotEmpty();
        }
        try (var c = server.app().dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("UPDATE obstacle SET valid_to = now() + interval '1 day' WHERE valid_to IS NULL");
        }
        JsonNode closed = server.getJson("/collections/obstacles").at("/extent/temporal/interval/0");
        assertThat(closed.get(1).isTextual()).isTrue();
        assertThat(java.time.Instant.parse(closed.get(1).asText())).isAfter(java.time.Instant.parse(closed.get(0).asText()));
        try (var c = server.app().dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("UPDATE obstacle SET valid_to = NULL WHERE valid_to > now()");
        }
    }

    @Test
    void crs84GeometryIsTheStoredGeometryTransformedByPostgisAlsoAfterAnEdit() throws Exception {
        long id = server.getJson("/collections/pipes/items?limit=1").at("/features/0/id").asLong();
        assertCrs84Answers(id);
        try (var c = server.app().dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("UPDATE pipe SET geom = ST_Translate(geom, 10, 20) WHERE id = " + id);
        }
        try {
            assertCrs84Answers(id);
        } finally {
            try (var c = server.app().dataSource().getConnection(); var s = c.createStatement()) {
                s.execute("UPDATE pipe SET geom = ST_Translate(geom, -10, -20) WHERE id = " + id);
            }
        }
    }

    /** CRS84 and EPSG:4326 (latitude first) answer what ST_Transform of the stored geometry gives. */
    private void assertCrs84Answers(long id) throws Exception {
        String expected;
        try (var c = server.app().dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT ST_AsGeoJSON(ST_Transform(geom, 4326), 8, 0),"
                     + " ST_AsGeoJSON(ST_FlipCoordinates(ST_Transform(geom, 4326)), 8, 0) FROM pipe WHERE id = " + id)) {
            rs.next();
            expected = rs.getString(1);
            assertThat(server.getJson("/collections/pipes/items/" + id + "?crs=EPSG:4326").get("geometry"))
                    .isEqualTo(TestServer.parse(rs.getString(2)));
        }
        assertThat(server.getJson("/collections/pipes/items/" + id).get("geometry")).isEqualTo(TestServer.parse(expected));
        JsonNode page = server.getJson("/collections/pipes/items?limit=1000");
        for (JsonNode f : page.get("features")) {
            if (f.get("id").asLong() == id) {
                assertThat(f.get("geometry")).isEqualTo(TestServer.parse(expected));
                return;
            }
        }
        throw new AssertionError("pipe " + id + " is not on the page");
    }

    @Test
    void bboxInCrs84SelectsByLocation() {
        // T001 spans easting 619000-619100; T002 is a kilometre east.
        JsonNode t001 = server.getJson("/collections/compounds/items?compound=T001");
        double[] box = bounds(t001.at("/features/0/geometry"));
        String bbox = (box[0] - 0.0001) + "," + (box[1] - 0.0001) + "," + (box[2] + 0.0001) + "," + (box[3] + 0.0001);
        JsonNode fc = server.getJson("/collections/pipes/items?bbox=" + bbox);
        assertThat(fc.get("numberMatched").asInt()).isEqualTo(3);
        assertThat(compounds(fc)).containsOnly("T001");

        // a bbox page counts its matches in its own statement: the same numbers on a short page and past the end
        JsonNode second = server.getJson("/collections/pipes/items?limit=2&offset=2&bbox=" + bbox);
        assertThat(second.get("numberMatched").asInt()).isEqualTo(3);
        assertThat(second.get("numberReturned").asInt()).isEqualTo(1);
        JsonNode past = server.getJson("/collections/pipes/items?limit=2&offset=5&bbox=" + bbox);
        assertThat(past.get("numberMatched").asInt()).isEqualTo(3);
        assertThat(past.get("numberReturned").asInt()).isZero();
        JsonNode farPast = server.getJson("/collections/pipes/items?limit=2&offset=3000000000&bbox=" + bbox);
        assertThat(farPast.get("numberMatched").asInt()).isEqualTo(3);
        assertThat(farPast.get("numberReturned").asInt()).isZero();
    }

    @Test
    void bboxInTheWorkingCrsIsNorthingFirst() {
        String crs = URLEncoder.encode("http://www.opengis.net/def/crs/EPSG/0/4548", StandardCharsets.UTF_8);
        JsonNode fc = server.getJson("/collections/pipes/items?bbox=3552000,619000,3552100,619100&bbox-crs=" + crs);
        assertThat(compounds(fc)).hasSize(3).containsOnly("T001");
        JsonNode shortForm = server.getJson("/collections/pipes/items?bbox=3552000,620000,3552100,620100&bbox-crs=EPSG:4548");
        assertThat(compounds(shortForm)).containsExactly("T002");
    }

    @Test
    void bboxInEpsg4326IsLatitudeFirst() {
        JsonNode t002 = server.getJson("/collections/compounds/items?compound=T002");
        double[] b = bounds(t002.at("/features/0/geometry"));
        String bbox = (b[1] - 0.0001) + "," + (b[0] - 0.0001) + "," + (b[3] + 0.0001) + "," + (b[2] + 0.0001);
        JsonNode fc = server.getJson("/collections/pipes/items?bbox-crs=EPSG:4326&bbox=" + bbox);
        assertThat(compounds(fc)).containsExactly("T002");
    }

    @Test
    void defaultOutputIsLongitudeLatitudeNearTheCountySeat() {
        JsonNode point = server.getJson("/collections/pipe-points/items?point_no=YS1").at("/features/0/geometry/coordinates");
        assertThat(point.get(0).asDouble()).isBetween(118.2, 118.35);
        assertThat(point.get(1).asDouble()).isBetween(32.0, 32.15);
    }

    @Test
    void workingCrsOutputIsNorthingEastingAsStored() {
        HttpResponse<String> response = server.get("/collections/pipe-points/items?point_no=YS1&crs=EPSG:4548");
        assertThat(response.headers().firstValue("Content-Crs").orElse(""))
                .isEqualTo("<http://www.opengis.net/def/crs/EPSG/0/4548>");
        JsonNode xy = TestServer.parse(response.body()).at("/features/0/geometry/coordinates");
        assertThat(xy.get(0).asDouble()).isCloseTo(3552010.0, within(0.0005));
        assertThat(xy.get(1).asDouble()).isCloseTo(619010.0, within(0.0005));
    }

    @Test
    void epsg4326And4490AreLatitudeLongitudeAndAgreeWithCrs84() {
        JsonNode lonLat = server.getJson("/collections/pipe-points/items?point_no=YS1").at("/features/0/geometry/coordinates");
        for (String crs : List.of("http://www.opengis.net/def/crs/EPSG/0/4326", "EPSG:4490")) {
            JsonNode latLon = server.getJson("/collections/pipe-points/items?point_no=YS1&crs="
                    + URLEncoder.encode(crs, StandardCharsets.UTF_8)).at("/features/0/geometry/coordinates");
            assertThat(latLon.get(0).asDouble()).as(crs).isCloseTo(lonLat.get(1).asDouble(), within(1e-7));
            assertThat(latLon.get(1).asDouble()).as(crs).isCloseTo(lonLat.get(0).asDouble(), within(1e-7));
        }
    }

    @Test
    void propertyFiltersCombineAndTakeLists() {
        assertThat(server.getJson("/collections/pipes/items?compound=T001&network=YS").get("numberMatched").asInt()).isEqualTo(1);
        assertThat(server.getJson("/collections/pipes/items?network=YS,WS").get("numberMatched").asInt()).isEqualTo(3);
        assertThat(server.getJson("/collections/pipes/items?dn_mm=600").get("numberMatched").asInt()).isEqualTo(1);
        assertThat(server.getJson("/collections/buildings/items?has_elevator=false").get("numberMatched").asInt()).isEqualTo(1);
        assertThat(server.getJson("/collections/fire-lanes/items?required_width_m=4").get("numberMatched").asInt()).isEqualTo(1);
        assertThat(server.getJson("/collections/obstacles/items?observed_on=2024-03-15").get("numberMatched").asInt()).isEqualTo(1);
        assertThat(server.getJson("/collections/pipes/items?owner=" + URLEncoder.encode("全椒县自来水公司", StandardCharsets.UTF_8))
                .get("numberMatched").asInt()).isEqualTo(1);
        JsonNode filtered = server.getJson("/collections/pipes/items?network=YS&limit=1");
        assertThat(link(filtered, "next")).contains("network=YS").contains("offset=1");
    }

    @Test
    void datetimeShowsTheDataAsItWas() {
        JsonNode then = server.getJson("/collections/pipes/items?compound=T001&network=YS&datetime=2022-06-01T00:00:00Z");
        assertThat(then.get("numberMatched").asInt()).isEqualTo(1);
        assertThat(then.at("/features/0/properties/dn_mm").asInt()).isEqualTo(300);
        JsonNode span = server.getJson("/collections/pipes/items?compound=T001&network=YS&datetime=2023-06-01/..");
        assertThat(span.get("numberMatched").asInt()).isEqualTo(2);
        JsonNode before = server.getJson("/collections/pipes/items?datetime=../2019-01-01");
        assertThat(before.get("numberMatched").asInt()).isZero();
    }

    @Test
    void oneFeatureByIdInAnyCrs() {
        JsonNode fc = server.getJson("/collections/pipe-points/items?point_no=JS1");
        long id = fc.at("/features/0/id").asLong();
        HttpResponse<String> response = server.get("/collections/pipe-points/items/" + id);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        JsonNode feature = TestServer.parse(response.body());
        assertThat(feature.get("type").asText()).isEqualTo("Feature");
        assertThat(feature.get("id").asLong()).isEqualTo(id);
        assertThat(feature.at("/properties/feature").asText()).isEqualTo("三通");
        assertThat(rels(feature)).contains("self", "collection");
        JsonNode projected = server.getJson("/collections/pipe-points/items/" + id + "?crs=EPSG:4548");
        assertThat(projected.at("/geometry/coordinates/1").asDouble()).isCloseTo(619010.0, within(0.0005));
        assertError(server.get("/collections/pipe-points/items/" + id + "?crs=EPSG:1"), 400, "crs");
        assertError(server.get("/collections/pipe-points/items/" + id + "?limit=5"), 400, "limit");
    }

    // --- helpers ---------------------------------------------------------------------------

    private static void assertError(HttpResponse<String> response, int status, String mentioned) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = TestServer.parse(response.body());
        assertThat(body.get("code").asText()).isNotBlank();
        assertThat(body.get("description").asText()).contains(mentioned);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static List<String> rels(JsonNode node) {
        List<String> rels = new ArrayList<>();
        node.get("links").forEach(l -> rels.add(l.get("rel").asText()));
        return rels;
    }

    private static String link(JsonNode node, String rel) {
        for (JsonNode l : node.get("links")) {
            if (l.get("rel").asText().equals(rel)) {
                return l.get("href").asText();
            }
        }
        throw new AssertionError("no " + rel + " link in " + node.get("links"));
    }

    private static String pathOf(String href) {
        URI uri = URI.create(href);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static List<Long> ids(JsonNode fc) {
        List<Long> ids = new ArrayList<>();
        fc.get("features").forEach(f -> ids.add(f.get("id").asLong()));
        return ids;
    }

    private static List<String> compounds(JsonNode fc) {
        List<String> list = new ArrayList<>();
        fc.get("features").forEach(f -> list.add(f.at("/properties/compound").asText()));
        return list;
    }

    /** [minX, minY, maxX, maxY] of a (Multi)Polygon's coordinates. */
    private static double[] bounds(JsonNode geometry) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        collect(geometry.get("coordinates"), b);
        return b;
    }

    private static void collect(JsonNode coords, double[] b) {
        if (coords.get(0).isNumber()) {
            b[0] = Math.min(b[0], coords.get(0).asDouble());
            b[1] = Math.min(b[1], coords.get(1).asDouble());
            b[2] = Math.max(b[2], coords.get(0).asDouble());
            b[3] = Math.max(b[3], coords.get(1).asDouble());
            return;
        }
        coords.forEach(c -> collect(c, b));
    }
}
