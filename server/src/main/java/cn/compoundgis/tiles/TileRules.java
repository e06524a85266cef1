package cn.compoundgis.tiles;

import cn.compoundgis.features.Collections;
import cn.compoundgis.features.FeatureCollection;
import cn.compoundgis.features.Property;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vector tile rules of {@code /tiles/tiles.json}: the zoom range, the MVT extent and buffer, the simplification,
 * the zoom from which tiles are projected by a linear map per tile, how many second connections may make layers at once,
 * and per collection of /collections the zoom it appears from and the attributes it carries at each zoom.
 */
public record TileRules(int version, int extent, int buffer, int minZoom, int maxZoom, int cacheMaxAgeSeconds,
                        int serverCacheMegabytes, int simplifyBelowZoom, double tolerancePixels, int linearFromZoom,
                        int helperConnections, List<LayerRule> layers) {
    static final String RESOURCE = "/tiles/tiles.json";
    /** Overrides cacheMaxAgeSeconds of tiles.json (seconds a client or proxy may use a tile unasked). */
    static final String MAX_AGE_VARIABLE = "TILE_CACHE_MAX_AGE_S";

    /**
     * One attribute of a layer: its name in the tile and the feature property (of /collections) it shows. The feature
     * id ({@code id}) is not a property of the tile's features but their MVT feature id (GDAL reads it as mvt_id).
     */
    public record Attribute(String name, Property property) {
        public boolean isFeatureId() {
            return property.name().equals("id");
        }
    }

    /** The attributes a layer carries from {@code fromZoom} on (until the next set's zoom). */
    public record AttributeSet(int fromZoom, List<Attribute> attributes) {
    }

    /**
     * A table of the collection's lines merged ahead of time (one row per value of its properties, column geom),
     * which the merged zooms read instead of the collection's own table.
     */
    public record Overview(String table, List<Property> properties) {
    }

    /**
     * One collection's layer: its name in the tile is the collection id. Below {@code mergeBelowZoom} its lines are
     * merged into one feature per value of the attributes (minZoom when it has none), from its overview if it has one.
     */
    public record LayerRule(FeatureCollection collection, int minZoom, int mergeBelowZoom, Optional<Overview> overview,
                            List<AttributeSet> attributeSets) {
        public boolean shownAt(int z) {
            return z >= minZoom;
        }

        public boolean mergedAt(int z) {
            return z < mergeBelowZoom;
        }

        /** The attributes at zoom {@code z} (z is at least minZoom). */
        public List<Attribute> attributesAt(int z) {
            List<Attribute> chosen = attributeSets.get(0).attributes();
            for (AttributeSet set : attributeSets) {
                if (set.fromZoom() <= z) {
                    chosen = set.attributes();
                }
            }
            return chosen;
        }

        /** Every attribute the layer has at some zoom, for the metadata's field lists. */
        public List<Attribute> allAttributes() {
            return attributeSets.get(attributeSets.size() - 1).attributes();
        }
    }

    public static TileRules load(Map<String, String> env) {
        try (InputStream in = TileRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return parse(Json.MAPPER.readTree(in), env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TileRules parse(JsonNode root, Map<String, String> env) {
        int minZoom = integer(root, "minZoom");
        int maxZoom = integer(root, "maxZoom");
        if (minZoom < 0 || maxZoom < minZoom || maxZoom > 24) {
            throw invalid("minZoom/maxZoom must satisfy 0 <= minZoom <= maxZoom <= 24 (WebMercatorQuad has 0..24)");
        }
        int maxAge = integer(root, "cacheMaxAgeSeconds");
        String override = env.get(MAX_AGE_VARIABLE);
        if (override != null && !override.isBlank()) {
            try {
                maxAge = Integer.parseInt(override.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(MAX_AGE_VARIABLE + " must be a whole number of seconds, got '" + override + "'");
            }
        }
        if (maxAge < 0) {
            throw new IllegalArgumentException("the tile cache max-age must not be negative, got " + maxAge);
        }
        JsonNode simplification = root.path("simplification");
        JsonNode collections = root.path("collections");
        List<LayerRule> layers = new ArrayList<>();
        for (FeatureCollection c : Collections.ALL) {
            JsonNode rule = collections.get(c.id());
            if (rule == null) {
                throw invalid("collections has no rule for collection '" + c.id() + "'");
            }
            layers.add(layer(c, rule, minZoom, maxZoom));
        }
        collections.fieldNames().forEachRemaining(id -> {
            if (Collections.byId(id).isEmpty()) {
                throw invalid("collections." + id + " is not a collection of /collections");
            }
        });
        int linearFromZoom = integer(root.path("projection"), "linearFromZoom");
        int serverCache = integer(root, "serverCacheMegabytes");
        if (serverCache < 0) {
            throw invalid("serverCacheMegabytes must not be negative (0 turns the server's tile cache off)");
        }
        int helperConnections = integer(root.path("layers"), "helperConnections");
        if (helperConnections < 0) {
            throw invalid("layers.helperConnections must not be negative (0 makes every tile on one connection)");
        }
        return new TileRules(integer(root, "version"), integer(root, "extent"), integer(root, "buffer"), minZoom, maxZoom,
                maxAge, serverCache, integer(simplification, "simplifyBelowZoom"), number(simplification, "tolerancePixels"),
                linearFromZoom, helperConnections, List.copyOf(layers));
    }

    private static LayerRule layer(FeatureCollection c, JsonNode rule, int minZoom, int maxZoom) {
        String where = "collections." + c.id();
        int layerMin = integer(rule, "minZoom");
        if (layerMin < minZoom || layerMin > maxZoom) {
            throw invalid(where + ".minZoom " + layerMin + " is outside " + minZoom + ".." + maxZoom);
        }
        List<AttributeSet> sets = new ArrayList<>();
        int previous = -1;
        for (JsonNode set : rule.path("attributes")) {
            int from = integer(set, "fromZoom");
            if (from <= previous || (sets.isEmpty() && from != layerMin)) {
                throw invalid(where + ".attributes: the first set starts at minZoom " + layerMin
                        + " and each next fromZoom is higher, got " + from);
            }
            previous = from;
            List<Attribute> attributes = new ArrayList<>();
            for (JsonNode name : set.path("names")) {
                attributes.add(attribute(c, where, name.asText()));
            }
            sets.add(new AttributeSet(from, List.copyOf(attributes)));
        }
        if (sets.isEmpty()) {
            throw invalid(where + ".attributes is empty");
        }
        int mergeBelow = rule.has("mergeBelowZoom") ? integer(rule, "mergeBelowZoom") : layerMin;
        Optional<Overview> overview = rule.has("overview") ? Optional.of(overview(c, where, rule.get("overview"))) : Optional.empty();
        LayerRule layer = new LayerRule(c, layerMin, mergeBelow, overview, List.copyOf(sets));
        if (mergeBelow > layerMin && !c.geometryType().contains("LineString")) {
            throw invalid(where + ".mergeBelowZoom: only lines are merged, " + c.id() + " is " + c.geometryType());
        }
        for (int z = layerMin; z < mergeBelow; z++) {
            if (layer.attributesAt(z).stream().anyMatch(a -> a.property().name().equals("id"))) {
                throw invalid(where + ": merged features (zoom " + z + " < mergeBelowZoom " + mergeBelow
                        + ") have no feature id; drop 'id' from the attributes below that zoom");
            }
            for (Attribute a : layer.attributesAt(z)) {
                if (overview.isPresent() && !overview.get().properties().contains(a.property())) {
                    throw invalid(where + ": zoom " + z + " is made from " + overview.get().table() + ", which has no '"
                            + a.property().name() + "'; its properties are " + overview.get().properties().stream()
                            .map(Property::name).toList());
                }
            }
        }
        if (overview.isPresent() && mergeBelow <= layerMin) {
            throw invalid(where + ".overview: only merged zooms (below mergeBelowZoom) are made from an overview");
        }
        return layer;
    }

    private static Overview overview(FeatureCollection c, String where, JsonNode rule) {
        String table = rule.path("table").asText("");
        if (!table.matches("[a-z][a-z0-9_]*")) {
            throw invalid(where + ".overview.table must be a table name, got '" + table + "'");
        }
        List<Property> properties = new ArrayList<>();
        for (JsonNode name : rule.path("properties")) {
            properties.add(c.property(name.asText()).filter(Property::filterable).orElseThrow(() -> invalid(where
                    + ".overview.properties: '" + name.asText() + "' is not a scalar property of " + c.id())));
        }
        return new Overview(table, List.copyOf(properties));
    }

    /** {@code id}, a property name of the collection, or {@code name=property}. */
    private static Attribute attribute(FeatureCollection c, String where, String text) {
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        String propertyName = eq < 0 ? text : text.substring(eq + 1);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw invalid(where + ": attribute name '" + name + "' is not snake_case");
        }
        if (propertyName.equals("id")) {
            if (!name.equals("id")) {
                throw invalid(where + ": 'id' is the tiles' MVT feature id, it cannot be renamed ('" + text + "')");
            }
            return new Attribute(name, new Property("id", "f.id", "integer", null, "feature id (/items/{featureId})"));
        }
        Optional<Property> property = c.property(propertyName).filter(Property::filterable);
        return new Attribute(name, property.orElseThrow(() -> invalid(where + ": '" + propertyName
                + "' is not a scalar property of " + c.id() + " (see /collections/" + c.id() + ")")));
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw invalid("'" + field + "' must be a whole number");
        }
        return value.asInt();
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw invalid("'" + field + "' must be a number");
        }
        return value.asDouble();
    }

    private static IllegalStateException invalid(String what) {
        return new IllegalStateException(RESOURCE + ": " + what);
    }

    public Optional<LayerRule> layer(String collectionId) {
        return layers.stream().filter(l -> l.collection().id().equals(collectionId)).findFirst();
    }
}
