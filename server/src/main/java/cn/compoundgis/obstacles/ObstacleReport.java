package cn.compoundgis.obstacles;

import cn.compoundgis.geo.AxisReading;
import cn.compoundgis.geo.GeometryReader;
import cn.compoundgis.geo.GeometryType;
import cn.compoundgis.geo.PostedCrs;
import cn.compoundgis.geo.PostedGeometry;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Params;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An obstacle reported from the field, checked: a GeoJSON Point or Polygon (in the request's CRS, read by the
 * geometry reader and held easting first; a phone's altitude is dropped), one of
 * the obstacle kinds of the schema, an optional note, compound, observation date and photo.
 */
record ObstacleReport(String geometryJson, AxisReading axes, String kind, String note, String compound,
                      LocalDate observedOn, Photo photo) {
    /** The kinds the obstacle table allows (V1__schema.sql). */
    static final List<String> KINDS = List.of("vehicle", "illegal_structure", "clutter", "tree", "bollard", "other");
    private static final Set<GeometryType> GEOMETRY_TYPES = Set.of(GeometryType.POINT, GeometryType.POLYGON);
    static final int MAX_NOTE_CHARS = 500;

    static ObstacleReport of(JsonNode geometry, PostedCrs crs, String kind, String note, String compound,
                             String observedOn, Photo photo) {
        GeometryReader reader = new GeometryReader(crs);
        PostedGeometry checked = checkedGeometry(geometry, reader);
        AxisReading axes = reader.resolve();
        return new ObstacleReport(checked.geoJson(), axes, checkedKind(kind), checkedNote(note), blankToNull(compound),
                checkedDate(observedOn), photo);
    }

    private static PostedGeometry checkedGeometry(JsonNode g, GeometryReader reader) {
        if (g == null || g.isNull() || g.isMissingNode()) {
            throw ApiError.badParameter("geometry is required: a GeoJSON Point or Polygon").says("obstacle.no_geometry");
        }
        if ("Feature".equals(g.path("type").asText())) {
            g = g.path("geometry");
        }
        return reader.add(g, "geometry", GEOMETRY_TYPES);
    }

    private static String checkedKind(String kind) {
        if (kind == null || kind.isBlank()) {
            throw ApiError.badParameter("kind is required, one of " + KINDS).says("obstacle.no_kind");
        }
        String k = kind.trim();
        if (!KINDS.contains(k)) {
            throw ApiError.badParameter("kind=" + k + " is not an obstacle kind; use one of " + KINDS).says("obstacle.kind", "value", k);
        }
        return k;
    }

    private static String checkedNote(String note) {
        String n = blankToNull(note);
        if (n != null && n.length() > MAX_NOTE_CHARS) {
            throw ApiError.badParameter("note is " + n.length() + " characters; at most " + MAX_NOTE_CHARS)
                    .says("obstacle.note_too_long", "n", n.length(), "max", MAX_NOTE_CHARS);
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
