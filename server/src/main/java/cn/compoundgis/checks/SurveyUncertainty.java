package cn.compoundgis.checks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How far a surveyed pipe may lie from where the survey put it (CJJ 61, survey-uncertainty.json): a hidden
 * point ±0.05·h in plan and ±0.075·h in depth (h the depth, at least 1 m); a visible point ±25 mm in depth
 * up to 2.5 m. Designed pipes are exact. Two independent uncertainties combine as the root sum of squares.
 */
public final class SurveyUncertainty {
    private final double planPerDepth;
    private final double depthPerDepth;
    private final double minDepthM;
    private final double visibleDepthM;
    private final double visibleUpToDepthM;
    private final double visiblePlanM;
    private final String status;

    private SurveyUncertainty(double planPerDepth, double depthPerDepth, double minDepthM, double visibleDepthM,
                              double visibleUpToDepthM, double visiblePlanM, String status) {
        this.planPerDepth = planPerDepth;
        this.depthPerDepth = depthPerDepth;
        this.minDepthM = minDepthM;
        this.visibleDepthM = visibleDepthM;
        this.visibleUpToDepthM = visibleUpToDepthM;
        this.visiblePlanM = visiblePlanM;
        this.status = status;
    }

    static SurveyUncertainty from(JsonNode table) {
        JsonNode hidden = table.path("hidden");
        JsonNode visible = table.path("visible");
        return new SurveyUncertainty(hidden.path("plan_per_depth").asDouble(), hidden.path("depth_per_depth").asDouble(),
                hidden.path("min_depth_m").asDouble(), visible.path("depth_m").asDouble(),
                visible.path("up_to_depth_m").asDouble(), visible.path("plan_m").asDouble(), table.path("status").asText());
    }

    public String status() {
        return status;
    }

    /** Plan uncertainty (m) of a pipe at a place where it lies {@code depthM} deep (null: unknown, counts as the minimum). */
    public double planM(Pipe p, Double depthM) {
        return switch (p.accuracyClass()) {
            case "exact" -> 0;
            case "visible" -> visiblePlanM;
            default -> planPerDepth * h(depthM);
        };
    }

    /** Depth uncertainty (m) of a pipe at a place where it lies {@code depthM} deep. */
    public double depthM(Pipe p, Double depthM) {
        return switch (p.accuracyClass()) {
            case "exact" -> 0;
            case "visible" -> depthM == null || depthM <= visibleUpToDepthM ? visibleDepthM : depthPerDepth * h(depthM);
            default -> depthPerDepth * h(depthM);
        };
    }

    /** Plan uncertainty of a pipe point of this class ({@code visible}/{@code hidden}) at this depth. */
    public double pointPlanM(String accuracyClass, Double depthM) {
        return "visible".equals(accuracyClass) ? visiblePlanM : planPerDepth * h(depthM);
    }

    /** Depth uncertainty of a pipe point of this class at this depth. */
    public double pointDepthM(String accuracyClass, Double depthM) {
        if ("visible".equals(accuracyClass) && (depthM == null || depthM <= visibleUpToDepthM)) {
            return visibleDepthM;
        }
        return depthPerDepth * h(depthM);
    }

    public static double combined(double a, double b) {
        return Math.sqrt(a * a + b * b);
    }

    private double h(Double depthM) {
        return depthM == null ? minDepthM : Math.max(minDepthM, depthM);
    }
}
