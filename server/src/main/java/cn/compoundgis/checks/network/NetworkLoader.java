package cn.compoundgis.checks.network;

import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.SqlResource;
import cn.compoundgis.db.ResultSets;
import cn.compoundgis.http.ApiError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads one scope's drainage network through the SQL resources under /checks/network. */
final class NetworkLoader {
    private static final String PIPES = SqlResource.load("/checks/network/pipes.sql");
    private static final String POINTS = SqlResource.load("/checks/network/points.sql");
    private static final String END_CONTACTS = SqlResource.load("/checks/network/end-contacts.sql");
    private static final String COINCIDENT = SqlResource.load("/checks/network/coincident-pipes.sql");
    private static final int FETCH_SIZE = 1000;

    /** A pipe end that touches a pipe or point of another drainage network. */
    record EndContact(long pipeId, boolean atStart, Long foreignPipeId, Long foreignPointId) {
    }

    /** Two pipes whose ends coincide: the same way round, or swapped. */
    record Coincidence(long a, long b, boolean sameWay) {
    }

    private final Connection connection;
    private final NetworkScope scope;
    private final List<String> networks;

    NetworkLoader(Connection connection, NetworkScope scope, List<String> networks) {
        this.connection = connection;
        this.scope = scope;
        this.networks = networks;
    }

    /** The scope's drainage pipes; more than {@code max} is a 422 (read no further). */
    List<DrainPipe> pipes(int max) throws SQLException {
        List<DrainPipe> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(PIPES, null); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                requireAtMost(out.size() + 1, max, "drainage pipes", "max_pipes");
                out.add(new DrainPipe(rs.getLong("id"), rs.getString("network"), rs.getString("start_no"),
                        rs.getString("end_no"), rs.getString("size_text"), ResultSets.integerOrNull(rs, "dn_mm"), ResultSets.integerOrNull(rs, "height_mm"),
                        rs.getString("material"), ResultSets.doubleOrNull(rs, "start_depth_m"), ResultSets.doubleOrNull(rs, "end_depth_m"),
                        ResultSets.doubleOrNull(rs, "start_elevation_m"), ResultSets.doubleOrNull(rs, "end_elevation_m"), rs.getString("flow_direction"),
                        rs.getString("source_file"), ResultSets.integerOrNull(rs, "record_no"), rs.getDouble("length_m"),
                        end(rs, "start"), end(rs, "end"), rs.getString("geojson")));
            }
        }
        return out;
    }

    /** The scope's drainage points; more than {@code max} is a 422 (read no further). */
    List<DrainPoint> points(int max) throws SQLException {
        List<DrainPoint> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(POINTS, null); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                requireAtMost(out.size() + 1, max, "drainage points", "max_points");
                out.add(new DrainPoint(rs.getLong("id"), rs.getString("point_no"), rs.getString("network"),
                        rs.getString("feature"), rs.getString("appurtenance"), ResultSets.doubleOrNull(rs, "ground_elevation_m"),
                        ResultSets.doubleOrNull(rs, "well_depth_m"), rs.getString("cover_label"),
                        "visible".equals(rs.getString("accuracy_class")), rs.getString("source_file"),
                        ResultSets.integerOrNull(rs, "record_no"), rs.getString("geojson")));
            }
        }
        return out;
    }

    List<EndContact> endContacts(double tolerance) throws SQLException {
        List<EndContact> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(END_CONTACTS, tolerance); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new EndContact(rs.getLong("id"), "start".equals(rs.getString("which")),
                        ResultSets.longOrNull(rs, "pipe_id"), ResultSets.longOrNull(rs, "point_id")));
            }
        }
        return out;
    }

    List<Coincidence> coincidentPipes(double tolerance) throws SQLException {
        List<Coincidence> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(COINCIDENT, tolerance); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Coincidence(rs.getLong("a_id"), rs.getLong("b_id"), rs.getBoolean("same_way")));
            }
        }
        return out;
    }

    private static void requireAtMost(int count, int max, String what, String limit) {
        if (count > max) {
            throw ApiError.overLimit("more than " + max + " " + what + " to check; one network check takes at most " + max
                    + " (" + limit + " in check-limits.json): check one compound or upload at a time, or ask for a"
                    + " higher limit");
        }
    }

    private PreparedStatement prepare(String template, Double tolerance) throws SQLException {
        SqlParams params = SqlParams.of().text("compound_code", scope.compoundCode())
                .bigint("survey_id", scope.surveyId()).array("networks", "text", networks);
        if (tolerance != null) {
            params.float8("tolerance", tolerance);
        }
        PreparedStatement ps = Sql.prepare(connection, scope.fill(template), params);
        ps.setFetchSize(FETCH_SIZE);
        return ps;
    }

    private static DrainPipe.End end(ResultSet rs, String which) throws SQLException {
        return new DrainPipe.End(ResultSets.longOrNull(rs, which + "_point_id"), ResultSets.doubleOrNull(rs, which + "_gap_m"),
                rs.getBoolean(which + "_outside"), rs.getBoolean(which + "_under_carriageway"),
                rs.getString(which + "_geojson"));
    }




}
