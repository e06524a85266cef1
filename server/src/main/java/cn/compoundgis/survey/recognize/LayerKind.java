package cn.compoundgis.survey.recognize;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a delivered layer holds: one kind per feature table. */
public enum LayerKind {
    COMPOUNDS("compounds", "compound", Set.of("Polygon", "MultiPolygon")),
    BUILDINGS("buildings", "building", Set.of("Polygon", "MultiPolygon")),
    PIPES("pipes", "pipe", Set.of("LineString", "MultiLineString")),
    PIPE_POINTS("pipe_points", "pipe_point", Set.of("Point")),
    FIRE_LANES("fire_lanes", "fire_lane", Set.of("LineString")),
    PARKING("parking", "parking_stall", Set.of("Polygon")),
    OBSTACLES("obstacles", "obstacle", Set.of("Point", "Polygon", "MultiPolygon"));

    private final String id;
    private final String table;
    private final Set<String> geometryTypes;

    LayerKind(String id, String table, Set<String> geometryTypes) {
        this.id = id;
        this.table = table;
        this.geometryTypes = geometryTypes;
    }

    /** The name used in the rule files, the mapping parameter and the report. */
    public String id() {
        return id;
    }

    public String table() {
        return table;
    }

    public String stagedTable() {
        return "staged_" + table;
    }

    /** JTS geometry types the table takes. */
    public Set<String> geometryTypes() {
        return geometryTypes;
    }

    /** The layers a shapefile of that shape type can be mapped to (a point file is no pipe layer), in this order. */
    public static List<LayerKind> taking(cn.compoundgis.survey.shapefile.ShapeType.Kind shape) {
        String geometry = switch (shape) {
            case POINT -> "Point";
            case LINE -> "LineString";
            case POLYGON -> "Polygon";
            case MULTIPOINT, NULL -> "";
        };
        return java.util.Arrays.stream(values()).filter(k -> k.geometryTypes.contains(geometry)).toList();
    }

    public static Optional<LayerKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equalsIgnoreCase(id)).findFirst();
    }
}
