package cn.compoundgis.checks.dig;

import cn.compoundgis.http.Requests;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import cn.compoundgis.http.Params;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.AxisReading;
import cn.compoundgis.geo.GeometryReader;
import cn.compoundgis.geo.GeometryType;
import cn.compoundgis.geo.PostedGeometry;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * What to dig: a pit (Polygon or MultiPolygon) or a trench (a LineString with a width), and optionally how
 * deep. The body is a GeoJSON Feature (properties {@code width_m}, {@code depth_m}) or a bare geometry; the
 * query parameters {@code width} and {@code depth} (metres) serve as well. The geometry is read by
 * {@link GeometryReader} (either axis order in a Gauss-Kruger CRS, area of use checked) and held as GeoJSON
 * easting first.
 */
record DigRequest(String geometryJson, boolean trench, Double widthM, Double digDepthM, AxisReading axes) {
    private static final Set<GeometryType> DIG_TYPES = Set.of(GeometryType.POLYGON, GeometryType.MULTI_POLYGON,
            GeometryType.LINE_STRING);

    static DigRequest parse(String body, String widthParameter, String depthParameter, Crs crs, DigRules rules) {
        JsonNode root = body == null || body.isBlank() ? null : Requests.json("the body (the dig area as GeoJSON)", body);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw ApiError.badParameter("send the dig area as a GeoJSON Feature or geometry (a Polygon, or a LineString with width_m)")
                    .says("dig.no_body");
        }
        JsonNode geometry = "Feature".equals(root.path("type").asText()) ? root.path("geometry") : root;
        JsonNode properties = root.path("properties");
        boolean trench = "LineString".equals(geometry.path("type").asText());
        Double width = number(parameterOr(widthParameter, properties.get("width_m")), "width");
        Double depth = number(parameterOr(depthParameter, properties.get("depth_m")), "depth");
        if (depth != null && (depth <= 0 || depth > rules.maxDigDepthM())) {
            throw ApiError.badParameter("depth must be a positive number of metres up to " + rules.maxDigDepthM()
                    + ", got " + depth).says("dig.depth_range", "max", rules.maxDigDepthM(), "value", depth);
        }
        GeometryReader reader = new GeometryReader(CheckRequests.posted(crs));
        PostedGeometry area = reader.add(geometry, trench ? "trench line" : "dig area", DIG_TYPES);
        if (trench) {
            checkWidth(width, rules);
        }
        AxisReading axes = reader.resolve();
        return new DigRequest(area.geoJson(), trench, trench ? width : null, depth, axes);
    }

    private static void checkWidth(Double width, DigRules rules) {
        if (width == null || width <= 0) {
            throw ApiError.badParameter("a trench drawn as a line needs its width: width_m in the properties or ?width= (metres)")
                    .says("dig.no_width");
        }
        if (width > rules.maxTrenchWidthM()) {
            throw ApiError.badParameter("the trench width " + width + " m is more than the maximum " + rules.maxTrenchWidthM()
                    + " m (max_trench_width_m): draw the area as a polygon").says("dig.too_wide", "value", width, "max", rules.maxTrenchWidthM());
        }
    }

    private static JsonNode parameterOr(String parameter, JsonNode property) {
        if (parameter != null && !parameter.isBlank()) {
            return Json.MAPPER.getNodeFactory().textNode(parameter.trim());
        }
        return property;
    }

    /** A finite number of metres, or null when not given. */
    private static Double number(JsonNode v, String name) {
        if (v == null || v.isNull()) {
            return null;
        }
        return Params.jsonNumber(name + " (metres)", v);
    }
}
