package cn.compoundgis.checks.clearance;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** What an answer counted while it streamed: every pair by outcome, every finding matched, the findings listed. */
final class FindingsTally {
    private final Map<ClearanceEvaluator.Outcome, Long> outcomes = new EnumMap<>(ClearanceEvaluator.Outcome.class);
    private final Map<String, Long> byStatus = new HashMap<>();
    private long pairs;
    private long matched;
    private int returned;

    void pair(ClearanceEvaluator.Outcome outcome) {
        pairs++;
        outcomes.merge(outcome, 1L, Long::sum);
    }

    void matched(Finding f) {
        matched++;
        byStatus.merge(f.status(), 1L, Long::sum);
    }

    void listed() {
        returned++;
    }

    long pairs() {
        return pairs;
    }

    long count(ClearanceEvaluator.Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    long withStatus(String status) {
        return byStatus.getOrDefault(status, 0L);
    }

    long matched() {
        return matched;
    }

    int returned() {
        return returned;
    }

    boolean truncated() {
        return returned < matched;
    }
}
