package cn.compoundgis.checks.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Reads one scope's drainage network through the SQL resources under /checks/network. */
final class NetworkLoader {
    private static final String PIPES = sql("pipes.sql");
    private static final String POINTS = sql("points.sql");
    private static final String END_CONTACTS = sql("end-contacts.sql");
    private static final String COINCIDENT = sql("coincident-pipes.sql");
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

    List<DrainPipe> pipes() throws SQLException {
        List<DrainPipe> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(PIPES, null); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DrainPipe(rs.getLong("id"), rs.getString("network"), rs.getString("start_no"),
                        rs.getString("end_no"), rs.getString("size_text"), integer(rs, "dn_mm"), integer(rs, "height_mm"),
                        rs.getString("material"), decimal(rs, "start_depth_m"), decimal(rs, "end_depth_m"),
                        decimal(rs, "start_elevation_m"), decimal(rs, "end_elevation_m"), rs.getString("flow_direction"),
                        rs.getString("source_file"), integer(rs, "record_no"), rs.getDouble("length_m"),
                        end(rs, "start"), end(rs, "end"), rs.getString("geojson")));
            }
        }
        return out;
    }

    List<DrainPoint> points() throws SQLException {
        List<DrainPoint> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(POINTS, null); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DrainPoint(rs.getLong("id"), rs.getString("point_no"), rs.getString("network"),
                        rs.getString("feature"), rs.getString("appurtenance"), decimal(rs, "ground_elevation_m"),
                        decimal(rs, "well_depth_m"), rs.getString("cover_label"),
                        "visible".equals(rs.getString("accuracy_class")), rs.getString("source_file"),
                        integer(rs, "record_no"), rs.getString("geojson")));
            }
        }
        return out;
    }

    List<EndContact> endContacts(double tolerance) throws SQLException {
        List<EndContact> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(END_CONTACTS, tolerance); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new EndContact(rs.getLong("id"), "start".equals(rs.getString("which")),
                        longOrNull(rs, "pipe_id"), longOrNull(rs, "point_id")));
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

    private PreparedStatement prepare(String template, Double tolerance) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(scope.fill(template));
        ps.setFetchSize(FETCH_SIZE);
        ps.setString(1, scope.compoundCode());
        if (scope.surveyId() == null) {
            ps.setNull(2, Types.BIGINT);
        } else {
            ps.setLong(2, scope.surveyId());
        }
        Array array = connection.createArrayOf("text", networks.toArray());
        ps.setArray(3, array);
        if (tolerance != null) {
            ps.setDouble(4, tolerance);
        }
        return ps;
    }

    private static DrainPipe.End end(ResultSet rs, String which) throws SQLException {
        return new DrainPipe.End(longOrNull(rs, which + "_point_id"), decimal(rs, which + "_gap_m"),
                rs.getBoolean(which + "_outside"), rs.getBoolean(which + "_under_carriageway"),
                rs.getString(which + "_geojson"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Double decimal(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static String sql(String name) {
        String resource = "/checks/network/" + name;
        try (InputStream in = NetworkLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
