package cn.compoundgis.checks.parking;

import cn.compoundgis.geo.GeoJson;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.SqlResource;
import cn.compoundgis.checks.firelanes.FireLaneRules;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.PostgisInput;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The parking check (standards.md §8): a compound's stall counts by kind and per household, and every stall
 * (stored, or proposed before it is painted) that is smaller than the minimum for its layout or reaches into
 * a fire lane's required width or a turnaround.
 */
public final class ParkingCheck {
    private static final String FINDINGS_SQL = SqlResource.load("/checks/parking/stall-findings.sql");
    private static final String STORED_SQL = SqlResource.load("/checks/parking/stored-stalls.sql");
    private static final String PROPOSED_SQL = SqlResource.load("/checks/parking/proposed-stalls.sql");
    private static final String SUMMARY_SQL = SqlResource.load("/checks/parking/summary.sql");
    private static final List<String> EXISTING_KINDS = List.of("standard", "accessible", "ev");
    private static final double RATIO_SCALE = 1000.0;
    private static final double SIZE_SCALE = 1000.0;

    private final DataSource dataSource;
    private final int workingSrid;
    private final FireLaneRules rules;

    public ParkingCheck(DataSource dataSource, int workingSrid, FireLaneRules rules) {
        this.dataSource = dataSource;
        this.workingSrid = workingSrid;
        this.rules = rules;
    }

    /** The stall layouts the rule file knows (perpendicular, parallel). */
    public List<String> layouts() {
        return rules.stallLayouts();
    }

    /** Counts and findings for the compound's current stalls (planned ones are checked too, and marked). */
    public ObjectNode forCompound(String compound, Crs crs) throws SQLException {
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("compound", compound);
        report.put("crs", crs.uri());
        report.set("rules", rulesJson());
        try (Connection c = dataSource.getConnection()) {
            report.set("counts", counts(c, compound));
            ArrayNode stalls = stalls(c, compound, STORED_SQL, null, crs, false);
            ArrayNode findings = report.putArray("findings");
            ObjectNode byProblem = Json.MAPPER.createObjectNode();
            for (JsonNode stall : stalls) {
                if (!stall.get("problems").isEmpty()) {
                    findings.add(stall);
                    stall.get("problems").forEach(p -> byProblem.put(p.get("type").asText(),
                            byProblem.path(p.get("type").asText()).asInt(0) + 1));
                }
            }
            report.set("findings_by_problem", byProblem);
        }
        return report;
    }

    /**
     * Checks proposed stalls before they are painted: a JSON array of GeoJSON Polygon Features in {@code crs} whose
     * geometry the geometry reader checked and wrote easting first.
     */
    public ObjectNode proposed(String compound, JsonNode features, Crs crs) throws SQLException {
        String expr = PostgisInput.geometry("(f.feature -> 'geometry')::text", CheckRequests.posted(crs), workingSrid);
        String stallsSql = PROPOSED_SQL.replace("{{input_geometry}}", expr);
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("compound", compound);
        report.put("crs", crs.uri());
        report.set("rules", rulesJson());
        try (Connection c = dataSource.getConnection()) {
            requireValid(c, features, expr);
            ArrayNode stalls = stalls(c, compound, stallsSql, features, crs, true);
            report.set("stalls", stalls);
            int ok = 0;
            for (JsonNode s : stalls) {
                ok += s.get("problems").isEmpty() ? 1 : 0;
            }
            ObjectNode summary = report.putObject("summary");
            summary.put("proposed", stalls.size());
            summary.put("acceptable", ok);
            summary.put("with_problems", stalls.size() - ok);
        }
        return report;
    }

    private void requireValid(Connection c, JsonNode features, String expr) throws SQLException {
        String sql = "WITH params AS (SELECT :proposed::jsonb AS proposed) SELECT f.ord, ST_IsValidReason(" + expr + ")"
                + " FROM params p, jsonb_array_elements(p.proposed) WITH ORDINALITY AS f(feature, ord)"
                + " WHERE NOT ST_IsValid(" + expr + ") ORDER BY f.ord LIMIT 1";
        try (PreparedStatement ps = Sql.prepare(c, sql, SqlParams.of().text("proposed", features.toString()))) {
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw ApiError.badParameter("proposed stall " + rs.getLong(1) + " is not a valid polygon: " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("XX")) {
                throw ApiError.badParameter("a proposed stall's geometry could not be read: " + e.getMessage());
            }
            throw e;
        }
    }

    private ObjectNode counts(Connection c, String compound) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, SUMMARY_SQL, SqlParams.of().text("compound", compound))) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiError.notFound("no compound " + compound);
                }
                Integer households = rs.getObject(1) == null ? null : rs.getInt(1);
                JsonNode byKind = rs.getString(2) == null ? Json.MAPPER.createObjectNode() : GeoJson.parse(rs.getString(2));
                ObjectNode counts = Json.MAPPER.createObjectNode();
                ObjectNode kinds = counts.putObject("by_kind");
                int existing = 0;
                for (String kind : List.of("standard", "accessible", "ev", "planned")) {
                    int n = byKind.path(kind).asInt(0);
                    kinds.put(kind, n);
                    existing += EXISTING_KINDS.contains(kind) ? n : 0;
                }
                int planned = kinds.get("planned").asInt();
                counts.put("existing", existing);
                counts.put("planned", planned);
                if (households == null) {
                    counts.putNull("households");
                } else {
                    counts.put("households", households);
                }
                putRatio(counts, "existing_per_household", existing, households);
                putRatio(counts, "with_planned_per_household", existing + planned, households);
                return counts;
            }
        }
    }

    private static void putRatio(ObjectNode n, String field, int stalls, Integer households) {
        if (households == null || households == 0) {
            n.putNull(field);
        } else {
            n.put(field, Math.round(stalls * RATIO_SCALE / households) / RATIO_SCALE);
        }
    }

    private ArrayNode stalls(Connection c, String compound, String stallsSql, JsonNode proposed, Crs crs,
                             boolean checkExisting) throws SQLException {
        String sql = FINDINGS_SQL.replace("{{stalls}}", stallsSql)
                .replace("{{output_geometry}}", crs.geometryExpression("s.geom", workingSrid))
                .replace("{{decimals}}", Integer.toString(crs.decimals()));
        ArrayNode out = Json.MAPPER.createArrayNode();
        SqlParams params = SqlParams.of().text("compound", compound).text("default_layout", rules.defaultStallLayout())
                .text("proposed", proposed == null ? null : proposed.toString())
                .float8("tolerance", rules.minBlockingLength()).bool("check_existing", checkExisting);
        try (PreparedStatement ps = Sql.prepare(c, sql, params)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(stall(rs));
                }
            }
        }
        return out;
    }

    private ObjectNode stall(ResultSet rs) throws SQLException {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("id", rs.getLong("id"));
        s.put("stall_no", rs.getString("stall_no"));
        s.put("source_id", rs.getString("source_id"));
        s.put("kind", rs.getString("kind"));
        String layout = rs.getString("layout");
        s.put("layout", layout);
        double width = rs.getDouble("width");
        double length = rs.getDouble("length");
        s.put("width_m", Math.round(width * SIZE_SCALE) / SIZE_SCALE);
        s.put("length_m", Math.round(length * SIZE_SCALE) / SIZE_SCALE);
        ArrayNode problems = s.putArray("problems");
        FireLaneRules.StallSize min = rules.stallMinSize(rules.stallLayouts().contains(layout) ? layout : rules.defaultStallLayout());
        if (width < min.width() - rules.sizeTolerance() || length < min.length() - rules.sizeTolerance()) {
            ObjectNode p = problems.addObject();
            p.put("type", "undersized");
            p.put("min_width_m", min.width());
            p.put("min_length_m", min.length());
            p.put("clause", min.clause());
        }
        addOverlap(problems, "overlaps_fire_lane", "lanes", rs.getString("lanes"));
        addOverlap(problems, "overlaps_turnaround", "turnarounds", rs.getString("turnarounds"));
        addOverlap(problems, "overlaps_existing", "features", rs.getString("overlapping"));
        s.set("geometry", GeoJson.parse(rs.getString("geometry")));
        return s;
    }

    private void addOverlap(ArrayNode problems, String type, String field, String json) {
        if (json == null) {
            return;
        }
        ObjectNode p = problems.addObject();
        p.put("type", type);
        p.set(field, GeoJson.parse(json));
        p.put("clause", rules.noOverlapClause());
    }

    private ObjectNode rulesJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        ObjectNode sizes = n.putObject("stall_min_size_m");
        for (String layout : rules.stallLayouts()) {
            FireLaneRules.StallSize s = rules.stallMinSize(layout);
            ObjectNode size = sizes.putObject(layout);
            size.put("width", s.width());
            size.put("length", s.length());
            size.put("clause", s.clause());
        }
        n.put("default_layout", rules.defaultStallLayout());
        n.put("no_overlap", rules.noOverlapClause());
        return n;
    }

}
