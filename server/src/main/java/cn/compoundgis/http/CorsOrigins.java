package cn.compoundgis.http;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web origins other than the server's own that may call it from a browser ({@code CORS_ORIGINS}: exact
 * origins such as {@code https://gis.example.org}, comma-separated; {@code *} for any origin, on read routes only).
 * Unset, it is {@code *}: the OGC API is open data that any web page may read. A listed origin may also make
 * changes, with an API token; {@code *} never may.
 */
public record CorsOrigins(boolean anyOriginReads, Set<String> listed) {
    /** scheme://host[:port] and nothing else: what browsers send in {@code Origin}. */
    private static final Pattern ORIGIN = Pattern.compile(
            "(?i)(https?)://([a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*|\\[[0-9a-f:.]{2,45}])(:(\\d{1,5}))?");
    private static final String ANY = "*";

    public CorsOrigins {
        listed = Set.copyOf(listed);
    }

    /** Any origin may read; none may write. */
    public static CorsOrigins defaults() {
        return new CorsOrigins(true, Set.of());
    }

    /** Reads CORS_ORIGINS (null: the default {@code *}); throws IllegalArgumentException naming a bad entry. */
    public static CorsOrigins parse(String setting) {
        if (setting == null) {
            return defaults();
        }
        boolean any = false;
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : setting.split(",")) {
            String e = entry.trim();
            if (e.equals(ANY)) {
                any = true;
            } else if (!e.isEmpty()) {
                String origin = normalized(e);
                if (origin == null) {
                    throw new IllegalArgumentException("CORS_ORIGINS: '" + e + "' is not an origin: write scheme://host"
                            + " or scheme://host:port (http or https, no path, no trailing slash), or * for any (reads only)");
                }
                origins.add(origin);
            }
        }
        return new CorsOrigins(any, origins);
    }

    /** Whether {@code origin} (an Origin header) is one of the listed origins; {@code *} lists none. */
    public boolean lists(String origin) {
        String o = normalized(origin);
        return o != null && listed.contains(o);
    }

    /**
     * The origin in one spelling (lower case, without the scheme's default port), or null when {@code text} is
     * not an origin ({@code null}, a path, a port out of range ...).
     */
    static String normalized(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ORIGIN.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(2).toLowerCase(Locale.ROOT);
        String port = m.group(7);
        if (port != null && Integer.parseInt(port) > 65535) {
            return null;
        }
        boolean defaultPort = port == null || port.equals(scheme.equals("https") ? "443" : "80");
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
