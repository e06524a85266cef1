package cn.compoundgis.dashboard;

import cn.compoundgis.db.SqlResource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The dashboard's SQL (resources/dashboard/*.sql): the totals and the compound table. */
final class DashboardQueries {
    private static final String SUMMARY = SqlResource.load("/dashboard/summary.sql");
    private static final String COMPOUNDS = SqlResource.load("/dashboard/compounds.sql");

    private final DataSource dataSource;

    DashboardQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One row of the compound table. */
    record Row(String code, String name, String district, String renovationStatus, Integer renovationYear,
               Integer households, BigDecimal siteAreaM2, BigDecimal pipeLengthM, BigDecimal stallsAdded) {
    }

    record Page(long numberMatched, List<Row> rows) {
    }

    /** The totals as the JSON text PostgreSQL built (summary.sql). */
    String summaryJson(DashboardFilter filter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SUMMARY)) {
            bindFilter(ps, filter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** {@code orderBy} must come from {@link DashboardSort#orderBy}: it is put into the SQL as it is. */
    Page compounds(DashboardFilter filter, String orderBy, int limit, long offset) throws SQLException {
        String sql = COMPOUNDS.replace("ORDER_BY", orderBy);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int next = bindFilter(ps, filter);
            ps.setInt(next, limit);
            ps.setLong(next + 1, offset);
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

    private static int bindFilter(PreparedStatement ps, DashboardFilter filter) throws SQLException {
        ps.setString(1, filter.district());
        if (filter.renovationYear() == null) {
            ps.setNull(2, Types.INTEGER);
        } else {
            ps.setInt(2, filter.renovationYear());
        }
        ps.setString(3, filter.renovationStatus());
        return 4;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("code"), rs.getString("name"), rs.getString("district"),
                rs.getString("renovation_status"), (Integer) rs.getObject("renovation_year"),
                (Integer) rs.getObject("households"), rs.getBigDecimal("site_area_m2"),
                rs.getBigDecimal("pipe_length_m"), rs.getBigDecimal("stalls_added"));
    }
}
