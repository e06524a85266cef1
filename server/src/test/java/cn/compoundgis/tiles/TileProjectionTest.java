package cn.compoundgis.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * From tiles.json's linearFromZoom on, tiles carry features into EPSG:3857 by one linear map per tile
 * (tile_linear_map, migration V34) instead of ST_Transform: measured here against ST_Transform, the reference, at the
 * corners of China's Gauss-Kruger zones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TileProjectionTest {
    /** The most a vertex may move against ST_Transform, in tile units (snapping to the grid moves it by up to 0.5). */
    private static final double MAX_DEVIATION_UNITS = 0.25;
    /** CGCS2000 3-degree zones (CM 75, 117 and 135 E) and 6-degree zones (CM 75, 117, 135 E): SRID, CM, half width. */
    private static final double[][] ZONES = {
            {4534, 75, 1.5}, {4548, 117, 1.5}, {4554, 135, 1.5}, {4502, 75, 3}, {4509, 117, 3}, {4512, 135, 3}};
    private static final double[] LATITUDES = {18, 32, 45, 53.5};
    /** The worst distance, in tile units, between ST_Transform and the tile's linear map over a 9 × 9 grid of the buffered tile. */
    private static final String DEVIATION = """
            WITH place AS (
                SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 3857) AS p, ?::integer AS z, ?::integer AS srid
            ), tile AS (
                SELECT z, srid, ST_TileEnvelope(z, floor((ST_X(p) + 20037508.342789244) / (40075016.68557849 / 2 ^ z))::integer,
                       floor((20037508.342789244 - ST_Y(p)) / (40075016.68557849 / 2 ^ z))::integer) AS envelope
                  FROM place
            ), map AS MATERIALIZED (
                SELECT envelope, srid, tile_linear_map(envelope, srid) AS m, (ST_XMax(envelope) - ST_XMin(envelope)) / 4096 AS unit,
                       ? AS margin FROM tile
            ), sample AS (
                SELECT unit, m, srid, ST_SetSRID(ST_MakePoint(
                           ST_XMin(envelope) - margin * unit + i / 8.0 * (ST_XMax(envelope) - ST_XMin(envelope) + 2 * margin * unit),
                           ST_YMin(envelope) - margin * unit + j / 8.0 * (ST_YMax(envelope) - ST_YMin(envelope) + 2 * margin * unit)),
                           3857) AS q
                  FROM map, generate_series(0, 8) i, generate_series(0, 8) j
            )
            SELECT max(ST_Distance(ST_SetSRID(ST_Affine(ST_Transform(q, srid), m[1], m[2], m[3], m[4], m[5], m[6]), 3857), q) / unit)
              FROM sample
            """;

    private final TileRules rules = TileRules.load(Map.of());
    private DataSource db;

    @BeforeAll
    void migrate() {
        db = TestDatabase.fresh("tile_projection_test");
    }

    @Test
    void fromLinearFromZoomOnTheLinearMapIsWithinAQuarterOfATileUnitOfStTransformAllOverChina() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(DEVIATION)) {
            for (double[] zone : ZONES) {
                for (double lat : LATITUDES) {
                    for (double side : new double[] {-1, 0, 1}) {
                        double lon = zone[1] + side * zone[2] * 0.999;
                        for (int z = rules.linearFromZoom(); z <= rules.maxZoom(); z++) {
                            double units = deviation(ps, lon, lat, z, (int) zone[0]);
                            assertThat(units).as("EPSG:%d at %.3f E %.1f N, zoom %d", (int) zone[0], lon, lat, z)
                                    .isLessThanOrEqualTo(MAX_DEVIATION_UNITS);
                        }
                    }
                }
            }
        }
    }

    @Test
    void oneZoomBelowItTheLinearMapWouldBeFurtherOff() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(DEVIATION)) {
            assertThat(deviation(ps, 118.499, 53.5, rules.linearFromZoom() - 1, 4548))
                    .as("linearFromZoom is the first zoom within the bound, not an arbitrary one")
                    .isGreaterThan(MAX_DEVIATION_UNITS);
        }
    }

    @Test
    void pipeSegmentsSnappedToTheTileAreAtMostOneUnitFromStTransformsAndMostlyTheSame() throws SQLException {
        String sql = """
                WITH tile AS (SELECT ST_TileEnvelope(16, 54115, 26611) AS envelope),
                map AS MATERIALIZED (SELECT envelope, tile_linear_map(envelope, 4548) AS m FROM tile),
                line AS ( -- 400 segments of 3 to 122 m in all directions over the tile, in EPSG:4548
                    SELECT ST_SetSRID(ST_MakeLine(ST_MakePoint(x, y), ST_MakePoint(x + len * cos(a), y + len * sin(a))), 4548) AS geom
                      FROM ST_Transform(ST_Centroid((SELECT envelope FROM tile)), 4548) centre,
                           LATERAL (SELECT ST_X(centre) + (i % 20 - 10) * 27.0 AS x, ST_Y(centre) + (i / 20 - 10) * 27.0 AS y,
                                           3 + i * 97 % 120 AS len, i * 0.7 AS a FROM generate_series(0, 399) i) l
                ), mvt AS ( -- not clipped: where a line meets the buffer's edge at a slant, clipping magnifies any offset
                    SELECT ST_AsText(ST_AsMVTGeom(ST_Transform(geom, 3857), envelope, 4096, 64, false)) AS projected,
                           ST_AsText(ST_AsMVTGeom(ST_Affine(geom, m[1], m[2], m[3], m[4], m[5], m[6]), envelope, 4096, 64, false)) AS linear
                      FROM line, map
                )
                SELECT count(*), count(*) FILTER (WHERE projected = linear),
                       max(ST_HausdorffDistance(projected::geometry, linear::geometry)) FROM mvt
                """;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(400);
            assertThat(rs.getLong(2)).as("segments on the same tile units").isGreaterThan(300);
            assertThat(rs.getDouble(3)).as("the farthest vertex, in tile units").isLessThanOrEqualTo(1.0);
        }
    }

    private double deviation(PreparedStatement ps, double lon, double lat, int z, int srid) throws SQLException {
        ps.setDouble(1, lon);
        ps.setDouble(2, lat);
        ps.setInt(3, z);
        ps.setInt(4, srid);
        ps.setDouble(5, rules.buffer());
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
