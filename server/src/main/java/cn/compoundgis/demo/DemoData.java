package cn.compoundgis.demo;

import cn.compoundgis.db.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;

/**
 * The demo data set: the 16 old compounds of 全椒县 that the seed report lists (篇三; data/demo/compounds.csv, its
 * published numbers) with a generated, deterministic layout of buildings, underground networks, fire lanes,
 * parking stalls and obstacles, all referencing one survey row "演示数据 demo data"; and the six compounds of the
 * seed's 篇二 as a second district, registered with their figures but without boundary (the seed gives no place).
 * The layout is computed by the generator in test sources (DemoFiles) and committed as data/demo/tables/*.csv;
 * this class only loads those files.
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
        return Transactions.inTransaction(ds, DemoData::loadInTransaction);
    }

    private static boolean loadInTransaction(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(DemoSql.LOCK_COMPOUND);
            if (queryBoolean(s, DemoSql.ANY_COMPOUND)) {
                return false;
            }
            int srid = queryInt(s, DemoSql.WORKING_SRID);
            long surveyId = insertSurvey(c);
            for (DemoSql.Table table : DemoSql.TABLES) {
                insertRows(c, table, surveyId, srid);
            }
            return true;
        }
    }

    private static long insertSurvey(Connection c) throws SQLException {
        List<List<String>> records = records(DemoSql.SURVEY);
        if (records.size() != 1) {
            throw new IllegalStateException("demo data: " + DemoSql.SURVEY.resource() + " holds "
                    + records.size() + " surveys, not one");
        }
        try (PreparedStatement ps = c.prepareStatement(DemoSql.SURVEY.insert())) {
            bindText(ps, 1, records.get(0));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void insertRows(Connection c, DemoSql.Table table, long surveyId, int srid) throws SQLException {
        int columns = table.columns().size();
        try (PreparedStatement ps = c.prepareStatement(table.insert())) {
            for (List<String> record : records(table)) {
                bindText(ps, 1, record.subList(0, columns));
                if (table.kind() == DemoSql.Kind.REGISTER_ITEM) {
                    bindText(ps, columns + 1, record.subList(0, 1));
                } else {
                    String wkt = record.get(columns);
                    // a row without geometry (a compound registered without boundary) was delivered by no survey
                    ps.setObject(columns + 1, wkt == null ? null : surveyId, Types.BIGINT);
                    ps.setString(columns + 2, wkt);
                    ps.setInt(columns + 3, srid);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            SQLException cause = e.getNextException() == null ? e : e.getNextException();
            throw new SQLException("demo data: " + table.resource() + " does not load: " + cause.getMessage(),
                    cause.getSQLState(), e);
        }
    }

    /** Binds values as untyped text from parameter {@code first} on, so each column's input function reads them. */
    private static void bindText(PreparedStatement ps, int first, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                ps.setNull(first + i, Types.OTHER);
            } else {
                ps.setObject(first + i, values.get(i), Types.OTHER);
            }
        }
    }

    private static List<List<String>> records(DemoSql.Table table) {
        try {
            return DemoCsv.read(table.resource(), table.header());
        } catch (IOException e) {
            throw new UncheckedIOException("demo data: cannot read " + table.resource(), e);
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
