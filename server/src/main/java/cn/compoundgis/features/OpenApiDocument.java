package cn.compoundgis.features;

import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.CrsRegistry;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.0 definition served at {@code /api}, built from the same collection and CRS tables that
 * drive the queries, so it cannot drift from what the server does.
 */
final class OpenApiDocument {
    /** The name operations.json uses in each write operation's {@code security}. */
    static final String BEARER_SCHEME = "bearerAuth";
    /** Paths open to anyone even with anonymous reading off (the route table's PUBLIC GETs that are documented). */
    private static final java.util.List<String> OPEN_PATHS = java.util.List.of("/", "/api/map-config");
    private final CrsRegistry crsRegistry;
    private final ObjectNode applicationPaths;
    private final boolean anonymousRead;

    OpenApiDocument(CrsRegistry crsRegistry, boolean anonymousRead) {
        this.crsRegistry = crsRegistry;
        this.applicationPaths = applicationOperations();
        this.anonymousRead = anonymousRead;
    }

    ObjectNode document(String baseUrl) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Compound GIS API");
        info.put("version", "1.0.0");
        info.put("description", "OGC API - Features (Part 1 Core, GeoJSON, OpenAPI 3.0; Part 2 CRS by reference) "
                + "over the compounds, buildings, pipes, pipe points, fire lanes, parking stalls and obstacles of "
                + "old residential compounds. Geometry is stored in " + crsRegistry.storage().uri() + ".");
        doc.putArray("servers").addObject().put("url", baseUrl);
        ObjectNode paths = doc.putObject("paths");
        paths.set("/", simpleGet("Landing page", "landing page with links"));
        paths.set("/conformance", simpleGet("Conformance classes", "the conformance classes implemented"));
        paths.set("/api", simpleGet("This API definition", "the OpenAPI 3.0 document"));
        paths.set("/collections", simpleGet("Feature collections", "the collections and their extents"));
        for (FeatureCollection c : Collections.ALL) {
            String base = "/collections/" + c.id();
            paths.set(base, simpleGet(c.title(), "metadata of " + c.id()));
            paths.set(base + "/items", itemsPath(c));
            paths.set(base + "/items/{featureId}", itemPath(c));
        }
        applicationPaths.fields().forEachRemaining(e -> {
            ObjectNode operations = e.getValue().deepCopy();
            operations.fields().forEachRemaining(op -> {
                ObjectNode responses = (ObjectNode) op.getValue().get("responses");
                if (responses == null) {
                    responses = ((ObjectNode) op.getValue()).putObject("responses");
                }
                responses.putObject("default").put("description", "JSON; errors as {code, description} with a 4xx status");
            });
            paths.set(e.getKey(), operations);
        });
        ObjectNode components = doc.putObject("components");
        components.set("parameters", sharedParameters());
        components.putObject("securitySchemes").set(BEARER_SCHEME, bearerScheme());
        if (!anonymousRead) {
            requireTokenForReadsToo(doc, paths);
        }
        return doc;
    }

    /** ANONYMOUS_READ=false: every operation needs a token unless it says otherwise ({@code security: []}). */
    private static void requireTokenForReadsToo(ObjectNode doc, ObjectNode paths) {
        doc.putArray("security").addObject().putArray(BEARER_SCHEME);
        for (String open : OPEN_PATHS) {
            if (paths.get(open) instanceof ObjectNode path && path.get("get") instanceof ObjectNode get) {
                get.putArray("security");
            }
        }
    }

    /** API tokens (POST /api/tokens); the operations that need one name it in their {@code security}. */
    private static ObjectNode bearerScheme() {
        ObjectNode bearer = Json.MAPPER.createObjectNode();
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("description", "An API token made with POST /api/tokens, sent as 'Authorization: Bearer cgis_…'."
                + " Reading needs one too when the deployment turns anonymous reading off (ANONYMOUS_READ=false).");
        return bearer;
    }

    /**
     * The endpoints beside OGC API - Features: uploads, checks, obstacles, map (/api/operations.json) and the vector
     * tiles of OGC API - Tiles (/api/tiles.json).
     */
    private ObjectNode applicationOperations() {
        ObjectNode paths = Json.MAPPER.createObjectNode();
        for (String resource : new String[]{"/api/operations.json", "/api/tiles.json"}) {
            try (var in = OpenApiDocument.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the build");
                }
                paths.setAll((ObjectNode) Json.MAPPER.readTree(in).get("paths"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return paths;
    }

    private ObjectNode simpleGet(String summary, String description) {
        ObjectNode path = Json.MAPPER.createObjectNode();
        ObjectNode get = path.putObject("get");
        get.put("summary", summary);
        get.putObject("responses").putObject("200").put("description", description);
        return path;
    }

    private ObjectNode itemsPath(FeatureCollection c) {
        ObjectNode path = Json.MAPPER.createObjectNode();
        ObjectNode get = path.putObject("get");
        get.put("summary", "Features of " + c.id() + " (" + c.geometryType() + ")");
        get.put("operationId", "getItems_" + c.id().replace('-', '_'));
        ArrayNode parameters = get.putArray("parameters");
        for (String shared : new String[]{"limit", "offset", "bbox", "bbox-crs", "crs", "datetime"}) {
            parameters.addObject().put("$ref", "#/components/parameters/" + shared);
        }
        for (Property p : c.properties()) {
            if (p.filterable()) {
                ObjectNode param = parameters.addObject();
                param.put("name", p.name());
                param.put("in", "query");
                param.put("required", false);
                param.put("description", p.description() + ". Equality filter; several values separated by commas.");
                param.putObject("schema").put("type", "string");
            }
        }
        ObjectNode responses = get.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", "a GeoJSON FeatureCollection, streamed; numberMatched, numberReturned and next/prev links");
        ok.putObject("content").putObject(Links.GEOJSON).set("schema", featureCollectionSchema(c));
        responses.putObject("400").put("description", "a parameter is invalid: the body says which and why");
        responses.putObject("404").put("description", "no such collection");
        return path;
    }

    private ObjectNode itemPath(FeatureCollection c) {
        ObjectNode path = Json.MAPPER.createObjectNode();
        ObjectNode get = path.putObject("get");
        get.put("summary", "One feature of " + c.id() + " (any version, current or historical)");
        get.put("operationId", "getItem_" + c.id().replace('-', '_'));
        ArrayNode parameters = get.putArray("parameters");
        ObjectNode id = parameters.addObject();
        id.put("name", "featureId");
        id.put("in", "path");
        id.put("required", true);
        id.putObject("schema").put("type", "integer");
        parameters.addObject().put("$ref", "#/components/parameters/crs");
        ObjectNode responses = get.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", "a GeoJSON Feature");
        ok.putObject("content").putObject(Links.GEOJSON).set("schema", featureSchema(c));
        responses.putObject("404").put("description", "no such feature");
        return path;
    }

    private ObjectNode featureCollectionSchema(FeatureCollection c) {
        ObjectNode schema = Json.MAPPER.createObjectNode();
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        props.putObject("type").putArray("enum").add("FeatureCollection");
        ObjectNode features = props.putObject("features");
        features.put("type", "array");
        features.set("items", featureSchema(c));
        props.putObject("numberMatched").put("type", "integer");
        props.putObject("numberReturned").put("type", "integer");
        props.putObject("timeStamp").put("type", "string").put("format", "date-time");
        props.putObject("links").put("type", "array");
        return schema;
    }

    private ObjectNode featureSchema(FeatureCollection c) {
        ObjectNode schema = Json.MAPPER.createObjectNode();
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        props.putObject("type").putArray("enum").add("Feature");
        props.putObject("id").put("type", "integer");
        props.putObject("geometry").put("type", "object").put("description", c.geometryType());
        ObjectNode properties = props.putObject("properties");
        properties.put("type", "object");
        ObjectNode each = properties.putObject("properties");
        for (Property p : c.properties()) {
            ObjectNode s = each.putObject(p.name());
            s.put("type", p.type());
            if (p.format() != null) {
                s.put("format", p.format());
            }
            s.put("nullable", true);
            s.put("description", p.description());
        }
        return schema;
    }

    private ObjectNode sharedParameters() {
        ObjectNode params = Json.MAPPER.createObjectNode();
        ObjectNode limit = query(params, "limit", "The number of features in one page: default "
                + ItemsRequest.DEFAULT_LIMIT + ", maximum " + ItemsRequest.MAX_LIMIT + " (a larger value is served as the maximum).");
        limit.put("style", "form").put("explode", false);
        limit.putObject("schema").put("type", "integer").put("minimum", 1)
                .put("maximum", ItemsRequest.MAX_LIMIT).put("default", ItemsRequest.DEFAULT_LIMIT);
        query(params, "offset", "Features to skip, in id order; the next and prev links carry it. A page with a bbox"
                + " holds the next features by id but lists them in the order the database reads them.")
                .putObject("schema").put("type", "integer").put("minimum", 0).put("default", 0);
        ObjectNode bbox = query(params, "bbox", "minx,miny,maxx,maxy in the axis order of bbox-crs (CRS84: lon,lat; "
                + "EPSG:4326 and EPSG:4490: lat,lon; CGCS2000 Gauss-Kruger: northing,easting). In a geographic CRS a box"
                + " whose west longitude is greater than its east longitude crosses the antimeridian.");
        bbox.put("style", "form").put("explode", false);
        ObjectNode bboxSchema = bbox.putObject("schema");
        bboxSchema.put("type", "array").put("minItems", 4).put("maxItems", 6);
        bboxSchema.putObject("items").put("type", "number");
        crsParameter(params, "bbox-crs", "The CRS of bbox (default CRS84).");
        crsParameter(params, "crs", "The CRS of the response geometry (default CRS84); the Content-Crs header names it.");
        ObjectNode datetime = query(params, "datetime", "The data as it was at an instant (2024-05-01T00:00:00Z) or over an"
                + " interval (start/end, .. for open). Without it only current features are returned; each collection's"
                + " extent.temporal says from when its data is kept.");
        datetime.put("style", "form").put("explode", false);
        datetime.putObject("schema").put("type", "string");
        return params;
    }

    private void crsParameter(ObjectNode params, String name, String description) {
        String offered = String.join(", ", crsRegistry.all().stream().map(Crs::uri).toList());
        query(params, name, description + " Offered: " + offered + "; EPSG:nnnn is accepted as a short form.")
                .putObject("schema").put("type", "string").put("format", "uri");
    }

    private ObjectNode query(ObjectNode params, String name, String description) {
        ObjectNode p = params.putObject(name);
        p.put("name", name);
        p.put("in", "query");
        p.put("required", false);
        p.put("description", description);
        return p;
    }
}
