package cn.compoundgis.checks.network;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The drainage rules of /checks/network-rules.json (GB 50014-2021, CJJ 61 via standards.md), loaded once,
 * and the survey accuracy of CJJ 61 from the map's /web/data/survey-accuracy.json (one table for both).
 */
public final class NetworkRules {
    static final String RESOURCE = "/checks/network-rules.json";
    static final String ACCURACY_RESOURCE = "/web/data/survey-accuracy.json";

    /** One row of a by-size table: applies to sizes up to dnMax (and, when set, to these networks). */
    record SizeRow(Set<String> networks, int dnMax, double value, double plasticValue, String status, String note) {
    }

    record Fill(int dnMax, double fill, String status) {
    }

    private final JsonNode root;
    private final Map<String, Rule> rules = new HashMap<>();
    final List<String> networks;
    final Set<String> sewageNetworks;
    final Set<String> rainNetworks;
    final Set<String> combinedNetworks;
    final Map<String, Set<String>> coverLabelNetworks = new HashMap<>();
    final Set<String> outfallNames;
    final List<String> plasticMaterials;
    final double endTolerance;
    final double minLength;
    final Map<String, Integer> pipesByFeature = new HashMap<>();
    final double levelResolution;
    final boolean recordOrderIsFlow;
    final String recordOrderStatus;
    final List<SizeRow> minSlopes;
    final double rainMinVelocity;
    final double sewageMinVelocity;
    final double manningPlastic;
    final double manningOther;
    final List<Fill> sewageFill = new ArrayList<>();
    final int maxDecreaseSteps;
    final List<Integer> sizeLadder = new ArrayList<>();
    final String sizeLadderStatus;
    final List<SizeRow> manholeSpacing;
    final double coverCarriageway;
    final double coverElsewhere;
    final double visibleDepthTolerance;
    final double hiddenDepthRmsPerDepth;
    final double hiddenMinDepth;

    private NetworkRules(JsonNode root, JsonNode accuracy) {
        this.root = root;
        root.path("rules").fields().forEachRemaining(e -> rules.put(e.getKey(),
                new Rule(e.getKey(), text(e.getValue(), "citation"), text(e.getValue(), "citation_zh"), text(e.getValue(), "status"))));
        networks = strings(root.path("networks"));
        sewageNetworks = Set.copyOf(strings(root.path("sewage_networks")));
        rainNetworks = Set.copyOf(strings(root.path("rain_networks")));
        combinedNetworks = Set.copyOf(strings(root.path("combined_networks")));
        root.path("cover_labels").fields().forEachRemaining(e -> coverLabelNetworks.put(e.getKey(), Set.copyOf(strings(e.getValue()))));
        outfallNames = Set.copyOf(strings(root.path("outfall_names")));
        plasticMaterials = strings(root.path("plastic_materials")).stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
        endTolerance = number(rule("topology.end_on_point"), "tolerance_m");
        minLength = number(rule("topology.zero_length"), "min_length_m");
        rule("topology.fitting_pipe_count").path("pipes_by_feature").fields()
                .forEachRemaining(e -> pipesByFeature.put(e.getKey(), e.getValue().asInt()));
        JsonNode reverse = rule("slope.reverse");
        levelResolution = number(reverse, "level_resolution_m");
        recordOrderIsFlow = reverse.path("record_order_is_flow").asBoolean(true);
        recordOrderStatus = text(reverse, "record_order_status");
        JsonNode slope = rule("slope.minimum");
        minSlopes = sizeRows(slope.path("by_size"), "slope", "plastic_slope");
        JsonNode velocity = slope.path("velocity");
        rainMinVelocity = number(velocity, "rain_min_velocity_m_s");
        sewageMinVelocity = number(velocity, "sewage_min_velocity_m_s");
        manningPlastic = number(velocity.path("manning_n"), "plastic");
        manningOther = number(velocity.path("manning_n"), "other");
        velocity.path("sewage_design_fill").forEach(f -> sewageFill.add(
                new Fill(f.path("dn_max").asInt(), f.path("fill").asDouble(), f.path("status").asText(velocity.path("status").asText()))));
        JsonNode decrease = rule("diameter.decrease");
        maxDecreaseSteps = decrease.path("max_steps").asInt();
        decrease.path("size_ladder_mm").forEach(n -> sizeLadder.add(n.asInt()));
        sizeLadderStatus = text(decrease, "size_ladder_status");
        manholeSpacing = sizeRows(rule("spacing.manhole").path("by_size"), "max_m", "max_m");
        JsonNode cover = rule("cover.minimum");
        coverCarriageway = number(cover, "carriageway_m");
        coverElsewhere = number(cover, "elsewhere_m");
        visibleDepthTolerance = number(accuracy.path("visible"), "depthToleranceM");
        hiddenDepthRmsPerDepth = number(accuracy.path("hidden"), "depthRmsPerDepth");
        hiddenMinDepth = number(accuracy.path("hidden"), "minDepthM");
    }

    public static NetworkRules load() {
        return new NetworkRules(read(RESOURCE), read(ACCURACY_RESOURCE));
    }

    /** The networks the drainage checks and tracing cover (YS, WS, HS). */
    public List<String> drainageNetworks() {
        return networks;
    }

    /** Inverts closer than this are level (they are recorded to the millimetre). */
    public double levelResolution() {
        return levelResolution;
    }

    Rule ruleOf(String id) {
        Rule rule = rules.get(id);
        if (rule == null) {
            throw new IllegalStateException(RESOURCE + " has no rule " + id);
        }
        return rule;
    }

    /** The rule file as served with the findings. */
    JsonNode document() {
        return root;
    }

    boolean plastic(String material) {
        if (material == null || material.isBlank()) {
            return true; // unknown material: the lower (plastic) minimum, see the rule file
        }
        String m = material.toUpperCase(Locale.ROOT);
        return plasticMaterials.stream().anyMatch(m::contains);
    }

    boolean outfall(String name) {
        return name != null && outfallNames.contains(name.trim());
    }

    /** How many sizes of the ladder a pipe drops going from {@code from} down to {@code to} (at least 1). */
    int stepsDown(int from, int to) {
        long passed = sizeLadder.stream().filter(s -> s >= to && s < from).count();
        return (int) Math.max(1, passed);
    }

    Set<String> labelledNetworks(String label) {
        return coverLabelNetworks.getOrDefault(label, new TreeSet<>());
    }

    private JsonNode rule(String id) {
        JsonNode node = root.path("rules").path(id);
        if (node.isMissingNode()) {
            throw new IllegalStateException(RESOURCE + " has no rule " + id);
        }
        return node;
    }

    private static List<SizeRow> sizeRows(JsonNode rows, String valueField, String plasticField) {
        List<SizeRow> out = new ArrayList<>();
        rows.forEach(r -> out.add(new SizeRow(
                r.has("networks") ? Set.copyOf(strings(r.path("networks"))) : Set.of(),
                r.path("dn_max").asInt(), number(r, valueField), number(r, plasticField),
                text(r, "status"), r.path("note").asText(""))));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new IllegalStateException(RESOURCE + ": '" + field + "' is missing in " + node);
        }
        return node.get(field).asText();
    }

    private static double number(JsonNode node, String field) {
        if (!node.path(field).isNumber()) {
            throw new IllegalStateException(RESOURCE + ": '" + field + "' is not a number in " + node);
        }
        return node.get(field).asDouble();
    }

    private static JsonNode read(String resource) {
        try (InputStream in = NetworkRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("rule file " + resource + " is missing from the build");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("rule file " + resource + " is not valid JSON", e);
        }
    }
}
