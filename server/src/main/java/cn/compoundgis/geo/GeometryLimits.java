package cn.compoundgis.geo;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The documented limits of posted geometry (geo/posted-geometry.json): how many positions one request may carry,
 * the latitudes of the Gauss-Kruger areas of use, and the margin allowed beyond a zone's edges.
 */
public record GeometryLimits(int maxPositions, double gaussKrugerSouth, double gaussKrugerNorth, double marginDegrees,
                             double projectedMaxAbsM) {
    private static final String RESOURCE = "/geo/posted-geometry.json";
    public static final GeometryLimits DEFAULTS = load();

    static GeometryLimits from(JsonNode t) {
        return new GeometryLimits(t.path("max_positions_per_request").asInt(), t.path("gauss_kruger_latitude_south").asDouble(),
                t.path("gauss_kruger_latitude_north").asDouble(), t.path("area_of_use_margin_degrees").asDouble(),
                t.path("projected_max_abs_m").asDouble());
    }

    private static GeometryLimits load() {
        try (InputStream in = GeometryLimits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return from(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
