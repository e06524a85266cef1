package cn.compoundgis.db;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Each pooled connection builds the working CRS's transformations before its first request (db/warm-up.sql). */
class DatabaseWarmUpTest {
    private static final long NO_TIMEOUT = 0;

    @Test
    void aDatabaseWithoutPostgisYetStillGetsConnectionsAndIsMigratedThroughThem() throws Exception {
        ConnectionInfo empty = TestDatabase.createDatabase("warm_up_before_migration");
        try (HikariDataSource pool = Database.pool(empty, 2, NO_TIMEOUT, 4548)) {
            assertThat(query(pool, "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'")).isEqualTo("0");
            Database.migrate(pool, 4548);
            assertThat(Database.storedSrid(pool)).isEqualTo(4548);
        }
    }

    @Test
    void theWarmUpsTransformationsSucceedForTheWorkingCrsesOfTheCity() throws Exception {
        DataSource db = TestDatabase.fresh("warm_up_transforms");
        for (int srid : new int[] {4548, 4549, 4527}) {
            // without its exception handler, so that a transformation that cannot be built fails here
            String strict = Database.warmUpSql(srid).replaceAll("(?s)EXCEPTION WHEN OTHERS THEN\\s*NULL;", "");
            assertThat(strict).doesNotContain("EXCEPTION");
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute(strict);
            }
        }
        try (HikariDataSource pool = Database.pool(TestDatabase.server().withDatabase("warm_up_transforms"), 2,
                NO_TIMEOUT, 4548)) {
            assertThat(query(pool, "SELECT ST_SRID(geom) FROM (SELECT ST_Transform(ST_SetSRID(ST_Point(117, 32), 4326),"
                    + " 4548) AS geom) g")).isEqualTo("4548");
        }
    }

    private static String query(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
