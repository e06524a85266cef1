package cn.compoundgis.features;

import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.CrsRegistry;
import cn.compoundgis.db.StatementTimeout;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * OGC API - Features Part 1 (Core, GeoJSON, OpenAPI 3.0) and Part 2 (CRS by reference):
 * {@code /}, {@code /conformance}, {@code /api}, {@code /collections}, {@code /collections/{id}},
 * {@code /collections/{id}/items}, {@code /collections/{id}/items/{featureId}}.
 */
public final class FeaturesApi {
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            // OGC API - Tiles 1.0 (tiles/TilesApi): vector tiles of each collection and of the whole dataset
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/dataset-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt");

    /** OGC API - Tiles 1.0: the link from the landing page and each collection to its vector tilesets. */
    static final String REL_TILESETS_VECTOR = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    static final String REL_TILING_SCHEMES = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes";

    /** The temporal reference system of extent.temporal (OGC API - Features 1.0, 7.14.5). */
    static final String GREGORIAN = "http://www.opengis.net/def/uri/ISO-8601/0/Gregorian";

    private final FeatureStore store;
    private final CrsRegistry crsRegistry;
    private final OpenApiDocument openApi;

    public FeaturesApi(DataSource dataSource, int workingSrid, boolean anonymousRead) {
        this.crsRegistry = new CrsRegistry(workingSrid);
        this.store = new FeatureStore(dataSource, workingSrid);
        this.openApi = new OpenApiDocument(crsRegistry, anonymousRead);
    }

    /** A read cut off by the server's statement_timeout is a 422 that says so, not a 500. */
    public static Handler timed(Handler read) {
        return ctx -> {
            try {
                read.handle(ctx);
            } catch (SQLException e) {
                if (StatementTimeout.cancelled(e)) {
                    throw ApiError.of(422, "TimeLimitExceeded", "the query ran longer than the server allows for one"
                            + " statement (database_statement_timeout_s in check-limits.json, DB_STATEMENT_TIMEOUT_S):"
                            + " narrow bbox or the filters, or ask for fewer features (limit)");
                }
                throw e;
            }
        };
    }

    /** The landing page as JSON; the web server decides between it and the map page. */
    public void landingPage(Context ctx) {
        String base = Links.baseUrl(ctx);
        ObjectNode page = Json.MAPPER.createObjectNode();
        page.put("title", "Compound GIS 老旧小区改造地理信息");
        page.put("description", "Compounds, buildings, buried pipes, fire lanes and parking of old residential "
                + "compounds, served as OGC API - Features (GeoJSON).");
        ArrayNode links = page.putArray("links");
        Links.add(links, base + "/", "self", Links.JSON, "this document");
        Links.add(links, base + "/?f=html", "alternate", Links.HTML, "the map");
        Links.add(links, base + "/api", "service-desc", Links.OPENAPI, "the API definition");
        Links.add(links, base + "/conformance", "conformance", Links.JSON, "conformance classes");
        Links.add(links, base + "/collections", "data", Links.JSON, "the collections");
        Links.add(links, base + "/tiles", REL_TILESETS_VECTOR, Links.JSON, "vector tiles of every collection");
        Links.add(links, base + "/tileMatrixSets", REL_TILING_SCHEMES, Links.JSON, "tile matrix sets");
        respondJson(ctx, Links.JSON, page);
    }

    public void conformance(Context ctx) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode conformsTo = body.putArray("conformsTo");
        CONFORMANCE.forEach(conformsTo::add);
        respondJson(ctx, Links.JSON, body);
    }

    public void api(Context ctx) {
        respondJson(ctx, Links.OPENAPI, openApi.document(Links.baseUrl(ctx)));
    }

    public void collections(Context ctx) throws SQLException {
        String base = Links.baseUrl(ctx);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode links = body.putArray("links");
        Links.add(links, base + "/collections", "self", Links.JSON, "the collections");
        ArrayNode list = body.putArray("collections");
        for (FeatureCollection c : Collections.ALL) {
            list.add(describe(c, base));
        }
        ArrayNode crs = body.putArray("crs");
        crsRegistry.all().forEach(c -> crs.add(c.uri()));
        respondJson(ctx, Links.JSON, body);
    }

    public void collection(Context ctx) throws SQLException {
        FeatureCollection c = collectionOf(ctx);
        respondJson(ctx, Links.JSON, describe(c, Links.baseUrl(ctx)));
    }

    private ObjectNode describe(FeatureCollection c, String base) throws SQLException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", c.id());
        node.put("title", c.title());
        node.put("description", c.description());
        node.put("itemType", "feature");
        ObjectNode extent = node.putObject("extent");
        ObjectNode spatial = extent.putObject("spatial");
        spatial.put("crs", Crs.CRS84_URI);
        store.extent(c).ifPresent(e -> {
            ArrayNode box = spatial.putArray("bbox").addArray();
            for (double v : e) {
                box.add(v);
            }
        });
        store.temporalExtent(c).ifPresent(t -> {
            ObjectNode temporal = extent.putObject("temporal");
            ArrayNode interval = temporal.putArray("interval").addArray();
            interval.add(t.start().toInstant().toString());
            t.end().ifPresentOrElse(end -> interval.add(end.toInstant().toString()), interval::addNull);
            temporal.put("trs", GREGORIAN);
        });
        ArrayNode crs = node.putArray("crs");
        crsRegistry.all().forEach(x -> crs.add(x.uri()));
        node.put("storageCrs", crsRegistry.storage().uri());
        ArrayNode links = node.putArray("links");
        String self = base + "/collections/" + c.id();
        Links.add(links, self, "self", Links.JSON, c.title());
        Links.add(links, self + "/items", "items", Links.GEOJSON, c.title() + " as GeoJSON");
        Links.add(links, self + "/tiles", REL_TILESETS_VECTOR, Links.JSON, c.title() + " as vector tiles");
        return node;
    }

    public void items(Context ctx) throws SQLException, IOException {
        FeatureCollection c = collectionOf(ctx);
        Map<String, List<String>> query = ctx.queryParamMap();
        ItemsRequest request = ItemsRequest.parse(c, crsRegistry, query);
        FeatureQueries.Where where = store.queries().itemsFilter(request);
        // A bbox page counts its matches itself (FeatureQueries.features); other filters are counted first.
        OptionalLong countedFirst = where.spatial() ? OptionalLong.empty() : OptionalLong.of(store.count(c, where));

        ctx.status(200);
        ctx.contentType(Links.GEOJSON);
        ctx.header("Content-Crs", "<" + request.crs().uri() + ">");
        // Javalin decides on compressing by the size of the first write, here the page's few bytes of head: without
        // this a page went uncompressed to a browser asking for gzip (the map's 5 000 features: 3.7 MB, not 0.24)
        ctx.minSizeForCompression(0);
        OutputStream out = ctx.outputStream();
        write(out, "{\"type\":\"FeatureCollection\",\"features\":[");
        FeatureStore.Streamed page = store.streamFeatures(c, request.crs(), where, request.limit(), request.offset(), out);
        long returned = page.written();
        long matched = matched(countedFirst, page, c, where);
        ObjectNode tail = Json.MAPPER.createObjectNode();
        tail.put("numberMatched", matched);
        tail.put("numberReturned", returned);
        tail.put("timeStamp", Instant.now().toString());
        tail.set("links", pageLinks(ctx, c, request, matched, returned));
        String tailJson = Json.MAPPER.writeValueAsString(tail);
        write(out, "]," + tailJson.substring(1));
    }

    private long matched(OptionalLong countedFirst, FeatureStore.Streamed page, FeatureCollection c,
                         FeatureQueries.Where where) throws SQLException {
        if (countedFirst.isPresent()) {
            return countedFirst.getAsLong();
        }
        if (page.matched().isPresent()) {
            return page.matched().getAsLong();
        }
        return store.count(c, where); // a page past the last match has no row to carry the count
    }

    private ArrayNode pageLinks(Context ctx, FeatureCollection c, ItemsRequest request, long matched, long returned) {
        String path = Links.baseUrl(ctx) + "/collections/" + c.id() + "/items";
        Map<String, List<String>> query = ctx.queryParamMap();
        ArrayNode links = Json.MAPPER.createArrayNode();
        Links.add(links, Links.withOffset(path, query, request.offset()), "self", Links.GEOJSON, "this page");
        Links.add(links, Links.baseUrl(ctx) + "/collections/" + c.id(), "collection", Links.JSON, c.title());
        if (request.offset() + returned < matched) {
            Links.add(links, Links.withOffset(path, query, request.offset() + returned), "next", Links.GEOJSON, "next page");
        }
        if (request.offset() > 0) {
            Links.add(links, Links.withOffset(path, query, Math.max(0, request.offset() - request.limit())),
                    "prev", Links.GEOJSON, "previous page");
        }
        return links;
    }

    public void item(Context ctx) throws SQLException, IOException {
        FeatureCollection c = collectionOf(ctx);
        Map<String, List<String>> query = ctx.queryParamMap();
        for (String name : query.keySet()) {
            if (!name.equals("crs") && !name.equals("f")) {
                throw ApiError.badParameter("unknown parameter '" + name + "' for a single feature; it takes crs and f");
            }
        }
        Crs crs = ItemsRequest.single(query, "crs").map(v -> crsRegistry.parse("crs", v)).orElse(Crs.CRS84);
        String featureId = ctx.pathParam("featureId");
        Optional<Long> id = parseId(featureId);
        String feature = (id.isPresent() ? store.feature(c, crs, id.get()) : Optional.<String>empty())
                .orElseThrow(() -> ApiError.notFound("collection " + c.id() + " has no feature " + featureId));
        ObjectNode parsed = (ObjectNode) Json.MAPPER.readTree(feature);
        ArrayNode links = parsed.putArray("links");
        String base = Links.baseUrl(ctx) + "/collections/" + c.id();
        Links.add(links, base + "/items/" + featureId, "self", Links.GEOJSON, "this feature");
        Links.add(links, base, "collection", Links.JSON, c.title());
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        respondJson(ctx, Links.GEOJSON, parsed);
    }

    private static Optional<Long> parseId(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static FeatureCollection collectionOf(Context ctx) {
        String id = ctx.pathParam("collectionId");
        return Collections.byId(id).orElseThrow(() -> ApiError.notFound("no collection '" + id + "'; the collections are "
                + Collections.ALL.stream().map(FeatureCollection::id).toList()));
    }

    private void respondJson(Context ctx, String contentType, Object body) {
        try {
            ctx.contentType(contentType);
            ctx.result(Json.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
