package cn.compoundgis.survey.stage;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How much each finding code of the validation report matters ({@code findings} in
 * /survey/validation-rules.json): its severity, and whether it holds the commit back until accepted.
 */
public final class FindingRules {
    public enum Severity {
        ERROR, WARNING, INFO;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Severity of(String id, String where) {
            try {
                return valueOf(id.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": severity '" + id + "' is not error, warning or info");
            }
        }
    }

    /** The class of one code. */
    public record Rule(Severity severity, boolean blocking) {
    }

    private static final String RESOURCE = "/survey/validation-rules.json";
    private static final FindingRules LOADED = load();

    private final Map<String, Rule> byCode;
    private final Severity defaultRejecting;
    private final Severity defaultKept;
    private final int recordsListedPerGroup;
    private final int acceptanceReasonMaxChars;

    private FindingRules(Map<String, Rule> byCode, Severity defaultRejecting, Severity defaultKept,
                         int recordsListedPerGroup, int acceptanceReasonMaxChars) {
        this.byCode = byCode;
        this.defaultRejecting = defaultRejecting;
        this.defaultKept = defaultKept;
        this.recordsListedPerGroup = recordsListedPerGroup;
        this.acceptanceReasonMaxChars = acceptanceReasonMaxChars;
    }

    public static FindingRules get() {
        return LOADED;
    }

    private static FindingRules load() {
        try (InputStream in = FindingRules.class.getResourceAsStream(RESOURCE)) {
            JsonNode f = Json.MAPPER.readTree(in).get("findings");
            Map<String, Rule> byCode = new HashMap<>();
            f.get("codes").fields().forEachRemaining(e -> byCode.put(e.getKey(), new Rule(
                    Severity.of(e.getValue().get("severity").asText(), RESOURCE + " " + e.getKey()),
                    e.getValue().path("blocking").asBoolean(false))));
            return new FindingRules(Map.copyOf(byCode), Severity.of(f.get("default_rejecting").asText(), RESOURCE),
                    Severity.of(f.get("default_kept").asText(), RESOURCE), f.get("records_listed_per_group").asInt(),
                    f.get("acceptance_reason_max_chars").asInt());
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException(RESOURCE + " is missing or has no complete 'findings'", e));
        }
    }

    /** The rule of a code; {@code rejecting} says whether the finding rejected its record. */
    public Rule rule(String code, boolean rejecting) {
        Rule rule = byCode.get(code);
        if (rule != null) {
            return rule;
        }
        return new Rule(rejecting ? defaultRejecting : defaultKept, false);
    }

    /** The codes that hold a commit back until accepted. */
    public Set<String> blockingCodes() {
        return Set.copyOf(byCode.entrySet().stream().filter(e -> e.getValue().blocking()).map(Map.Entry::getKey).toList());
    }

    public int recordsListedPerGroup() {
        return recordsListedPerGroup;
    }

    public int acceptanceReasonMaxChars() {
        return acceptanceReasonMaxChars;
    }
}
