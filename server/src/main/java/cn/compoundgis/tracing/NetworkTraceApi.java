package cn.compoundgis.tracing;

import com.fasterxml.jackson.databind.node.TextNode;
import cn.compoundgis.geo.GeoJson;
import cn.compoundgis.http.Responses;
import cn.compoundgis.checks.CheckGate;
import cn.compoundgis.checks.network.NetworkRules;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code GET /api/network/trace?point=<point_no or id>&compound=CODE&direction=up|down}: the drainage pipes
 * upstream or downstream of a point, as GeoJSON (CRS84), with the ordered path and its stations for a
 * longitudinal profile (ground and inverts along the way).
 */
public final class NetworkTraceApi {

    private final DataSource dataSource;
    private final NetworkTrace trace;
    private final List<String> networks;

    public NetworkTraceApi(DataSource dataSource, NetworkRules rules, CheckGate gate) {
        this.dataSource = dataSource;
        this.networks = rules.drainageNetworks();
        this.trace = new NetworkTrace(dataSource, networks, rules.levelResolution(), gate.limits().traceMaxPipes());
    }

    /** The point a trace starts from. */
    private record Start(long id, String compound, String pointNo, String network) {
    }

    public void trace(Context ctx) throws SQLException, IOException {
        boolean downstream = direction(ctx.queryParam("direction"));
        Start start = start(ctx.queryParam("point"), ctx.queryParam("compound"));
        NetworkTrace.Result result = trace.trace(start.compound(), start.pointNo(), downstream);
        List<TracedPipe> path = ProfilePath.of(result.pipes(), start.pointNo(), downstream);
        Responses.geoJson(ctx, body(start, downstream, result, path));
    }

    private static boolean direction(String text) {
        if (text == null || text.equals("down")) {
            return true;
        }
        if (text.equals("up")) {
            return false;
        }
        throw ApiError.badParameter("direction is up or down, got '" + text + "'");
    }

    private Start start(String point, String compound) throws SQLException {
        if (point == null || point.isBlank()) {
            throw ApiError.badParameter("give point=<point number> with compound=CODE, or point=<id>");
        }
        String p = point.trim();
        boolean numeric = p.chars().allMatch(Character::isDigit);
        try (Connection c = dataSource.getConnection()) {
            if (compound != null && !compound.isBlank()) {
                Start byNumber = find(c, "compound_code = :compound AND point_no = :point_no",
                        SqlParams.of().text("compound", compound.trim()).text("point_no", p));
                if (byNumber != null) {
                    return drainage(byNumber);
                }
                if (!numeric) {
                    throw ApiError.notFound("no point " + p + " in compound " + compound.trim())
                            .says("trace.no_point", "point", p, "compound", compound.trim());
                }
            } else if (!numeric) {
                throw ApiError.badParameter("point " + p + " is a point number: give its compound too (compound=CODE)");
            }
            Start byId = find(c, "id = :id", SqlParams.of().bigint("id", Long.parseLong(p)));
            if (byId == null || (compound != null && !compound.isBlank() && !byId.compound().equals(compound.trim()))) {
                throw ApiError.notFound("no point " + p + (compound == null ? "" : " in compound " + compound.trim()));
            }
            return drainage(byId);
        } catch (NumberFormatException e) {
            throw ApiError.badParameter("point id " + p + " is too large");
        }
    }

    private Start drainage(Start start) {
        if (!networks.contains(start.network())) {
            throw ApiError.badParameter("point " + start.pointNo() + " belongs to the " + start.network()
                    + " network; tracing follows the flow of drainage (" + String.join(", ", networks) + ")");
        }
        return start;
    }

    private static Start find(Connection c, String where, SqlParams values) throws SQLException {
        String sql = "SELECT id, compound_code, point_no, network FROM pipe_point WHERE valid_to IS NULL AND " + where;
        try (PreparedStatement ps = Sql.prepare(c, sql, values)) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Start(rs.getLong("id"), rs.getString("compound_code"), rs.getString("point_no"),
                        rs.getString("network")) : null;
            }
        }
    }

    private static ObjectNode body(Start start, boolean downstream, NetworkTrace.Result result, List<TracedPipe> path) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "FeatureCollection");
        ObjectNode from = body.putObject("start");
        from.put("id", start.id());
        from.put("compound", start.compound());
        from.put("point_no", start.pointNo());
        from.put("network", start.network());
        body.put("direction", downstream ? "down" : "up");
        body.put("crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
        body.put("pipe_count", result.pipes().size());
        body.put("length_m", round(result.pipes().stream().mapToDouble(TracedPipe::length).sum()));
        Set<Long> onPath = new HashSet<>();
        path.forEach(p -> onPath.add(p.id()));
        ArrayNode features = body.putArray("features");
        for (TracedPipe p : result.pipes()) {
            GeoJson.feature(features, TextNode.valueOf("pipe-" + p.id()), GeoJson.parse(p.geojson()))
                    .setAll(properties(new PipeProperties("pipe", p.id(), p.network(), p.startNo(), p.endNo(), p.fromNo(),
                            p.toNo(), p.sizeText(), round(p.length()), onPath.contains(p.id()))));
        }
        Map<String, TracedPoint> points = new HashMap<>();
        for (TracedPoint q : result.points()) {
            points.putIfAbsent(q.pointNo(), q);
            GeoJson.feature(features, TextNode.valueOf("point-" + q.id()), GeoJson.parse(q.geojson()))
                    .setAll(properties(new PointProperties("point", q.id(), q.pointNo(), q.network(), q.kind(),
                            q.pointNo().equals(start.pointNo()))));
        }
        Profile.write(body, path, points);
        return body;
    }


    /** The properties of a traced pipe's Feature (snake_case in the answer). */
    record PipeProperties(String kind, long id, String network, String startNo, String endNo, String fromNo,
            String toNo, String size, double lengthM, boolean onPath) {
    }

    /** The properties of a traced point's Feature; {@code start} marks the point the trace started from. */
    record PointProperties(String kind, long id, String pointNo, String network, String pointKind, boolean start) {
    }

    private static ObjectNode properties(Record properties) {
        return Json.SNAKE_CASE.valueToTree(properties);
    }

    static double round(double metres) {
        return Math.round(metres * 1000.0) / 1000.0;
    }
}
