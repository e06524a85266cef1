package cn.compoundgis.survey.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WktTest {

    @Test
    void readsAnEsriPrjIntoATree() throws Exception {
        Wkt.Node root = Wkt.parse(PrjResources.read("esri_4548.prj"));

        assertThat(root.keyword()).isEqualTo("PROJCS");
        assertThat(root.name()).isEqualTo("CGCS2000_3_Degree_GK_CM_117E");
        Wkt.Node geogcs = root.child("GEOGCS").orElseThrow();
        assertThat(geogcs.child("DATUM").orElseThrow().name()).isEqualTo("D_China_2000");
        assertThat(geogcs.find("SPHEROID").orElseThrow().number(1).getAsDouble()).isEqualTo(298.257222101);
        assertThat(root.child("PROJECTION").orElseThrow().name()).isEqualTo("Gauss_Kruger");
        assertThat(root.children("PARAMETER")).hasSize(5);
        assertThat(root.children("PARAMETER").get(2).name()).isEqualTo("Central_Meridian");
        assertThat(root.children("PARAMETER").get(2).number(0).getAsDouble()).isEqualTo(117.0);
        assertThat(root.authority()).isEmpty();
    }

    @Test
    void readsTheAuthorityOfTheNodeItselfNotOfAChild() throws Exception {
        Wkt.Node root = Wkt.parse(PrjResources.read("ogc_4548.prj"));

        assertThat(root.authority()).contains(new Wkt.Authority("EPSG", "4548"));
        assertThat(root.child("GEOGCS").orElseThrow().authority()).contains(new Wkt.Authority("EPSG", "4490"));
        assertThat(root.child("UNIT").orElseThrow().authority().orElseThrow().code()).isEqualTo("9001");
    }

    @Test
    void readsWkt2IdsWrittenAsNumbersAndBareWords() throws Exception {
        Wkt.Node root = Wkt.parse(PrjResources.read("wkt2_4548.prj"));

        assertThat(root.keyword()).isEqualTo("PROJCRS");
        assertThat(root.authority().orElseThrow().numericCode()).contains(4548);
        assertThat(root.child("CONVERSION").orElseThrow().child("METHOD").orElseThrow().name())
                .isEqualTo("Transverse Mercator");
        assertThat(root.child("CS").orElseThrow().args().get(0)).isEqualTo(new Wkt.Word("Cartesian"));
        assertThat(root.find("AREA").orElseThrow().name()).isEqualTo("China - onshore between 115°30'E and 118°30'E.");
    }

    @Test
    void toleratesRoundBracketsLowerCaseBomAndTrailingBytes() throws Exception {
        Wkt.Node root = Wkt.parse("\uFEFF  geogcs(\"WGS 84\", datum(\"WGS_1984\"), unit(\"degree\", 1.745e-2))\r\n\0");

        assertThat(root.is("GEOGCS")).isTrue();
        assertThat(root.child("DATUM").orElseThrow().name()).isEqualTo("WGS_1984");
        assertThat(root.child("UNIT").orElseThrow().number(0).getAsDouble()).isEqualTo(0.01745);
    }

    @Test
    void readsDoubledQuotesAsOneQuote() throws Exception {
        assertThat(Wkt.parse("REMARK[\"say \"\"hi\"\"\"]").name()).isEqualTo("say \"hi\"");
    }

    @Test
    void reportsWhereTheTextStopsBeingWkt() {
        assertThatThrownBy(() -> Wkt.parse("PROJCS[\"x\",GEOGCS[\"y\"")).isInstanceOf(Wkt.ParseException.class)
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> Wkt.parse("PROJCS[\"x\" \"y\"]")).hasMessageContaining("expected ','");
        assertThatThrownBy(() -> Wkt.parse("   ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Wkt.parse("\"just a string\"")).hasMessageContaining("keyword");
        assertThatThrownBy(() -> Wkt.parse("PARAMETER[\"k\",1.2.3]")).hasMessageContaining("not a number");
    }
}
