package cn.compoundgis.survey;

import com.fasterxml.jackson.databind.JsonNode;

/** Looking up findings in a validation report. */
final class Findings {
    private Findings() {
    }

    /** The first finding of {@code code} in a report's errors or warnings; fails the test when there is none. */
    static JsonNode finding(JsonNode findings, String code) {
        for (JsonNode f : findings) {
            if (code.equals(f.path("code").asText())) {
                return f;
            }
        }
        throw new AssertionError("no " + code + " among " + findings);
    }
}
