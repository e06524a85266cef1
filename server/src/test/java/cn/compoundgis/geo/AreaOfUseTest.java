package cn.compoundgis.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.http.ApiError;
import cn.compoundgis.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Gauss-Kruger areas of use, held against PostGIS: a longitude/latitude is projected by ST_Transform into the
 * zone; just inside the zone's edges plus the margin the position is accepted in either axis order, just outside
 * it is refused with where it landed, the longitude the one PostGIS started from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AreaOfUseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private DataSource db;

    @BeforeAll
    void startDatabase() {
        db = TestDatabase.fresh("area_of_use_test");
    }

    @ParameterizedTest(name = "EPSG:{0} at lon {1}, lat {2}: inside {3}")
    @CsvSource({
        // 3° CM 117E (115.5–118.5) and its zone-prefixed twin, zone 39
        "4548, 117.0, 31.8, true",
        "4548, 115.1, 31.8, true",
        "4548, 114.9, 31.8, false",
        "4548, 118.9, 45.0, true",
        "4548, 119.1, 45.0, false",
        "4548, 117.0, 54.4, true",
        "4548, 117.0, 10.0, true",
        "4548, 117.0, 54.6, false",
        "4527, 118.9, 20.0, true",
        "4527, 119.1, 20.0, false",
        // 6° CM 117E (114–120) and 6° zone 19 (CM 111E, 108–114)
        "4509, 113.6, 25.0, true",
        "4509, 113.4, 25.0, false",
        "4497, 107.6, 40.0, true",
        "4497, 114.6, 40.0, false",
    })
    void positionsAreAcceptedOrRefusedAsPostgisPlacesThem(int epsg, double lon, double lat, boolean inside)
            throws Exception {
        double[] en = project(lon, lat, epsg);
        PostedCrs crs = new PostedCrs(epsg, true, "EPSG:" + epsg);
        String northingFirst = point(en[1], en[0]);
        String eastingFirst = point(en[0], en[1]);
        if (inside) {
            assertThat(read(crs, northingFirst)).isEqualTo(read(crs, eastingFirst));
            assertThat(read(crs, northingFirst).get(0).asDouble()).as("easting first").isCloseTo(en[0], within(1e-6));
            return;
        }
        for (String body : new String[]{northingFirst, eastingFirst}) {
            assertThatThrownBy(() -> read(crs, body)).isInstanceOf(ApiError.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsPattern(
                            String.format(Locale.ROOT, "is at (about )?lon %.1f, lat %.1f", lon, lat)))
                    .hasMessageContaining("outside the area of use of EPSG:" + epsg);
        }
    }

    /**
     * Only near the equator can a CM system's numbers be read both ways (a northing under 1 000 km looks like an
     * easting): there the CRS's own order, northing first, holds, and the answer says so.
     */
    @org.junit.jupiter.api.Test
    void whereBothOrdersFitTheCrssOwnOrderHolds() throws Exception {
        double[] en = project(117.0, 2.6, 4548);
        PostedCrs crs = new PostedCrs(4548, true, "EPSG:4548");
        GeometryReader reader = new GeometryReader(crs);
        PostedGeometry g = reader.add(JSON.readTree(point(en[1], en[0])), "point", Set.of(GeometryType.POINT));
        assertThat(reader.resolve().read()).isEqualTo(AxisOrder.NORTHING_EASTING);
        assertThat(g.node().get("coordinates").get(0).asDouble()).isCloseTo(en[0], within(1e-6));
    }

    private static String point(double first, double second) {
        return "{\"type\":\"Point\",\"coordinates\":[" + first + "," + second + "]}";
    }

    /** The coordinates as read and written easting first. */
    private static JsonNode read(PostedCrs crs, String body) throws Exception {
        GeometryReader reader = new GeometryReader(crs);
        PostedGeometry g = reader.add(JSON.readTree(body), "point", Set.of(GeometryType.POINT));
        reader.resolve();
        return g.node().get("coordinates");
    }

    private double[] project(double lon, double lat, int epsg) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_X(g), ST_Y(g) FROM"
                     + " (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4490), ?) AS g) p")) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            ps.setInt(3, epsg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new double[]{rs.getDouble(1), rs.getDouble(2)};
            }
        }
    }
}
