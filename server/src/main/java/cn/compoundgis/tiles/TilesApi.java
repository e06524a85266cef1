package cn.compoundgis.tiles;

import cn.compoundgis.features.Collections;
import cn.compoundgis.features.Links;
import cn.compoundgis.features.FeatureCollection;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import cn.compoundgis.http.PublicUrl;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * OGC API - Tiles 1.0 (OGC 20-057) vector tiles of the collections, made by PostGIS: each collection's tileset
 * ({@code /collections/{id}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}}, one layer named by the collection
 * id), the dataset tileset of every collection as layers of one tile ({@code /tiles/WebMercatorQuad/...}), their
 * metadata (OGC tileset metadata that is also TileJSON 3.0) and the tile matrix set. What each layer shows at which
 * zoom is in tiles/tiles.json (TileRules). Tiles carry an ETag made of the change counters of their collections
 * (tile_epoch), so a client revalidating after a commit gets the new tile and otherwise a 304.
 */
public final class TilesApi {
    static final String MVT = "application/vnd.mapbox-vector-tile";
    static final String JSON = "application/json";
    static final String REL_TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
    static final String REL_GEODATA = "http://www.opengis.net/def/rel/ogc/1.0/geodata";
    private static final String TILE_PATH = "/{tileMatrix}/{tileRow}/{tileCol}";
    private static final String TILEJSON_PATH = "/{z}/{y}/{x}";
    /** The ETag's scope for the dataset tiles (collection ids are lower-case words with hyphens). */
    private static final String DATASET = "*";

    private final TileRules rules;
    private final TileMatrixSet matrixSet;
    private final TileQueries queries;
    private final ParallelLayers layerMaker;
    private final TileCache cache;
    private final String cacheControl;

    /** {@code primary} keeps the overviews current with the rules; tiles are read from {@code dataSource}. */
    public TilesApi(DataSource primary, DataSource dataSource, int workingSrid, boolean anonymousRead, Map<String, String> env)
            throws SQLException {
        this.rules = TileRules.load(env);
        this.matrixSet = TileMatrixSet.webMercatorQuad();
        if (rules.maxZoom() > matrixSet.maxZoom()) {
            throw new IllegalStateException(TileRules.RESOURCE + ": maxZoom " + rules.maxZoom() + " is beyond "
                    + TileMatrixSet.ID + " (0.." + matrixSet.maxZoom() + ")");
        }
        TileOverview.ensure(primary, rules, matrixSet);
        this.queries = new TileQueries(dataSource, workingSrid, rules, matrixSet);
        this.layerMaker = new ParallelLayers(dataSource, queries, helperConnections(dataSource, rules));
        this.cache = new TileCache(rules.serverCacheMegabytes() * 1024L * 1024L);
        // Shared caches may keep a tile only while anyone may read it; otherwise it is the signed-in user's own copy.
        this.cacheControl = (anonymousRead ? "public" : "private") + ", max-age=" + rules.cacheMaxAgeSeconds();
    }

    /** tiles.json's helper connections, checked against the pool: they must leave a connection for a first one. */
    static int helperConnections(DataSource dataSource, TileRules rules) throws SQLException {
        int helpers = rules.helperConnections();
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            int poolSize = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
            if (helpers >= poolSize) {
                throw new IllegalStateException(TileRules.RESOURCE + ": layers.helperConnections " + helpers
                        + " must be below the connection pool's size, " + poolSize);
            }
        }
        return helpers;
    }

    /** GET /tileMatrixSets */
    public void tileMatrixSets(Context ctx) {
        String base = PublicUrl.of(ctx);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode sets = body.putArray("tileMatrixSets");
        ObjectNode set = sets.addObject();
        set.put("id", TileMatrixSet.ID);
        set.put("title", matrixSet.title());
        set.put("uri", matrixSet.uri());
        Links.add(set.putArray("links"), base + "/tileMatrixSets/" + TileMatrixSet.ID, "self", JSON, matrixSet.title());
        Links.add(body.putArray("links"), base + "/tileMatrixSets", "self", JSON, "the tile matrix sets");
        respondJson(ctx, body);
    }

    /** GET /tileMatrixSets/WebMercatorQuad */
    public void tileMatrixSet(Context ctx) {
        respondJson(ctx, matrixSet.document(PublicUrl.of(ctx) + "/tileMatrixSets/" + TileMatrixSet.ID));
    }

    /** GET /tiles */
    public void datasetTilesets(Context ctx) {
        respondJson(ctx, tilesets(PublicUrl.of(ctx) + "/tiles", "all collections"));
    }

    /** GET /tiles/WebMercatorQuad */
    public void datasetTileset(Context ctx) {
        String base = PublicUrl.of(ctx);
        respondJson(ctx, tileset(base, base + "/tiles", "Compound GIS: every collection", rules.layers(), null));
    }

    /** GET /tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol} */
    public void datasetTile(Context ctx) throws SQLException {
        TileAddress address = address(ctx);
        List<TileRules.LayerRule> shown = rules.layers().stream().filter(l -> l.shownAt(address.z())).toList();
        respondTile(ctx, DATASET, shown, address);
    }

    /** GET /collections/{collectionId}/tiles */
    public void collectionTilesets(Context ctx) {
        FeatureCollection c = layerOf(ctx).collection();
        respondJson(ctx, tilesets(PublicUrl.of(ctx) + "/collections/" + c.id() + "/tiles", c.title()));
    }

    /** GET /collections/{collectionId}/tiles/WebMercatorQuad */
    public void collectionTileset(Context ctx) {
        TileRules.LayerRule layer = layerOf(ctx);
        String base = PublicUrl.of(ctx);
        String collection = base + "/collections/" + layer.collection().id();
        respondJson(ctx, tileset(base, collection + "/tiles", layer.collection().title(), List.of(layer), collection));
    }

    /** GET /collections/{collectionId}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol} */
    public void collectionTile(Context ctx) throws SQLException {
        TileRules.LayerRule layer = layerOf(ctx);
        TileAddress address = address(ctx);
        respondTile(ctx, layer.collection().id(), layer.shownAt(address.z()) ? List.of(layer) : List.of(), address);
    }

    /** Zoom, row and column of the path, in the range the tiles are served in (404 outside it, as OGC API - Tiles asks). */
    record TileAddress(int z, long row, long col) {
    }

    private TileAddress address(Context ctx) {
        long z = pathNumber(ctx, "tileMatrix");
        if (z < rules.minZoom() || z > rules.maxZoom()) {
            throw ApiError.notFound("tile matrix " + z + " is not served: " + TileMatrixSet.ID + " tiles are served at zoom "
                    + rules.minZoom() + ".." + rules.maxZoom());
        }
        int zoom = (int) z;
        long size = matrixSet.matrixWidth(zoom);
        long row = pathNumber(ctx, "tileRow");
        long col = pathNumber(ctx, "tileCol");
        if (row < 0 || row >= size || col < 0 || col >= size) {
            throw ApiError.notFound("no tile at row " + row + ", column " + col + " of tile matrix " + zoom
                    + ": rows and columns are 0.." + (size - 1) + " at that zoom");
        }
        return new TileAddress(zoom, row, col);
    }

    private static long pathNumber(Context ctx, String name) {
        String text = ctx.pathParam(name);
        if (!text.matches("[0-9]{1,9}")) {
            throw ApiError.badParameter(name + " must be a whole number (zoom/row/column of the tile), got '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private void respondTile(Context ctx, String scope, List<TileRules.LayerRule> layers, TileAddress address)
            throws SQLException {
        List<String> ids = layers.stream().map(l -> l.collection().id()).toList();
        String ifNoneMatch = ctx.header("If-None-Match");
        Answer answer = queries.onOneConnection(c -> {
            Map<String, Long> epochs = queries.epochs(c, ids);
            String etag = etag(scope, epochs, address);
            if (matches(ifNoneMatch, etag)) {
                return new Answer(etag, null);
            }
            byte[] tile = cache.get(etag).orElse(null);
            if (tile == null) {
                tile = layers.isEmpty() ? new byte[0]
                        : layerMaker.tile(c, epochs, layers, address.z(), address.col(), address.row()).tile();
                cache.put(etag, tile);
            }
            return new Answer(etag, tile);
        });
        ctx.header("ETag", answer.etag());
        ctx.header("Cache-Control", cacheControl);
        if (answer.tile() == null) {
            ctx.status(304);
        } else if (answer.tile().length == 0) {
            ctx.status(204); // OGC API - Tiles 1.0, 7.1: an empty tile may be answered with 204 No Content
        } else {
            ctx.contentType(MVT);
            ctx.result(answer.tile());
        }
    }

    /** A tile's ETag and its bytes (null: the client's copy is current, 304). */
    private record Answer(String etag, byte[] tile) {
    }

    /** A hash of what the tile is made of: rules version, scope, address and the epoch of each collection in it. */
    private String etag(String scope, Map<String, Long> epochs, TileAddress a) {
        StringBuilder key = new StringBuilder("rules=" + rules.version() + ";scope=" + scope + ";tile=" + a.z() + "/"
                + a.row() + "/" + a.col());
        epochs.forEach((collection, epoch) -> key.append(';').append(collection).append('=').append(epoch));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 9110 13.1.2: If-None-Match is "*" or a list of entity tags, compared weakly. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode tilesets(String self, String title) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        Links.add(body.putArray("links"), self, "self", JSON, "tilesets of " + title);
        ObjectNode tileset = body.putArray("tilesets").addObject();
        tileset.put("title", title + " (" + TileMatrixSet.ID + ")");
        tileset.put("dataType", "vector");
        tileset.put("crs", matrixSet.crs());
        tileset.put("tileMatrixSetURI", matrixSet.uri());
        ArrayNode links = tileset.putArray("links");
        Links.add(links, self + "/" + TileMatrixSet.ID, "self", JSON, "the tileset");
        Links.add(links, tilingSchemeUrl(self), REL_TILING_SCHEME, JSON, matrixSet.title());
        Links.add(links, self + "/" + TileMatrixSet.ID + TILE_PATH, "item", MVT, "a tile").put("templated", true);
        return body;
    }

    /** The tile matrix set's URL beside a tilesets URL ({@code .../tiles} is under the API's base). */
    private static String tilingSchemeUrl(String tilesetsUrl) {
        int collections = tilesetsUrl.lastIndexOf("/collections/");
        String base = collections >= 0 ? tilesetsUrl.substring(0, collections)
                : tilesetsUrl.substring(0, tilesetsUrl.length() - "/tiles".length());
        return base + "/tileMatrixSets/" + TileMatrixSet.ID;
    }

    /**
     * OGC tileset metadata (OGC 20-057 / 17-083r4 TileSet) with the TileJSON 3.0 members beside it ({@code tilejson},
     * {@code tiles}, {@code vector_layers}, {@code minzoom}, {@code maxzoom}) so that web map libraries read it too.
     */
    private ObjectNode tileset(String base, String tilesets, String title, List<TileRules.LayerRule> layers,
                               String collectionUrl) {
        String self = tilesets + "/" + TileMatrixSet.ID;
        int minZoom = layers.stream().mapToInt(TileRules.LayerRule::minZoom).min().orElse(rules.minZoom());
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("title", title + " vector tiles");
        doc.put("description", "Mapbox Vector Tiles made by PostGIS; one layer per collection, named by its id;"
                + " attributes by zoom as in tiles.json; GeoJSON of every attribute at /collections/{id}/items");
        doc.put("dataType", "vector");
        doc.put("crs", matrixSet.crs());
        doc.put("tileMatrixSetURI", matrixSet.uri());
        ArrayNode links = doc.putArray("links");
        Links.add(links, self, "self", JSON, "this tileset");
        Links.add(links, base + "/tileMatrixSets/" + TileMatrixSet.ID, REL_TILING_SCHEME, JSON, matrixSet.title());
        Links.add(links, self + TILE_PATH, "item", MVT, "a tile (tileMatrix = zoom)").put("templated", true);
        if (collectionUrl != null) {
            Links.add(links, collectionUrl, REL_GEODATA, JSON, "the collection");
        }
        ArrayNode limits = doc.putArray("tileMatrixSetLimits");
        for (int z = minZoom; z <= rules.maxZoom(); z++) {
            long last = matrixSet.matrixWidth(z) - 1;
            limits.addObject().put("tileMatrix", String.valueOf(z)).put("minTileRow", 0).put("maxTileRow", last)
                    .put("minTileCol", 0).put("maxTileCol", last);
        }
        ArrayNode ogcLayers = doc.putArray("layers");
        doc.put("tilejson", "3.0.0");
        doc.put("name", title);
        doc.put("scheme", "xyz");
        doc.putArray("tiles").add(self + TILEJSON_PATH);
        doc.put("minzoom", minZoom);
        doc.put("maxzoom", rules.maxZoom());
        ArrayNode vectorLayers = doc.putArray("vector_layers");
        for (TileRules.LayerRule layer : layers) {
            describeLayer(ogcLayers.addObject(), vectorLayers.addObject(), layer);
        }
        return doc;
    }

    private void describeLayer(ObjectNode ogc, ObjectNode tileJson, TileRules.LayerRule layer) {
        FeatureCollection c = layer.collection();
        ogc.put("id", c.id());
        ogc.put("title", c.title());
        ogc.put("description", described(layer));
        ogc.put("dataType", "vector");
        geometryDimension(c.geometryType()).ifPresent(d -> ogc.put("geometryDimension", d));
        ogc.put("minTileMatrix", String.valueOf(layer.minZoom()));
        ogc.put("maxTileMatrix", String.valueOf(rules.maxZoom()));
        ObjectNode schema = ogc.putObject("propertiesSchema");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        tileJson.put("id", c.id());
        tileJson.put("description", described(layer));
        tileJson.put("minzoom", layer.minZoom());
        tileJson.put("maxzoom", rules.maxZoom());
        ObjectNode fields = tileJson.putObject("fields");
        for (TileRules.Attribute a : layer.allAttributes()) {
            if (a.isFeatureId()) {
                continue;
            }
            int from = firstZoomOf(layer, a.name());
            String description = a.property().description() + (from > layer.minZoom() ? " (from zoom " + from + ")" : "");
            properties.putObject(a.name()).put("type", a.property().type()).put("description", description);
            fields.put(a.name(), tileJsonType(a.property().type()) + ": " + description);
        }
    }

    /** The collection's description, and from which zoom its features carry their id (the MVT feature id). */
    private static String described(TileRules.LayerRule layer) {
        String description = layer.collection().description();
        return layer.allAttributes().stream().anyMatch(TileRules.Attribute::isFeatureId)
                ? description + "; from zoom " + firstZoomOf(layer, "id") + " each feature's MVT feature id is its id (/collections/"
                        + layer.collection().id() + "/items/{featureId})"
                : description;
    }

    private static int firstZoomOf(TileRules.LayerRule layer, String name) {
        return layer.attributeSets().stream()
                .filter(s -> s.attributes().stream().anyMatch(a -> a.name().equals(name)))
                .mapToInt(TileRules.AttributeSet::fromZoom).min().orElse(layer.minZoom());
    }

    private static String tileJsonType(String jsonType) {
        return switch (jsonType) {
            case "integer", "number" -> "Number";
            case "boolean" -> "Boolean";
            default -> "String";
        };
    }

    private static Optional<Integer> geometryDimension(String geometryType) {
        return switch (geometryType) {
            case "Point" -> Optional.of(0);
            case "LineString", "MultiLineString" -> Optional.of(1);
            case "Polygon", "MultiPolygon" -> Optional.of(2);
            default -> Optional.empty();
        };
    }

    private TileRules.LayerRule layerOf(Context ctx) {
        String id = ctx.pathParam("collectionId");
        return rules.layer(id).orElseThrow(() -> ApiError.notFound("no collection '" + id + "'; the collections are "
                + Collections.ALL.stream().map(FeatureCollection::id).toList()));
    }


    private static void respondJson(Context ctx, ObjectNode body) {
        try {
            ctx.contentType(JSON);
            ctx.result(Json.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
