package cn.compoundgis.http;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The scheme and host a client used to reach the server, for absolute links in answers. Behind a trusted
 * reverse proxy ({@link TrustedProxies}) that is what {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}
 * say; from anyone else, or when the headers are malformed, it is the request's own scheme and Host.
 */
public final class PublicUrl {
    private static final String ATTRIBUTE = "cn.compoundgis.publicBaseUrl";
    private static final String CLIENT_ATTRIBUTE = "cn.compoundgis.clientAddress";
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f.:]{2,45}");
    private static final Pattern HOST = Pattern.compile(
            "([A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*|\\[[0-9A-Fa-f:.]{2,45}])(:\\d{1,5})?");

    private final TrustedProxies proxies;

    public PublicUrl(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /** Works out the base URL of a request once (before its handler runs) and keeps it on the request. */
    public void remember(Context ctx) {
        ctx.attribute(ATTRIBUTE, baseUrl(ctx));
        ctx.attribute(CLIENT_ATTRIBUTE, clientAddress(ctx));
    }

    /**
     * The client's IP address for the audit trail and the sign-in limit: behind a trusted proxy the first entry of
     * X-Forwarded-For (when it is an address), else the peer's address.
     */
    public static String clientIp(Context ctx) {
        String remembered = ctx.attribute(CLIENT_ATTRIBUTE);
        return remembered != null ? remembered : ctx.ip();
    }

    String clientAddress(Context ctx) {
        if (!proxies.trusts(ctx.ip())) {
            return ctx.ip();
        }
        String forwarded = first(ctx.header("X-Forwarded-For"));
        return forwarded != null && IP.matcher(forwarded).matches() ? forwarded : ctx.ip();
    }

    /** {@code https://maps.example.org}, without a trailing slash. */
    public static String of(Context ctx) {
        String remembered = ctx.attribute(ATTRIBUTE);
        return remembered != null ? remembered : direct(ctx);
    }

    String baseUrl(Context ctx) {
        if (!proxies.trusts(ctx.ip())) {
            return direct(ctx);
        }
        String proto = first(ctx.header("X-Forwarded-Proto"));
        String host = first(ctx.header("X-Forwarded-Host"));
        boolean goodProto = proto != null && (proto.equalsIgnoreCase("http") || proto.equalsIgnoreCase("https"));
        boolean goodHost = host != null && HOST.matcher(host).matches();
        return (goodProto ? proto.toLowerCase(Locale.ROOT) : ctx.scheme()) + "://" + (goodHost ? host : ctx.host());
    }

    private static String direct(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    /** The first (client-side) entry of a comma-separated proxy header, or null when there is none. */
    private static String first(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String value = (comma < 0 ? header : header.substring(0, comma)).trim();
        return value.isEmpty() ? null : value;
    }
}
