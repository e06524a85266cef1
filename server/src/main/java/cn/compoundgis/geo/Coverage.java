package cn.compoundgis.geo;

import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.SqlResource;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * How much of a checked area (or of checked lines) lies inside surveyed compounds. "No pipes found" means
 * something only there: outside every compound the database simply holds no pipes, so an answer about such an
 * area carries the warning {@code OUTSIDE_SURVEYED_AREA}.
 *
 * @param fraction  0–1, by area for areas and by length for lines, rounded to 4 decimals
 * @param compounds the current compounds the subject touches, by code
 */
public record Coverage(double fraction, List<String> compounds) {
    public static final String OUTSIDE_SURVEYED_AREA = "OUTSIDE_SURVEYED_AREA";
    private static final String SQL = SqlResource.load("/geo/coverage.sql");
    private static final double DECIMALS = 10_000;
    private static final int PERCENT = 100;

    /**
     * Measures {@code subjectSql} (a SELECT yielding geometry column {@code g} in the working CRS) against the
     * current compound boundaries; {@code parameters} are the subject's {@code :name}s.
     */
    public static Coverage measure(Connection c, String subjectSql, SqlParams parameters) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, SQL.replace("{{subject}}", subjectSql), parameters)) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                double whole = rs.getDouble("whole");
                double inside = rs.getDouble("inside");
                Array codes = rs.getArray("compounds");
                List<String> compounds = codes == null ? List.of() : List.of((String[]) codes.getArray());
                double fraction = whole > 0 ? Math.min(1, Math.max(0, inside / whole)) : 0;
                return new Coverage(Math.round(fraction * DECIMALS) / DECIMALS, compounds);
            }
        }
    }

    public boolean complete() {
        return fraction >= 1;
    }

    /**
     * Adds {@code coverage} to an answer and, unless the subject lies wholly inside surveyed compounds, a warning
     * to its {@code warnings}.
     *
     * @param subject what was checked, for the message: "the dig area", "the design pipes"
     */
    public void writeTo(ObjectNode answer, String subject) {
        ObjectNode c = answer.putObject("coverage");
        c.put("fraction", fraction);
        ArrayNode codes = c.putArray("compounds");
        compounds.forEach(codes::add);
        ArrayNode warnings = answer.has("warnings") ? (ArrayNode) answer.get("warnings") : answer.putArray("warnings");
        if (complete()) {
            return;
        }
        ObjectNode w = warnings.addObject();
        w.put("code", OUTSIDE_SURVEYED_AREA);
        w.put("outside_fraction", Math.round((1 - fraction) * DECIMALS) / DECIMALS);
        String part = fraction <= 0 ? "none of " + subject + " lies inside a surveyed compound"
                : String.format(Locale.ROOT, "%s of %s lies outside every surveyed compound",
                percent(1 - fraction), subject);
        w.put("description", part + ": the database holds no pipes there, so finding none there does not mean there"
                + " are none. Ask the pipe owners or survey it before digging.");
    }

    private static String percent(double f) {
        double p = f * PERCENT;
        return (p < 1 ? String.format(Locale.ROOT, "%.2f", p) : String.format(Locale.ROOT, "%.0f", p)) + " %";
    }
}
