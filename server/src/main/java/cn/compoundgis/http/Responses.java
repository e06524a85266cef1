package cn.compoundgis.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The ways an Api class answers: JSON with a status, and GeoJSON written straight to the response stream. */
public final class Responses {
    public static final String GEOJSON = "application/geo+json; charset=utf-8";

    private Responses() {
    }

    /** {@code body} as JSON (the one mapper) with {@code status}. */
    public static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException("an answer that does not serialise", e);
        }
    }

    /**
     * Starts a GeoJSON answer (content type application/geo+json) and returns a generator of the one mapper over
     * the response stream; closing it flushes and leaves the response open.
     */
    public static JsonGenerator geoJsonStream(Context ctx) throws IOException {
        ctx.contentType(GEOJSON);
        JsonGenerator g = Json.MAPPER.createGenerator(ctx.outputStream(), JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    /** A whole GeoJSON document, streamed to the response. */
    public static void geoJson(Context ctx, JsonNode body) throws IOException {
        try (JsonGenerator g = geoJsonStream(ctx)) {
            Json.MAPPER.writeTree(g, body);
        }
    }
}
