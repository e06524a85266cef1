package cn.compoundgis.checks.dig;

import cn.compoundgis.http.Params;
import cn.compoundgis.checks.GeoJsonInput;
import cn.compoundgis.features.Crs;
import cn.compoundgis.web.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What to dig: a pit (Polygon or MultiPolygon) or a trench (a LineString with a width), and optionally how
 * deep. The body is a GeoJSON Feature (properties {@code width_m}, {@code depth_m}) or a bare geometry; the
 * query parameters {@code width} and {@code depth} (metres) serve as well.
 */
record DigRequest(String geometryJson, boolean trench, Double widthM, Double digDepthM) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> AREAS = Set.of("Polygon", "MultiPolygon");

    static DigRequest parse(String body, String widthParameter, String depthParameter, Crs crs, DigRules rules) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw ApiError.badParameter("the body is not JSON: send the dig area as a GeoJSON Feature or geometry");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw ApiError.badParameter("send the dig area as a GeoJSON Feature or geometry (a Polygon, or a LineString with width_m)");
        }
        JsonNode geometry = "Feature".equals(root.path("type").asText()) ? root.path("geometry") : root;
        JsonNode properties = root.path("properties");
        String type = geometry.path("type").asText();
        Double width = number(parameterOr(widthParameter, properties.get("width_m")), "width");
        Double depth = number(parameterOr(depthParameter, properties.get("depth_m")), "depth");
        if (depth != null && depth <= 0) {
            throw ApiError.badParameter("depth must be a positive number of metres, got " + depth);
        }
        if (AREAS.contains(type)) {
            checkRings(geometry, crs);
            return new DigRequest(geometry.toString(), false, null, depth);
        }
        if ("LineString".equals(type)) {
            checkLine(geometry.path("coordinates"), crs);
            if (width == null || width <= 0) {
                throw ApiError.badParameter("a trench drawn as a line needs its width: width_m in the properties or ?width= (metres)");
            }
            if (width > rules.maxTrenchWidthM()) {
                throw ApiError.badParameter("a trench " + width + " m wide is more than " + rules.maxTrenchWidthM()
                        + " m: draw the area as a polygon");
            }
            return new DigRequest(geometry.toString(), true, width, depth);
        }
        throw ApiError.badParameter("the dig area must be a Polygon or MultiPolygon (a pit) or a LineString with a width"
                + " (a trench), got " + (type.isEmpty() ? "no geometry" : type));
    }

    private static JsonNode parameterOr(String parameter, JsonNode property) {
        if (parameter != null && !parameter.isBlank()) {
            return JSON.getNodeFactory().textNode(parameter.trim());
        }
        return property;
    }

    private static Double number(JsonNode v, String name) {
        if (v == null || v.isNull()) {
            return null;
        }
        return Params.jsonNumber(name + " (metres)", v);
    }

    private static void checkRings(JsonNode geometry, Crs crs) {
        List<JsonNode> polygons = new ArrayList<>();
        if ("Polygon".equals(geometry.path("type").asText())) {
            polygons.add(geometry.path("coordinates"));
        } else {
            geometry.path("coordinates").forEach(polygons::add);
        }
        if (polygons.isEmpty()) {
            throw ApiError.badParameter("the dig area has no coordinates");
        }
        for (JsonNode polygon : polygons) {
            if (!polygon.isArray() || polygon.isEmpty()) {
                throw ApiError.badParameter("a polygon of the dig area has no ring");
            }
            for (JsonNode ring : polygon) {
                if (!ring.isArray() || ring.size() < 4) {
                    throw ApiError.badParameter("a ring of the dig area needs at least 4 positions (closed), got "
                            + (ring.isArray() ? ring.size() : 0));
                }
                ring.forEach(p -> GeoJsonInput.checkPosition(p, "dig area", crs));
                if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
                    throw ApiError.badParameter("a ring of the dig area must end where it starts (closed)");
                }
            }
        }
    }

    private static void checkLine(JsonNode coordinates, Crs crs) {
        if (!coordinates.isArray() || coordinates.size() < 2) {
            throw ApiError.badParameter("a trench line needs at least two positions");
        }
        coordinates.forEach(p -> GeoJsonInput.checkPosition(p, "trench line", crs));
    }
}
