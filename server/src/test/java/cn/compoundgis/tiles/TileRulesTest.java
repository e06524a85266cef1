package cn.compoundgis.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tiles.json is read strictly: every collection has a rule, names are real properties, merged layers have no id. */
class TileRulesTest {
    @Test
    void theShippedRulesCoverEveryCollectionAndKeepTheWebMapsContract() {
        TileRules rules = TileRules.load(Map.of());
        assertThat(rules.layers()).extracting(l -> l.collection().id()).containsExactly("compounds", "buildings", "pipes",
                "pipe-points", "fire-lanes", "parking", "obstacles");
        TileRules.LayerRule pipes = rules.layer("pipes").orElseThrow();
        assertThat(pipes.attributesAt(13)).extracting(TileRules.Attribute::name).containsExactly("network");
        assertThat(pipes.attributesAt(16)).extracting(TileRules.Attribute::name)
                .contains("id", "network", "dn_mm", "compound");
        assertThat(pipes.mergedAt(15)).isTrue();
        assertThat(pipes.mergedAt(16)).isFalse();
        assertThat(pipes.overview()).get().extracting(TileRules.Overview::table).isEqualTo("pipe_overview");
        assertThat(rules.cacheMaxAgeSeconds()).isEqualTo(60);
        assertThat(rules.linearFromZoom()).as("TileProjectionTest bounds the linear map from there on").isEqualTo(15);
        assertThat(TileRules.load(Map.of(TileRules.MAX_AGE_VARIABLE, "5")).cacheMaxAgeSeconds()).isEqualTo(5);
    }

    @Test
    void aMissingCollectionAnUnknownPropertyOrAnIdInAMergedLayerIsRefusedByName() throws Exception {
        ObjectNode noPipes = shipped();
        ((ObjectNode) noPipes.get("collections")).remove("pipes");
        assertThatThrownBy(() -> TileRules.parse(noPipes, Map.of()))
                .hasMessageContaining("/tiles/tiles.json").hasMessageContaining("'pipes'");

        ObjectNode unknown = shipped();
        ((ObjectNode) unknown.at("/collections/pipes/attributes/0")).putArray("names").add("diameter");
        assertThatThrownBy(() -> TileRules.parse(unknown, Map.of())).hasMessageContaining("collections.pipes")
                .hasMessageContaining("'diameter'");

        ObjectNode mergedId = shipped();
        ((ObjectNode) mergedId.at("/collections/pipes/attributes/0")).putArray("names").add("id").add("network");
        assertThatThrownBy(() -> TileRules.parse(mergedId, Map.of())).hasMessageContaining("mergeBelowZoom");

        ObjectNode notInOverview = shipped();
        ((ObjectNode) notInOverview.at("/collections/pipes/attributes/0")).putArray("names").add("network").add("material");
        assertThatThrownBy(() -> TileRules.parse(notInOverview, Map.of())).hasMessageContaining("pipe_overview")
                .hasMessageContaining("'material'");

        ObjectNode renamedId = shipped();
        ((ObjectNode) renamedId.at("/collections/pipes/attributes/2")).putArray("names").add("fid=id").add("network");
        assertThatThrownBy(() -> TileRules.parse(renamedId, Map.of())).hasMessageContaining("MVT feature id")
                .hasMessageContaining("'fid=id'");

        ObjectNode badTable = shipped();
        ((ObjectNode) badTable.at("/collections/pipes/overview")).put("table", "pipe; DROP TABLE pipe");
        assertThatThrownBy(() -> TileRules.parse(badTable, Map.of())).hasMessageContaining("overview.table");

        assertThatThrownBy(() -> TileRules.load(Map.of(TileRules.MAX_AGE_VARIABLE, "a minute")))
                .hasMessageContaining(TileRules.MAX_AGE_VARIABLE);
    }

    private static ObjectNode shipped() throws Exception {
        try (InputStream in = TileRules.class.getResourceAsStream(TileRules.RESOURCE)) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        }
    }
}
