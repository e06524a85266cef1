package cn.compoundgis.tiles;

import cn.compoundgis.features.Links;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The standard WebMercatorQuad tile matrix set (OGC 17-083r4 annex D.1), from {@code /tiles/WebMercatorQuad.json}. */
final class TileMatrixSet {
    static final String ID = "WebMercatorQuad";
    /** EPSG code of WebMercatorQuad's CRS (OGC 17-083r4 annex D.1): geometry goes into it for ST_AsMVTGeom. */
    static final int SRID = 3857;
    private static final String RESOURCE = "/tiles/" + ID + ".json";
    private final ObjectNode definition;

    private TileMatrixSet(ObjectNode definition) {
        this.definition = definition;
    }

    static TileMatrixSet webMercatorQuad() {
        try (InputStream in = TileMatrixSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            ObjectNode definition = (ObjectNode) Json.MAPPER.readTree(in);
            definition.remove("comment");
            return new TileMatrixSet(definition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri() {
        return definition.get("uri").asText();
    }

    String crs() {
        return definition.get("crs").asText();
    }

    String title() {
        return definition.get("title").asText();
    }

    /** The highest zoom the set defines. */
    int maxZoom() {
        return definition.get("tileMatrices").size() - 1;
    }

    /** Metres of EPSG:3857 per pixel of a 256-pixel tile at zoom {@code z}. */
    double cellSize(int z) {
        return matrix(z).get("cellSize").asDouble();
    }

    /** Tiles in a row (and in a column) at zoom {@code z}. */
    long matrixWidth(int z) {
        return matrix(z).get("matrixWidth").asLong();
    }

    private JsonNode matrix(int z) {
        return definition.get("tileMatrices").get(z);
    }

    /** The definition as served, with a self link. */
    ObjectNode document(String self) {
        ObjectNode doc = definition.deepCopy();
        Links.add(doc.putArray("links"), self, "self", TilesApi.JSON, "this tile matrix set");
        return doc;
    }
}
