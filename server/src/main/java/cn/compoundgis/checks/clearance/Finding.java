package cn.compoundgis.checks.clearance;

import java.util.List;

/**
 * A pair of pipes closer than GB 50289 allows, or close enough that the survey's uncertainty leaves it open.
 *
 * @param status      {@code violation}; {@code needs_approval} (below the table value but within the
 *                    reduction the clause allows with protective measures); {@code rule_unconfirmed} (below
 *                    an [M] value not yet confirmed); {@code possible_conflict} (compliant as surveyed, but
 *                    the margin is within the survey uncertainty)
 * @param severity    what the finding is by the table's value, whatever its confirmation: violation or needs_approval
 *                    (null for a possible conflict)
 * @param certainty   {@code certain} when the margin exceeds the uncertainty, else {@code possible}
 * @param upper       for a crossing, which pipe lies above ({@code a} or {@code b})
 */
public record Finding(ClearanceRule.Kind kind, PairGeometry pair, ClearanceRule rule, String status, String severity,
                      String certainty, double requiredM, double actualM, double uncertaintyM,
                      YieldOrder.Decision yields, String upper, Double aLevelM, Double bLevelM, String levelBasis,
                      List<String> assumptions) {

    public static final String VIOLATION = "violation";
    public static final String NEEDS_APPROVAL = "needs_approval";
    public static final String RULE_UNCONFIRMED = "rule_unconfirmed";
    public static final String POSSIBLE_CONFLICT = "possible_conflict";

    public double marginM() {
        return actualM - requiredM;
    }
}
