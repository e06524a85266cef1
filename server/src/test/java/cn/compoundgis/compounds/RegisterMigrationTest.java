package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.db.Database;
import cn.compoundgis.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V14 on a database that already holds compounds (a server that ran before the register): the old status
 * 'in_progress' becomes 'in_construction', the six-step workflow is enforced, and a compound may lose its boundary.
 */
class RegisterMigrationTest {
    @Test
    void compoundsOfAnOlderSchemaKeepTheirDataAndGetTheWorkflowStatus() throws Exception {
        ConnectionInfo info = TestDatabase.createDatabase("register_migration_test");
        try (HikariDataSource ds = Database.pool(info, 2)) {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("13")
                    .placeholders(Map.of("srid", String.valueOf(AppConfig.DEFAULT_WORKING_SRID))).load().migrate();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO compound (code, name, households, renovation_year, renovation_status, geom)
                        VALUES ('M001', '旧小区', 300, 2019, 'in_progress',
                                ST_GeomFromText('MULTIPOLYGON(((619000 3552000, 619100 3552000, 619100 3552100,
                                                 619000 3552000)))', 4548))""");
            }
            Database.migrate(ds, AppConfig.DEFAULT_WORKING_SRID);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT renovation_status, households, street FROM compound WHERE code = 'M001'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("in_construction");
                    assertThat(rs.getInt(2)).isEqualTo(300);
                    assertThat(rs.getString(3)).isNull();
                }
                for (String table : new String[] {"compound", "staged_compound"}) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_constraint WHERE conrelid = '" + table
                            + "'::regclass AND pg_get_constraintdef(oid) LIKE '%in_progress%'")) {
                        rs.next();
                        assertThat(rs.getInt(1)).as(table).isZero();
                    }
                }
                assertThat(refused(s, "UPDATE compound SET renovation_status = 'in_progress'")).isTrue();
                assertThat(refused(s, "UPDATE compound SET renovation_status = 'done'")).isTrue();
                assertThat(refused(s, "UPDATE compound SET renovation_status = 'accepted', geom = NULL")).isFalse();
            }
        }
    }

    private static boolean refused(Statement s, String sql) {
        try {
            s.execute(sql);
            return false;
        } catch (java.sql.SQLException e) {
            return "23514".equals(e.getSQLState());
        }
    }
}
