package cn.compoundgis.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented defaults of check-limits.json, and how a deployment changes them. */
class CheckLimitsFileTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        CheckLimits limits = CheckLimits.defaults();
        assertThat(limits.statementTimeoutMs()).isEqualTo(20_000);
        assertThat(limits.databaseStatementTimeoutMs()).isEqualTo(60_000);
        assertThat(limits.maxConcurrentChecks()).isEqualTo(2);
        assertThat(limits.clearanceMaxDesignFeatures()).isEqualTo(2_000);
        assertThat(limits.clearanceMaxPairs()).isEqualTo(200_000);
        assertThat(limits.clearanceMaxFindings()).isEqualTo(10_000);
        assertThat(limits.digMaxPipesAndPoints()).isEqualTo(20_000);
        assertThat(limits.parkingMaxProposedStalls()).isEqualTo(2_000);
    }

    @Test
    void aFileAndSingleVariablesOverrideThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("limits.json");
        Files.writeString(file, "{\"clearance\": {\"max_pairs\": 5000}, \"queue_wait_s\": 1}");
        CheckLimits limits = CheckLimits.load(Map.of(CheckLimits.OVERRIDE_ENV, file.toString(), "CHECK_TIMEOUT_S", "7.5",
                "DB_STATEMENT_TIMEOUT_S", "0", "CHECK_MAX_CONCURRENT", "4"));
        assertThat(limits.clearanceMaxPairs()).isEqualTo(5_000);
        assertThat(limits.clearanceMaxFindings()).as("untouched").isEqualTo(10_000);
        assertThat(limits.queueWaitS()).isEqualTo(1);
        assertThat(limits.statementTimeoutMs()).isEqualTo(7_500);
        assertThat(limits.databaseStatementTimeoutMs()).as("0 = none").isZero();
        assertThat(limits.maxConcurrentChecks()).isEqualTo(4);
    }

    @Test
    void badValuesAreRefusedAtStart() {
        assertThatThrownBy(() -> CheckLimits.load(Map.of("CHECK_TIMEOUT_S", "soon"))).hasMessageContaining("CHECK_TIMEOUT_S");
        assertThatThrownBy(() -> CheckLimits.load(Map.of("CHECK_TIMEOUT_S", "0"))).hasMessageContaining("statement_timeout_s");
        assertThatThrownBy(() -> CheckLimits.withOverride("{\"clearance\": {\"max_pairs\": -1}}"))
                .hasMessageContaining("max_pairs");
        assertThatThrownBy(() -> CheckLimits.withOverride("{\"max_concurrent_checks\": 1.5}"))
                .hasMessageContaining("max_concurrent_checks");
    }
}
