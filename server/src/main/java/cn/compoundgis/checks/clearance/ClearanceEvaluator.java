package cn.compoundgis.checks.clearance;

import cn.compoundgis.checks.CheckRules;
import cn.compoundgis.checks.Pipe;
import cn.compoundgis.checks.PipeDimensions;
import cn.compoundgis.checks.SurveyUncertainty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Judges one pair of pipes against GB 50289: in plan (outer wall to outer wall) where the centre lines do not
 * cross, at the crossing (outer bottom of the upper to outer top of the lower, per the depth convention)
 * where they do. A finding is made when the clear distance is below the rule's value plus the survey
 * uncertainty of the two pipes.
 */
public final class ClearanceEvaluator {
    /** What became of a pair; counted in the answer's summary. */
    public enum Outcome { FINDING, COMPLIANT, CONNECTED, NO_RULE, NO_DEPTH }

    public record Result(Outcome outcome, Finding finding) {
        static Result of(Outcome outcome) {
            return new Result(outcome, null);
        }
    }

    private final ClearanceRules rules;
    private final PipeDimensions dimensions;
    private final SurveyUncertainty uncertainty;

    public ClearanceEvaluator(CheckRules rules) {
        this.rules = rules.clearance();
        this.dimensions = rules.dimensions();
        this.uncertainty = rules.uncertainty();
    }

    public Result evaluate(PairGeometry pair) {
        if (pair.connected()) {
            return Result.of(Outcome.CONNECTED);
        }
        ClearanceRule.Kind kind = pair.crosses() ? ClearanceRule.Kind.VERTICAL : ClearanceRule.Kind.HORIZONTAL;
        Optional<ClearanceRules.Match> match = rules.match(kind, pair.a(), pair.b());
        if (match.isEmpty()) {
            return Result.of(Outcome.NO_RULE);
        }
        return kind == ClearanceRule.Kind.HORIZONTAL ? horizontal(pair, match.get()) : vertical(pair, match.get());
    }

    private Result horizontal(PairGeometry pair, ClearanceRules.Match match) {
        Pipe a = pair.a();
        Pipe b = pair.b();
        List<String> assumptions = new ArrayList<>(match.assumptions());
        noteUnknownSize(a, assumptions);
        noteUnknownSize(b, assumptions);
        double actual = pair.planDistanceM() - dimensions.outerWidthM(a) / 2 - dimensions.outerWidthM(b) / 2;
        Double depthA = depth(a, pair.aFraction());
        Double depthB = depth(b, pair.bFraction());
        double u = SurveyUncertainty.combined(uncertainty.planM(a, depthA), uncertainty.planM(b, depthB));
        return judge(ClearanceRule.Kind.HORIZONTAL, pair, match.rule(), actual, u, null, depthA, depthB, "depth",
                assumptions);
    }

    private Result vertical(PairGeometry pair, ClearanceRules.Match match) {
        Pipe a = pair.a();
        Pipe b = pair.b();
        Levels levels = levels(pair);
        if (levels == null) {
            return Result.of(Outcome.NO_DEPTH);
        }
        List<String> assumptions = new ArrayList<>(match.assumptions());
        noteUnknownSize(a, assumptions);
        noteUnknownSize(b, assumptions);
        PipeDimensions.Extent ea = dimensions.extent(a, levels.a());
        PipeDimensions.Extent eb = dimensions.extent(b, levels.b());
        boolean aAbove = ea.top() <= eb.top();
        double actual = aAbove ? eb.top() - ea.bottom() : ea.top() - eb.bottom();
        Double depthA = depth(a, pair.aFraction());
        Double depthB = depth(b, pair.bFraction());
        double u = SurveyUncertainty.combined(uncertainty.depthM(a, depthA), uncertainty.depthM(b, depthB));
        double levelA = levels.downward() ? levels.a() : -levels.a();
        double levelB = levels.downward() ? levels.b() : -levels.b();
        return judge(ClearanceRule.Kind.VERTICAL, pair, match.rule(), actual, u, aAbove ? "a" : "b", levelA, levelB,
                levels.basis(), assumptions);
    }

    private Result judge(ClearanceRule.Kind kind, PairGeometry pair, ClearanceRule rule, double actual, double u,
                         String upper, Double levelA, Double levelB, String basis, List<String> assumptions) {
        double required = rule.minM();
        if (actual >= required + u) {
            return Result.of(Outcome.COMPLIANT);
        }
        String severity = severity(rule, actual);
        String status;
        if (actual >= required) {
            status = Finding.POSSIBLE_CONFLICT;
            severity = null;
        } else if (!rule.confirmed() && actual >= 0) {
            status = Finding.RULE_UNCONFIRMED;
        } else {
            status = severity;
        }
        String certainty = actual + u < required ? "certain" : "possible";
        YieldOrder.Decision yields = rules.whoYields(pair.a(), pair.b()).orElse(null);
        return new Result(Outcome.FINDING, new Finding(kind, pair, rule, status, severity, certainty, required, actual, u,
                yields, upper, levelA, levelB, basis, List.copyOf(assumptions)));
    }

    /**
     * Within the reduction the clause allows with protective measures (down to reduced_min_m; outer walls not
     * touching) a finding needs approval; below it, or where no reduction is allowed, it is a violation.
     */
    private static String severity(ClearanceRule rule, double actual) {
        boolean reducible = rule.reducedMinM() != null && actual >= rule.reducedMinM() && actual > 0;
        return reducible ? Finding.NEEDS_APPROVAL : Finding.VIOLATION;
    }

    /**
     * The surveyed levels of both pipes at the crossing, measured downward: depths when both have them, else
     * minus elevations when both have those; null when they cannot be compared.
     */
    private static Levels levels(PairGeometry pair) {
        OptionalDouble da = pair.a().depthAt(pair.aFraction());
        OptionalDouble db = pair.b().depthAt(pair.bFraction());
        if (da.isPresent() && db.isPresent()) {
            return new Levels(da.getAsDouble(), db.getAsDouble(), true, "depth");
        }
        OptionalDouble za = pair.a().elevationAt(pair.aFraction());
        OptionalDouble zb = pair.b().elevationAt(pair.bFraction());
        if (za.isPresent() && zb.isPresent()) {
            return new Levels(-za.getAsDouble(), -zb.getAsDouble(), false, "elevation");
        }
        return null;
    }

    private record Levels(double a, double b, boolean downward, String basis) {
    }

    private static Double depth(Pipe p, double fraction) {
        OptionalDouble d = p.depthAt(fraction);
        return d.isPresent() ? d.getAsDouble() : null;
    }

    private void noteUnknownSize(Pipe p, List<String> assumptions) {
        if (!dimensions.sizeKnown(p)) {
            assumptions.add("pipe " + PipeTags.label(p) + ": size unknown, taken as a line");
        }
    }
}
