package cn.compoundgis.survey.recognize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the canonical fields of a layer among its DBF fields, in either dialect (Chinese or pinyin
 * initials, /survey/field-dialects.json). A name cut short by the 10-byte limit matches an alias it
 * begins, when only one alias of the layer does.
 */
public final class FieldDialects {
    /** Shortest cut name (in characters) trusted for a prefix match. */
    private static final int MIN_PREFIX_CHARS = 2;

    private final Map<LayerKind, Map<String, List<String>>> aliases = new EnumMap<>(LayerKind.class);

    public FieldDialects() {
        JsonNode root = RuleFiles.load("field-dialects.json");
        for (LayerKind kind : LayerKind.values()) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            JsonNode node = root.get(kind.id());
            if (node != null) {
                node.fields().forEachRemaining(e -> {
                    List<String> names = new ArrayList<>();
                    e.getValue().forEach(n -> names.add(n.asText()));
                    fields.put(e.getKey(), names);
                });
            }
            aliases.put(kind, fields);
        }
    }

    public List<String> canonicalFields(LayerKind kind) {
        return List.copyOf(aliases.get(kind).keySet());
    }

    /**
     * Maps canonical field → the DBF field that holds it. {@code explicit} (canonical → field name, from the
     * upload's mapping) wins over recognition.
     */
    public Map<String, String> match(LayerKind kind, List<String> fieldNames, Map<String, String> explicit) {
        Map<String, String> found = new LinkedHashMap<>();
        explicit.forEach((canonical, field) -> {
            if (fieldNames.contains(field)) {
                found.put(canonical, field);
            }
        });
        for (Map.Entry<String, List<String>> canonical : aliases.get(kind).entrySet()) {
            if (found.containsKey(canonical.getKey())) {
                continue;
            }
            exactMatch(fieldNames, canonical.getValue(), found.values())
                    .or(() -> prefixMatch(kind, fieldNames, canonical.getKey(), found.values()))
                    .ifPresent(field -> found.put(canonical.getKey(), field));
        }
        return found;
    }

    private static Optional<String> exactMatch(List<String> fieldNames, List<String> names, java.util.Collection<String> taken) {
        for (String alias : names) {
            for (String field : fieldNames) {
                if (field.equalsIgnoreCase(alias) && !taken.contains(field)) {
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }

    /** A cut field name (e.g. 物探点) matches when it begins an alias of exactly one canonical field. */
    private Optional<String> prefixMatch(LayerKind kind, List<String> fieldNames, String canonical, java.util.Collection<String> taken) {
        for (String field : fieldNames) {
            if (taken.contains(field) || field.length() < MIN_PREFIX_CHARS || field.chars().allMatch(c -> c < 128)) {
                continue;
            }
            List<String> owners = aliases.get(kind).entrySet().stream()
                    .filter(e -> e.getValue().stream().anyMatch(a -> a.length() > field.length()
                            && a.toLowerCase(Locale.ROOT).startsWith(field.toLowerCase(Locale.ROOT))))
                    .map(Map.Entry::getKey).distinct().toList();
            if (owners.equals(List.of(canonical))) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
