package cn.compoundgis.checks.firelanes;

import cn.compoundgis.geo.GeoJson;
import cn.compoundgis.checks.CheckGate;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.SqlResource;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import cn.compoundgis.geo.Crs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The fire lane check: per lane its clear-width profile by chainage (profile.sql), the stretches where the
 * clear width is below the required width with what causes them, and its dead ends with or without a
 * turnaround (dead-ends.sql). PostGIS measures; this class joins the rows into the report.
 */
public final class FireLaneCheck {
    private static final String PROFILE_SQL = SqlResource.load("/checks/firelanes/profile.sql");
    private static final String DEAD_ENDS_SQL = SqlResource.load("/checks/firelanes/dead-ends.sql");
    private static final double CHAINAGE_DECIMALS = 100.0;
    private static final double WIDTH_DECIMALS = 1000.0;

    private final DataSource dataSource;
    private final int workingSrid;
    private final FireLaneRules rules;
    private final int maxLanes;

    public FireLaneCheck(DataSource dataSource, int workingSrid, FireLaneRules rules, CheckGate gate) {
        this.dataSource = dataSource;
        this.workingSrid = workingSrid;
        this.rules = rules;
        this.maxLanes = gate.limits().fireLanesMaxLanes();
    }

    /** One station of a profile, with the features covering its cross-section (JSON array or null). */
    record Station(double chainage, double sectionWidth, double clearWidth, Double gapFrom, Double gapTo, JsonNode causes) {
    }

    record Lane(long id, String compound, String sourceId, String name, double requiredWidth, Double carriagewayWidth,
                double length, JsonNode geometry) {
        double effectiveCarriageway() {
            return carriagewayWidth != null ? carriagewayWidth : requiredWidth;
        }
    }

    /** A stretch below the required width: chainage range, narrowest width, causes keyed by layer:id. */
    record Stretch(long laneId, double from, double to, double minClear, Map<String, JsonNode> causes) {
    }

    /** Report for every current fire lane of a compound. */
    public ObjectNode forCompound(String compound, Crs crs, boolean includePlanned) throws SQLException {
        return report(compound, null, crs, includePlanned);
    }

    /** Report for one current fire lane, or null when there is none with that id. */
    public ObjectNode forLane(long laneId, Crs crs, boolean includePlanned) throws SQLException {
        String compound = compoundOfLane(laneId);
        return compound == null ? null : report(compound, laneId, crs, includePlanned);
    }

    private ObjectNode report(String compound, Long laneId, Crs crs, boolean includePlanned) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Lane> lanes = lanes(c, compound, laneId, crs);
            if (lanes.size() > maxLanes) {
                throw ApiError.overLimit("compound " + compound + " has " + lanes.size() + " fire lanes; one check takes at"
                        + " most " + maxLanes + " (fire_lanes max_lanes in check-limits.json): check lanes one by one");
            }
            Map<Long, List<Station>> profiles = profiles(c, compound, laneId, includePlanned);
            Map<Long, List<ObjectNode>> deadEnds = deadEnds(c, compound, laneId, crs);
            List<Stretch> stretches = new ArrayList<>();
            for (Lane lane : lanes) {
                stretches.addAll(stretches(lane, profiles.getOrDefault(lane.id(), List.of())));
            }
            List<JsonNode> stretchGeometry = stretchGeometry(c, stretches, crs);
            return assemble(compound, crs, includePlanned, lanes, profiles, deadEnds, stretches, stretchGeometry);
        }
    }

    private String compoundOfLane(long laneId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Sql.optionalText(c, "SELECT compound_code FROM fire_lane WHERE id = :lane_id AND valid_to IS NULL",
                    SqlParams.of().bigint("lane_id", laneId)).orElse(null);
        }
    }

    private List<Lane> lanes(Connection c, String compound, Long laneId, Crs crs) throws SQLException {
        String sql = "SELECT id, compound_code, source_id, name, required_width_m::float8, carriageway_width_m::float8,"
                + " ST_Length(geom), ST_AsGeoJSON(" + crs.geometryExpression("geom", workingSrid) + ", " + crs.decimals()
                + ")::text FROM fire_lane WHERE valid_to IS NULL AND compound_code = :compound"
                + " AND (:lane_id::bigint IS NULL OR id = :lane_id)"
                + " ORDER BY id";
        List<Lane> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, lane(compound, laneId))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Double carriageway = rs.getObject(6) == null ? null : rs.getDouble(6);
                    out.add(new Lane(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                            carriageway, rs.getDouble(7), GeoJson.parse(rs.getString(8))));
                }
            }
        }
        return out;
    }

    private Map<Long, List<Station>> profiles(Connection c, String compound, Long laneId, boolean includePlanned)
            throws SQLException {
        Map<Long, List<Station>> out = new LinkedHashMap<>();
        SqlParams params = lane(compound, laneId).float8("spacing", rules.stationSpacing())
                .float8("window_m", rules.directionWindow()).float8("min_blocking", rules.minBlockingLength())
                .text("point_radius", rules.pointObstacleRadii().toString())
                .float8("max_radius", rules.largestPointObstacleRadius()).bool("include_planned", includePlanned);
        try (PreparedStatement ps = Sql.prepare(c, PROFILE_SQL, params)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Double from = rs.getObject("gap_from") == null ? null : rs.getDouble("gap_from");
                    Double to = rs.getObject("gap_to") == null ? null : rs.getDouble("gap_to");
                    String causes = rs.getString("causes");
                    out.computeIfAbsent(rs.getLong("lane_id"), k -> new ArrayList<>()).add(new Station(
                            rs.getDouble("chainage"), rs.getDouble("section_width"), rs.getDouble("clear_width"),
                            from, to, causes == null ? null : GeoJson.parse(causes)));
                }
            }
        }
        return out;
    }

    /** Consecutive stations below the required width make a stretch; its ends lie halfway to the next station. */
    List<Stretch> stretches(Lane lane, List<Station> stations) {
        List<Stretch> out = new ArrayList<>();
        double limit = lane.requiredWidth() - rules.widthTolerance();
        int i = 0;
        while (i < stations.size()) {
            if (stations.get(i).clearWidth() >= limit) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < stations.size() && stations.get(j + 1).clearWidth() < limit) {
                j++;
            }
            double from = i == 0 ? 0 : (stations.get(i - 1).chainage() + stations.get(i).chainage()) / 2;
            double to = j == stations.size() - 1 ? lane.length() : (stations.get(j).chainage() + stations.get(j + 1).chainage()) / 2;
            double min = Double.MAX_VALUE;
            Map<String, JsonNode> causes = new LinkedHashMap<>();
            for (Station s : stations.subList(i, j + 1)) {
                min = Math.min(min, s.clearWidth());
                if (s.causes() != null) {
                    s.causes().forEach(cause -> causes.putIfAbsent(cause.get("layer").asText() + ":" + cause.get("id").asText(), cause));
                }
                if (s.sectionWidth() < limit) {
                    causes.putIfAbsent("carriageway:" + lane.id(), carriagewayCause(lane));
                }
            }
            out.add(new Stretch(lane.id(), from, to, min, causes));
            i = j + 1;
        }
        return out;
    }

    private static ObjectNode carriagewayCause(Lane lane) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("layer", "fire_lane");
        n.put("id", lane.id());
        n.put("kind", "carriageway_width");
        n.put("source_id", lane.sourceId());
        n.put("label", "carriageway " + lane.effectiveCarriageway() + " m < required " + lane.requiredWidth() + " m");
        n.putNull("assumed_radius_m");
        return n;
    }

    private List<JsonNode> stretchGeometry(Connection c, List<Stretch> stretches, Crs crs) throws SQLException {
        List<JsonNode> out = new ArrayList<>();
        if (stretches.isEmpty()) {
            return out;
        }
        String sql = "SELECT ST_AsGeoJSON(" + crs.geometryExpression("ST_LineSubstring(l.geom, u.f / len, u.t / len)", workingSrid)
                + ", " + crs.decimals() + ")::text FROM unnest(:lane_ids::bigint[], :froms::float8[], :tos::float8[]) WITH ORDINALITY"
                + " AS u(lane_id, f, t, ord) JOIN fire_lane l ON l.id = u.lane_id,"
                + " LATERAL (SELECT ST_Length(l.geom) AS len) m ORDER BY u.ord";
        SqlParams params = SqlParams.of().array("lane_ids", "bigint", stretches.stream().map(Stretch::laneId).toArray())
                .array("froms", "float8", stretches.stream().map(Stretch::from).toArray())
                .array("tos", "float8", stretches.stream().map(Stretch::to).toArray());
        try (PreparedStatement ps = Sql.prepare(c, sql, params)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(GeoJson.parse(rs.getString(1)));
                }
            }
        }
        return out;
    }

    private Map<Long, List<ObjectNode>> deadEnds(Connection c, String compound, Long laneId, Crs crs) throws SQLException {
        String sql = DEAD_ENDS_SQL
                .replace("{{tip_geometry}}", crs.geometryExpression("d.pt", workingSrid))
                .replace("{{turnaround_geometry}}", crs.geometryExpression("ta.geom", workingSrid))
                .replace("{{decimals}}", Integer.toString(crs.decimals()));
        Map<Long, List<ObjectNode>> out = new LinkedHashMap<>();
        SqlParams params = lane(compound, laneId).float8("junction_tol", rules.junctionTolerance())
                .float8("gate_tol", rules.gateTolerance()).float8("reach", rules.turnaroundReach())
                .integer("high_rise_floors", (int) rules.highRiseMinFloors().value());
        try (PreparedStatement ps = Sql.prepare(c, sql, params)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong("lane_id"), k -> new ArrayList<>()).add(deadEnd(rs));
                }
            }
        }
        return out;
    }

    private ObjectNode deadEnd(ResultSet rs) throws SQLException {
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.put("end", rs.getString("which"));
        d.put("chainage_m", round(rs.getDouble("chainage"), CHAINAGE_DECIMALS));
        double length = rs.getDouble("length");
        d.put("length_m", round(length, CHAINAGE_DECIMALS));
        FireLaneRules.Rule maxLength = rules.deadEndMaxWithoutTurnaround();
        boolean required = length > maxLength.value();
        String turnaroundClass = rs.getString("turnaround_class");
        FireLaneRules.Rule side = rules.turnaroundMinSide(rules.turnaroundClasses().contains(turnaroundClass)
                ? turnaroundClass : "ordinary");
        d.put("turnaround_required", required);
        d.put("turnaround_class", turnaroundClass);
        d.put("turnaround_min_side_m", side.value());
        d.set("point", GeoJson.parse(rs.getString("tip_geojson")));
        ArrayNode rulesUsed = d.putArray("rules");
        rulesUsed.add(maxLength.toJson());
        rulesUsed.add(side.toJson());
        if ("high_rise".equals(turnaroundClass)) {
            rulesUsed.add(rules.highRiseMinFloors().toJson());
        }
        String finding = null;
        if (rs.getObject("turnaround_id") != null) {
            ObjectNode t = d.putObject("turnaround");
            t.put("id", rs.getLong("turnaround_id"));
            t.put("source_id", rs.getString("turnaround_source_id"));
            t.put("short_side_m", round(rs.getDouble("short_side"), CHAINAGE_DECIMALS));
            t.put("long_side_m", round(rs.getDouble("long_side"), CHAINAGE_DECIMALS));
            t.put("area_m2", round(rs.getDouble("area"), CHAINAGE_DECIMALS));
            String obstructed = rs.getString("obstructed_by");
            t.set("obstructed_by", obstructed == null ? Json.MAPPER.createArrayNode() : GeoJson.parse(obstructed));
            t.set("geometry", GeoJson.parse(rs.getString("turnaround_geojson")));
            boolean bigEnough = rs.getDouble("short_side") >= side.value() - rules.sizeTolerance()
                    && rs.getDouble("area") >= (side.value() - rules.sizeTolerance()) * (side.value() - rules.sizeTolerance());
            if (!bigEnough) {
                finding = "turnaround_too_small";
            } else if (obstructed != null) {
                finding = "turnaround_obstructed";
            }
        } else {
            d.putNull("turnaround");
            if (required) {
                finding = "no_turnaround";
            }
        }
        if (finding != null && !required && !"turnaround_obstructed".equals(finding)) {
            finding = null; // a short dead end needs no turnaround, so a small one is no finding
        }
        d.put("finding", finding);
        ArrayNode unconfirmed = d.putArray("unconfirmed");
        for (JsonNode r : rulesUsed) {
            if (r.get("unconfirmed").asBoolean()) {
                unconfirmed.add(r.get("rule").asText());
            }
        }
        return d;
    }

    private ObjectNode assemble(String compound, Crs crs, boolean includePlanned, List<Lane> lanes,
                                Map<Long, List<Station>> profiles, Map<Long, List<ObjectNode>> deadEnds,
                                List<Stretch> stretches, List<JsonNode> stretchGeometry) {
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("compound", compound);
        report.put("crs", crs.uri());
        report.put("planned_stalls_included", includePlanned);
        report.set("rules", rulesJson());
        report.set("method", rules.methodJson());
        int obstructed = 0;
        int deadEndFindings = 0;
        int blockedStretches = 0;
        ArrayNode lanesJson = report.putArray("lanes");
        for (Lane lane : lanes) {
            ObjectNode l = lanesJson.addObject();
            l.put("id", lane.id());
            l.put("source_id", lane.sourceId());
            l.put("name", lane.name());
            l.put("required_width_m", lane.requiredWidth());
            l.put("carriageway_width_m", lane.effectiveCarriageway());
            l.put("carriageway_width_from", lane.carriagewayWidth() != null ? "data" : "required_width");
            l.put("length_m", round(lane.length(), CHAINAGE_DECIMALS));
            List<Station> stations = profiles.getOrDefault(lane.id(), List.of());
            double minClear = stations.stream().mapToDouble(Station::clearWidth).min().orElse(0);
            l.put("min_clear_width_m", round(minClear, WIDTH_DECIMALS));
            ArrayNode stretchJson = Json.MAPPER.createArrayNode();
            for (int i = 0; i < stretches.size(); i++) {
                Stretch s = stretches.get(i);
                if (s.laneId() == lane.id()) {
                    stretchJson.add(stretchJson(s, stretchGeometry.get(i)));
                }
            }
            boolean isObstructed = !stretchJson.isEmpty();
            l.put("status", isObstructed ? "obstructed" : "clear");
            List<ObjectNode> ends = deadEnds.getOrDefault(lane.id(), List.of());
            long findings = ends.stream().filter(e -> !e.get("finding").isNull()).count();
            l.put("dead_end_findings", findings);
            l.set("blocked_stretches", stretchJson);
            l.set("dead_ends", Json.MAPPER.valueToTree(ends));
            l.set("profile", profileJson(stations));
            l.set("geometry", lane.geometry());
            obstructed += isObstructed ? 1 : 0;
            blockedStretches += stretchJson.size();
            deadEndFindings += (int) findings;
        }
        ObjectNode summary = report.putObject("summary");
        summary.put("lanes", lanes.size());
        summary.put("clear", lanes.size() - obstructed);
        summary.put("obstructed", obstructed);
        summary.put("blocked_stretches", blockedStretches);
        summary.put("dead_ends_without_turnaround", deadEndFindings);
        return report;
    }

    private ObjectNode stretchJson(Stretch s, JsonNode geometry) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("from_m", round(s.from(), CHAINAGE_DECIMALS));
        n.put("to_m", round(s.to(), CHAINAGE_DECIMALS));
        n.put("length_m", round(s.to() - s.from(), CHAINAGE_DECIMALS));
        n.put("min_clear_width_m", round(s.minClear(), WIDTH_DECIMALS));
        ArrayNode causes = n.putArray("causes");
        boolean assumedFootprint = false;
        for (JsonNode cause : s.causes().values()) {
            causes.add(cause);
            assumedFootprint |= !cause.path("assumed_radius_m").isNull() && !cause.path("assumed_radius_m").isMissingNode();
        }
        ArrayNode unconfirmed = n.putArray("unconfirmed");
        if (assumedFootprint && rules.pointObstacleRadiiUnconfirmed()) {
            unconfirmed.add("method.point_obstacle_radius_m");
        }
        n.set("geometry", geometry);
        return n;
    }

    private static ArrayNode profileJson(List<Station> stations) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Station s : stations) {
            ObjectNode p = out.addObject();
            p.put("chainage_m", round(s.chainage(), CHAINAGE_DECIMALS));
            p.put("clear_width_m", round(s.clearWidth(), WIDTH_DECIMALS));
            if (s.gapFrom() != null) {
                p.put("gap_from_m", round(s.gapFrom(), WIDTH_DECIMALS));
                p.put("gap_to_m", round(s.gapTo(), WIDTH_DECIMALS));
            }
        }
        return out;
    }

    private ObjectNode rulesJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("source", rules.source());
        n.set("min_clear_width", rules.minClearWidth().toJson());
        n.set("dead_end_max_without_turnaround", rules.deadEndMaxWithoutTurnaround().toJson());
        ObjectNode sides = n.putObject("turnaround_min_side");
        for (String cls : rules.turnaroundClasses()) {
            sides.set(cls, rules.turnaroundMinSide(cls).toJson());
        }
        return n;
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    /** The compound and the one lane (or NULL: every lane) that the lane queries read. */
    private static SqlParams lane(String compound, Long laneId) {
        return SqlParams.of().text("compound", compound).bigint("lane_id", laneId);
    }

}
