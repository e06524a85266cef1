package cn.compoundgis.survey.recognize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The code tables of /survey/value-codes.json: networks (CJJ 61), pressure and accuracy classes, labels. */
public final class ValueCodes {
    private static final Pattern LEADING_LETTERS = Pattern.compile("^([A-Za-z]{2})\\d");

    private final Map<String, String> networks = new HashMap<>();
    private final Set<String> subtypes = new HashSet<>();
    private final Set<String> drainageMain = new HashSet<>();
    private final Set<String> gravity = new HashSet<>();
    private final Map<String, Map<String, String>> tables = new HashMap<>();

    public ValueCodes() {
        JsonNode root = RuleFiles.load("value-codes.json");
        root.get("networks").fields().forEachRemaining(e -> e.getValue().forEach(v -> networks.put(key(v.asText()), e.getKey())));
        root.get("subtypes").forEach(v -> subtypes.add(v.asText()));
        root.get("drainage_main_names").forEach(v -> drainageMain.add(key(v.asText())));
        root.get("gravity_networks").forEach(v -> gravity.add(v.asText()));
        for (String table : new String[]{"pressure_classes", "accuracy_classes", "cover_labels", "pipe_status",
                "flow_direction", "obstacle_kinds", "parking_kinds"}) {
            Map<String, String> values = new HashMap<>();
            root.get(table).fields().forEachRemaining(e -> e.getValue().forEach(v -> values.put(key(v.asText()), e.getKey())));
            tables.put(table, values);
        }
    }

    /** The network code (YS, WS, JS ...) a value names: a code, a sub-type code or a Chinese name. */
    public Optional<String> network(String value) {
        return Optional.ofNullable(networks.get(key(value)));
    }

    /** True for the drainage main code PS (or 排水): rain or sewage, it does not say which. */
    public boolean isDrainageMain(String value) {
        return drainageMain.contains(key(value));
    }

    /** The CJJ 61 sub-type a value names (JP, TR, GD ...), if it is one. */
    public Optional<String> subtype(String value) {
        String k = key(value);
        return subtypes.contains(k) ? Optional.of(k) : Optional.empty();
    }

    /** The network of a point or pipe numbered like YS12 (the field point number carries the type code). */
    public Optional<String> networkOfNumber(String pointNo) {
        Matcher m = LEADING_LETTERS.matcher(pointNo == null ? "" : pointNo.strip());
        return m.find() ? network(m.group(1)) : Optional.empty();
    }

    /** Gravity drainage is surveyed to the invert, everything else to the top (standards.md section 2). */
    public String depthReference(String network) {
        return gravity.contains(network) ? "invert" : "top";
    }

    public Optional<String> pressureClass(String value) {
        return lookup("pressure_classes", value);
    }

    public Optional<String> accuracyClass(String value) {
        return lookup("accuracy_classes", value);
    }

    public Optional<String> coverLabel(String value) {
        return lookup("cover_labels", value);
    }

    public Optional<String> pipeStatus(String value) {
        return lookup("pipe_status", value);
    }

    public Optional<String> flowDirection(String value) {
        return lookup("flow_direction", value);
    }

    public Optional<String> obstacleKind(String value) {
        return lookup("obstacle_kinds", value);
    }

    public Optional<String> parkingKind(String value) {
        return lookup("parking_kinds", value);
    }

    private Optional<String> lookup(String table, String value) {
        return Optional.ofNullable(tables.get(table).get(key(value)));
    }

    private static String key(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }
}
