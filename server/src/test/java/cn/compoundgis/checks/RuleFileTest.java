package cn.compoundgis.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.checks.clearance.ClearanceRule;
import cn.compoundgis.checks.clearance.ClearanceRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule files as shipped, and a city's override merged over them (CHECK_RULES_OVERRIDE). */
class RuleFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyShippedRuleCitesItsClauseAndStatusAndMValuesAreUnconfirmed() {
        ClearanceRules rules = CheckRules.defaults().clearance();
        assertThat(rules.horizontal()).hasSize(29);
        assertThat(rules.vertical()).hasSize(11);
        for (ClearanceRule r : rules.horizontal()) {
            assertThat(r.clause()).as(r.id()).contains("GB 50289-2016 表 4.1.9");
            assertThat(r.status()).as(r.id()).isIn("verified", "secondary", "unconfirmed");
        }
        for (ClearanceRule r : rules.vertical()) {
            assertThat(r.clause()).as(r.id()).contains("GB 50289-2016 表 4.1.14");
            assertThat(r.status()).as(r.id()).as("table 4.1.14 is [M] in standards.md").isEqualTo("unconfirmed");
        }
        // the verified row of standards.md section 4: rain/sewer against water, gas, telecom, power
        assertThat(rules.horizontal().stream().filter(ClearanceRule::confirmed).map(ClearanceRule::a).distinct())
                .containsExactly("drainage");
        assertThat(rules.searchRadiusM()).as("largest rule distance 2.0 m + margin 3.0 m").isEqualTo(5.0);
    }

    @Test
    void aCityOverridesARuleByIdAndTheRuleSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("city-rules.json");
        Files.writeString(file, """
                {"clearance-rules": {"horizontal": {"rules": [
                   {"id": "H-04", "min_m": 1.5, "status": "verified", "clause": "某市管线规定 第 3.2 条: 1.5 m"}]}},
                 "dig-rules": {"max_extent_m": 300}}""");
        CheckRules rules = CheckRules.load(Map.of(CheckRules.OVERRIDE_ENV, file.toString()));
        ClearanceRule h04 = rules.clearance().horizontal().stream().filter(r -> r.id().equals("H-04")).findFirst().orElseThrow();
        assertThat(h04.minM()).isEqualTo(1.5);
        assertThat(h04.clause()).startsWith("某市");
        assertThat(h04.overriddenBy()).isEqualTo("city-rules.json");
        assertThat(h04.a()).as("what the city did not give stays").isEqualTo("drainage");
        ClearanceRule h05 = rules.clearance().horizontal().stream().filter(r -> r.id().equals("H-05")).findFirst().orElseThrow();
        assertThat(h05.overriddenBy()).isNull();
        assertThat(rules.dig().maxExtentM()).isEqualTo(300);
        assertThat(rules.dig().reportValidDays()).isEqualTo(CheckRules.defaults().dig().reportValidDays());
    }

    @Test
    void aCityCanAddARule() throws Exception {
        JsonNode override = JSON.readTree("""
                {"clearance-rules": {"horizontal": {"rules": [
                   {"id": "H-CITY-1", "a": "drainage", "b": "heat", "min_m": 1.5, "status": "verified",
                    "clause": "某市规定: 排水与热力 1.5 m"}]}}}""");
        ClearanceRules rules = CheckRules.fromOverride(override, "city.json").clearance();
        assertThat(rules.match(ClearanceRule.Kind.HORIZONTAL, TestPipes.pipe("YS").dn(400).build(),
                TestPipes.pipe("RL").dn(200).build())).get().extracting(m -> m.rule().id()).isEqualTo("H-CITY-1");
    }

    @Test
    void aMistakenOverrideIsRefusedAtStart() throws Exception {
        assertThatThrownBy(() -> CheckRules.fromOverride(JSON.readTree("{\"clearance\": {}}"), "x.json"))
                .hasMessageContaining("unknown rule table \"clearance\"");
        assertThatThrownBy(() -> CheckRules.fromOverride(JSON.readTree(
                "{\"clearance-rules\": {\"horizontal\": {\"rules\": [{\"min_m\": 1}]}}}"), "x.json"))
                .hasMessageContaining("needs an \"id\"");
        assertThatThrownBy(() -> CheckRules.load(Map.of(CheckRules.OVERRIDE_ENV, "/nonexistent/rules.json")))
                .hasMessageContaining(CheckRules.OVERRIDE_ENV);
    }

    @Test
    void withoutTheVariableTheDefaultsApply() {
        assertThat(CheckRules.load(Map.of()).clearance().horizontal()).hasSize(29);
    }
}
