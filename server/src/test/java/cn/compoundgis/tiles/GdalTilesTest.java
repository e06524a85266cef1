package cn.compoundgis.tiles;

import static cn.compoundgis.tiles.TileClient.get;
import static cn.compoundgis.tiles.TileClient.ogrinfo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: GDAL's MVT driver must read the tiles. A client's way in: the tileset metadata's TileJSON template
 * ({@code tiles}), filled for the tile over a demo compound, downloaded as {@code z-x-y.mvt} (the name the driver
 * georeferences by) and listed with {@code ogrinfo -ro}. (GDAL 3.6's OGCAPI driver lists no layer for vector
 * tilesets it finds, so the tiles are fetched here as a web map fetches them.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GdalTilesTest {
    private TestServer server;
    private double lon;
    private double lat;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("gdal_tiles_test", null, true);
        JsonNode pipe = server.getJson("/collections/pipes/items?limit=1").at("/features/0/geometry/coordinates/0");
        lon = pipe.get(0).asDouble();
        lat = pipe.get(1).asDouble();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void ogrinfoListsEveryLayerOfTheDatasetTileOverTheDemoCompounds() throws Exception {
        String out = ogrinfo("-ro", "-al", "-so", "MVT:" + download("/tiles/WebMercatorQuad", 16));
        assertThat(layers(out)).contains("compounds", "buildings", "pipes", "pipe-points", "fire-lanes");
        assertThat(count(out, "pipes")).isPositive();
        assertThat(count(out, "compounds")).isPositive();
        assertThat(out).contains("ID[\"EPSG\",3857]");
    }

    @Test
    void ogrinfoReadsThePipesTilesAtEveryZoomTheyShowAt() throws Exception {
        for (int z = 13; z <= 16; z++) {
            String out = ogrinfo("-ro", "-al", "-so", "MVT:" + download("/collections/pipes/tiles/WebMercatorQuad", z));
            assertThat(layers(out)).as("zoom " + z).containsExactly("pipes");
            assertThat(count(out, "pipes")).as("zoom " + z).isPositive();
            assertThat(out).as("zoom " + z).contains("network: String");
        }
    }

    /** The tile at zoom z over the first demo pipe, from the template the tileset's TileJSON gives. */
    private Path download(String tileset, int z) throws Exception {
        JsonNode metadata = server.getJson(tileset);
        String template = metadata.at("/tiles/0").asText();
        long n = 1L << z;
        long x = (long) Math.floor((lon + 180) / 360 * n);
        double phi = Math.toRadians(lat);
        long y = (long) Math.floor((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * n);
        String url = template.replace("{z}", String.valueOf(z)).replace("{x}", String.valueOf(x)).replace("{y}", String.valueOf(y));
        HttpResponse<byte[]> tile = get(server, url.substring(server.baseUrl().length()));
        assertThat(tile.statusCode()).as(url).isEqualTo(200);
        Path folder = Files.createDirectories(dir.resolve(tileset.replace('/', '_')));
        return Files.write(folder.resolve(z + "-" + x + "-" + y + ".mvt"), tile.body());
    }

    private static java.util.List<String> layers(String ogrinfo) {
        Matcher m = Pattern.compile("(?m)^Layer name: (\\S+)").matcher(ogrinfo);
        java.util.List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static long count(String ogrinfo, String layer) {
        Matcher m = Pattern.compile("(?s)Layer name: " + Pattern.quote(layer) + "\\R.*?Feature Count: (\\d+)").matcher(ogrinfo);
        assertThat(m.find()).as(layer + " in\n" + ogrinfo).isTrue();
        return Long.parseLong(m.group(1));
    }
}
