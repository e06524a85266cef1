package cn.compoundgis.checks.parking;

import cn.compoundgis.http.Requests;
import cn.compoundgis.checks.CheckGate;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.geo.AxisReading;
import cn.compoundgis.geo.GeometryReader;
import cn.compoundgis.geo.GeometryType;
import cn.compoundgis.geo.PostedCrs;
import cn.compoundgis.geo.PostedGeometry;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/checks/parking?compound=CODE}: stall counts by kind and per household, and the stalls that
 * are too small or stand in a fire lane's required width or a turnaround.
 * {@code POST /api/checks/parking/proposed?compound=CODE}: the same checks for proposed stalls before they are
 * painted; the body is GeoJSON (a FeatureCollection of Polygons, a Feature or a Polygon) in {@code crs}
 * (CRS84 by default); a feature's {@code properties} may give {@code stall_no} and {@code layout}
 * ({@code perpendicular} or {@code parallel}). In a Gauss-Kruger CRS either axis order is read; the answer says
 * which ({@code axis_order}).
 */
public record ParkingApi(ParkingCheck check, CheckRequests requests, CheckGate gate) {

    public void compound(Context ctx) throws SQLException {
        String compound = requests.compound(ctx);
        ctx.json(check.forCompound(compound, requests.crs(ctx)));
    }

    /** Proposed stalls as Polygon Features whose geometry is checked and written easting first. */
    record Proposed(ArrayNode features, AxisReading axes) {
    }

    public void proposed(Context ctx) throws SQLException {
        String compound = requests.compound(ctx);
        var crs = requests.crs(ctx);
        Proposed proposed = features(ctx.body(), check.layouts(), CheckRequests.posted(crs),
                gate.limits().parkingMaxProposedStalls());
        ObjectNode report = check.proposed(compound, proposed.features(), crs);
        proposed.axes().writeTo(report);
        ctx.json(report);
    }

    /** The body as a JSON array of Polygon Features, or a 400 naming what is wrong. */
    static Proposed features(String body, List<String> layouts, PostedCrs crs, int maxProposed) {
        JsonNode root = body == null || body.isBlank() ? null : Requests.json("the body", body);
        if (root == null || !root.isObject()) {
            throw ApiError.badParameter("send GeoJSON: a FeatureCollection of Polygon features, a Feature or a Polygon");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        switch (root.path("type").asText()) {
            case "FeatureCollection" -> root.path("features").forEach(out::add);
            case "Feature" -> out.add(root);
            case "Polygon" -> out.addObject().put("type", "Feature").set("geometry", root);
            default -> throw ApiError.badParameter("GeoJSON type '" + root.path("type").asText()
                    + "' is not offered; send a FeatureCollection, a Feature or a Polygon");
        }
        if (out.isEmpty()) {
            throw ApiError.badParameter("no proposed stalls in the body");
        }
        if (out.size() > maxProposed) {
            throw ApiError.tooLarge(out.size() + " proposed stalls; at most " + maxProposed + " per request"
                    + " (parking max_proposed_stalls in check-limits.json): send the design in parts");
        }
        GeometryReader reader = new GeometryReader(crs);
        List<ObjectNode> checked = new ArrayList<>();
        List<PostedGeometry> geometries = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (!out.get(i).isObject()) {
                throw ApiError.badParameter("proposed stall " + (i + 1) + " is not a GeoJSON Feature");
            }
            checkLayout(i + 1, out.get(i), layouts);
            checked.add((ObjectNode) out.get(i));
            geometries.add(reader.add(out.get(i).get("geometry"), "proposed stall " + (i + 1), Set.of(GeometryType.POLYGON)));
        }
        AxisReading axes = reader.resolve();
        for (int i = 0; i < checked.size(); i++) {
            checked.get(i).set("geometry", geometries.get(i).node());
        }
        return new Proposed(out, axes);
    }

    private static void checkLayout(int n, JsonNode feature, List<String> layouts) {
        JsonNode properties = feature.path("properties");
        if (properties.has("layout") && !properties.get("layout").isNull()
                && !layouts.contains(properties.get("layout").asText())) {
            throw ApiError.badParameter("proposed stall " + n + ": layout is one of " + layouts + ", got "
                    + properties.get("layout"));
        }
    }
}
