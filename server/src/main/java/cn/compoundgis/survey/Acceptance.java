package cn.compoundgis.survey;

import java.util.Collection;
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

    /** Codes as a client sends them back: {@code FAR_FROM_COMPOUND,XY_SWAPPED}. */
    static String asParameter(Collection<String> codes) {
        return codes.stream().sorted().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.joining(","));
    }
}
