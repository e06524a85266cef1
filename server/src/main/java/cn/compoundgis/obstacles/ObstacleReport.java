package cn.compoundgis.obstacles;

import cn.compoundgis.http.Params;
import cn.compoundgis.web.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An obstacle reported from the field, checked: a GeoJSON Point or Polygon (in the request's CRS), one of
 * the obstacle kinds of the schema, an optional note, compound, observation date and photo.
 */
record ObstacleReport(String geometryJson, String kind, String note, String compound, LocalDate observedOn, Photo photo) {
    /** The kinds the obstacle table allows (V1__schema.sql). */
    static final List<String> KINDS = List.of("vehicle", "illegal_structure", "clutter", "tree", "bollard", "other");
    private static final Set<String> GEOMETRY_TYPES = Set.of("Point", "Polygon");
    static final int MAX_NOTE_CHARS = 500;

    static ObstacleReport of(JsonNode geometry, String kind, String note, String compound, String observedOn, Photo photo) {
        return new ObstacleReport(checkedGeometry(geometry), checkedKind(kind), checkedNote(note),
                blankToNull(compound), checkedDate(observedOn), photo);
    }

    private static String checkedGeometry(JsonNode g) {
        if (g == null || g.isNull() || g.isMissingNode()) {
            throw ApiError.badParameter("geometry is required: a GeoJSON Point or Polygon");
        }
        if ("Feature".equals(g.path("type").asText())) {
            g = g.path("geometry");
        }
        String type = g.path("type").asText();
        if (!GEOMETRY_TYPES.contains(type)) {
            throw ApiError.badParameter("geometry must be a GeoJSON Point or Polygon, got '" + type + "'");
        }
        JsonNode coordinates = g.get("coordinates");
        int depth = type.equals("Point") ? 1 : 3;
        checkCoordinates(coordinates, depth);
        if (type.equals("Polygon")) {
            for (JsonNode ring : coordinates) {
                if (ring.size() < 4) {
                    throw ApiError.badParameter("a polygon ring needs at least 4 positions (closed), got " + ring.size());
                }
            }
        }
        return g.toString();
    }

    private static void checkCoordinates(JsonNode node, int depth) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiError.badParameter("geometry coordinates are missing or empty");
        }
        if (depth == 1) {
            if (node.size() < 2 || !node.get(0).isNumber() || !node.get(1).isNumber()
                    || !Double.isFinite(node.get(0).asDouble()) || !Double.isFinite(node.get(1).asDouble())) {
                throw ApiError.badParameter("a position is [x, y] with two numbers, got " + node);
            }
            return;
        }
        for (JsonNode child : node) {
            checkCoordinates(child, depth - 1);
        }
    }

    private static String checkedKind(String kind) {
        if (kind == null || kind.isBlank()) {
            throw ApiError.badParameter("kind is required, one of " + KINDS);
        }
        String k = kind.trim();
        if (!KINDS.contains(k)) {
            throw ApiError.badParameter("kind=" + k + " is not an obstacle kind; use one of " + KINDS);
        }
        return k;
    }

    private static String checkedNote(String note) {
        String n = blankToNull(note);
        if (n != null && n.length() > MAX_NOTE_CHARS) {
            throw ApiError.badParameter("note is " + n.length() + " characters; at most " + MAX_NOTE_CHARS);
        }
        return n;
    }

    private static LocalDate checkedDate(String text) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        return Params.date("observed_on", t);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
