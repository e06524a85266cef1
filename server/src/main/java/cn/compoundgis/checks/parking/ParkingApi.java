package cn.compoundgis.checks.parking;

import cn.compoundgis.checks.CheckGate;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.web.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.SQLException;

/**
 * {@code GET /api/checks/parking?compound=CODE}: stall counts by kind and per household, and the stalls that
 * are too small or stand in a fire lane's required width or a turnaround.
 * {@code POST /api/checks/parking/proposed?compound=CODE}: the same checks for proposed stalls before they are
 * painted; the body is GeoJSON (a FeatureCollection of Polygons, a Feature or a Polygon) in {@code crs}
 * (CRS84 by default); a feature's {@code properties} may give {@code stall_no} and {@code layout}
 * ({@code perpendicular} or {@code parallel}).
 */
public final class ParkingApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ParkingCheck check;
    private final CheckRequests requests;
    private final CheckGate gate;

    public ParkingApi(ParkingCheck check, CheckRequests requests, CheckGate gate) {
        this.check = check;
        this.requests = requests;
        this.gate = gate;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/checks/parking", gate.guard(this::compound));
        routes.post("/api/checks/parking/proposed", gate.guard(this::proposed));
    }

    private void compound(Context ctx) throws SQLException {
        String compound = requests.compound(ctx);
        ctx.json(check.forCompound(compound, requests.crs(ctx)));
    }

    private void proposed(Context ctx) throws SQLException {
        String compound = requests.compound(ctx);
        var crs = requests.crs(ctx);
        ctx.json(check.proposed(compound, features(ctx.body(), check.layouts(), gate.limits().parkingMaxProposedStalls()), crs));
    }

    /** The body as a JSON array of Polygon Features, or a 400 naming what is wrong. */
    static ArrayNode features(String body, java.util.List<String> layouts, int maxProposed) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw ApiError.badParameter("the body is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiError.badParameter("send GeoJSON: a FeatureCollection of Polygon features, a Feature or a Polygon");
        }
        ArrayNode out = JSON.createArrayNode();
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
        for (int i = 0; i < out.size(); i++) {
            checkPolygon(i + 1, out.get(i), layouts);
        }
        return out;
    }

    private static void checkPolygon(int n, JsonNode feature, java.util.List<String> layouts) {
        JsonNode g = feature.path("geometry");
        if (!"Polygon".equals(g.path("type").asText())) {
            throw ApiError.badParameter("proposed stall " + n + " must be a Polygon, got '" + g.path("type").asText() + "'");
        }
        JsonNode rings = g.path("coordinates");
        if (!rings.isArray() || rings.isEmpty() || !rings.get(0).isArray() || rings.get(0).size() < 4) {
            throw ApiError.badParameter("proposed stall " + n + " needs a closed ring of at least 4 positions");
        }
        for (JsonNode ring : rings) {
            for (JsonNode position : ring) {
                if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                    throw ApiError.badParameter("proposed stall " + n + " has a position that is not [x, y]: " + position);
                }
            }
        }
        JsonNode properties = feature.path("properties");
        if (properties.has("layout") && !properties.get("layout").isNull()
                && !layouts.contains(properties.get("layout").asText())) {
            throw ApiError.badParameter("proposed stall " + n + ": layout is one of " + layouts + ", got "
                    + properties.get("layout"));
        }
    }
}
