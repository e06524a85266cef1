package cn.compoundgis.checks;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * A rule table of the checks: a JSON file under /checks on the classpath (each value cited beside it),
 * with a city's corrections merged over it. Objects merge member by member; arrays of objects that carry an
 * {@code id} (rules) merge by id, and a rule a city changed is marked {@code overridden_by}; other values
 * are replaced.
 */
public final class RuleFile {
    private static final String ID = "id";
    public static final String OVERRIDDEN_BY = "overridden_by";

    private RuleFile() {
    }

    /** The default table {@code /checks/<name>.json}. */
    public static ObjectNode defaults(String name) {
        String resource = "/checks/" + name + ".json";
        try (InputStream in = RuleFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("rule file " + resource + " is missing from the build");
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("rule file " + resource + " is not valid JSON", e);
        }
    }

    /** {@code base} with {@code override} merged over it (base is not changed); {@code origin} names the override. */
    public static ObjectNode merged(ObjectNode base, JsonNode override, String origin) {
        ObjectNode result = base.deepCopy();
        if (override != null && !override.isNull()) {
            if (!override.isObject()) {
                throw new IllegalArgumentException(origin + ": an override must be a JSON object");
            }
            mergeObject(result, (ObjectNode) override, origin);
        }
        return result;
    }

    private static void mergeObject(ObjectNode target, ObjectNode override, String origin) {
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode current = target.get(field.getKey());
            JsonNode value = field.getValue();
            if (current instanceof ObjectNode currentObject && value instanceof ObjectNode valueObject) {
                mergeObject(currentObject, valueObject, origin);
            } else if (current instanceof ArrayNode currentArray && value instanceof ArrayNode valueArray
                    && isRuleList(currentArray)) {
                mergeRules(currentArray, valueArray, origin);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    private static boolean isRuleList(ArrayNode array) {
        return array.size() > 0 && array.get(0).isObject() && array.get(0).has(ID);
    }

    private static void mergeRules(ArrayNode rules, ArrayNode overrides, String origin) {
        for (JsonNode override : overrides) {
            if (!override.isObject() || !override.has(ID)) {
                throw new IllegalArgumentException(origin + ": every rule in a rule list needs an \"id\": " + override);
            }
            ObjectNode existing = findById(rules, override.get(ID).asText());
            ObjectNode rule = existing != null ? existing : rules.addObject();
            mergeObject(rule, (ObjectNode) override, origin);
            rule.put(OVERRIDDEN_BY, origin);
        }
    }

    private static ObjectNode findById(ArrayNode rules, String id) {
        for (JsonNode rule : rules) {
            if (rule.path(ID).asText().equals(id)) {
                return (ObjectNode) rule;
            }
        }
        return null;
    }
}
