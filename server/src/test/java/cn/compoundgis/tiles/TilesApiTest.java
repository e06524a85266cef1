package cn.compoundgis.tiles;

import static cn.compoundgis.survey.SurveyZips.collection;
import static cn.compoundgis.survey.SurveyZips.feature;
import static cn.compoundgis.tiles.TileClient.get;
import static cn.compoundgis.tiles.TileClient.ogrinfo;
import static cn.compoundgis.tiles.TileClient.save;
import static cn.compoundgis.tiles.TileClient.tileOver;
import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.survey.Multipart;
import cn.compoundgis.survey.SurveyZips;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 point 1: vector tiles of the features fixture (T001 at 619000-619100 E, 3552000-3552100 N, EPSG:4548)
 * read back by GDAL's MVT driver, the metadata documents and their links, the bounds, and the ETag that a commit
 * changes for its own collection only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TilesApiTest {
    private static final String MVT = "application/vnd.mapbox-vector-tile";
    private TestServer server;
    private TileClient.Tile t001z16;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("tiles_api_test", "/features/fixture.sql", false);
        t001z16 = tileOver(server, 619030, 3552030, 16);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aPipesTileAtZoom16HoldsTheCurrentPipesOfT001WithTheirAttributes() throws Exception {
        HttpResponse<byte[]> tile = get(server, "/collections/pipes/tiles/WebMercatorQuad/" + t001z16.path());
        assertThat(tile.statusCode()).isEqualTo(200);
        assertThat(tile.headers().firstValue("Content-Type")).contains(MVT);
        String out = ogrinfo("-ro", "-al", "MVT:" + save(dir, t001z16, tile.body()));
        assertThat(layers(out)).containsExactly("pipes");
        assertThat(featureCount(out, "pipes")).as("the 3 current pipes, not the replaced version").isEqualTo(3);
        assertThat(out).contains("network (String) = YS", "network (String) = WS", "network (String) = JS",
                "compound (String) = T001", "status (String) = existing");
        assertThat(out).containsPattern("dn_mm \\(Integer(64)?\\) = 400");
        assertThat(out).doesNotContain("material", "size_text").doesNotContainPattern("(?m)^  id \\(");
        Set<Long> current = new HashSet<>();
        server.getJson("/collections/pipes/items?compound=T001").get("features").forEach(f -> current.add(f.get("id").asLong()));
        Matcher ids = Pattern.compile("(?m)^  mvt_id \\(Integer64\\) = (\\d+)$").matcher(out);
        Set<Long> inTile = new HashSet<>();
        while (ids.find()) {
            inTile.add(Long.parseLong(ids.group(1)));
        }
        assertThat(inTile).as("each feature's id is its MVT feature id, not a property as well").hasSize(3);
        assertThat(current).containsAll(inTile);
    }

    @Test
    void theDatasetTileHasALayerPerCollectionShownAtItsZoom() throws Exception {
        HttpResponse<byte[]> tile = get(server, "/tiles/WebMercatorQuad/" + t001z16.path());
        assertThat(tile.statusCode()).isEqualTo(200);
        String out = ogrinfo("-ro", "-al", "-so", "MVT:" + save(dir, t001z16, tile.body()));
        assertThat(layers(out)).containsExactlyInAnyOrder("compounds", "buildings", "pipes", "pipe-points", "fire-lanes",
                "parking", "obstacles");
        assertThat(featureCount(out, "pipe-points")).isEqualTo(3);
        assertThat(featureCount(out, "parking")).isEqualTo(2);

        TileClient.Tile z14 = tileOver(server, 619030, 3552030, 14);
        String lower = ogrinfo("-ro", "-al", "-so", "MVT:" + save(dir, z14,
                get(server, "/tiles/WebMercatorQuad/" + z14.path()).body()));
        assertThat(layers(lower)).as("parking, obstacles and pipe points start at 16 and 15")
                .containsExactlyInAnyOrder("compounds", "buildings", "pipes", "fire-lanes");
    }

    @Test
    void lowZoomsCarryFewerAttributes() throws Exception {
        TileClient.Tile z13 = tileOver(server, 619030, 3552030, 13);
        String out = ogrinfo("-ro", "-al", "MVT:" + save(dir, z13,
                get(server, "/collections/pipes/tiles/WebMercatorQuad/" + z13.path()).body()));
        assertThat(out).contains("network (String) = YS").doesNotContain("dn_mm", "compound (String)");
        TileClient.Tile z10 = tileOver(server, 619030, 3552030, 10);
        String compounds = ogrinfo("-ro", "-al", "MVT:" + save(dir, z10,
                get(server, "/collections/compounds/tiles/WebMercatorQuad/" + z10.path()).body()));
        assertThat(compounds).contains("code (String) = T001", "name (String) = 测试小区");
    }

    @Test
    void belowACollectionsMinimumZoomTheTileIsEmpty() throws Exception {
        TileClient.Tile z12 = tileOver(server, 619030, 3552030, 12);
        HttpResponse<byte[]> pipes = get(server, "/collections/pipes/tiles/WebMercatorQuad/" + z12.path());
        assertThat(pipes.statusCode()).isEqualTo(204);
        assertThat(pipes.body()).isEmpty();
        assertThat(get(server, "/tiles/WebMercatorQuad/0/0/0").statusCode()).as("no layer is shown at zoom 0").isEqualTo(204);
        assertThat(get(server, "/collections/pipes/tiles/WebMercatorQuad/16/0/0").statusCode())
                .as("no pipe in that corner of the world").isEqualTo(204);
    }

    @Test
    void tilesOutsideTheMatrixAreNotFoundAndMalformedOnesAreRefused() throws Exception {
        assertError("/collections/pipes/tiles/WebMercatorQuad/23/0/0", 404, "0..22");
        assertError("/collections/pipes/tiles/WebMercatorQuad/16/65536/0", 404, "0..65535");
        assertError("/collections/pipes/tiles/WebMercatorQuad/2/0/4", 404, "0..3");
        assertError("/tiles/WebMercatorQuad/16/1/-1", 400, "tileCol");
        assertError("/tiles/WebMercatorQuad/z/1/1", 400, "tileMatrix");
        assertError("/collections/roads/tiles/WebMercatorQuad/16/0/0", 404, "pipe-points");
        assertError("/collections/roads/tiles", 404, "no collection 'roads'");
    }

    private void assertError(String path, int status, String mention) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(TestServer.parse(response.body()).get("description").asText()).contains(mention);
    }

    @Test
    void theMetadataLinksFromTheLandingPageToTheTiles() throws Exception {
        JsonNode landing = server.getJson("/?f=json");
        String dataset = href(landing, "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
        assertThat(dataset).isEqualTo(server.baseUrl() + "/tiles");
        JsonNode collection = server.getJson("/collections/pipes");
        String tilesets = href(collection, "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
        JsonNode list = server.getJson(path(tilesets));
        JsonNode entry = list.at("/tilesets/0");
        assertThat(entry.get("tileMatrixSetURI").asText()).isEqualTo("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
        assertThat(entry.get("dataType").asText()).isEqualTo("vector");

        JsonNode tileset = server.getJson(path(href(entry, "self")));
        assertThat(tileset.get("crs").asText()).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/3857");
        assertThat(href(tileset, "item")).isEqualTo(server.baseUrl()
                + "/collections/pipes/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}");
        assertThat(href(tileset, "http://www.opengis.net/def/rel/ogc/1.0/geodata")).isEqualTo(server.baseUrl() + "/collections/pipes");
        assertThat(tileset.at("/layers/0/id").asText()).isEqualTo("pipes");
        assertThat(tileset.at("/layers/0/minTileMatrix").asText()).isEqualTo("13");
        assertThat(tileset.at("/layers/0/propertiesSchema/properties/dn_mm/type").asText()).isEqualTo("integer");
        assertThat(tileset.get("tilejson").asText()).isEqualTo("3.0.0");
        assertThat(tileset.at("/tiles/0").asText()).isEqualTo(server.baseUrl() + "/collections/pipes/tiles/WebMercatorQuad/{z}/{y}/{x}");
        assertThat(tileset.get("minzoom").asInt()).isEqualTo(13);
        assertThat(tileset.get("maxzoom").asInt()).isEqualTo(22);
        assertThat(tileset.at("/vector_layers/0/id").asText()).isEqualTo("pipes");
        assertThat(tileset.at("/vector_layers/0/fields").fieldNames()).toIterable()
                .contains("network", "dn_mm", "compound", "status").doesNotContain("id");
        assertThat(tileset.at("/vector_layers/0/description").asText()).contains("from zoom 16", "MVT feature id");

        JsonNode matrixSet = server.getJson(path(href(tileset, "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme")));
        assertThat(matrixSet.get("id").asText()).isEqualTo("WebMercatorQuad");
        assertThat(matrixSet.at("/tileMatrices/16/matrixWidth").asLong()).isEqualTo(65536);
        assertThat(matrixSet.at("/tileMatrices/0/scaleDenominator").asDouble()).isBetween(559082264.0, 559082264.1);
        assertThat(server.getJson("/tileMatrixSets").at("/tileMatrixSets/0/id").asText()).isEqualTo("WebMercatorQuad");

        JsonNode all = server.getJson(path(href(server.getJson("/tiles").at("/tilesets/0"), "self")));
        assertThat(java.util.stream.StreamSupport.stream(all.get("vector_layers").spliterator(), false)
                .map(layer -> layer.get("id").asText()).toList()).containsExactly("compounds", "buildings", "pipes",
                "pipe-points", "fire-lanes", "parking", "obstacles");
        assertThat(all.get("minzoom").asInt()).isEqualTo(10);
        assertThat(server.getJson("/conformance").get("conformsTo").toString())
                .contains("ogcapi-tiles-1/1.0/conf/core", "ogcapi-tiles-1/1.0/conf/mvt", "ogcapi-tiles-1/1.0/conf/dataset-tilesets");
        assertThat(server.getJson("/api").get("paths").has("/collections/{collectionId}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}"))
                .isTrue();
    }

    @Test
    void aCommitChangesTheETagOfItsCollectionsTilesOnly() throws Exception {
        TileClient.Tile t002z16 = tileOver(server, 620030, 3552030, 16); // T002's tile: the other tests look at T001
        String pipesPath = "/collections/pipes/tiles/WebMercatorQuad/" + t002z16.path();
        String compoundsPath = "/collections/compounds/tiles/WebMercatorQuad/" + t002z16.path();
        HttpResponse<byte[]> pipes = get(server, pipesPath);
        String pipesTag = pipes.headers().firstValue("ETag").orElseThrow();
        assertThat(pipes.headers().firstValue("Cache-Control")).contains("public, max-age=60");
        HttpResponse<byte[]> revalidated = get(server, pipesPath, "If-None-Match", pipesTag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        String compoundsTag = get(server, compoundsPath).headers().firstValue("ETag").orElseThrow();
        String datasetTag = get(server, "/tiles/WebMercatorQuad/" + t002z16.path()).headers().firstValue("ETag").orElseThrow();

        String rainPipes = collection(List.of(feature("{\"起点点号\":\"YS1\",\"终点点号\":\"YS2\",\"管径\":\"DN700\"}",
                "{\"type\":\"LineString\",\"coordinates\":[[620010,3552010],[620050,3552010]]}")));
        HttpResponse<String> upload = new Multipart().file("survey.zip", new SurveyZips(dir).zip("雨水管线", rainPipes))
                .field("compound", "T002").post(server.baseUrl() + "/api/surveys");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        long survey = TestServer.parse(upload.body()).get("survey_id").asLong();
        HttpResponse<String> commit = server.post("/api/surveys/" + survey + "/commit");
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);

        HttpResponse<byte[]> changed = get(server, pipesPath, "If-None-Match", pipesTag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(pipesTag);
        assertThat(ogrinfo("-ro", "-al", "MVT:" + save(dir, t002z16, changed.body()))).containsPattern("dn_mm \\(Integer(64)?\\) = 700");
        assertThat(get(server, compoundsPath, "If-None-Match", compoundsTag).statusCode())
                .as("the compounds did not change").isEqualTo(304);
        assertThat(get(server, "/tiles/WebMercatorQuad/" + t002z16.path(), "If-None-Match", datasetTag).statusCode())
                .as("the dataset tile holds the pipes").isEqualTo(200);
        assertOverviewIsCurrent();
        TileClient.Tile t002z13 = tileOver(server, 620030, 3552030, 13);
        String cityTile = ogrinfo("-ro", "-al", "MVT:" + save(dir, t002z13,
                get(server, "/collections/pipes/tiles/WebMercatorQuad/" + t002z13.path()).body()));
        assertThat(cityTile).as("the z13 tile, made from pipe_overview, has the rain network").contains("network (String) = YS");
    }

    @Test
    void theCityZoomsAreMadeFromAnOverviewThatEveryChangeOfThePipesKeepsCurrent() throws Exception {
        assertOverviewIsCurrent();
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE pipe SET valid_to = now() WHERE compound_code = 'T001' AND network = 'WS' AND valid_to IS NULL");
            assertThat(count(s, "SELECT count(*) FROM pipe_overview WHERE compound_code = 'T001' AND network = 'WS'"))
                    .as("the sewage network of T001 closed: its overview row is gone").isZero();
            s.executeUpdate("DELETE FROM pipe WHERE compound_code = 'T001' AND network = 'JS'");
            assertThat(count(s, "SELECT count(*) FROM pipe_overview WHERE compound_code = 'T001' AND network = 'JS'")).isZero();
            c.rollback();
        }
        assertOverviewIsCurrent();
    }

    /**
     * pipe_overview has one row per compound, network, size and status of the current pipes, with their number, in
     * EPSG:3857, and no farther from them than the tolerance it was simplified by (Douglas-Peucker's bound).
     */
    private void assertOverviewIsCurrent() throws Exception {
        assertThat(server.count("SELECT count(*) FROM pipe_overview")).isPositive();
        assertThat(server.count("SELECT count(*) FROM pipe_overview_settings WHERE tolerance_m > 0"))
                .as("the server set the tolerance of tiles.json on start").isEqualTo(1);
        assertThat(server.count("SELECT count(*) FROM pipe_overview")).as("a row per compound, network, size and status")
                .isEqualTo(server.count("SELECT count(*) FROM (SELECT DISTINCT compound_code, network, dn_mm, status FROM pipe"
                        + " WHERE valid_to IS NULL) g"));
        assertThat(server.count("WITH o AS (SELECT compound_code, network, sum(pipes) AS n, ST_Collect(geom) AS g,"
                + " bool_and(ST_SRID(geom) = 3857) AS in_3857 FROM pipe_overview GROUP BY 1, 2),"
                + " p AS (SELECT compound_code, network, count(*) AS n, ST_Transform(ST_Collect(geom), 3857) AS lines"
                + " FROM pipe WHERE valid_to IS NULL GROUP BY 1, 2)"
                + " SELECT count(*) FROM o FULL JOIN p USING (compound_code, network) WHERE o.n IS DISTINCT FROM p.n"
                + " OR NOT o.in_3857 OR ST_HausdorffDistance(o.g, p.lines) > (SELECT tolerance_m FROM pipe_overview_settings) + 1e-6"))
                .as("overview rows that differ from the current pipes").isZero();
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anonymousReadingOffRefusesTilesWithout401AndTheyArePrivate() throws Exception {
        try (TestServer closed = TestServer.start("tiles_closed_test", "/features/fixture.sql", false,
                config -> config.withAccounts(config.accounts().withAnonymousRead(false)))) {
            String path = "/collections/pipes/tiles/WebMercatorQuad/" + t001z16.path();
            assertThat(get(closed.anonymous(), path).statusCode()).isEqualTo(401);
            assertThat(get(closed.anonymous(), "/tiles/WebMercatorQuad").statusCode()).isEqualTo(401);
            HttpResponse<byte[]> signedIn = get(closed, path);
            assertThat(signedIn.statusCode()).isEqualTo(200);
            assertThat(signedIn.headers().firstValue("Cache-Control")).contains("private, max-age=60");
        }
    }

    private static List<String> layers(String ogrinfo) {
        Matcher m = Pattern.compile("(?m)^Layer name: (\\S+)").matcher(ogrinfo);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static long featureCount(String ogrinfo, String layer) {
        Matcher m = Pattern.compile("(?s)Layer name: " + Pattern.quote(layer) + "\\R.*?Feature Count: (\\d+)").matcher(ogrinfo);
        assertThat(m.find()).as(layer + " in\n" + ogrinfo).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String href(JsonNode doc, String rel) {
        for (JsonNode link : doc.get("links")) {
            if (link.get("rel").asText().equals(rel)) {
                return link.get("href").asText();
            }
        }
        throw new AssertionError("no link " + rel + " in " + doc);
    }

    private String path(String url) {
        assertThat(url).startsWith(server.baseUrl());
        return url.substring(server.baseUrl().length());
    }
}
