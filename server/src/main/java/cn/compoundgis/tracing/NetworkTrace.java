package cn.compoundgis.tracing;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** Runs the recursive walk of /tracing/trace.sql and reads the points on it. */
final class NetworkTrace {
    private static final String TRACE = SqlResource.load("/tracing/trace.sql");
    private static final String POINTS = SqlResource.load("/tracing/points.sql");

    record Result(List<TracedPipe> pipes, List<TracedPoint> points) {
    }

    private final DataSource dataSource;
    private final List<String> networks;
    private final double levelResolution;
    private final int maxPipes;

    NetworkTrace(DataSource dataSource, List<String> networks, double levelResolution, int maxPipes) {
        this.dataSource = dataSource;
        this.networks = networks;
        this.levelResolution = levelResolution;
        this.maxPipes = maxPipes;
    }

    Result trace(String compound, String pointNo, boolean downstream) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<TracedPipe> pipes = pipes(c, compound, pointNo, downstream);
            Set<String> numbers = new LinkedHashSet<>();
            numbers.add(pointNo);
            pipes.forEach(p -> {
                numbers.add(p.startNo());
                numbers.add(p.endNo());
            });
            numbers.remove(null);
            return new Result(pipes, points(c, compound, numbers));
        }
    }

    private List<TracedPipe> pipes(Connection c, String compound, String pointNo, boolean downstream) throws SQLException {
        List<TracedPipe> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, TRACE, SqlParams.of().text("compound", compound)
                .text("point_no", pointNo).bool("down", downstream).array("networks", "text", networks)
                .float8("level_resolution", levelResolution))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (out.size() == maxPipes) {
                        throw ApiError.overLimit("the trace reaches more than " + maxPipes + " pipes; one trace returns at"
                                + " most " + maxPipes + " (trace max_pipes in check-limits.json)");
                    }
                    out.add(new TracedPipe(rs.getLong("id"), rs.getString("network"), rs.getString("start_no"),
                            rs.getString("end_no"), rs.getString("size_text"), ResultSets.integerOrNull(rs, "dn_mm"), rs.getString("material"),
                            ResultSets.doubleOrNull(rs, "start_depth_m"), ResultSets.doubleOrNull(rs, "end_depth_m"), ResultSets.doubleOrNull(rs, "start_elevation_m"),
                            ResultSets.doubleOrNull(rs, "end_elevation_m"), rs.getBoolean("flows_from_start"), rs.getDouble("length_m"),
                            rs.getString("geojson")));
                }
            }
        }
        return out;
    }

    private static List<TracedPoint> points(Connection c, String compound, Set<String> numbers) throws SQLException {
        List<TracedPoint> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, POINTS, SqlParams.of().text("compound", compound)
                .array("numbers", "text", numbers))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TracedPoint(rs.getLong("id"), rs.getString("point_no"), rs.getString("network"),
                            rs.getString("feature"), rs.getString("appurtenance"), ResultSets.doubleOrNull(rs, "ground_elevation_m"),
                            ResultSets.doubleOrNull(rs, "well_depth_m"), rs.getString("cover_label"), rs.getString("geojson")));
                }
            }
        }
        return out;
    }



}
