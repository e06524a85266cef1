package cn.compoundgis.dashboard;

import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.SqlResource;
import cn.compoundgis.http.ApiError;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/** The dashboard's SQL (resources/dashboard/*.sql): the totals and the compound table. */
final class DashboardQueries {
    private static final String SUMMARY = SqlResource.load("/dashboard/summary.sql");
    private static final String COMPOUNDS = SqlResource.load("/dashboard/compounds.sql");

    /** Rows fetched from the cursor at a time while an export streams. */
    static final int FETCH_ROWS = 500;

    private final DataSource dataSource;

    DashboardQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One row of the compound table. */
    record Row(String code, String name, String district, String renovationStatus, Integer renovationYear,
               Integer households, BigDecimal siteAreaM2, BigDecimal pipeLengthM, BigDecimal stallsAdded,
               LocalDate startedOn, LocalDate completedOn, LocalDate acceptedOn, Boolean propertyManagement,
               Boolean ownersCommittee) {
    }

    /** Takes the rows of {@link #forEachCompound} one at a time. */
    interface RowSink {
        void accept(Row row) throws IOException;
    }

    record Page(long numberMatched, List<Row> rows) {
    }

    /** The totals as the JSON text PostgreSQL built (summary.sql). */
    String summaryJson(DashboardFilter filter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, SUMMARY, filter(filter))) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** {@code orderBy} must come from {@link DashboardSort#orderBy}: it is put into the SQL as it is. */
    Page compounds(DashboardFilter filter, String orderBy, int limit, long offset) throws SQLException {
        String sql = COMPOUNDS.replace("ORDER_BY", orderBy);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, page(filter, limit, offset))) {
            try (ResultSet rs = ps.executeQuery()) {
                long matched = 0;
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    matched = rs.getLong("matched");
                    if (rs.getString("code") != null) {
                        rows.add(row(rs));
                    }
                }
                return new Page(matched, rows);
            }
        }
    }

    /**
     * Streams every matching row, in order, to {@code sink} through a server-side cursor ({@value #FETCH_ROWS} rows
     * fetched at a time), so an export never holds the whole table. Refuses (422, before the first row reaches the
     * sink) when more than {@code maxRows} match. {@code orderBy} must come from {@link DashboardSort#orderBy}.
     *
     * @return the number of rows streamed
     */
    long forEachCompound(DashboardFilter filter, String orderBy, int maxRows, String what, RowSink sink)
            throws SQLException, IOException {
        String sql = COMPOUNDS.replace("ORDER_BY", orderBy);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // pgjdbc uses a cursor (and honours the fetch size) only inside a transaction
            c.setAutoCommit(false);
            try (PreparedStatement ps = prepare(c, sql, page(filter, maxRows + 1, 0))) {
                ps.setFetchSize(FETCH_ROWS);
                return stream(ps, maxRows, what, sink);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static long stream(PreparedStatement ps, int maxRows, String what, RowSink sink)
            throws SQLException, IOException {
        long streamed = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long matched = rs.getLong("matched");
                if (matched > maxRows) {
                    throw ApiError.overLimit(matched + " compounds match; one " + what + " export holds at most "
                            + maxRows + ": filter by district or renovation_year");
                }
                if (rs.getString("code") != null) {
                    sink.accept(row(rs));
                    streamed++;
                }
            }
        }
        return streamed;
    }

    private static PreparedStatement prepare(Connection c, String sql, SqlParams params) throws SQLException {
        PreparedStatement ps = Sql.prepare(c, sql, params);
        try {
            plannedWithItsValues(ps);
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    private static SqlParams filter(DashboardFilter filter) {
        return SqlParams.of().text("district", filter.district()).integer("batch", filter.renovationYear())
                .text("status", filter.renovationStatus());
    }

    private static SqlParams page(DashboardFilter filter, int limit, long offset) {
        return filter(filter).integer("limit", limit).bigint("offset", offset);
    }

    /**
     * The filter's "no filter or this value" tests ({@code $1 IS NULL OR district = $1}) plan well only with their
     * values known. pgjdbc turns a statement run 5 times into a server-side prepared one, and PostgreSQL then may
     * switch to a generic plan that guesses a few compounds and nests loops over all of them: the unfiltered totals
     * went from 40 ms to 520 ms on the bench city (BENCHMARKS.md, dashboard). Threshold 0 keeps every run planned anew.
     */
    private static void plannedWithItsValues(PreparedStatement ps) throws SQLException {
        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("code"), rs.getString("name"), rs.getString("district"),
                rs.getString("renovation_status"), (Integer) rs.getObject("renovation_year"),
                (Integer) rs.getObject("households"), rs.getBigDecimal("site_area_m2"),
                rs.getBigDecimal("pipe_length_m"), rs.getBigDecimal("stalls_added"),
                rs.getObject("started_on", LocalDate.class), rs.getObject("completed_on", LocalDate.class),
                rs.getObject("accepted_on", LocalDate.class), (Boolean) rs.getObject("property_management"),
                (Boolean) rs.getObject("owners_committee"));
    }
}
