package cn.compoundgis.survey.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKBReader;

/** proj4j's transforms and the local-grid transform agree with PostGIS (PROJ 9) to a millimetre. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgisAgreementTest {
    private static final double MILLIMETRE = 0.001;
    /** About a millimetre on the ground, in degrees of latitude (and less in longitude). */
    private static final double MILLIMETRE_IN_DEGREES = 1e-8;
    private DataSource db;

    @BeforeAll
    void startDatabase() {
        db = TestDatabase.fresh("crs_test");
    }

    @ParameterizedTest(name = "EPSG:{0} ({2}, {3}) → EPSG:{1}")
    @CsvSource({
        // Hefei, 117.25°E 31.85°N, and the edges of its 3° zone (115.5°E, 118.5°E)
        "4527, 4548, 39523661.697, 3525246.850",
        "4527, 4548, 39334850.000, 3528000.000",
        "4548, 4527, 665150.000, 3528000.000",
        "4548, 4490, 523661.697, 3525246.850",
        "4548, 4490, 334850.000, 5500000.000",
        "4490, 4548, 117.25, 31.85",
        "4490, 4527, 118.49, 45.3",
        "4509, 4548, 523661.697, 3525246.850",
        // 6° zone 19 (CM 111°E) near its west edge, Shenzhen in 3° CM 114°E, Harbin in 3° zone 42
        "4497, 4490, 19215000.000, 3300000.000",
        "4547, 4490, 494850.000, 2493300.000",
        "4530, 4490, 42640000.000, 5070000.000",
        "32650, 4326, 523450.000, 3524900.000",
        "4326, 32650, 117.25, 31.85",
        "32750, 4326, 523450.000, 6475000.000",
        "4548, 4326, 523661.697, 3525246.850",
    })
    void proj4jAgreesWithStTransform(int source, int target, double x, double y) throws SQLException {
        Coordinate ours = EpsgTransform.between(source, target).apply(x, y);
        Coordinate postgis = stTransform(source, target, x, y);

        double tolerance = SupportedCrs.isGeographic(target) ? MILLIMETRE_IN_DEGREES : MILLIMETRE;
        assertThat(ours.x).as("x").isCloseTo(postgis.x, within(tolerance));
        assertThat(ours.y).as("y").isCloseTo(postgis.y, within(tolerance));
    }

    @Test
    void transformingAGeometryKeepsZAndMatchesPostgis() throws Exception {
        GeometryFactory factory = new GeometryFactory();
        Geometry pipe = factory.createLineString(new Coordinate[] {
            new Coordinate(39523661.697, 3525246.850, 14.2), new Coordinate(39523700.5, 3525290.25, 13.9)});

        Geometry moved = EpsgTransform.between(4527, 4548).apply(pipe);

        assertThat(moved.getSRID()).isEqualTo(4548);
        for (int i = 0; i < 2; i++) {
            Coordinate c = pipe.getCoordinates()[i];
            Coordinate expected = stTransform(4527, 4548, c.x, c.y);
            assertThat(moved.getCoordinates()[i].distance(expected)).isLessThan(MILLIMETRE);
            assertThat(moved.getCoordinates()[i].getZ()).isEqualTo(c.getZ());
        }
    }

    @Test
    void theLocalGridTransformIsPostgisAffineWithTheSameParameters() throws Exception {
        LocalGrid grid = new LocalGrid("hefei-city", 4548, 488_000.123, 3_483_000.456, 1234.5, 35.2);
        Geometry local = new GeometryFactory().createLineString(new Coordinate[] {
            new Coordinate(35_000, 42_000, 12.3), new Coordinate(36_050, 42_020, 11.8),
            new Coordinate(36_030, 43_010, 11.1)});
        double a = grid.scaleFactor() * Math.cos(grid.rotationRadians());
        double b = grid.scaleFactor() * Math.sin(grid.rotationRadians());

        Geometry ours = grid.toTarget(local);
        Geometry postgis = query("SELECT ST_AsBinary(ST_Affine(ST_GeomFromText(?), ?, ?, ?, ?, ?, ?))",
                local.toText(), a, -b, b, a, grid.shiftEastingMetres(), grid.shiftNorthingMetres());

        assertThat(ours.equalsExact(postgis, MILLIMETRE)).as(ours + " vs " + postgis).isTrue();
        assertThat(ours.getCoordinates()[1].getZ()).isEqualTo(11.8);
    }

    private Coordinate stTransform(int source, int target, double x, double y) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform("
                     + "ST_SetSRID(ST_MakePoint(?, ?), ?), ?) AS p) t")) {
            s.setDouble(1, x);
            s.setDouble(2, y);
            s.setInt(3, source);
            s.setInt(4, target);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Coordinate(rs.getDouble(1), rs.getDouble(2));
            }
        }
    }

    private Geometry query(String sql, Object... parameters) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new WKBReader().read(rs.getBytes(1));
            }
        }
    }
}
