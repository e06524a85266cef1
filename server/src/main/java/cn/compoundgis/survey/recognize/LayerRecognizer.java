package cn.compoundgis.survey.recognize;

import cn.compoundgis.http.Message;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells what a layer holds from its file name (rules in /survey/layer-names.json), checked against its
 * geometry type; falls back to the geometry type alone for points and lines of pipes.
 */
public final class LayerRecognizer {
    private record Rule(String keyword, LayerKind kind, Optional<String> network) {
    }

    /** @param how a sentence for the report: which rule or fact decided */
    public record Recognition(LayerKind kind, Optional<String> network, String how, Message said) {
    }

    private final List<Rule> rules = new ArrayList<>();

    public LayerRecognizer() {
        for (JsonNode r : RuleFiles.load("layer-names.json").get("rules")) {
            LayerKind kind = LayerKind.byId(r.get("layer").asText()).orElseThrow(() ->
                    new IllegalStateException("layer-names.json: unknown layer " + r.get("layer")));
            rules.add(new Rule(r.get("keyword").asText().toLowerCase(Locale.ROOT), kind,
                    Optional.ofNullable(r.get("network")).map(JsonNode::asText)));
        }
    }

    /**
     * @param layerName    the file name without extension
     * @param geometryType the JTS type of the layer's shapes (Point, LineString, Polygon...), or null if unknown
     */
    public Optional<Recognition> recognize(String layerName, String geometryType) {
        String name = layerName.toLowerCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (name.contains(rule.keyword()) && fits(rule.kind(), geometryType)) {
                return Optional.of(new Recognition(rule.kind(), rule.network(),
                        "file name contains '" + rule.keyword() + "'", Message.of("file_name", "keyword", rule.keyword())));
            }
        }
        return Optional.empty();
    }

    private static boolean fits(LayerKind kind, String geometryType) {
        if (geometryType == null) {
            return true;
        }
        String base = geometryType.replace("Multi", "");
        return kind.geometryTypes().stream().anyMatch(t -> t.replace("Multi", "").equals(base));
    }
}
