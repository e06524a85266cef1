package cn.compoundgis.checks.dig;

import cn.compoundgis.db.ResultSets;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.checks.PipeTable;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.Coverage;
import cn.compoundgis.geo.PostgisInput;
import cn.compoundgis.http.ApiError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/** Runs the dig check's SQL ({@link DigQueries}): the area in the working CRS, then the pipes and points near it. */
final class DigStore {
    /** Reads one candidate from a row of {@link DigQueries#pipes} or {@link DigQueries#points}. */
    private interface CandidateReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;
    private final DataSource primary;
    private final DigQueries queries;

    DigStore(DataSource dataSource, DataSource primary, int storageSrid) {
        this.dataSource = dataSource;
        this.primary = primary;
        this.queries = new DigQueries(storageSrid);
    }

    /** The area in the working CRS: a pit as drawn, a trench grown to its width (flat ends). */
    DigArea area(DigRequest request, Crs in, Crs out) throws SQLException {
        String raw = PostgisInput.geometry(":geometry::text", CheckRequests.posted(in), queries.storageSrid());
        SqlParams params = SqlParams.of().text("geometry", request.geometryJson()).bool("trench", request.trench())
                .float8("half_width", request.trench() ? request.widthM() / 2 : 0);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = Sql.prepare(c, queries.area(raw, out), params);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            String validity = rs.getString(1);
            if (!request.trench() && !"Valid Geometry".equals(validity)) {
                throw ApiError.badParameter("the dig area is not a valid polygon: " + validity);
            }
            byte[] wkb = rs.getBytes(2);
            return new DigArea(read(wkb), wkb, rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getString(6));
        } catch (SQLException e) {
            if ("XX000".equals(e.getSQLState()) || "22023".equals(e.getSQLState())) {
                throw ApiError.badParameter("the dig area could not be read in the given crs: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            throw e;
        }
    }

    /** How much of the area lies inside surveyed compounds. */
    Coverage coverage(DigArea area) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Coverage.measure(c, queries.coverageSubject(), SqlParams.of().bytes("area", area.wkb()));
        }
    }

    /** At most {@code limit} pipes near the area (by id, so that a cut-off is the same each time). */
    List<DigEvaluator.PipeCandidate> pipes(DigArea area, Crs out, double radiusM, int limit) throws SQLException {
        return near(queries.pipes(out), area, radiusM, limit, rs -> new DigEvaluator.PipeCandidate(
                PipeTable.EXISTING.read(rs, ""), read(rs.getBytes("line_wkb")), rs.getString("geometry"),
                rs.getString("surveyed_on"), ResultSets.longOrNull(rs, "survey")));
    }

    List<DigEvaluator.PointCandidate> points(DigArea area, Crs out, double radiusM, int limit) throws SQLException {
        return near(queries.points(out), area, radiusM, limit, rs -> {
            DigItem.PointRow row = new DigItem.PointRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), ResultSets.doubleOrNull(rs, 7), ResultSets.doubleOrNull(rs, 8),
                    rs.getString(9), rs.getDouble(10), rs.getDouble(11));
            return new DigEvaluator.PointCandidate(row, rs.getString("geometry"), rs.getString("surveyed_on"),
                    ResultSets.longOrNull(rs, "survey"));
        });
    }

    private <T> List<T> near(String sql, DigArea area, double radiusM, int limit, CandidateReader<T> reader)
            throws SQLException {
        SqlParams params = SqlParams.of().bytes("area", area.wkb()).float8("radius", radiusM).integer("limit", limit);
        List<T> candidates = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = Sql.prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                candidates.add(reader.read(rs));
            }
        }
        return candidates;
    }

    /** Records a report made (dig_report, committed on the primary, outside the check's transaction): its number and when. */
    DigReportPdf.Issued recordReport(String requestedBy, DigArea area, Double depthM, int items, JsonNode answer)
            throws SQLException {
        SqlParams params = SqlParams.of().text("requested_by", requestedBy).float8("depth", depthM).integer("items", items)
                .array("compounds", "text", coveredCompounds(answer)).bytes("area", area.wkb());
        try (Connection c = primary.getConnection(); PreparedStatement ps = Sql.prepare(c, queries.recordReport(), params);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new DigReportPdf.Issued(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class));
        }
    }

    /** The compounds the answer's coverage names, with their register name, district and address. */
    List<DigReportPdf.CompoundLine> compounds(JsonNode answer) throws SQLException {
        List<DigReportPdf.CompoundLine> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, DigQueries.COMPOUNDS, SqlParams.of().array("codes", "text", coveredCompounds(answer)));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                lines.add(new DigReportPdf.CompoundLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return lines;
    }

    private static List<String> coveredCompounds(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.path("coverage").path("compounds").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    private static Geometry read(byte[] wkb) {
        try {
            return new WKBReader().read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable WKB", e);
        }
    }
}
