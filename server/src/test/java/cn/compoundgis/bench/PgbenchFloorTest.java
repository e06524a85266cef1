package cn.compoundgis.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PgbenchFloorTest {
    @Test
    void aRecordInTheDefaultPrefixIsNotALineOfTheStatementBeforeIt() {
        // as PostgreSQL wrote it while the settings were reloaded (2026-12-07): an empty statement, then the reload
        String log = """
                cgis-bench-log [20619] compound_gis_app LOG:  duration: 0.031 ms  statement:\s
                2026-12-07 19:12:02.038 UTC [20581] LOG:  received SIGHUP, reloading configuration files
                cgis-bench-log [20652] compound_gis_app LOG:  duration: 0.065 ms  execute S_2: SELECT 1
                  FROM t
                2026-12-07 19:12:02.039 UTC [20581] LOG:  parameter "log_min_duration_statement" changed to "0"
                """;
        List<String> records = PgbenchFloor.records(log);
        assertThat(records).containsExactly(
                "cgis-bench-log [20619] compound_gis_app LOG:  duration: 0.031 ms  statement: ",
                "cgis-bench-log [20652] compound_gis_app LOG:  duration: 0.065 ms  execute S_2: SELECT 1\n  FROM t");
    }
}
