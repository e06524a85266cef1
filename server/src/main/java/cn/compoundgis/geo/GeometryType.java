package cn.compoundgis.geo;

import java.util.List;

/**
 * The GeoJSON geometry types a request may post, with how deep their positions are nested and what each level
 * is called in a message ("polygon 2, ring 1, position 5").
 */
public enum GeometryType {
    POINT("Point", List.of(), Leaves.SINGLE),
    MULTI_POINT("MultiPoint", List.of("point"), Leaves.POINTS),
    LINE_STRING("LineString", List.of("position"), Leaves.LINE),
    MULTI_LINE_STRING("MultiLineString", List.of("line", "position"), Leaves.LINE),
    POLYGON("Polygon", List.of("ring", "position"), Leaves.RING),
    MULTI_POLYGON("MultiPolygon", List.of("polygon", "ring", "position"), Leaves.RING);

    /** What the innermost list of positions must be. */
    enum Leaves { SINGLE, POINTS, LINE, RING }

    private final String geoJson;
    private final List<String> levels;
    private final Leaves leaves;

    GeometryType(String geoJson, List<String> levels, Leaves leaves) {
        this.geoJson = geoJson;
        this.levels = levels;
        this.leaves = leaves;
    }

    public String geoJson() {
        return geoJson;
    }

    /** Levels of arrays around the positions: 0 for a Point, 3 for a MultiPolygon. */
    int depth() {
        return levels.size();
    }

    String levelName(int level) {
        return levels.get(level);
    }

    Leaves leaves() {
        return leaves;
    }

    static GeometryType ofGeoJson(String name) {
        for (GeometryType t : values()) {
            if (t.geoJson.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
