package cn.compoundgis.checks.dig;

import com.fasterxml.jackson.databind.JsonNode;

/** The dig check's limits (dig-rules.json): the largest area per request, how long a report holds, the search distance, the widest trench and the deepest dig. */
public record DigRules(double maxExtentM, String maxExtentClause, int reportValidDays, double candidateRadiusM,
                       double maxTrenchWidthM, double maxDigDepthM) {

    public static DigRules from(JsonNode table) {
        return new DigRules(table.path("max_extent_m").asDouble(), table.path("max_extent_clause").asText(),
                table.path("report_valid_days").asInt(), table.path("candidate_radius_m").asDouble(),
                table.path("max_trench_width_m").asDouble(), table.path("max_dig_depth_m").asDouble());
    }
}
