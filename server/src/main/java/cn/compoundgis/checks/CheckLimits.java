package cn.compoundgis.checks;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How much work one check request may ask of the server (issue 10 point 5), from /checks/check-limits.json
 * with a deployment's corrections merged over it: the JSON file named by {@code CHECK_LIMITS_OVERRIDE}, then the
 * single variables {@code CHECK_TIMEOUT_S}, {@code DB_STATEMENT_TIMEOUT_S} and {@code CHECK_MAX_CONCURRENT}.
 */
public record CheckLimits(
        long statementTimeoutMs,
        long databaseStatementTimeoutMs,
        int maxConcurrentChecks,
        int queueWaitS,
        int retryAfterS,
        int clearanceMaxDesignFeatures,
        long clearanceMaxPairs,
        int clearanceMaxFindings,
        int digMaxPipesAndPoints,
        int networkMaxPipes,
        int networkMaxPoints,
        int traceMaxPipes,
        int fireLanesMaxLanes,
        int parkingMaxProposedStalls,
        JsonNode document) {

    public static final String OVERRIDE_ENV = "CHECK_LIMITS_OVERRIDE";
    static final String TABLE = "check-limits";

    public static CheckLimits defaults() {
        return from(RuleFile.defaults(TABLE));
    }

    /** The defaults with {@code CHECK_LIMITS_OVERRIDE} and the single variables of {@code env} over them. */
    public static CheckLimits load(Map<String, String> env) {
        ObjectNode table = RuleFile.defaults(TABLE);
        String file = env.get(OVERRIDE_ENV);
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file.trim());
            try {
                table = RuleFile.merged(table, Json.MAPPER.readTree(Files.readString(path)), path.getFileName().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(OVERRIDE_ENV + "=" + file + " cannot be read as JSON: " + e.getMessage(), e);
            }
        }
        variable(env, "CHECK_TIMEOUT_S", table, "statement_timeout_s", true);
        variable(env, "DB_STATEMENT_TIMEOUT_S", table, "database_statement_timeout_s", true);
        variable(env, "CHECK_MAX_CONCURRENT", table, "max_concurrent_checks", false);
        return from(table);
    }

    /** The defaults with {@code override} (members as in check-limits.json) merged over them; for tests and tools. */
    public static CheckLimits withOverride(String overrideJson) {
        try {
            return from(RuleFile.merged(RuleFile.defaults(TABLE), Json.MAPPER.readTree(overrideJson), "override"));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + overrideJson, e);
        }
    }

    private static void variable(Map<String, String> env, String name, ObjectNode table, String member, boolean seconds) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            if (seconds) {
                table.put(member, new java.math.BigDecimal(value.trim()));
            } else {
                table.put(member, Integer.parseInt(value.trim()));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a " + (seconds ? "number of seconds" : "whole number")
                    + ", got '" + value + "'");
        }
    }

    /** Seconds (decimals allowed, e.g. 0.001 in tests) as milliseconds; 0 only where {@code minMs} is 0. */
    private static long milliseconds(JsonNode table, String member, long minMs) {
        JsonNode v = table.path(member);
        double ms = v.isNumber() ? v.asDouble() * 1000 : Double.NaN;
        if (!Double.isFinite(ms) || Math.round(ms) < minMs || ms > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("check-limits: " + member + " must be a number of seconds"
                    + (minMs > 0 ? " of at least 0.001" : " (0 = none)") + ", got " + v);
        }
        return Math.round(ms);
    }

    static CheckLimits from(JsonNode t) {
        return new CheckLimits(
                milliseconds(t, "statement_timeout_s", 1),
                milliseconds(t, "database_statement_timeout_s", 0),
                whole(t, "max_concurrent_checks", 1),
                whole(t, "queue_wait_s", 0),
                whole(t, "retry_after_s", 1),
                whole(t.path("clearance"), "max_design_features", 1),
                whole(t.path("clearance"), "max_pairs", 1),
                whole(t.path("clearance"), "max_findings", 0),
                whole(t.path("dig"), "max_pipes_and_points", 1),
                whole(t.path("network"), "max_pipes", 1),
                whole(t.path("network"), "max_points", 1),
                whole(t.path("trace"), "max_pipes", 1),
                whole(t.path("fire_lanes"), "max_lanes", 1),
                whole(t.path("parking"), "max_proposed_stalls", 1),
                t.deepCopy());
    }

    private static int whole(JsonNode table, String member, int min) {
        JsonNode v = table == null ? MissingNode.getInstance() : table.path(member);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
            throw new IllegalArgumentException("check-limits: " + member + " must be a whole number of at least " + min
                    + ", got " + v);
        }
        return v.asInt();
    }
}
