package cn.compoundgis.checks.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.checks.CheckRules;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.testing.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The clearance check is index-driven: on ten compounds of the benchmark city (12 000 pipes) PostgreSQL finds
 * the candidate pairs of a compound through the GiST index with ST_DWithin of the largest rule distance, not by
 * comparing all pairs (the search radius is the largest rule distance, 2.0 m, plus the 3.0 m margin).
 */
class ClearancePlanTest {
    @Test
    void candidatePairsComeFromTheGistIndex() throws Exception {
        DataSource ds = TestDatabase.fresh("clearance_plan_test");
        String city;
        try (InputStream in = getClass().getResourceAsStream("/bench/city.sql")) {
            city = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{segments}", "12000").replace("{compounds}", "10");
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(city);
            c.commit();
            c.setAutoCommit(true);
            s.execute("ANALYZE pipe");
            s.execute("ANALYZE pipe_point");
        }
        ClearanceRules rules = CheckRules.defaults().clearance();
        ClearanceQueries.Statement statement = new ClearanceQueries(4548)
                .pairs(ClearanceQueries.compound("B0004").get(0), Crs.CRS84, rules.searchRadiusM(), rules.touchToleranceM());
        List<String> plan = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("EXPLAIN " + statement.sql())) {
            int i = 1;
            for (Object p : statement.parameters()) {
                ps.setObject(i++, p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }
        String text = String.join("\n", plan);
        assertThat(text).as(text).contains("Index Scan using pipe_geom_current on pipe b").contains("Nested Loop");
        assertThat(text).as(text).contains("st_dwithin(a.geom, geom, '5'").doesNotContain("Seq Scan on pipe b");
        assertThat(text).as("each end's accuracy class by the unique point number index").contains("pipe_point_current_no")
                .doesNotContain("Seq Scan on pipe_point");
    }
}
