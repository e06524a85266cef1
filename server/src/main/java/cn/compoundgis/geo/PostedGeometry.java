package cn.compoundgis.geo;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One geometry of a request, read by a {@link GeometryReader}: checked position by position, then, once the
 * request's axis order is resolved, written back as plain 2-D GeoJSON easting (longitude) first in the request's
 * CRS: the only form in which posted geometry reaches PostGIS (see {@link PostgisInput}).
 */
public final class PostedGeometry {
    public static final Set<GeometryType> AREAS = Set.of(GeometryType.POLYGON, GeometryType.MULTI_POLYGON);
    public static final Set<GeometryType> LINES = Set.of(GeometryType.LINE_STRING, GeometryType.MULTI_LINE_STRING);

    /** One position as written: its two numbers (a third, an altitude, is dropped) and where it is in the request. */
    record Position(double first, double second, String where) {
    }

    private final GeometryType type;
    /** Nested lists as in the GeoJSON, with {@link Position} leaves. */
    private final Object coordinates;
    private final List<Position> positions;
    private final GeometryReader reader;

    PostedGeometry(GeometryType type, Object coordinates, List<Position> positions, GeometryReader reader) {
        this.type = type;
        this.coordinates = coordinates;
        this.positions = positions;
        this.reader = reader;
    }

    public GeometryType type() {
        return type;
    }

    List<Position> positions() {
        return positions;
    }

    /** The geometry as GeoJSON text, easting first, 2-D, in the request's CRS; only after the reader resolved. */
    public String geoJson() {
        return node().toString();
    }

    public ObjectNode node() {
        AxisOrder order = reader.reading().read();
        ObjectNode g = Json.MAPPER.createObjectNode();
        g.put("type", type.geoJson());
        g.set("coordinates", write(coordinates, order));
        return g;
    }

    private static JsonNode write(Object node, AxisOrder order) {
        if (node instanceof Position p) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode(2);
            a.add(AreaOfUse.east(p.first(), p.second(), order));
            a.add(AreaOfUse.north(p.first(), p.second(), order));
            return a;
        }
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Object child : (List<?>) node) {
            a.add(write(child, order));
        }
        return a;
    }

    static List<Object> list() {
        return new ArrayList<>();
    }
}
