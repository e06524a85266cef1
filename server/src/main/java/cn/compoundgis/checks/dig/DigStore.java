package cn.compoundgis.checks.dig;

import cn.compoundgis.db.ResultSets;
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
import javax.sql.DataSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/** The dig check's SQL: the area in the working CRS, then the pipes and points near it by the GiST index. */
final class DigStore {
    private static final int GEOJSON_NO_OPTIONS = 0;

    private final DataSource dataSource;
    private final int storageSrid;

    DigStore(DataSource dataSource, int storageSrid) {
        this.dataSource = dataSource;
        this.storageSrid = storageSrid;
    }

    /** The area in the working CRS: a pit as drawn, a trench grown to its width (flat ends). */
    DigArea area(DigRequest request, Crs in, Crs out) throws SQLException {
        String raw = PostgisInput.geometry(CheckRequests.posted(in), storageSrid);
        String sql = "SELECT ST_IsValidReason(r.g), ST_AsBinary(a.g), ST_XMax(a.g) - ST_XMin(a.g), ST_YMax(a.g) - ST_YMin(a.g),"
                + " ST_Area(a.g), ST_AsGeoJSON(" + out.geometryExpression("a.g", storageSrid) + ", " + out.decimals() + ", "
                + GEOJSON_NO_OPTIONS + ") FROM (SELECT " + raw + " AS g) r"
                + " CROSS JOIN LATERAL (SELECT CASE WHEN ? THEN ST_Buffer(r.g, ?, 'endcap=flat join=mitre') ELSE r.g END AS g) a";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, request.geometryJson());
            ps.setBoolean(2, request.trench());
            ps.setDouble(3, request.trench() ? request.widthM() / 2 : 0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String validity = rs.getString(1);
                if (!request.trench() && !"Valid Geometry".equals(validity)) {
                    throw ApiError.badParameter("the dig area is not a valid polygon: " + validity);
                }
                byte[] wkb = rs.getBytes(2);
                return new DigArea(read(wkb), wkb, rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getString(6));
            }
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
            return Coverage.measure(c, "SELECT ST_GeomFromWKB(?, " + storageSrid + ") AS g", List.of(area.wkb()));
        }
    }

    /** At most {@code limit} pipes near the area (by id, so that a cut-off is the same each time). */
    List<DigEvaluator.PipeCandidate> pipes(DigArea area, Crs out, double radiusM, int limit) throws SQLException {
        String sql = "SELECT " + PipeTable.EXISTING.columns("p", "") + ", s.surveyed_on::text AS surveyed_on,"
                + " p.survey_id AS survey, ST_AsBinary(" + PipeTable.line("p.geom") + ") AS line_wkb,"
                + " ST_AsGeoJSON(" + out.geometryExpression("p.geom", storageSrid) + ", " + out.decimals() + ", "
                + GEOJSON_NO_OPTIONS + ") AS geometry"
                + " FROM pipe p LEFT JOIN survey s ON s.id = p.survey_id"
                + " WHERE p.valid_to IS NULL AND ST_DWithin(p.geom, ST_GeomFromWKB(?, " + storageSrid + "), ?)"
                + " ORDER BY p.id LIMIT ?";
        List<DigEvaluator.PipeCandidate> candidates = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBytes(1, area.wkb());
            ps.setDouble(2, radiusM);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new DigEvaluator.PipeCandidate(PipeTable.EXISTING.read(rs, ""), read(rs.getBytes("line_wkb")),
                            rs.getString("geometry"), rs.getString("surveyed_on"), surveyId(rs)));
                }
            }
        }
        return candidates;
    }

    List<DigEvaluator.PointCandidate> points(DigArea area, Crs out, double radiusM, int limit) throws SQLException {
        String sql = "SELECT pp.id, pp.compound_code, pp.point_no, pp.network, pp.feature, pp.appurtenance,"
                + " pp.ground_elevation_m, pp.well_depth_m, pp.accuracy_class, ST_X(pp.geom), ST_Y(pp.geom),"
                + " ST_AsGeoJSON(" + out.geometryExpression("pp.geom", storageSrid) + ", " + out.decimals() + ", "
                + GEOJSON_NO_OPTIONS + ") AS geometry, s.surveyed_on::text AS surveyed_on, pp.survey_id AS survey"
                + " FROM pipe_point pp LEFT JOIN survey s ON s.id = pp.survey_id"
                + " WHERE pp.valid_to IS NULL AND ST_DWithin(pp.geom, ST_GeomFromWKB(?, " + storageSrid + "), ?)"
                + " ORDER BY pp.id LIMIT ?";
        List<DigEvaluator.PointCandidate> candidates = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBytes(1, area.wkb());
            ps.setDouble(2, radiusM);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DigItem.PointRow row = new DigItem.PointRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), ResultSets.doubleOrNull(rs, 7), ResultSets.doubleOrNull(rs, 8),
                            rs.getString(9), rs.getDouble(10), rs.getDouble(11));
                    candidates.add(new DigEvaluator.PointCandidate(row, rs.getString("geometry"),
                            rs.getString("surveyed_on"), surveyId(rs)));
                }
            }
        }
        return candidates;
    }

    private static Long surveyId(ResultSet rs) throws SQLException {
        long id = rs.getLong("survey");
        return rs.wasNull() ? null : id;
    }


    private static Geometry read(byte[] wkb) {
        try {
            return new WKBReader().read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable WKB", e);
        }
    }
}
