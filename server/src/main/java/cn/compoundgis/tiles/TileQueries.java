package cn.compoundgis.tiles;

import cn.compoundgis.db.SqlResource;
import cn.compoundgis.features.Property;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * The SQL of the tiles: one MVT from the layers shown at a zoom (tiles/tile.sql around one tiles/layer.sql per
 * layer; the layer SQL is made from the rules of tiles.json, values are bound), and the change counters
 * (tile_epoch, migration V27) the ETags are made of.
 */
record TileQueries(DataSource dataSource, int workingSrid, TileRules rules, TileMatrixSet matrixSet) {
    private static final String TILE = SqlResource.load("/tiles/tile.sql");
    private static final String LAYER = SqlResource.load("/tiles/layer.sql");
    private static final String MERGED_LAYER = SqlResource.load("/tiles/layer-merged.sql");
    private static final String OVERVIEW_LAYER = SqlResource.load("/tiles/layer-overview.sql");
    /** The features' geometry in EPSG:3857 by the tile's linear map (tile.sql, migration V34). */
    private static final String LINEAR_MAP = "ST_Affine(f.geom, " + IntStream.rangeClosed(1, 6)
            .mapToObj(i -> "(SELECT linear[" + i + "] FROM tile)").collect(Collectors.joining(", ")) + ")";
    private static final String EPOCHS = "SELECT collection, epoch FROM tile_epoch WHERE collection = ANY (?)";
    /** The current features' lines joined where they meet, simplified for the zoom (a layer without an overview). */
    private static final String FEATURE_LINES = "ST_Transform(ST_Simplify(ST_LineMerge(ST_CollectionExtract(ST_Collect("
            + "ST_Force2D(f.geom)), 2)), (SELECT tolerance FROM tile)), " + TileMatrixSet.SRID + ")";


    /** Work on one connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on one connection: the epochs and the tile of one answer are read from the same database
     * (with read replicas, one replica), so a tile is never older than the epochs its ETag names. Layers made on a
     * second connection ({@link ParallelLayers}) are made there only if it sees epochs no older.
     */
    <T> T onOneConnection(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        }
    }

    /** The tile at z/x/y (x the column, y the row) of the given layers, all shown at z; empty if no feature. */
    byte[] tile(Connection c, List<TileRules.LayerRule> layers, int z, long x, long y) throws SQLException {
        String sql = tileSql(layers, z);
        double tolerance = z < rules.simplifyBelowZoom() ? rules.tolerancePixels() * matrixSet.cellSize(z) : 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (int round = 0; round < 2; round++) {
                ps.setInt(i++, z);
                ps.setInt(i++, Math.toIntExact(x));
                ps.setInt(i++, Math.toIntExact(y));
            }
            ps.setDouble(i++, (double) rules.buffer() / rules.extent());
            ps.setInt(i++, workingSrid);
            ps.setDouble(i++, tolerance);
            // tile_linear_map is STRICT: below linearFromZoom, where no layer uses it, it is not computed at all
            ps.setObject(i, z >= rules.linearFromZoom() ? workingSrid : null, Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] mvt = rs.getBytes(1);
                return mvt == null ? new byte[0] : mvt;
            }
        }
    }

    /** The change counter of each collection (by id), read before the tile so that an ETag is never newer than its tile. */
    Map<String, Long> epochs(Connection c, List<String> collections) throws SQLException {
        Map<String, Long> epochs = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(EPOCHS)) {
            ps.setArray(1, c.createArrayOf("text", collections.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    epochs.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return epochs;
    }

    String tileSql(List<TileRules.LayerRule> layers, int z) {
        List<String> parts = new ArrayList<>();
        for (TileRules.LayerRule layer : layers) {
            parts.add(layerSql(layer, z));
        }
        return TILE.replace("${layers}", String.join("\n    || ", parts));
    }

    private String layerSql(TileRules.LayerRule layer, int z) {
        if (layer.mergedAt(z)) {
            return mergedLayerSql(layer, z);
        }
        List<TileRules.Attribute> attributes = layer.attributesAt(z);
        boolean hasId = attributes.stream().anyMatch(TileRules.Attribute::isFeatureId);
        String columns = attributeColumns(attributes.stream().filter(a -> !a.isFeatureId()).toList());
        if (hasId) {
            columns += ", f.id AS mvt_id";
        }
        String geometry = z >= rules.linearFromZoom() ? LINEAR_MAP : "ST_Transform(f.geom, " + TileMatrixSet.SRID + ")";
        if (z < rules.simplifyBelowZoom()) {
            geometry = "ST_SimplifyPreserveTopology(" + geometry + ", (SELECT tolerance FROM tile))";
        }
        return LAYER.strip()
                .replace("${layer}", layer.collection().id())
                .replace("${extent}", String.valueOf(rules.extent()))
                .replace("${buffer}", String.valueOf(rules.buffer()))
                .replace("${featureId}", hasId ? ", 'mvt_id'" : "")
                .replace("${geometry}", geometry)
                .replace("${attributes}", columns)
                .replace("${table}", layer.collection().table());
    }

    /**
     * Lines joined per value of the layer's attributes at z (TileRules: no id among them): from the layer's overview,
     * whose lines are merged already, or else merged here from the collection's current features.
     */
    private String mergedLayerSql(TileRules.LayerRule layer, int z) {
        List<TileRules.Attribute> attributes = layer.attributesAt(z);
        if (layer.overview().isPresent()) {
            return overviewLayerSql(layer, attributes);
        }
        return MERGED_LAYER.strip()
                .replace("${layer}", layer.collection().id())
                .replace("${extent}", String.valueOf(rules.extent()))
                .replace("${buffer}", String.valueOf(rules.buffer()))
                .replace("${attributes}", attributeColumns(attributes))
                .replace("${groupBy}", groupBy(attributes, a -> column(a.property())))
                .replace("${lines}", FEATURE_LINES)
                .replace("${table}", layer.collection().table());
    }

    /**
     * The overview's rows, merged already within each row and in the tiles' CRS, each simplified for the zoom
     * (keeping short pipes, as the overview does), clipped to the tile and written as a feature of its own. Collecting
     * them per value of the attributes first (one feature per network) made the same lines in 7 % fewer bytes but
     * took PostgreSQL 40-46 ms instead of 25-27 for the densest z13 tile of the 1 M-pipe city (1 800 rows of 36 000
     * lines), the collection and its extraction costing more than clipping and encoding the lines themselves.
     */
    private String overviewLayerSql(TileRules.LayerRule layer, List<TileRules.Attribute> attributes) {
        return OVERVIEW_LAYER.strip()
                .replace("${layer}", layer.collection().id())
                .replace("${extent}", String.valueOf(rules.extent()))
                .replace("${buffer}", String.valueOf(rules.buffer()))
                .replace("${attributes}", attributeColumns(attributes))
                .replace("${table}", layer.overview().get().table());
    }

    private static String attributeColumns(List<TileRules.Attribute> attributes) {
        return attributes.stream().map(a -> ", " + column(a.property()) + " AS " + a.name())
                .collect(Collectors.joining());
    }

    private static String groupBy(List<TileRules.Attribute> attributes,
                                  Function<TileRules.Attribute, String> key) {
        return attributes.isEmpty() ? "()" : attributes.stream().map(key).collect(Collectors.joining(", "));
    }

    /** numeric columns go into the tile as doubles (ST_AsMVT would write them as strings). */
    private static String column(Property p) {
        return "number".equals(p.type()) ? "CAST(" + p.sql() + " AS double precision)" : p.sql();
    }
}
