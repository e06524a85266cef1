package cn.compoundgis.survey.crs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.survey.crs.CrsDetection.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrjCrsTest {
    private static final String ESRI_4548 = PrjResources.read("esri_4548.prj");
    private static final String ESRI_32650 = PrjResources.read("esri_32650.prj");

    @ParameterizedTest(name = "{0} → EPSG:{1}")
    @CsvSource({
        "esri_4548.prj, 4548", "esri_4549.prj, 4549", "esri_4534.prj, 4534", "esri_4554.prj, 4554",
        "esri_4527.prj, 4527", "esri_4513.prj, 4513",
        "esri_4509.prj, 4509", "esri_4502.prj, 4502",
        "esri_4497.prj, 4497", "esri_4491.prj, 4491",
        "esri_4490.prj, 4490", "esri_4326.prj, 4326",
        "esri_32650.prj, 32650", "esri_32750.prj, 32750",
        "ogc_4548.prj, 4548", "ogc_4527.prj, 4527", "ogc_4509.prj, 4509", "ogc_4490.prj, 4490",
        "ogc_4326.prj, 4326", "ogc_32650.prj, 32650",
        "wkt2_4548.prj, 4548", "wkt2_4527.prj, 4527", "wkt2_4509.prj, 4509", "wkt2_4490.prj, 4490",
        "wkt2_4326.prj, 4326", "wkt2_32650.prj, 32650",
    })
    void mapsGdalWrittenPrjFilesToTheirEpsgCode(String file, int epsg) {
        CrsDetection detection = PrjCrs.fromPrj(PrjResources.read(file));

        assertThat(detection.isKnown()).as(detection.how()).isTrue();
        assertThat(detection.epsg()).isEqualTo(epsg);
        assertThat(detection.how()).contains("EPSG:" + epsg);
    }

    @ParameterizedTest(name = "{0} without AUTHORITY/ID → EPSG:{1}")
    @CsvSource({
        "ogc_4548.prj, 4548", "ogc_4527.prj, 4527", "ogc_4509.prj, 4509", "ogc_4490.prj, 4490",
        "ogc_4326.prj, 4326", "ogc_32650.prj, 32650",
        "wkt2_4548.prj, 4548", "wkt2_4527.prj, 4527", "wkt2_4509.prj, 4509", "wkt2_4490.prj, 4490",
        "wkt2_4326.prj, 4326", "wkt2_32650.prj, 32650",
    })
    void mapsOgcAndWkt2ByTheirParametersWhenNoCodeIsDeclared(String file, int epsg) {
        String wkt = PrjResources.withoutAuthorities(PrjResources.read(file));
        assertThat(wkt).doesNotContain("\"EPSG\"");

        CrsDetection detection = PrjCrs.fromPrj(wkt);

        assertThat(detection.epsg()).as(detection.how()).isEqualTo(epsg);
        assertThat(detection.how()).doesNotContain("AUTHORITY").doesNotContain("ID[");
    }

    @Test
    void saysHowAnEsriNameWasMapped() {
        assertThat(PrjCrs.fromPrj(ESRI_4548).how()).isEqualTo("ESRI name CGCS2000_3_Degree_GK_CM_117E → EPSG:4548"
                + " (CGCS2000 / 3-degree Gauss-Kruger CM 117E; central meridian 117, false easting 500000;"
                + " 3° from the name)");
        assertThat(PrjCrs.fromPrj(PrjResources.read("esri_4527.prj")).how()).isEqualTo("ESRI name"
                + " CGCS2000_3_Degree_GK_Zone_39 → EPSG:4527 (CGCS2000 / 3-degree Gauss-Kruger zone 39;"
                + " central meridian 117, false easting 39500000 = 3° zone 39 prefix)");
        assertThat(PrjCrs.fromPrj(PrjResources.read("esri_4490.prj")).how()).isEqualTo("ESRI name"
                + " GCS_China_Geodetic_Coordinate_System_2000 (datum D_China_2000) → EPSG:4490"
                + " (China Geodetic Coordinate System 2000, geographic)");
    }

    @Test
    void trustsADeclaredCodeAndSaysSo() {
        CrsDetection ogc = PrjCrs.fromPrj(PrjResources.read("ogc_4527.prj"));
        CrsDetection wkt2 = PrjCrs.fromPrj(PrjResources.read("wkt2_4527.prj"));

        assertThat(ogc.how()).startsWith("AUTHORITY[\"EPSG\",\"4527\"] on PROJCS \"CGCS2000 / 3-degree Gauss-Kruger"
                + " zone 39\" → EPSG:4527");
        assertThat(wkt2.how()).startsWith("ID[\"EPSG\",4527] on PROJCRS");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "esri_2385.prj | datum Xian 1980 not supported; give crs",
        "esri_2436.prj | datum Beijing 1954 not supported; give crs",
        "ogc_2385.prj  | datum Xian 1980 not supported (AUTHORITY[\"EPSG\",\"2385\"] on PROJCS",
        "wkt2_2385.prj | datum Xian 1980 not supported (ID[\"EPSG\",2385] on PROJCRS",
    })
    void refusesXian1980AndBeijing1954WithAReason(String file, String reason) {
        CrsDetection detection = PrjCrs.fromPrj(PrjResources.read(file));

        assertThat(detection.isKnown()).isFalse();
        assertThat(detection.epsg()).isNull();
        assertThat(detection.outcome()).isEqualTo(Outcome.UNSUPPORTED_DATUM);
        assertThat(detection.how()).startsWith(reason).endsWith("; give crs");
    }

    @Test
    void refusesXian1980WithoutItsCodeToo() {
        CrsDetection detection = PrjCrs.fromPrj(PrjResources.withoutAuthorities(PrjResources.read("ogc_2385.prj")));

        assertThat(detection.outcome()).isEqualTo(Outcome.UNSUPPORTED_DATUM);
        assertThat(detection.how()).isEqualTo("datum Xian 1980 not supported; give crs");
    }

    // ---- choosing between 3° and 6° when the central meridian fits both ---------------------------------------

    @Test
    void aSharedCentralMeridianFollowsTheName() {
        assertThat(PrjCrs.fromPrj(ESRI_4548.replace("CGCS2000_3_Degree_GK_CM_117E", "CGCS2000_6_Degree_GK_CM_117E"))
                .epsg()).isEqualTo(4509);
        assertThat(PrjCrs.fromPrj(ESRI_4548.replace("CGCS2000_3_Degree_GK_CM_117E", "CGCS2000_GK_CM_117E"))
                .epsg()).isEqualTo(4509);
        assertThat(PrjCrs.fromPrj(ESRI_4548).epsg()).isEqualTo(4548);
    }

    @Test
    void aSharedCentralMeridianWithoutHintIsTakenAsThreeDegreeAndSaysSo() {
        CrsDetection detection = PrjCrs.fromPrj(ESRI_4548.replace("CGCS2000_3_Degree_GK_CM_117E", "Hefei_TM"));

        assertThat(detection.epsg()).isEqualTo(4548);
        assertThat(detection.how()).contains("the same projection").contains("taken as 3°");
    }

    @Test
    void aThreeDegreeOnlyMeridianIsThreeDegreeWhateverTheName() {
        String sixDegreeName = ESRI_4548.replace("CGCS2000_3_Degree_GK_CM_117E", "CGCS2000_GK_CM_120E")
                .replace("\"Central_Meridian\",117.0", "\"Central_Meridian\",120.0");

        CrsDetection detection = PrjCrs.fromPrj(sixDegreeName);

        assertThat(detection.epsg()).isEqualTo(4549);
        assertThat(detection.how()).contains("only a 3° zone has this central meridian");
    }

    @Test
    void acceptsTransverseMercatorAsWellAsGaussKruger() {
        String arcgisTm = ESRI_4548.replace("Gauss_Kruger", "Transverse_Mercator")
                .replace("CM_117E", "CM_120E").replace("\"Central_Meridian\",117.0", "\"Central_Meridian\",120.0");

        assertThat(PrjCrs.fromPrj(arcgisTm).epsg()).isEqualTo(4549);
    }

    @Test
    void convertsWkt2ParametersGivenInOtherUnits() {
        String wkt2 = PrjResources.withoutAuthorities(PrjResources.read("wkt2_4527.prj"));
        String inKilometresAndGrads = wkt2
                .replace("PARAMETER[\"False easting\",39500000,\n            LENGTHUNIT[\"metre\",1]",
                        "PARAMETER[\"False easting\",39500,\n            LENGTHUNIT[\"kilometre\",1000]")
                .replace("PARAMETER[\"Longitude of natural origin\",117,\n            ANGLEUNIT[\"degree\",0.0174532925199433]",
                        "PARAMETER[\"Longitude of natural origin\",130,\n            ANGLEUNIT[\"grad\",0.015707963267949]");
        assertThat(inKilometresAndGrads).contains("kilometre").contains("grad");

        assertThat(PrjCrs.fromPrj(inKilometresAndGrads).epsg()).isEqualTo(4527);
    }

    @Test
    void readsTheZoneWidthOutOfEsriAndEpsgNames() {
        assertThat(PrjCrs.zoneWidthFromName("CGCS2000_3_Degree_GK_CM_117E")).hasValue(3);
        assertThat(PrjCrs.zoneWidthFromName("CGCS2000 / 3-degree Gauss-Kruger CM 117E")).hasValue(3);
        assertThat(PrjCrs.zoneWidthFromName("CGCS2000_GK_CM_117E")).hasValue(6);
        assertThat(PrjCrs.zoneWidthFromName("CGCS2000 / Gauss-Kruger CM 117E")).hasValue(6);
        assertThat(PrjCrs.zoneWidthFromName("CGCS2000_6_Degree_GK_CM_117E")).hasValue(6);
        assertThat(PrjCrs.zoneWidthFromName("Custom TM")).isEmpty();
        assertThat(PrjCrs.zoneWidthFromName("CGCS2000_13_Degree")).isEmpty();
    }

    // ---- parameters that match no EPSG system -----------------------------------------------------------------

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"Scale_Factor\",1.0 | \"Scale_Factor\",0.9996 | scale factor 0.9996 is not 1 as Gauss-Kruger uses",
        "\"Latitude_Of_Origin\",0.0 | \"Latitude_Of_Origin\",30.0 | latitude of origin 30 is not 0",
        "\"False_Northing\",0.0 | \"False_Northing\",-2000000.0 | false northing -2000000 is not 0",
        "\"Central_Meridian\",117.0 | \"Central_Meridian\",118.0"
                + " | central meridian 118 is not a CGCS2000 Gauss-Kruger one (75, 78, …, 135)",
        "\"Central_Meridian\",117.0 | \"Central_Meridian\",72.0 | central meridian 72 is not a CGCS2000 Gauss-Kruger one (75, 78, …, 135)",
        "\"False_Easting\",500000.0 | \"False_Easting\",123456.0"
                + " | false easting 123456 is neither 500000 nor a zone number followed by 500000",
        "\"False_Easting\",500000.0 | \"False_Easting\",24500000.0"
                + " | false easting 24500000 names zone 24, which is neither a 3° zone (25–45) nor a 6° zone (13–23)",
        "\"False_Easting\",500000.0 | \"False_Easting\",40500000.0"
                + " | false easting 40500000 says 3° zone 40 (central meridian 120) but the central meridian is 117",
        "UNIT[\"Meter\",1.0] | UNIT[\"Foot_US\",0.3048006096012192] | the linear unit \"Foot_US\" is not metre",
        "UNIT[\"Degree\",0.0174532925199433] | UNIT[\"Grad\",0.01570796326794897]"
                + " | the angular unit \"Grad\" is not degree",
        "\"Gauss_Kruger\" | \"Lambert_Conformal_Conic\""
                + " | projection \"Lambert_Conformal_Conic\" is not transverse Mercator / Gauss-Kruger",
        "D_China_2000 | D_Unknown_Local | datum \"D_Unknown_Local\" not recognised (supported: CGCS2000, WGS 84)",
        "PRIMEM[\"Greenwich\",0.0] | PRIMEM[\"Paris\",2.33722917] | the prime meridian is not Greenwich",
        "PARAMETER[\"Latitude_Of_Origin\",0.0] | PARAMETER[\"Latitude_Of_Origin\",0.0],PARAMETER[\"Standard_Parallel_1\",25.0]"
                + " | unexpected parameter \"Standard_Parallel_1\" for transverse Mercator",
    })
    void refusesCgcs2000ParametersThatMatchNoEpsgSystem(String from, String to, String reason) {
        assertThat(ESRI_4548).contains(from);
        String prj = ESRI_4548.replace(from, to);

        CrsDetection detection = PrjCrs.fromPrj(prj);

        assertThat(detection.isKnown()).as(prj).isFalse();
        assertThat(detection.how()).isEqualTo(reason + "; give crs");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"Scale_Factor\",0.9996 | \"Scale_Factor\",1.0 | scale factor 1 is not 0.9996 as UTM on WGS 84 uses",
        "\"Central_Meridian\",117.0 | \"Central_Meridian\",118.0 | central meridian 118 is not a UTM one",
        "\"False_Easting\",500000.0 | \"False_Easting\",39500000.0 | false easting 39500000 is not UTM's 500000",
        "\"False_Northing\",0.0 | \"False_Northing\",5000000.0 | false northing 5000000 is not 0",
    })
    void refusesWgs84TransverseMercatorThatIsNotUtm(String from, String to, String reason) {
        assertThat(ESRI_32650).contains(from);

        CrsDetection detection = PrjCrs.fromPrj(ESRI_32650.replace(from, to));

        assertThat(detection.outcome()).isEqualTo(Outcome.UNSUPPORTED_PARAMETERS);
        assertThat(detection.how()).startsWith(reason).endsWith("; give crs");
    }

    // ---- not a (supported) CRS at all -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not wkt at all", "PROJCS[\"cut off", "\u0000\u0000"})
    void saysWhenThePrjIsNotReadable(String text) {
        CrsDetection detection = PrjCrs.fromPrj(text);

        assertThat(detection.outcome()).isEqualTo(Outcome.NOT_READABLE);
        assertThat(detection.how()).startsWith("the .prj is not readable WKT").endsWith("; give crs");
    }

    @Test
    void refusesAVerticalCrs() {
        CrsDetection detection = PrjCrs.fromPrj("VERT_CS[\"Yellow Sea 1985 height\",VERT_DATUM[\"Yellow Sea 1985\","
                + "2005],UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"5737\"]]");

        assertThat(detection.outcome()).isEqualTo(Outcome.NOT_A_HORIZONTAL_CRS);
        assertThat(detection.how()).contains("VERT_CS \"Yellow Sea 1985 height\"");
    }

    @Test
    void refusesADeclaredCodeThatIsNotSupported() {
        String webMercator = "PROJCS[\"WGS 84 / Pseudo-Mercator\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\","
                + "SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\","
                + "0.0174532925199433]],PROJECTION[\"Mercator_1SP\"],UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"3857\"]]";

        CrsDetection detection = PrjCrs.fromPrj(webMercator);

        assertThat(detection.outcome()).isEqualTo(Outcome.UNSUPPORTED_CODE);
        assertThat(detection.how()).contains("EPSG:3857 is not supported");
    }

    @Test
    void findsTheHorizontalCrsInsideCompoundAndBoundCrs() {
        String compound = "COMPD_CS[\"CGCS2000 + Yellow Sea height\"," + PrjResources.read("ogc_4548.prj")
                + ",VERT_CS[\"Yellow Sea 1985 height\",VERT_DATUM[\"Yellow Sea 1985\",2005],UNIT[\"metre\",1]]]";
        String bound = "BOUNDCRS[SOURCECRS[" + PrjResources.withoutAuthorities(PrjResources.read("wkt2_4527.prj"))
                + "],TARGETCRS[GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\",ELLIPSOID[\"WGS 84\",6378137,"
                + "298.257223563]],CS[ellipsoidal,2]]],ABRIDGEDTRANSFORMATION[\"Transformation to WGS84\","
                + "METHOD[\"Position Vector transformation (geog2D domain)\"]]]";

        assertThat(PrjCrs.fromPrj(compound).epsg()).isEqualTo(4548);
        assertThat(PrjCrs.fromPrj(bound).epsg()).isEqualTo(4527);
    }

    @Test
    void recognisesEveryCommonSpellingOfTheDatums() {
        for (String name : new String[] {"D_China_2000", "China_2000", "China 2000", "GCS_China_Geodetic_Coordinate_System_2000",
            "China Geodetic Coordinate System 2000", "CGCS2000", "CGCS_2000"}) {
            assertThat(GeodeticDatum.recognise(name)).as(name).contains(GeodeticDatum.CGCS2000);
        }
        for (String name : new String[] {"D_WGS_1984", "WGS_1984", "WGS 84", "World Geodetic System 1984",
            "World Geodetic System 1984 ensemble", "GCS_WGS_1984"}) {
            assertThat(GeodeticDatum.recognise(name)).as(name).contains(GeodeticDatum.WGS84);
        }
        assertThat(GeodeticDatum.recognise("D_Xian_1980")).contains(GeodeticDatum.XIAN_1980);
        assertThat(GeodeticDatum.recognise("Beijing 1954")).contains(GeodeticDatum.BEIJING_1954);
        assertThat(GeodeticDatum.recognise("D_New_Beijing")).contains(GeodeticDatum.NEW_BEIJING);
        assertThat(GeodeticDatum.recognise("D_ITRF_2008")).isEmpty();
    }
}
