package cn.compoundgis.features;

import cn.compoundgis.http.PublicUrl;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Absolute links back into the API, as the client reached it (proxy headers from trusted proxies, see PublicUrl). */
public final class Links {
    static final String GEOJSON = "application/geo+json";
    static final String JSON = "application/json";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
    static final String HTML = "text/html";

    private Links() {
    }

    static String baseUrl(Context ctx) {
        return PublicUrl.of(ctx);
    }

    /** Adds a link object to {@code links} and answers it (for more members, such as {@code templated}). */
    public static ObjectNode add(ArrayNode links, String href, String rel, String type, String title) {
        ObjectNode link = links.addObject();
        link.put("href", href);
        link.put("rel", rel);
        link.put("type", type);
        if (title != null) {
            link.put("title", title);
        }
        return link;
    }

    /** The request's own query with {@code offset} replaced, for next/prev links. */
    static String withOffset(String path, Map<String, List<String>> query, long offset) {
        String rest = query.entrySet().stream()
                .filter(e -> !e.getKey().equals("offset"))
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        return path + "?" + (rest.isEmpty() ? "" : rest + "&") + "offset=" + offset;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
