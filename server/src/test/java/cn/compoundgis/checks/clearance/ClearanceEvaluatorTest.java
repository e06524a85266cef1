package cn.compoundgis.checks.clearance;

import static cn.compoundgis.checks.TestPipes.pipe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.checks.CheckRules;
import cn.compoundgis.checks.Pipe;
import cn.compoundgis.checks.TestPipes;
import cn.compoundgis.checks.clearance.ClearanceEvaluator.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Every path of the judgement: compliant, needs approval, violation, rule unconfirmed, possible conflict, joined,
 * no rule, no depth; in plan outer wall to outer wall, at crossings by the invert/top convention.
 */
class ClearanceEvaluatorTest {
    private final ClearanceEvaluator evaluator = new ClearanceEvaluator(CheckRules.defaults());

    private static final TestPipes RAIN = pipe("YS").id(1).dn(400).material("HDPE").depth(2.0).design();
    private static final TestPipes GAS_B = pipe("RQ").id(2).dn(110).material("PE").pressure("medium_b").depth(1.0).design();

    private ClearanceEvaluator.Result beside(TestPipes a, TestPipes b, double centres) {
        return evaluator.evaluate(new PairGeometry(a.build(), b.build(), centres, false, 0.5, 0.5, false, "{}"));
    }

    private ClearanceEvaluator.Result crossing(TestPipes a, TestPipes b) {
        return evaluator.evaluate(new PairGeometry(a.build(), b.build(), 0, true, 0.5, 0.5, false, "{}"));
    }

    @Test
    void inPlanTheDistanceIsOuterWallToOuterWallAndBelowAConfirmedValueNeedsApproval() {
        ClearanceEvaluator.Result r = beside(RAIN, GAS_B, 0.8);
        assertThat(r.outcome()).isEqualTo(Outcome.FINDING);
        Finding f = r.finding();
        assertThat(f.actualM()).isCloseTo(0.8 - 0.232 - 0.0638, within(1e-9));
        assertThat(f.requiredM()).isEqualTo(1.2);
        assertThat(f.status()).isEqualTo(Finding.NEEDS_APPROVAL);
        assertThat(f.certainty()).isEqualTo("certain");
        assertThat(f.uncertaintyM()).as("designed pipes are exact").isZero();
    }

    @Test
    void outerWallsOverlappingInPlanAreAViolation() {
        Finding f = beside(RAIN, GAS_B, 0.25).finding();
        assertThat(f.actualM()).isNegative();
        assertThat(f.status()).isEqualTo(Finding.VIOLATION);
    }

    @Test
    void clearOfTheValueIsCompliant() {
        assertThat(beside(RAIN, GAS_B, 1.2 + 0.232 + 0.0638 + 0.001).outcome()).isEqualTo(Outcome.COMPLIANT);
    }

    @Test
    void belowAnUnconfirmedValueTheFindingSaysSoAndKeepsItsSeverity() {
        TestPipes water = pipe("JS").id(3).dn(150).material("PE").depth(1.0).design();
        Finding f = beside(water, GAS_B, 0.4).finding();
        assertThat(f.rule().id()).isEqualTo("H-11");
        assertThat(f.status()).isEqualTo(Finding.RULE_UNCONFIRMED);
        assertThat(f.severity()).isEqualTo(Finding.NEEDS_APPROVAL);
    }

    @Test
    void aMarginWithinTheSurveyUncertaintyIsAPossibleConflict() {
        // surveyed hidden gas main at 1 m depth: ±0.05 m in plan; 1.22 m outer to outer where 1.2 m is asked
        TestPipes surveyedGas = pipe("RQ").id(2).dn(110).material("PE").pressure("medium_b").depth(1.0);
        Finding f = beside(RAIN, surveyedGas, 1.22 + 0.232 + 0.0638).finding();
        assertThat(f.status()).isEqualTo(Finding.POSSIBLE_CONFLICT);
        assertThat(f.severity()).isNull();
        assertThat(f.certainty()).isEqualTo("possible");
        assertThat(f.uncertaintyM()).isCloseTo(0.05, within(1e-9));
        // below the value by less than the uncertainty: a finding, but not certain
        Finding close = beside(RAIN, surveyedGas, 1.18 + 0.232 + 0.0638).finding();
        assertThat(close.status()).isEqualTo(Finding.NEEDS_APPROVAL);
        assertThat(close.certainty()).isEqualTo("possible");
    }

    @Test
    void twoSurveyedPipesCombineTheirUncertainties() {
        TestPipes surveyedRain = pipe("YS").id(1).dn(400).material("HDPE").depth(2.0);
        TestPipes surveyedGas = pipe("RQ").id(2).dn(110).material("PE").pressure("medium_b").depth(1.0);
        Finding f = beside(surveyedRain, surveyedGas, 0.8).finding();
        assertThat(f.uncertaintyM()).isCloseTo(Math.hypot(0.05 * 2.0, 0.05 * 1.0), within(1e-9));
    }

    @Test
    void atACrossingTheDrainIsMeasuredToItsInvertAndTheWaterPipeToItsTop() {
        // rain DN400 HDPE, invert 2.0: outer top 1.568. Water DN200 ductile iron, top 1.2: outer bottom 1.4132.
        TestPipes water = pipe("JS").id(3).dn(200).material("球墨铸铁").depth(1.2).design();
        Finding f = crossing(RAIN, water).finding();
        assertThat(f.kind()).isEqualTo(ClearanceRule.Kind.VERTICAL);
        assertThat(f.actualM()).isCloseTo(1.568 - 1.4132, within(1e-9));
        assertThat(f.upper()).isEqualTo("b");
        assertThat(f.rule().id()).isEqualTo("V-01");
        assertThat(f.status()).isEqualTo(Finding.RULE_UNCONFIRMED);
        assertThat(f.severity()).isEqualTo(Finding.VIOLATION);

        // the same numbers read as if the drain were surveyed to its top would put it 0.4 m lower: compliant
        TestPipes rainReadAsTop = pipe("YS").id(1).dn(400).material("HDPE").depth(2.0).reference("top").design();
        assertThat(crossing(rainReadAsTop, water).outcome()).isEqualTo(Outcome.COMPLIANT);
    }

    @Test
    void outerWallsOverlappingAtACrossingAreAViolationWhateverTheRuleStatus() {
        TestPipes water = pipe("JS").id(3).dn(200).material("球墨铸铁").depth(1.5).design();
        Finding f = crossing(RAIN, water).finding();
        assertThat(f.actualM()).isNegative();
        assertThat(f.status()).isEqualTo(Finding.VIOLATION);
    }

    @Test
    void buriedPowerAllowsAReductionToASlabDistance() {
        TestPipes cable = pipe("DL").id(4).dn(100).material("电缆").burial("直埋").depth(0.7).design();
        // cable bottom 0.7 + 0.12 (DN100, default wall 10 mm); water top 1.12 → 0.3 m: between 0.25 (with a slab) and 0.50
        TestPipes water = pipe("JS").id(3).dn(100).material("PE").depth(1.12).design();
        Finding reducible = crossing(cable, water).finding();
        assertThat(reducible.rule().id()).isEqualTo("V-09");
        assertThat(reducible.actualM()).isCloseTo(0.3, within(1e-9));
        assertThat(reducible.severity()).isEqualTo(Finding.NEEDS_APPROVAL);
        TestPipes closer = pipe("JS").id(3).dn(100).material("PE").depth(1.02).design();
        assertThat(crossing(cable, closer).finding().severity()).isEqualTo(Finding.VIOLATION);
    }

    @Test
    void elevationsAreComparedWhenDepthsAreMissingAndNothingIsGuessedWithoutEither() {
        TestPipes rainByElevation = pipe("YS").id(1).dn(400).material("HDPE").elevations(10.0, 10.0).design();
        TestPipes waterByElevation = pipe("JS").id(3).dn(200).material("球墨铸铁").elevations(10.8, 10.8).design();
        Finding f = crossing(rainByElevation, waterByElevation).finding();
        // rain outer top at elevation 10.0 + 0.4 + 0.032 = 10.432; water outer bottom at 10.8 − 0.2132 = 10.5868
        assertThat(f.actualM()).isCloseTo(10.5868 - 10.432, within(1e-9));
        assertThat(f.upper()).isEqualTo("b");
        assertThat(f.levelBasis()).isEqualTo("elevation");
        assertThat(f.aLevelM()).isEqualTo(10.0);

        TestPipes noLevels = pipe("JS").id(3).dn(200).design();
        assertThat(crossing(RAIN, noLevels).outcome()).isEqualTo(Outcome.NO_DEPTH);
    }

    @Test
    void joinedPipesAndPairsWithoutARuleMakeNoFinding() {
        Pipe a = RAIN.build();
        Pipe b = pipe("YS").id(5).dn(400).depth(2.1).design().build();
        assertThat(evaluator.evaluate(new PairGeometry(a, b, 0, true, 1, 0, true, "{}")).outcome())
                .isEqualTo(Outcome.CONNECTED);
        assertThat(beside(RAIN, pipe("RL").id(6).dn(300).depth(1.5).design(), 0.5).outcome()).isEqualTo(Outcome.NO_RULE);
    }

    @Test
    void aFindingSaysWhichPipeShouldYield() {
        Finding f = beside(RAIN, GAS_B, 0.8).finding();
        assertThat(f.yields().pipe()).isEqualTo("b");
        assertThat(f.yields().criterion()).isEqualTo("pressure_yields_to_gravity");
    }
}
