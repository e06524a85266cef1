package cn.compoundgis.db;

import java.sql.Connection;
import java.sql.SQLException;

/** The one question every capability asks of the compound table before it acts for a compound. */
public final class Compounds {
    private static final String IS_CURRENT = "SELECT 1 FROM compound WHERE code = :code AND valid_to IS NULL";

    private Compounds() {
    }

    /** True when {@code code} names a compound with a current version. */
    public static boolean isCurrent(Connection c, String code) throws SQLException {
        return Sql.exists(c, IS_CURRENT, SqlParams.of().text("code", code));
    }
}
