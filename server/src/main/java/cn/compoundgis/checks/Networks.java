package cn.compoundgis.checks;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CJJ 61 pipe networks of {@code web/data/networks.json} (the map's colours and the server's reports read the same
 * file), loaded once: each network's code, Chinese name, colour, dash pattern, and whether it is gravity drainage.
 */
public final class Networks {
    public static final String RESOURCE = "/web/data/networks.json";
    private static final Map<String, Network> BY_CODE = load();

    /** One network; {@code dashArray} is an SVG dash pattern in screen pixels (null: solid). */
    public record Network(String code, String nameZh, int[] rgb, String dashArray, boolean drainage) {
    }

    private Networks() {
    }

    /** Every network, in the file's order. */
    public static List<Network> all() {
        return List.copyOf(BY_CODE.values());
    }

    /** The network codes (YS, WS, HS, JS …), in the file's order. */
    public static Set<String> codes() {
        return BY_CODE.keySet();
    }

    public static Optional<Network> byCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** Rain, sewage and combined sewers flow by gravity: their depths are measured to the invert. */
    public static boolean isGravityDrainage(String code) {
        Network n = BY_CODE.get(code);
        return n != null && n.drainage();
    }

    private static Map<String, Network> load() {
        try (InputStream in = Networks.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            Map<String, Network> networks = new LinkedHashMap<>();
            for (JsonNode n : Json.MAPPER.readTree(in).path("networks")) {
                List<Integer> rgb = new ArrayList<>();
                n.path("rgb").forEach(c -> rgb.add(c.intValue()));
                if (!n.path("code").isTextual() || rgb.size() != 3 || !n.path("drainage").isBoolean()) {
                    throw new IllegalStateException(RESOURCE + ": each network needs a code, an rgb of 3 and drainage, got " + n);
                }
                networks.put(n.path("code").asText(), new Network(n.path("code").asText(), n.path("name_zh").asText(""),
                        rgb.stream().mapToInt(Integer::intValue).toArray(),
                        n.hasNonNull("dashArray") ? n.path("dashArray").asText() : null, n.path("drainage").asBoolean()));
            }
            return Collections.unmodifiableMap(networks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
