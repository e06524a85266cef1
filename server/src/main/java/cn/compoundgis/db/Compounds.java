package cn.compoundgis.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The one question every capability asks of the compound table before it acts for a compound. */
public final class Compounds {
    private Compounds() {
    }

    /** True when {@code code} names a compound with a current version. */
    public static boolean isCurrent(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM compound WHERE code = ? AND valid_to IS NULL")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
