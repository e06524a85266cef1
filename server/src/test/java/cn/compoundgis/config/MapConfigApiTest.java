package cn.compoundgis.config;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestDatabase;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** /api/map-config: the working CRS and the optional base map, as the map page needs them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapConfigApiTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("map_config_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void givesTheWorkingCrsWithItsProj4DefinitionFromPostgis() {
        JsonNode crs = server.getJson("/api/map-config").get("workingCrs");
        assertThat(crs.get("srid").asInt()).isEqualTo(4548);
        assertThat(crs.get("name").asText()).isEqualTo("CGCS2000 / 3-degree Gauss-Kruger CM 117E");
        assertThat(crs.get("proj4").asText()).contains("+proj=tmerc", "+lon_0=117", "+x_0=500000", "+ellps=GRS80");
        assertThat(crs.get("axisOrder").asText()).isEqualTo("northing,easting");
        assertThat(crs.get("areaOfUse").get(0).asDouble()).as("west").isEqualTo(115.5);
        assertThat(crs.get("areaOfUse").get(2).asDouble()).as("east").isEqualTo(118.5);
    }

    @Test
    void hasNoBaseMapUnlessConfigured() throws Exception {
        assertThat(server.getJson("/api/map-config").get("basemap").isNull()).isTrue();
        DataSource db = TestDatabase.fresh("map_config_basemap_test");
        Map<String, String> env = Map.of(MapConfigApi.BASEMAP_URL, "http://tiles.local/{z}/{x}/{y}.png",
                MapConfigApi.BASEMAP_ATTRIBUTION, "© 本地瓦片");
        MapConfigApi api = new MapConfigApi(db, 4548, env);
        Javalin app = Javalin.create(cfg -> cfg.routes.get("/api/map-config", api::mapConfig)).start(0);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/map-config")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode basemap = TestServer.parse(response.body()).get("basemap");
            assertThat(basemap.get("url").asText()).isEqualTo("http://tiles.local/{z}/{x}/{y}.png");
            assertThat(basemap.get("attribution").asText()).isEqualTo("© 本地瓦片");
        } finally {
            app.stop();
        }
    }
}
