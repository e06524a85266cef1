package cn.compoundgis.http;

import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.CrsRegistry;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * What every Api class reads from a request, read one way: path ids, query-parameter ids, boolean flags, the
 * {@code crs} parameter and the JSON body. A path id that is not an id names no resource: 404 (as OGC API
 * items/{featureId}); a malformed query parameter or body is a 400 naming the parameter, or the line and column.
 */
public final class Requests {
    /** Ids are positive and fit a {@code bigint}; anything else (signs, decimals, 19+ digits) names no row. */
    private static final Pattern ID = Pattern.compile("0*[1-9]\\d{0,17}");

    private Requests() {
    }

    /**
     * Refuses (400, naming it) a query parameter that {@code path} does not take, and one given more than once; the
     * message lists what it takes.
     */
    public static void onlyParameters(Context ctx, String path, java.util.Set<String> allowed) {
        for (java.util.Map.Entry<String, java.util.List<String>> e : ctx.queryParamMap().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw ApiError.badParameter("unknown parameter '" + e.getKey() + "'; " + path + " takes "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (e.getValue().size() > 1) {
                throw ApiError.badParameter("parameter '" + e.getKey() + "' is given " + e.getValue().size()
                        + " times; give it once");
            }
        }
    }

    /**
     * The numeric path parameter {@code param} (e.g. {@code surveyId}); {@code what} names the resource in the 404
     * ({@code no survey 'x'}) when the text is not a positive whole number.
     */
    public static long pathId(Context ctx, String param, String what) {
        String text = ctx.pathParam(param);
        if (!ID.matcher(text).matches()) {
            throw ApiError.notFound("no " + what + " '" + Params.shown(text) + "'");
        }
        return Long.parseLong(text);
    }

    /** A numeric id given as the query parameter {@code name}: a positive whole number, else a 400 naming it. */
    public static long queryId(String name, String text) {
        long id = Params.whole(name, text);
        if (id <= 0) {
            throw ApiError.badParameter(name + "=" + Params.shown(text) + " is not an id (a positive whole number)");
        }
        return id;
    }

    /** A required query parameter, trimmed; a 400 with {@code example} (e.g. {@code compound=C001}) when missing. */
    public static String required(Context ctx, String name, String example) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw ApiError.badParameter(name + " is required, e.g. " + example);
        }
        return value.trim();
    }

    /** An optional boolean query parameter: exactly {@code true} or {@code false}, {@code fallback} when absent. */
    public static boolean flag(Context ctx, String name, boolean fallback) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badParameter(name + " must be true or false, got '" + Params.shown(value) + "'");
        };
    }

    /** The CRS of the query parameter {@code name} ({@code crs}, {@code bbox-crs}): OGC URI or EPSG:nnnn, else CRS84. */
    public static Crs crs(Context ctx, CrsRegistry registry, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? Crs.CRS84 : registry.parse(name, value);
    }

    /** {@link #crs(Context, CrsRegistry, String)} of {@code crs}. */
    public static Crs crs(Context ctx, CrsRegistry registry) {
        return crs(ctx, registry, "crs");
    }

    /**
     * The body as a JSON object, read strictly (Json.STRICT_READER: no key twice, nothing after the value); a 400
     * saying what is wrong and where (line and column) otherwise.
     */
    public static ObjectNode jsonBody(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw ApiError.badParameter("the body is empty; send a JSON object");
        }
        JsonNode node = json("the body", text);
        if (!node.isObject()) {
            throw ApiError.badParameter("the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** JSON text sent as {@code what} (the body, a form field): strictly read, or a 400 naming line and column. */
    public static JsonNode json(String what, String text) {
        try {
            JsonNode node = Json.STRICT_READER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badParameter(what + " is empty; send JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badParameter(what + " is not valid JSON" + where(e.getLocation()) + ": "
                    + Params.shown(String.valueOf(e.getOriginalMessage())));
        } catch (IOException e) {
            throw ApiError.badParameter(what + " could not be read: " + e.getMessage());
        }
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
