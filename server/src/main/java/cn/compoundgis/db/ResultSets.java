package cn.compoundgis.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reading nullable numbers from a row: JDBC's primitive getters answer 0 for NULL. */
public final class ResultSets {
    private ResultSets() {
    }

    public static Integer integerOrNull(ResultSet rs, String column) throws SQLException {
        return unlessNull(rs, rs.getInt(column));
    }

    public static Long longOrNull(ResultSet rs, String column) throws SQLException {
        return unlessNull(rs, rs.getLong(column));
    }

    public static Long longOrNull(ResultSet rs, int column) throws SQLException {
        return unlessNull(rs, rs.getLong(column));
    }

    public static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        return unlessNull(rs, rs.getDouble(column));
    }

    public static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        return unlessNull(rs, rs.getDouble(column));
    }

    /** {@code value}, just read, or null when the column read was NULL. */
    private static <T> T unlessNull(ResultSet rs, T value) throws SQLException {
        return rs.wasNull() ? null : value;
    }
}
