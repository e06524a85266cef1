package cn.compoundgis.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.http.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The geometry reader on its own: positions checked one by one, the axis order told from the numbers in a
 * Gauss-Kruger CRS, the area of use held before anything reaches PostGIS.
 */
class GeometryReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PostedCrs CM_117 = new PostedCrs(4548, true, "EPSG:4548");
    private static final PostedCrs ZONE_39 = new PostedCrs(4527, true, "EPSG:4527");
    private static final PostedCrs CRS84 = new PostedCrs(4326, false, "CRS84");
    private static final PostedCrs LAT_LON = new PostedCrs(4326, true, "EPSG:4326");
    private static final Set<GeometryType> LINE = Set.of(GeometryType.LINE_STRING);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String readLine(PostedCrs crs, String coordinates) {
        GeometryReader reader = new GeometryReader(crs);
        PostedGeometry g = reader.add(json("{\"type\":\"LineString\",\"coordinates\":" + coordinates + "}"), "trench line", LINE);
        AxisReading axes = reader.resolve();
        return axes.read().code() + " " + g.geoJson();
    }

    private static String refusal(PostedCrs crs, String geometry) {
        GeometryReader reader = new GeometryReader(crs);
        try {
            reader.add(json(geometry), "trench line", Set.of(GeometryType.values()));
            reader.resolve();
        } catch (ApiError e) {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(400);
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + geometry);
    }

    @Test
    void aGaussKrugerBodyIsReadInEitherAxisOrderAndWrittenEastingFirst() {
        String expected = "{\"type\":\"LineString\",\"coordinates\":[[600405.0,3550030.0],[600410.0,3550030.0]]}";
        assertThat(readLine(CM_117, "[[3550030,600405],[3550030,600410]]")).isEqualTo("northing_easting " + expected);
        assertThat(readLine(CM_117, "[[600405,3550030],[600410,3550030]]")).isEqualTo("easting_northing " + expected);
        assertThat(readLine(ZONE_39, "[[39600405,3550030],[39600410,3550030.5]]")).startsWith("easting_northing");
        assertThat(readLine(ZONE_39, "[[3550030,39600405],[3550030.5,39600410]]")).startsWith("northing_easting");
    }

    @Test
    void aThirdValueAnAltitudeIsAcceptedAndDropped() {
        assertThat(readLine(CM_117, "[[3550030,600405,12.5],[3550030,600410,12.7]]"))
                .isEqualTo("northing_easting {\"type\":\"LineString\",\"coordinates\":[[600405.0,3550030.0],[600410.0,3550030.0]]}");
        assertThat(readLine(CRS84, "[[118.1,32.1,30],[118.2,32.1,31]]")).startsWith("longitude_latitude")
                .endsWith("[[118.1,32.1],[118.2,32.1]]}");
    }

    @Test
    void positionsInTwoAxisOrdersAreRefused() {
        assertThat(refusal(CM_117, "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[600410,3550030]]}"))
                .contains("two axis orders").contains("trench line, position 1").contains("trench line, position 2");
    }

    @Test
    void aPositionOutsideTheAreaOfUseIsRefusedSayingWhereItLanded() {
        // lon 119.2, lat 30: inside the band of northings and eastings, but east of 118.5 + 0.5
        assertThat(refusal(CM_117, "{\"type\":\"Point\",\"coordinates\":[3320000,712000]}"))
                .contains("EPSG:4548").contains("is at lon 119.2, lat 30.0").contains("lon 115.5–118.5");
        // about 14° east of the zone
        assertThat(refusal(CM_117, "{\"type\":\"Point\",\"coordinates\":[1220000,1900000]}"))
                .contains("is at about lon").contains("outside the area of use of EPSG:4548");
        assertThat(refusal(CM_117, "{\"type\":\"LineString\",\"coordinates\":[[1e308,1e308],[-1e308,-1e308]]}"))
                .contains("trench line, position 1").contains("not a position in EPSG:4548 in either axis order");
    }

    @Test
    void aLatitudeBeyond90IsRefusedSayingTheAxisOrderExpected() {
        assertThat(refusal(LAT_LON, "{\"type\":\"Point\",\"coordinates\":[118.1,32.1]}"))
                .contains("latitude 118.1 is beyond ±90").contains("latitude first").contains("crs=CRS84");
        assertThat(refusal(CRS84, "{\"type\":\"Point\",\"coordinates\":[600600,3550000]}"))
                .contains("not a longitude/latitude").contains("longitude first");
    }

    @Test
    void everyCoordinateIsAFiniteNumber() {
        assertThat(refusal(CM_117, "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[3550030,600410],[\"NaN\",600410]]}"))
                .contains("trench line, position 3").contains("the text \"NaN\"");
        assertThat(refusal(CM_117, "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[\"Infinity\",600410]]}"))
                .contains("position 2").contains("\"Infinity\"");
        assertThat(refusal(CM_117, "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[null,600410]]}"))
                .contains("position 2").contains("null");
        assertThat(refusal(CM_117, "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[3550030,600410,1,2]]}"))
                .contains("position 2").contains("[x, y] or [x, y, z]");
        assertThat(refusal(CM_117, "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[1e400,600410]]}"))
                .contains("position 2").contains("not a finite number");
        assertThat(refusal(CM_117, "{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],[3550030,600405,9]]}"))
                .contains("no length");
        assertThat(refusal(CM_117, "{\"type\":\"Polygon\",\"coordinates\":[[[3550030,600405],[3550030,600410],"
                + "[3550030,600405],[3550030,600405]]]}")).contains("ring 1").contains("no area");
        assertThat(refusal(CM_117, "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[3550030,600405],[3550030,600410],"
                + "[3550040,600410],[3550030,600405]]],[[[3550030,600405],[3550030,600410],[3550040,600410],[3550030,600406]]]]}"))
                .contains("polygon 2, ring 1").contains("closed");
    }

    @Test
    void aRequestOverThePositionLimitIs413() {
        GeometryReader reader = new GeometryReader(CM_117, new GeometryLimits(3, 3, 54, 0.5, 4e7));
        assertThatThrownBy(() -> reader.add(json("{\"type\":\"LineString\",\"coordinates\":[[3550030,600405],"
                + "[3550030,600410],[3550030,600415],[3550030,600420]]}"), "trench line", LINE))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageContaining("more than 3 positions");
        assertThat(GeometryLimits.DEFAULTS.maxPositions()).isEqualTo(100_000);
    }
}
