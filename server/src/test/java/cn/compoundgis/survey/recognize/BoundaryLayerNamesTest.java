package cn.compoundgis.survey.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A compound boundary layer is recognised by its usual names, for polygons only, and its fields in both dialects. */
class BoundaryLayerNamesTest {
    private final LayerRecognizer recognizer = new LayerRecognizer();
    private final FieldDialects dialects = new FieldDialects();

    @Test
    void boundaryLayerNamesAreRecognisedForPolygons() {
        for (String name : List.of("小区边界", "小区", "XQ", "XQBJ", "xqbj_2024", "compounds", "compound_boundary", "小区范围")) {
            assertThat(kind(name, "Polygon")).as(name).contains(LayerKind.COMPOUNDS);
            assertThat(kind(name, "MultiPolygon")).as(name).contains(LayerKind.COMPOUNDS);
        }
    }

    @Test
    void aLineOrPointLayerWithSuchANameIsNotABoundary() {
        assertThat(kind("XQGX", "LineString")).contains(LayerKind.PIPES);
        assertThat(kind("XQ_GD", "Point")).contains(LayerKind.PIPE_POINTS);
        assertThat(kind("小区边界", "LineString")).isEmpty();
        assertThat(kind("小区建筑", "Polygon")).as("buildings of a compound").contains(LayerKind.BUILDINGS);
    }

    @Test
    void boundaryFieldsInThePinyinDialect() {
        Map<String, String> fields = dialects.match(LayerKind.COMPOUNDS,
                List.of("XQBM", "XQMC", "JCND", "HS", "ZDMJ", "LDS", "DZ", "QX", "JD", "SQ"), Map.of());
        assertThat(fields).containsExactlyInAnyOrderEntriesOf(Map.of("code", "XQBM", "name", "XQMC", "built_year", "JCND",
                "households", "HS", "site_area", "ZDMJ", "buildings", "LDS", "address", "DZ", "district", "QX",
                "street", "JD", "community", "SQ"));
    }

    @Test
    void boundaryFieldsInChineseIncludingNamesCutByTheDbfLimit() {
        // in UTF-8 a 10-byte DBF name keeps 3 of 4 characters: 所属区县 → 所属区, 居民人数 → 居民人
        Map<String, String> fields = dialects.match(LayerKind.COMPOUNDS,
                List.of("小区编码", "小区名称", "建成年代", "户数", "占地面积", "楼栋数", "地址", "所属区", "街道", "社区", "居民人"), Map.of());
        assertThat(fields).containsEntry("code", "小区编码").containsEntry("name", "小区名称").containsEntry("built_year", "建成年代")
                .containsEntry("households", "户数").containsEntry("site_area", "占地面积").containsEntry("buildings", "楼栋数")
                .containsEntry("address", "地址").containsEntry("district", "所属区").containsEntry("street", "街道")
                .containsEntry("community", "社区").containsEntry("residents", "居民人");
    }

    private Optional<LayerKind> kind(String name, String geometryType) {
        return recognizer.recognize(name, geometryType).map(LayerRecognizer.Recognition::kind);
    }
}
