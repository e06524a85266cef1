package cn.compoundgis.checks.clearance;

import cn.compoundgis.checks.Pipe;
import cn.compoundgis.checks.RuleFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * GB 50289-2016 tables 4.1.9 (horizontal) and 4.1.14 (vertical) as loaded from clearance-rules.json (and a
 * city's override), with the pipe classes, the connection tolerance, the search distance and the avoidance order.
 */
public final class ClearanceRules {
    private final List<ClearanceRule> horizontal;
    private final List<ClearanceRule> vertical;
    private final double horizontalFloorM;
    private final String reductionClause;
    private final PipeTags tags;
    private final YieldOrder yieldOrder;
    private final double touchToleranceM;
    private final double searchMarginM;
    private final String source;

    private ClearanceRules(List<ClearanceRule> horizontal, List<ClearanceRule> vertical, double horizontalFloorM,
                           String reductionClause, PipeTags tags, YieldOrder yieldOrder, double touchToleranceM,
                           double searchMarginM, String source) {
        this.horizontal = horizontal;
        this.vertical = vertical;
        this.horizontalFloorM = horizontalFloorM;
        this.reductionClause = reductionClause;
        this.tags = tags;
        this.yieldOrder = yieldOrder;
        this.touchToleranceM = touchToleranceM;
        this.searchMarginM = searchMarginM;
        this.source = source;
    }

    public static ClearanceRules from(JsonNode table) {
        JsonNode h = table.path("horizontal");
        JsonNode reduction = h.path("reduction");
        double floor = reduction.path("floor_m").asDouble();
        return new ClearanceRules(
                rules(h, ClearanceRule.Kind.HORIZONTAL, floor),
                rules(table.path("vertical"), ClearanceRule.Kind.VERTICAL, null),
                floor, reduction.path("clause").asText(),
                PipeTags.from(table.path("pipe_classes")),
                YieldOrder.from(table.path("yield_priority")),
                table.path("connection").path("same_network_touch_tolerance_m").asDouble(),
                table.path("search").path("margin_m").asDouble(),
                table.path("source").asText());
    }

    /** Horizontal rules all allow a reduction with protective measures down to the table's floor (clause 4.1.9). */
    private static List<ClearanceRule> rules(JsonNode section, ClearanceRule.Kind kind, Double reductionFloor) {
        String table = section.path("table").asText();
        List<ClearanceRule> list = new ArrayList<>();
        for (JsonNode r : section.path("rules")) {
            String id = r.path("id").asText();
            require(r.has("a") && r.has("b") && r.path("min_m").isNumber(), id, "needs a, b and a numeric min_m");
            Set<String> b = new LinkedHashSet<>();
            if (r.path("b").isArray()) {
                r.path("b").forEach(t -> b.add(t.asText()));
            } else {
                b.add(r.path("b").asText());
            }
            JsonNode when = r.path("when");
            ClearanceRule.Condition condition = when.isMissingNode() ? ClearanceRule.Condition.NONE
                    : new ClearanceRule.Condition(intOrNull(when, "larger_dn_mm_at_most"), intOrNull(when, "larger_dn_mm_over"),
                    when.has("same_owner") ? when.get("same_owner").asBoolean() : null);
            Double reduced = r.has("reduced_min_m") ? Double.valueOf(r.get("reduced_min_m").asDouble()) : reductionFloor;
            list.add(new ClearanceRule(id, kind, table, r.path("a").asText(), Set.copyOf(b), condition,
                    r.path("min_m").asDouble(), reduced, r.path("status").asText("unconfirmed"), r.path("clause").asText(),
                    r.path("clause_zh").asText(r.path("clause").asText()), r.path("clause_en").asText(r.path("clause").asText()),
                    r.has(RuleFile.OVERRIDDEN_BY) ? r.get(RuleFile.OVERRIDDEN_BY).asText() : null));
        }
        return List.copyOf(list);
    }

    private static void require(boolean ok, String id, String what) {
        if (!ok) {
            throw new IllegalArgumentException("clearance rule " + id + " " + what);
        }
    }

    private static Integer intOrNull(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asInt() : null;
    }

    /** A rule that applies to two pipes, with what had to be assumed to choose it. */
    public record Match(ClearanceRule rule, List<String> assumptions) {
    }

    /** The applicable rule of this kind for pipes a and b (the largest distance when several apply). */
    public Optional<Match> match(ClearanceRule.Kind kind, Pipe a, Pipe b) {
        List<String> assumptions = new ArrayList<>();
        Set<String> ta = tags.of(a, assumptions);
        Set<String> tb = tags.of(b, assumptions);
        return (kind == ClearanceRule.Kind.HORIZONTAL ? horizontal : vertical).stream()
                .filter(r -> (ta.contains(r.a()) && containsAny(tb, r.b()) || tb.contains(r.a()) && containsAny(ta, r.b()))
                        && holds(r.when(), a, b))
                .max(Comparator.comparingDouble(ClearanceRule::minM))
                .map(r -> new Match(r, List.copyOf(new LinkedHashSet<>(assumptions))));
    }

    private static boolean containsAny(Set<String> tags, Set<String> wanted) {
        return wanted.stream().anyMatch(tags::contains);
    }

    private static boolean holds(ClearanceRule.Condition c, Pipe a, Pipe b) {
        if (c.largerDnAtMost() != null || c.largerDnOver() != null) {
            Integer larger = larger(a.nominalMm(), b.nominalMm());
            // an unknown size is checked against the stricter (larger) split
            if (c.largerDnAtMost() != null && (larger == null || larger > c.largerDnAtMost())) {
                return false;
            }
            if (c.largerDnOver() != null && larger != null && larger <= c.largerDnOver()) {
                return false;
            }
        }
        if (c.sameOwner() != null) {
            boolean same = a.owner() != null && Objects.equals(a.owner(), b.owner());
            return c.sameOwner() == same;
        }
        return true;
    }

    private static Integer larger(Integer x, Integer y) {
        if (x == null || y == null) {
            return null;
        }
        return Math.max(x, y);
    }

    public Optional<YieldOrder.Decision> whoYields(Pipe a, Pipe b) {
        return yieldOrder.decide(a, b);
    }

    /** The distance candidate pairs are looked up within: the largest rule distance plus the search margin. */
    public double searchRadiusM() {
        double largest = java.util.stream.Stream.concat(horizontal.stream(), vertical.stream())
                .mapToDouble(ClearanceRule::minM).max().orElse(0);
        return largest + searchMarginM;
    }

    public double touchToleranceM() {
        return touchToleranceM;
    }

    public double horizontalFloorM() {
        return horizontalFloorM;
    }

    public String reductionClause() {
        return reductionClause;
    }

    public String source() {
        return source;
    }

    public List<ClearanceRule> horizontal() {
        return horizontal;
    }

    public List<ClearanceRule> vertical() {
        return vertical;
    }
}
