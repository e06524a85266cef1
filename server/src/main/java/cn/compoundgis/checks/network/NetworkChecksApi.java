package cn.compoundgis.checks.network;

import com.fasterxml.jackson.databind.node.IntNode;
import cn.compoundgis.geo.GeoJson;
import cn.compoundgis.http.Responses;
import cn.compoundgis.checks.CheckGate;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Requests;
import cn.compoundgis.http.Json;
import cn.compoundgis.http.Params;
import cn.compoundgis.db.Compounds;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.SqlResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@code GET /api/checks/network?compound=CODE} (a compound's current drainage network) or {@code ?survey=ID}
 * (the rows of a staged upload), optionally {@code tolerance_m}: the findings as a GeoJSON FeatureCollection
 * (geometry in CRS84), each with its code, rule and citation, the pipes and points involved.
 * {@code GET /api/checks/network/rules}: the rule file.
 */
public final class NetworkChecksApi {
    private static final double MAX_TOLERANCE_M = 5.0;
    private static final String STAGED_SURVEY = SqlResource.load("/checks/network/staged-survey.sql");

    private final DataSource dataSource;
    private final NetworkChecks checks;

    public NetworkChecksApi(DataSource dataSource, NetworkRules rules, CheckGate gate) {
        this.dataSource = dataSource;
        this.checks = new NetworkChecks(dataSource, rules, gate.limits());
    }

    public void rules(Context ctx) {
        ctx.json(checks.rules().document());
    }

    public void findings(Context ctx) throws SQLException, IOException {
        NetworkScope scope = scope(ctx.queryParam("compound"), ctx.queryParam("survey"));
        Double tolerance = tolerance(ctx.queryParam("tolerance_m"));
        NetworkChecks.Result result = checks.check(scope, tolerance);
        Responses.geoJson(ctx, body(result));
    }

    private NetworkScope scope(String compound, String survey) throws SQLException {
        if ((compound == null) == (survey == null)) {
            throw ApiError.badParameter("give either compound=CODE (its current network) or survey=ID (a staged upload), not "
                    + (compound == null ? "neither" : "both"));
        }
        if (compound != null) {
            if (compound.isBlank()) {
                throw ApiError.badParameter("compound= is empty; give a compound code such as C001");
            }
            CheckRequests.requireCompound(dataSource, compound.trim());
            return NetworkScope.compound(compound.trim());
        }
        return stagedSurvey(Requests.queryId("survey", survey));
    }


    private NetworkScope stagedSurvey(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, STAGED_SURVEY, SqlParams.of().bigint("id", id));
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw ApiError.notFound("no survey " + id);
            }
            String status = rs.getString("status");
            if (!"staged".equals(status)) {
                throw ApiError.conflict("survey " + id + " is " + status + ", not staged: check its compound with compound="
                        + rs.getString("compound_code") + " instead");
            }
            return NetworkScope.stagedSurvey(id, rs.getString("compound_code"));
        }
    }

    private static Double tolerance(String text) {
        if (text == null) {
            return null;
        }
        double value = Params.decimal("tolerance_m", text);
        if (!(value > 0 && value <= MAX_TOLERANCE_M)) {
            throw ApiError.badParameter("tolerance_m must be more than 0 and at most " + MAX_TOLERANCE_M + " m, got " + text);
        }
        return value;
    }

    private ObjectNode body(NetworkChecks.Result result) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "FeatureCollection");
        ObjectNode scope = body.putObject("scope");
        scope.put("compound", result.scope().compoundCode());
        if (result.scope().staged()) {
            scope.put("survey", result.scope().surveyId());
        }
        scope.put("pipes_checked", result.pipes());
        scope.put("points_checked", result.points());
        scope.put("networks", String.join(",", checks.rules().networks));
        body.put("tolerance_m", result.tolerance());
        ObjectNode rules = body.putObject("rules");
        rules.put("file", NetworkRules.RESOURCE);
        rules.put("href", "/api/checks/network/rules");
        rules.put("source", checks.rules().document().path("source").asText());
        Map<String, Integer> counts = new TreeMap<>();
        result.findings().forEach(f -> counts.merge(f.code, 1, Integer::sum));
        body.set("counts", Json.MAPPER.valueToTree(counts));
        body.put("numberMatched", result.findings().size());
        body.put("crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
        ArrayNode features = body.putArray("features");
        int n = 0;
        for (Finding f : result.findings()) {
            GeoJson.feature(features, IntNode.valueOf(++n), GeoJson.geometryOf(f.geometries))
                    .setAll((ObjectNode) Json.MAPPER.valueToTree(f.properties()));
        }
        return body;
    }

}
