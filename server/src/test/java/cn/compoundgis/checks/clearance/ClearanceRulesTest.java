package cn.compoundgis.checks.clearance;

import static cn.compoundgis.checks.TestPipes.pipe;
import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.checks.CheckRules;
import cn.compoundgis.checks.TestPipes;
import cn.compoundgis.checks.clearance.ClearanceRule.Kind;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of tables 4.1.9 and 4.1.14 is reached by the pipes it is for: each network pair, the water size
 * split (d ≤ 200 / > 200), gas pressure classes and DN ≤ 300 / > 300, power and telecom buried or in conduit,
 * power owners; and pairs the tables give no value for match nothing. The pair is tried both ways round.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClearanceRulesTest {
    private final ClearanceRules rules = CheckRules.defaults().clearance();
    private final Set<String> reached = new HashSet<>();

    static Stream<Arguments> horizontalPairs() {
        return Stream.of(
                Arguments.of(pipe("YS").dn(400), pipe("JS").dn(200), "H-01"),
                Arguments.of(pipe("WS").dn(300), pipe("JS").dn(300), "H-02"),
                Arguments.of(pipe("HS").dn(300), pipe("JS"), "H-02"), // unknown water size: the stricter split
                Arguments.of(pipe("YS").dn(400), pipe("RQ").dn(110).pressure("low"), "H-03"),
                Arguments.of(pipe("YS").dn(400), pipe("RQ").dn(110).pressure("medium_b"), "H-04"),
                Arguments.of(pipe("YS").dn(400), pipe("RQ").dn(110).pressure("medium_a"), "H-05"),
                Arguments.of(pipe("YS").dn(400), pipe("RQ").dn(110), "H-05"), // unknown pressure: medium A
                Arguments.of(pipe("YS").dn(400), pipe("RQ").dn(200).pressure("sub_high_b"), "H-06"),
                Arguments.of(pipe("YS").dn(400), pipe("RQ").dn(200).pressure("sub_high_a"), "H-07"),
                Arguments.of(pipe("YS").dn(400), pipe("TX").dn(100).burial("直埋"), "H-08"),
                Arguments.of(pipe("WS").dn(400), pipe("TX").dn(100).burial("管块"), "H-08"),
                Arguments.of(pipe("YS").dn(400), pipe("DL").dn(100).burial("直埋"), "H-09"),
                Arguments.of(pipe("HS").dn(400), pipe("DL").dn(100).burial("穿管"), "H-09"),
                Arguments.of(pipe("JS").dn(150), pipe("RQ").dn(110).pressure("low"), "H-10"),
                Arguments.of(pipe("JS").dn(300), pipe("RQ").dn(110).pressure("medium_b"), "H-11"),
                Arguments.of(pipe("JS").dn(300), pipe("RQ").dn(110).pressure("medium_a"), "H-12"),
                Arguments.of(pipe("JS").dn(300), pipe("RQ").dn(200).pressure("sub_high_b"), "H-13"),
                Arguments.of(pipe("JS").dn(300), pipe("RQ").dn(200).pressure("sub_high_a"), "H-14"),
                Arguments.of(pipe("JS").dn(300), pipe("RL").dn(200), "H-15"),
                Arguments.of(pipe("JS").dn(300), pipe("DL").dn(100), "H-16"),
                Arguments.of(pipe("JS").dn(100), pipe("TX").dn(100), "H-17"),
                Arguments.of(pipe("RQ").dn(200).pressure("low"), pipe("RQ").dn(300).pressure("medium_b"), "H-18"),
                Arguments.of(pipe("RQ").dn(200).pressure("low"), pipe("RQ").dn(400).pressure("low"), "H-19"),
                Arguments.of(pipe("RQ").dn(200).pressure("low"), pipe("RQ").pressure("low"), "H-19"), // unknown DN: stricter
                Arguments.of(pipe("RQ").dn(110).pressure("low"), pipe("RL").dn(200), "H-20"),
                Arguments.of(pipe("RQ").dn(110).pressure("low"), pipe("DL").dn(100).burial("直埋"), "H-21"),
                Arguments.of(pipe("RQ").dn(110).pressure("low"), pipe("DL").dn(100).burial("保护管"), "H-22"),
                Arguments.of(pipe("RQ").dn(110).pressure("low"), pipe("TX").dn(100), "H-23"),
                Arguments.of(pipe("RQ").dn(110).pressure("low"), pipe("TX").dn(100).burial("管道"), "H-24"),
                Arguments.of(pipe("RL").dn(200), pipe("DL").dn(100), "H-25"),
                Arguments.of(pipe("DL").dn(100), pipe("TX").dn(100), "H-26"),
                Arguments.of(pipe("DL").dn(100).owner("供电公司"), pipe("DL").dn(100).owner("供电公司"), "H-27"),
                Arguments.of(pipe("DL").dn(100).owner("供电公司"), pipe("DL").dn(100).owner("路灯所"), "H-28"),
                Arguments.of(pipe("DL").dn(100), pipe("DL").dn(100), "H-28"), // owners unknown: not shown to be the same
                Arguments.of(pipe("TX").dn(100), pipe("TX").dn(100).burial("管块"), "H-29"));
    }

    static Stream<Arguments> verticalPairs() {
        return Stream.of(
                Arguments.of(pipe("YS").dn(400), pipe("JS").dn(200), "V-01"),
                Arguments.of(pipe("YS").dn(400), pipe("WS").dn(300), "V-02"),
                Arguments.of(pipe("JS").dn(200), pipe("JS").dn(100), "V-03"),
                Arguments.of(pipe("RQ").dn(110).pressure("low"), pipe("JS").dn(100), "V-04"),
                Arguments.of(pipe("RQ").dn(110).pressure("low"), pipe("WS").dn(300), "V-04"),
                Arguments.of(pipe("RQ").dn(110).pressure("low"), pipe("RL").dn(300), "V-04"),
                Arguments.of(pipe("RQ").dn(110).pressure("low"), pipe("RQ").dn(160).pressure("medium_b"), "V-04"),
                Arguments.of(pipe("TX").dn(100).burial("管块"), pipe("JS").dn(100), "V-05"),
                Arguments.of(pipe("TX").dn(100).burial("管块"), pipe("RQ").dn(110).pressure("low"), "V-05"),
                Arguments.of(pipe("TX").dn(100).burial("管块"), pipe("RL").dn(200), "V-06"),
                Arguments.of(pipe("TX").dn(100).burial("管块"), pipe("TX").dn(100).burial("管块"), "V-06"),
                Arguments.of(pipe("TX").dn(100).burial("直埋"), pipe("YS").dn(400), "V-07"),
                Arguments.of(pipe("TX").dn(100).burial("直埋"), pipe("RL").dn(200), "V-07"),
                Arguments.of(pipe("TX").dn(100).burial("直埋"), pipe("TX").dn(100).burial("直埋"), "V-08"),
                Arguments.of(pipe("DL").dn(100).burial("直埋"), pipe("YS").dn(400), "V-09"),
                Arguments.of(pipe("DL").dn(100).burial("直埋"), pipe("RQ").dn(110).pressure("low"), "V-09"),
                Arguments.of(pipe("DL").dn(100).burial("直埋"), pipe("DL").dn(100).burial("穿管"), "V-09"),
                Arguments.of(pipe("DL").dn(100).burial("直埋"), pipe("TX").dn(100).burial("管块"), "V-09"),
                Arguments.of(pipe("DL").dn(100).burial("穿管"), pipe("JS").dn(100), "V-10"),
                Arguments.of(pipe("DL").dn(100).burial("穿管"), pipe("RL").dn(100), "V-10"),
                Arguments.of(pipe("DL").dn(100).burial("穿管"), pipe("DL").dn(100).burial("排管"), "V-10"),
                Arguments.of(pipe("DL").dn(100).burial("穿管"), pipe("TX").dn(100).burial("直埋"), "V-10"),
                Arguments.of(pipe("DL").dn(100).burial("穿管"), pipe("RQ").dn(110).pressure("low"), "V-11"));
    }

    static Stream<Arguments> uncoveredPairs() {
        return Stream.of(
                Arguments.of(Kind.HORIZONTAL, pipe("YS").dn(400), pipe("WS").dn(300)),
                Arguments.of(Kind.HORIZONTAL, pipe("JS").dn(400), pipe("JS").dn(300)),
                Arguments.of(Kind.HORIZONTAL, pipe("YS").dn(400), pipe("RL").dn(300)),
                Arguments.of(Kind.HORIZONTAL, pipe("RL").dn(400), pipe("TX").dn(100)),
                Arguments.of(Kind.HORIZONTAL, pipe("YS").dn(400), pipe("RQ").dn(300).pressure("high_a")),
                Arguments.of(Kind.HORIZONTAL, pipe("GY").dn(100), pipe("YS").dn(400)),
                Arguments.of(Kind.HORIZONTAL, pipe("QT").dn(100), pipe("JS").dn(100)),
                Arguments.of(Kind.VERTICAL, pipe("RL").dn(200), pipe("JS").dn(100)),
                Arguments.of(Kind.VERTICAL, pipe("RL").dn(200), pipe("RL").dn(100)),
                Arguments.of(Kind.VERTICAL, pipe("QT").dn(200), pipe("YS").dn(400)));
    }

    @ParameterizedTest(name = "{0} / {1} in plan: {2}")
    @MethodSource("horizontalPairs")
    void eachHorizontalPairFindsItsRule(TestPipes a, TestPipes b, String expected) {
        assertRule(Kind.HORIZONTAL, a, b, expected);
    }

    @ParameterizedTest(name = "{0} / {1} crossing: {2}")
    @MethodSource("verticalPairs")
    void eachVerticalPairFindsItsRule(TestPipes a, TestPipes b, String expected) {
        assertRule(Kind.VERTICAL, a, b, expected);
    }

    @ParameterizedTest(name = "{0}: no rule")
    @MethodSource("uncoveredPairs")
    void pairsTheTablesGiveNoValueForMatchNothing(Kind kind, TestPipes a, TestPipes b) {
        assertThat(rules.match(kind, a.build(), b.build())).isEmpty();
    }

    @Test
    void assumptionsAreNamedInTheMatch() {
        Optional<ClearanceRules.Match> match = rules.match(Kind.HORIZONTAL, pipe("YS").dn(400).build(), pipe("RQ").dn(110).build());
        assertThat(match.orElseThrow().assumptions()).singleElement().asString().contains("pressure class unknown")
                .contains("medium_a");
    }

    private void assertRule(Kind kind, TestPipes a, TestPipes b, String expected) {
        assertThat(rules.match(kind, a.build(), b.build())).get().extracting(m -> m.rule().id()).isEqualTo(expected);
        assertThat(rules.match(kind, b.build(), a.build())).as("the other way round").get()
                .extracting(m -> m.rule().id()).isEqualTo(expected);
        reached.add(expected);
    }

    @AfterAll
    void everyRuleOfBothTablesWasReached() {
        Set<String> all = new HashSet<>();
        rules.horizontal().forEach(r -> all.add(r.id()));
        rules.vertical().forEach(r -> all.add(r.id()));
        assertThat(reached).containsExactlyInAnyOrderElementsOf(all);
    }

    /** Issue 14 point 5: the map shows a finding's clause in its user's language. */
    @Test
    void everyRuleCitesItsClauseInChineseAndInEnglish() {
        for (ClearanceRule rule : Stream.concat(rules.horizontal().stream(), rules.vertical().stream()).toList()) {
            assertThat(rule.clauseZh().replace("standards.md", "")).as(rule.id()).startsWith("GB 50289-2016 表 4.1.").doesNotContainPattern("\\b(?!mm\\b)[a-z]{3,}\\b");
            assertThat(rule.clauseEn()).as(rule.id()).startsWith("GB 50289-2016 table 4.1.").doesNotContainPattern("\\p{IsHan}");
        }
    }
}
