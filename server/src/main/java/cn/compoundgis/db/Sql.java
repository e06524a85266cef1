package cn.compoundgis.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The one way the stores run SQL with named parameters: {@link #prepare} binds a {@link NamedSql} statement's
 * {@code :name}s from {@link SqlParams}; the helpers answer the single values the stores keep asking for.
 */
public final class Sql {
    private Sql() {
    }

    /** The statement prepared with every parameter bound; the caller closes it. */
    public static PreparedStatement prepare(Connection c, String sql, SqlParams params) throws SQLException {
        NamedSql named = NamedSql.of(sql);
        PreparedStatement ps = c.prepareStatement(named.jdbc());
        try {
            params.bind(ps, named);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** One statement with named parameters run for many rows at once (JDBC's batch): {@link #batch}. */
    public static final class Batch implements AutoCloseable {
        private final NamedSql named;
        private final PreparedStatement ps;

        private Batch(NamedSql named, PreparedStatement ps) {
            this.named = named;
            this.ps = ps;
        }

        /** Adds one row, its parameters bound by name. */
        public void add(SqlParams row) throws SQLException {
            row.bind(ps, named);
            ps.addBatch();
        }

        /** Runs every row added; answers how many rows each touched. */
        public int[] run() throws SQLException {
            return ps.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            ps.close();
        }
    }

    /** A statement to run for many rows, each added with its parameters ({@link Batch#add}); the caller closes it. */
    public static Batch batch(Connection c, String sql) throws SQLException {
        NamedSql named = NamedSql.of(sql);
        return new Batch(named, c.prepareStatement(named.jdbc()));
    }

    /** Runs a statement for its effect alone, such as taking a lock, whatever it answers. */
    public static void run(Connection c, String sql, SqlParams params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            ps.execute();
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; answers how many rows it touched. */
    public static int update(Connection c, String sql, SqlParams params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** The first column of the one row the query must answer, as a long (such as a count or a RETURNING id). */
    public static long oneLong(Connection c, String sql, SqlParams params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("the query answered no row where one was expected: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** The first column of the first row as a long; empty when there is no row or the value is NULL. */
    public static Optional<Long> optionalLong(Connection c, String sql, SqlParams params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(ResultSets.longOrNull(rs, 1)) : Optional.empty();
        }
    }

    /** The first column of the first row as text; empty when there is no row or the value is NULL. */
    public static Optional<String> optionalText(Connection c, String sql, SqlParams params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /** Whether the query answers any row. */
    public static boolean exists(Connection c, String sql, SqlParams params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }
}
