package cn.compoundgis.geo;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * GeoJSON output shared by every capability: geometry text that PostGIS wrote ({@code ST_AsGeoJSON}) as a node of
 * the one mapper, and the Feature members of a FeatureCollection being built.
 */
public final class GeoJson {
    private GeoJson() {
    }

    /** JSON written by the database (a geometry, a jsonb column); {@code null} text is JSON null. */
    public static JsonNode parse(String json) {
        if (json == null) {
            return Json.MAPPER.nullNode();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the database wrote JSON that does not parse", e);
        }
    }

    /** One geometry as it is, several as a GeometryCollection of them. */
    public static JsonNode geometryOf(List<String> geometries) {
        if (geometries.size() == 1) {
            return parse(geometries.get(0));
        }
        ObjectNode collection = Json.MAPPER.createObjectNode();
        collection.put("type", "GeometryCollection");
        ArrayNode members = collection.putArray("geometries");
        geometries.forEach(g -> members.add(parse(g)));
        return collection;
    }

    /** Adds a Feature with {@code id} and {@code geometry} to {@code features}; returns its properties to fill. */
    public static ObjectNode feature(ArrayNode features, JsonNode id, JsonNode geometry) {
        ObjectNode f = features.addObject();
        f.put("type", "Feature");
        f.set("id", id);
        f.set("geometry", geometry);
        return f.putObject("properties");
    }
}
