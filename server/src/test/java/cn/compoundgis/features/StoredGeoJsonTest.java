package cn.compoundgis.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.geo.Crs;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CRS84 GeoJSON that PostgreSQL keeps for current pipes and pipe points (V35) is what the features API would
 * write from the geometry, follows edits, and is absent from replaced versions, which the API still answers with their
 * geometry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredGeoJsonTest {
    private static final List<String> TABLES = List.of("pipe", "pipe_point");
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("stored_geojson_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theStoredCopyIsTheGeoJsonTheApiWritesForCrs84() throws SQLException {
        for (String table : TABLES) {
            assertThat(currentRows(table)).as(table).isPositive();
            assertThat(rowsWhereTheCopyDiffers(table)).as(table).isZero();
        }
        assertThat(Collections.byId("pipes").orElseThrow().storesCrs84GeoJson()).isTrue();
        assertThat(Collections.byId("pipe-points").orElseThrow().storesCrs84GeoJson()).isTrue();
    }

    @Test
    void pagesInCrs84ReadTheCopyAndOtherCrssWriteTheGeometry() {
        FeatureQueries queries = new FeatureQueries(4548);
        FeatureCollection pipes = Collections.byId("pipes").orElseThrow();
        FeatureQueries.Where current = new FeatureQueries.Where("f.valid_to IS NULL", List.of(), false);
        assertThat(queries.features(pipes, Crs.CRS84, current, FeatureQueries.Transfer.COPY)).contains("coalesce(f.geojson_crs84, ST_AsGeoJSON(");
        assertThat(queries.features(pipes, new Crs(Crs.epsgUri(4326), 4326, true, 8), current, FeatureQueries.Transfer.COPY)).doesNotContain("geojson_crs84");
        assertThat(queries.features(Collections.byId("compounds").orElseThrow(), Crs.CRS84, current, FeatureQueries.Transfer.COPY))
                .doesNotContain("geojson_crs84");
    }

    @Test
    void everyFeatureOfAPageIsTheOneItsOwnUrlGives() {
        // a page comes through COPY (values as their types' text, booleans cast), one feature through JDBC (all cast)
        for (FeatureCollection c : Collections.ALL) {
            JsonNode page = server.getJson("/collections/" + c.id() + "/items?limit=10000");
            assertThat(page.get("features").size()).as(c.id()).isPositive();
            for (JsonNode feature : page.get("features")) {
                JsonNode own = server.getJson("/collections/" + c.id() + "/items/" + feature.get("id").asText());
                for (String member : List.of("id", "geometry", "properties")) {
                    assertThat(own.get(member)).as(c.id() + " " + feature.get("id") + " " + member)
                            .isEqualTo(feature.get(member));
                }
            }
        }
    }

    @Test
    void aMovedPipeGetsItsNewGeoJson() throws SQLException {
        long id = firstCurrentPipe();
        execute("UPDATE pipe SET geom = ST_Translate(geom, 0.5, 0.25) WHERE id = " + id);
        assertThat(rowsWhereTheCopyDiffers("pipe")).isZero();
        JsonNode moved = server.getJson("/collections/pipes/items/" + id);
        double[] start = lonLatOf(id);
        assertThat(moved.at("/geometry/coordinates/0/0").asDouble()).isCloseTo(start[0], within(1e-8));
        assertThat(moved.at("/geometry/coordinates/0/1").asDouble()).isCloseTo(start[1], within(1e-8));
    }

    @Test
    void aReplacedVersionKeepsNoCopyAndIsStillAnsweredWithItsGeometry() throws SQLException {
        long id = firstCurrentPipe();
        JsonNode current = server.getJson("/collections/pipes/items/" + id);
        execute("UPDATE pipe SET valid_to = valid_from + interval '1 second' WHERE id = " + id);
        assertThat(text("SELECT " + FeatureQueries.STORED_CRS84_GEOJSON + " FROM pipe WHERE id = " + id)).isNull();
        JsonNode replaced = server.getJson("/collections/pipes/items/" + id);
        assertThat(replaced.get("geometry")).isEqualTo(current.get("geometry"));
        assertThat(replaced.at("/properties/valid_to").isNull()).isFalse();
    }

    @Test
    void theStoredCopyAgreesWithTheProjectionWrittenForEpsg4326() {
        String bbox = "bbox=-180,-90,180,90&limit=10000";
        JsonNode crs84 = server.getJson("/collections/pipe-points/items?" + bbox);
        JsonNode epsg4326 = server.getJson("/collections/pipe-points/items?" + bbox
                + "&crs=http://www.opengis.net/def/crs/EPSG/0/4326");
        assertThat(crs84.get("features").size()).isPositive().isEqualTo(epsg4326.get("features").size());
        for (int i = 0; i < crs84.get("features").size(); i++) {
            JsonNode lonLat = crs84.at("/features/" + i + "/geometry/coordinates");
            JsonNode latLon = epsg4326.at("/features/" + i + "/geometry/coordinates");
            assertThat(lonLat.get(0)).isEqualTo(latLon.get(1));
            assertThat(lonLat.get(1)).isEqualTo(latLon.get(0));
        }
    }

    private long rowsWhereTheCopyDiffers(String table) throws SQLException {
        return number("SELECT count(*) FROM " + table + " WHERE " + FeatureQueries.STORED_CRS84_GEOJSON
                + " IS DISTINCT FROM CASE WHEN valid_to IS NULL THEN ST_AsGeoJSON(ST_Transform(geom, 4326), 8, 0) END");
    }

    private long currentRows(String table) throws SQLException {
        return number("SELECT count(*) FROM " + table + " WHERE valid_to IS NULL");
    }

    private long firstCurrentPipe() throws SQLException {
        return number("SELECT min(id) FROM pipe WHERE valid_to IS NULL");
    }

    private double[] lonLatOf(long pipeId) throws SQLException {
        String sql = "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_StartPoint(geom), 4326) AS p FROM pipe WHERE id = "
                + pipeId + ") x";
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new double[]{rs.getDouble(1), rs.getDouble(2)};
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long number(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) throws SQLException {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
