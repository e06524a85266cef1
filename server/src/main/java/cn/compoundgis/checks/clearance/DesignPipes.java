package cn.compoundgis.checks.clearance;

import cn.compoundgis.http.Requests;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import cn.compoundgis.http.Params;
import cn.compoundgis.checks.Networks;
import cn.compoundgis.checks.Pipe;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.AxisReading;
import cn.compoundgis.geo.GeometryReader;
import cn.compoundgis.geo.PostedGeometry;
import cn.compoundgis.survey.recognize.PipeSize;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads designed pipes from a GeoJSON FeatureCollection: LineString or MultiLineString features with
 * {@code network} (CJJ 61 code), a size ({@code size} as surveyors write it, or {@code dn_mm}, or
 * {@code width_mm} + {@code height_mm}), and start/end depths ({@code start_depth_m}, {@code end_depth_m}, or one
 * {@code depth_m}) or elevations ({@code start_elevation_m}, {@code end_elevation_m}). Optional: {@code depth_reference}
 * (invert for drainage, top otherwise, by default), {@code material}, {@code pressure_class}, {@code burial_method},
 * {@code owner}, {@code role} (trunk/branch), {@code temporary}, {@code start_no}, {@code end_no}. Anything wrong is
 * a 400 naming the feature and the property.
 */
final class DesignPipes {
    private static final Set<String> PRESSURE_CLASSES = Set.of("low", "medium_b", "medium_a", "sub_high_b", "sub_high_a",
            "high_b", "high_a");
    static final int MAX_FEATURES = 20_000;

    /** One designed pipe: its attributes as a {@link Pipe} and its geometry (read by {@link GeometryReader}). */
    record DesignPipe(Pipe pipe, PostedGeometry geometry, String extraJson) {
    }

    /** The design pipes of a request and the axis order their positions were read in. */
    record Design(List<DesignPipe> pipes, AxisReading axes) {
    }

    private DesignPipes() {
    }

    static Design parse(String body, Crs crs) {
        JsonNode root = Requests.json("the body (design pipes as a GeoJSON FeatureCollection)", body);
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
            throw ApiError.badParameter("the body must be a GeoJSON FeatureCollection of design pipes (\"type\": \"FeatureCollection\")")
                    .says("design.not_collection");
        }
        JsonNode features = root.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw ApiError.badParameter("the FeatureCollection has no features: send at least one design pipe")
                    .says("design.no_features");
        }
        if (features.size() > MAX_FEATURES) {
            throw ApiError.badParameter("at most " + MAX_FEATURES + " design pipes per request; got " + features.size())
                    .says("design.too_many", "max", MAX_FEATURES, "n", features.size());
        }
        GeometryReader reader = new GeometryReader(CheckRequests.posted(crs));
        List<DesignPipe> pipes = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            pipes.add(feature(features.get(i), i, reader));
        }
        return new Design(pipes, reader.resolve());
    }

    /** How a refusal names the design pipe: its id, else its place in the file (#1 the first). */
    private static String label(JsonNode f, int index) {
        return f.hasNonNull("id") ? f.get("id").asText() : "#" + (index + 1);
    }

    private static DesignPipe feature(JsonNode f, int index, GeometryReader reader) {
        String where = "feature " + index + (f.hasNonNull("id") ? " (id " + f.get("id").asText() + ")" : "");
        String label = label(f, index);
        PostedGeometry geometry = reader.add(f.get("geometry"), where, PostedGeometry.LINES);
        JsonNode p = f.path("properties");
        String network = p.path("network").asText("").trim().toUpperCase(java.util.Locale.ROOT);
        if (!Networks.codes().contains(network)) {
            String allowed = String.join(", ", new TreeSet<>(Networks.codes()));
            throw ApiError.badParameter(where + ": property network must be a CJJ 61 code [" + allowed + "], got '"
                    + p.path("network").asText("") + "'")
                    .says("design.network", "feature", label, "value", p.path("network").asText(""), "allowed", allowed);
        }
        PipeSize size = size(p, where, label);
        Double startDepth = number(p, "start_depth_m", where);
        Double endDepth = number(p, "end_depth_m", where);
        Double depth = number(p, "depth_m", where);
        if (depth != null) {
            startDepth = startDepth == null ? depth : startDepth;
            endDepth = endDepth == null ? depth : endDepth;
        }
        Double startElevation = number(p, "start_elevation_m", where);
        Double endElevation = number(p, "end_elevation_m", where);
        if (startDepth == null && endDepth == null && startElevation == null && endElevation == null) {
            throw ApiError.badParameter(where + ": give the depth (start_depth_m, end_depth_m or depth_m) or the elevation"
                    + " (start_elevation_m, end_elevation_m) of the design pipe").says("design.no_depth", "feature", label);
        }
        for (Double d : new Double[]{startDepth, endDepth}) {
            if (d != null && d < 0) {
                throw ApiError.badParameter(where + ": a depth below ground cannot be negative, got " + d)
                        .says("design.negative_depth", "feature", label, "value", d);
            }
        }
        String reference = text(p, "depth_reference");
        if (reference == null) {
            reference = Pipe.defaultDepthReference(network);
        } else if (!reference.equals("invert") && !reference.equals("top")) {
            throw ApiError.badParameter(where + ": depth_reference must be invert or top, got '" + reference + "'")
                    .says("design.depth_reference", "feature", label, "value", reference);
        }
        String pressure = text(p, "pressure_class");
        if (pressure != null && !PRESSURE_CLASSES.contains(pressure)) {
            throw ApiError.badParameter(where + ": pressure_class must be one of " + PRESSURE_CLASSES + ", got '" + pressure + "'")
                    .says("design.pressure_class", "feature", label, "value", pressure, "allowed", String.join(", ", new TreeSet<>(PRESSURE_CLASSES)));
        }
        String sourceId = f.hasNonNull("id") ? f.get("id").asText() : text(p, "id");
        boolean temporary = p.path("temporary").asBoolean(false);
        Pipe pipe = new Pipe(Pipe.DESIGN, index, sourceId, null, network, text(p, "start_no"), text(p, "end_no"),
                size == null ? null : size.display(), size == null ? null : size.diameterMm(),
                size == null ? null : size.widthMm(), size == null ? null : size.heightMm(), text(p, "material"),
                startDepth, endDepth, startElevation, endElevation, reference, text(p, "burial_method"), pressure,
                text(p, "owner"), text(p, "role"), temporary, null, null);
        ObjectNode extra = Json.MAPPER.createObjectNode();
        if (pipe.role() != null) {
            extra.put("role", pipe.role());
        }
        if (temporary) {
            extra.put("temporary", true);
        }
        return new DesignPipe(pipe, geometry, extra.toString());
    }

    private static PipeSize size(JsonNode p, String where, String label) {
        if (p.hasNonNull("size")) {
            Optional<PipeSize> parsed = PipeSize.parse(p.get("size").asText());
            return parsed.orElseThrow(() -> ApiError.badParameter(where + ": size '" + p.get("size").asText()
                    + "' is not a pipe size (DN400, 400, Φ400 or 400×300)").says("design.size", "feature", label, "value", p.get("size").asText()));
        }
        Double dn = number(p, "dn_mm", where);
        Double width = number(p, "width_mm", where);
        Double height = number(p, "height_mm", where);
        if (dn != null) {
            requirePositive(dn, "dn_mm", where, label);
            return new PipeSize((int) Math.round(dn), null, null);
        }
        if (width != null && height != null) {
            requirePositive(width, "width_mm", where, label);
            requirePositive(height, "height_mm", where, label);
            return new PipeSize(null, (int) Math.round(width), (int) Math.round(height));
        }
        throw ApiError.badParameter(where + ": give the pipe's size (size such as DN400 or 400×300, or dn_mm, or width_mm and height_mm)")
                .says("design.no_size", "feature", label);
    }

    private static void requirePositive(double value, String name, String where, String label) {
        if (value <= 0) {
            throw ApiError.badParameter(where + ": " + name + " must be positive, got " + value)
                    .says("design.not_positive", "feature", label, "field", name, "value", value);
        }
    }

    private static Double number(JsonNode p, String name, String where) {
        JsonNode v = p.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return Params.jsonNumber(where + ": " + name + " (metres or mm)", v);
    }

    private static String text(JsonNode p, String name) {
        JsonNode v = p.get(name);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }
}
