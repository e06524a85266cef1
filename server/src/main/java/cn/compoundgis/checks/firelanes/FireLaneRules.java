package cn.compoundgis.checks.firelanes;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The fire lane and parking rules of {@code /checks/fire-lanes-parking.json} (GB 50016-2014 §7.1.8/7.1.9,
 * GB 55037-2022, standards.md §7-8) and the measuring method's settings, loaded once. Every value keeps its
 * clause; values marked {@code "unconfirmed": true} are reported as such by the findings that use them.
 */
public final class FireLaneRules {
    public static final String RESOURCE = "/checks/fire-lanes-parking.json";

    private final JsonNode root;

    private FireLaneRules(JsonNode root) {
        this.root = root;
    }

    public static FireLaneRules load() {
        try (InputStream in = FireLaneRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("rule file " + RESOURCE + " is missing from the build");
            }
            return new FireLaneRules(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("rule file " + RESOURCE + " is not valid JSON", e);
        }
    }

    /** A rule value with its clause and whether it is unconfirmed ([M] in standards.md). */
    public record Rule(String name, double value, String clause, boolean unconfirmed) {
        public ObjectNode toJson() {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("rule", name);
            n.put("value", value);
            n.put("clause", clause);
            n.put("unconfirmed", unconfirmed);
            return n;
        }
    }

    private Rule rule(String name, JsonNode node) {
        if (node == null || !node.has("value")) {
            throw new IllegalStateException(RESOURCE + ": no value for " + name);
        }
        return new Rule(name, node.get("value").asDouble(), node.path("clause").asText(),
                node.path("unconfirmed").asBoolean(false));
    }

    private JsonNode fireLane() {
        return root.path("fire_lane");
    }

    private JsonNode method() {
        return root.path("method");
    }

    public Rule minClearWidth() {
        return rule("fire_lane.min_clear_width_m", fireLane().get("min_clear_width_m"));
    }

    public Rule deadEndMaxWithoutTurnaround() {
        return rule("fire_lane.dead_end_max_without_turnaround_m", fireLane().get("dead_end_max_without_turnaround_m"));
    }

    public Rule highRiseMinFloors() {
        return rule("fire_lane.high_rise_min_floors", fireLane().get("high_rise_min_floors"));
    }

    /** Turnaround side by class: ordinary (12 m), high_rise (15 m), heavy (18 m). */
    public Rule turnaroundMinSide(String turnaroundClass) {
        JsonNode node = fireLane().path("turnaround_min_side_m").get(turnaroundClass);
        if (node == null) {
            throw new IllegalArgumentException("no turnaround class " + turnaroundClass);
        }
        return rule("fire_lane.turnaround_min_side_m." + turnaroundClass, node);
    }

    public List<String> turnaroundClasses() {
        List<String> out = new ArrayList<>();
        fireLane().path("turnaround_min_side_m").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Minimum stall size for a layout (perpendicular or parallel). */
    public record StallSize(String layout, double width, double length, String clause) {
    }

    public StallSize stallMinSize(String layout) {
        JsonNode node = root.path("parking").path("stall_min_size_m").get(layout);
        if (node == null) {
            throw new IllegalArgumentException("no stall layout " + layout);
        }
        return new StallSize(layout, node.get("width").asDouble(), node.get("length").asDouble(),
                node.path("clause").asText());
    }

    public List<String> stallLayouts() {
        List<String> out = new ArrayList<>();
        root.path("parking").path("stall_min_size_m").fieldNames().forEachRemaining(out::add);
        return out;
    }

    public String defaultStallLayout() {
        return root.path("parking").path("default_layout").asText();
    }

    public String noOverlapClause() {
        return root.path("parking").path("no_overlap_with").path("clause").asText();
    }

    public double stationSpacing() {
        return method().path("station_spacing_m").asDouble();
    }

    public double directionWindow() {
        return method().path("direction_window_m").asDouble();
    }

    public double minBlockingLength() {
        return method().path("min_blocking_length_m").asDouble();
    }

    public double widthTolerance() {
        return method().path("width_tolerance_m").asDouble();
    }

    public double junctionTolerance() {
        return method().path("junction_tolerance_m").asDouble();
    }

    public double gateTolerance() {
        return method().path("gate_tolerance_m").asDouble();
    }

    public double turnaroundReach() {
        return method().path("turnaround_reach_m").asDouble();
    }

    public double sizeTolerance() {
        return method().path("size_tolerance_m").asDouble();
    }

    /** Radius of the disc that stands for an obstacle reported as a point, by kind ({"tree": 0.3, ...}). */
    public JsonNode pointObstacleRadii() {
        return method().path("point_obstacle_radius_m").path("value");
    }

    public boolean pointObstacleRadiiUnconfirmed() {
        return method().path("point_obstacle_radius_m").path("unconfirmed").asBoolean(false);
    }

    public double largestPointObstacleRadius() {
        double max = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = pointObstacleRadii().fields(); it.hasNext(); ) {
            max = Math.max(max, it.next().getValue().asDouble());
        }
        return max;
    }

    /** The method section as stored (station spacing and the other measuring settings, with their notes). */
    public JsonNode methodJson() {
        return method();
    }

    public String source() {
        return root.path("source").asText();
    }
}
