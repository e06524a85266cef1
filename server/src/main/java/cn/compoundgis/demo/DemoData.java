package cn.compoundgis.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The demo data set: the 16 old compounds of 全椒县 that the seed report lists (篇三; data/demo/compounds.csv, its
 * published numbers) with a generated, deterministic layout of buildings, underground networks, fire lanes,
 * parking stalls and obstacles, all referencing one survey row "演示数据 demo data"; and the six compounds of the
 * seed's 篇二 as a second district, registered with their figures but without boundary (the seed gives no place).
 */
public final class DemoData {
    private DemoData() {
    }

    /**
     * Loads the demo data in one transaction if table {@code compound} is empty.
     *
     * @return true if it loaded the data, false if the database already held compounds
     */
    public static boolean loadIfEmpty(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                boolean loaded = loadInTransaction(c);
                if (loaded) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return loaded;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static boolean loadInTransaction(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(DemoSql.LOCK_COMPOUND);
            if (queryBoolean(s, DemoSql.ANY_COMPOUND)) {
                return false;
            }
            int srid = queryInt(s, DemoSql.WORKING_SRID);
            List<CompoundRow> rows = CompoundCsv.read();
            DemoWriter.write(c, srid, DemoGenerator.generate(rows));
            return true;
        }
    }

    private static boolean queryBoolean(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static int queryInt(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
