package cn.compoundgis.checks;

import cn.compoundgis.checks.clearance.ClearanceRules;
import cn.compoundgis.checks.dig.DigRules;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Every rule table of the pipeline checks, loaded once: the defaults shipped under /checks, with a city's
 * corrections merged over them from the JSON file named by {@code CHECK_RULES_OVERRIDE}. That file has one
 * member per table: {@code {"clearance-rules": {...}, "pipe-dimensions": {...}, "survey-uncertainty": {...},
 * "dig-rules": {...}}}.
 */
public record CheckRules(ClearanceRules clearance, PipeDimensions dimensions, SurveyUncertainty uncertainty,
                         DigRules dig) {
    public static final String OVERRIDE_ENV = "CHECK_RULES_OVERRIDE";
    static final String CLEARANCE = "clearance-rules";
    static final String DIMENSIONS = "pipe-dimensions";
    static final String UNCERTAINTY = "survey-uncertainty";
    static final String DIG = "dig-rules";
    private static final Set<String> TABLES = Set.of(CLEARANCE, DIMENSIONS, UNCERTAINTY, DIG);

    public static CheckRules defaults() {
        return fromOverride(MissingNode.getInstance(), "");
    }

    /** The defaults, with the override file of {@code CHECK_RULES_OVERRIDE} (if set) merged over them. */
    public static CheckRules load(Map<String, String> env) {
        String file = env.get(OVERRIDE_ENV);
        if (file == null || file.isBlank()) {
            return defaults();
        }
        Path path = Path.of(file.trim());
        try {
            return fromOverride(Json.MAPPER.readTree(Files.readString(path)), path.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(OVERRIDE_ENV + "=" + file + " cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    public static CheckRules fromOverride(JsonNode override, String origin) {
        Iterator<String> names = override.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!TABLES.contains(name)) {
                throw new IllegalArgumentException(origin + ": unknown rule table \"" + name + "\"; known: " + TABLES);
            }
        }
        return new CheckRules(
                ClearanceRules.from(RuleFile.merged(RuleFile.defaults(CLEARANCE), override.get(CLEARANCE), origin)),
                PipeDimensions.from(RuleFile.merged(RuleFile.defaults(DIMENSIONS), override.get(DIMENSIONS), origin)),
                SurveyUncertainty.from(RuleFile.merged(RuleFile.defaults(UNCERTAINTY), override.get(UNCERTAINTY), origin)),
                DigRules.from(RuleFile.merged(RuleFile.defaults(DIG), override.get(DIG), origin)));
    }
}
