package cn.compoundgis.survey;

import cn.compoundgis.http.ApiError;
import cn.compoundgis.survey.stage.FindingRules;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a commit accepts of a survey's blocking findings: their codes ({@code accept=FAR_FROM_COMPOUND,XY_SWAPPED},
 * any case) and why. Codes are kept as the report names them (lower case).
 */
record Acceptance(Set<String> codes, String reason) {
    static final Acceptance NONE = new Acceptance(Set.of(), null);

    static Acceptance of(String commaSeparatedCodes, String reason) {
        Set<String> codes = new TreeSet<>();
        for (String code : commaSeparatedCodes.split(",")) {
            if (!code.isBlank()) {
                codes.add(code.strip().toLowerCase(Locale.ROOT));
            }
        }
        return new Acceptance(Set.copyOf(codes), reason);
    }

    /**
     * The survey's blocking findings (data far from the compound, X/Y swapped ...) must each be named with a reason;
     * returns the accepted codes. Naming a code the survey has no blocking finding of is refused too: it is a typo,
     * or meant for another survey.
     */
    Set<String> requireCovers(long surveyId, JsonNode report) {
        Set<String> blocking = blockingCodes(report);
        Set<String> unknown = new TreeSet<>(codes);
        unknown.removeAll(blocking);
        if (!unknown.isEmpty()) {
            throw ApiError.badParameter("accept=" + asParameter(unknown) + ": survey " + surveyId
                    + (blocking.isEmpty() ? " has no blocking findings" : " has no such blocking finding; its blocking findings are "
                    + asParameter(blocking)));
        }
        Set<String> missing = new TreeSet<>(blocking);
        missing.removeAll(codes);
        if (!missing.isEmpty()) {
            throw ApiError.of(409, "BlockingFindings", "survey " + surveyId + " has blocking findings: "
                    + summary(report, missing) + ". Check the compound and the CRS; if the data is right, commit with accept="
                    + asParameter(blocking) + " and a reason (reason=...), which is recorded with the survey");
        }
        return blocking;
    }

    /** Blocking codes of a report: its summary, and any listed finding the rules now call blocking. */
    static Set<String> blockingCodes(JsonNode report) {
        Set<String> found = new TreeSet<>();
        if (report == null) {
            return found;
        }
        report.path("blocking").forEach(b -> found.add(b.path("code").asText()));
        Set<String> byRule = FindingRules.get().blockingCodes();
        report.path("warnings").forEach(w -> {
            if (byRule.contains(w.path("code").asText())) {
                found.add(w.path("code").asText());
            }
        });
        return found;
    }

    private static String summary(JsonNode report, Set<String> codes) {
        List<String> parts = new ArrayList<>();
        for (String code : codes) {
            String first = "";
            int count = 0;
            for (JsonNode b : report.path("blocking")) {
                if (code.equals(b.path("code").asText())) {
                    count = b.path("count").asInt();
                    first = b.path("file").asText("") + ": " + b.path("reason").asText("");
                }
            }
            parts.add(code + (count > 0 ? " (" + count + "×, first " + first + ")" : ""));
        }
        return String.join("; ", parts);
    }

    /** Codes as a client sends them back: {@code FAR_FROM_COMPOUND,XY_SWAPPED}. */
    static String asParameter(Collection<String> codes) {
        return codes.stream().sorted().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.joining(","));
    }
}
