package cn.compoundgis.checks.clearance;

import java.util.Set;

/**
 * One value of GB 50289 table 4.1.9 or 4.1.14: the minimum clear distance between a pipe tagged {@code a}
 * and one tagged with any of {@code b}, under an optional condition, with its clause and confirmation status.
 *
 * @param reducedMinM the distance down to which the clause allows a reduction with protective measures
 *                    (a finding between it and {@code minM} needs approval); null when no reduction is allowed
 * @param clause      the clause as the rule file cites it; clauseZh and clauseEn, the same in Chinese and in English
 *                    for the map's two languages
 * @param overriddenBy the city's override file that changed this rule, or null
 */
public record ClearanceRule(String id, Kind kind, String table, String a, Set<String> b, Condition when, double minM,
                            Double reducedMinM, String status, String clause, String clauseZh, String clauseEn,
                            String overriddenBy) {

    public enum Kind {
        HORIZONTAL, VERTICAL;

        /** As the answer writes it: horizontal, vertical. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A condition some rules add to the tags: the larger DN of two gas pipes, or whether two cables share an owner. */
    public record Condition(Integer largerDnAtMost, Integer largerDnOver, Boolean sameOwner) {
        static final Condition NONE = new Condition(null, null, null);
    }

    /** [M] values ship as defaults marked unconfirmed; [V] verified and [S] secondary are confirmed. */
    public boolean confirmed() {
        return !"unconfirmed".equals(status);
    }
}
