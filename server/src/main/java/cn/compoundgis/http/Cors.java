package cn.compoundgis.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages of other origins may call the server from a browser (CORS), and the refusal of changes sent
 * from them with the session cookie. Open reads (GET routes any anonymous client may call) answer any origin
 * ({@code *}) unless CORS_ORIGINS says otherwise; everything else answers only the listed origins, and an actual
 * change only when it carries an API token. {@code Access-Control-Allow-Credentials} is never sent, so a browser
 * never lets another origin use the session cookie; the refusal here also stops changes a browser sends without
 * asking first (a form post). Runs before every handler.
 */
public record Cors(CorsOrigins origins, OpenReads openReads) {
    /** Tells whether a GET of a path is open reading (its route's rule lets any anonymous client in). */
    @FunctionalInterface
    public interface OpenReads {
        boolean isOpenRead(String path);
    }

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String REQUEST_METHOD = "Access-Control-Request-Method";
    /** What a client of another origin may send: its token and a JSON body, and If-Match on a compound edit. */
    private static final String READ_REQUEST_HEADERS = "Authorization";
    private static final String WRITE_REQUEST_HEADERS = "Authorization, Content-Type, If-Match";
    /** What its script may read beside the safelisted headers. */
    private static final String EXPOSED_HEADERS = "Content-Crs, ETag, Location, Retry-After, WWW-Authenticate";
    /** How long a browser may keep a preflight's answer (browsers cap it at 2 h or less anyway). */
    private static final int PREFLIGHT_MAX_AGE_SECONDS = 600;


    /** The before-handler: after {@link PublicUrl#remember}, since the server's own origin is the request's. */
    public void handle(Context ctx) {
        if (!origins.listed().isEmpty()) {
            // the grant then depends on the Origin: a cache must not give one origin's answer to another
            ctx.header("Vary", "Origin");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        boolean preflight = ctx.method() == HandlerType.OPTIONS && ctx.header(REQUEST_METHOD) != null;
        String method = preflight ? ctx.header(REQUEST_METHOD).trim().toUpperCase(Locale.ROOT) : ctx.method().name();
        boolean openRead = SAFE_METHODS.contains(method) && openReads.isOpenRead(ctx.path());
        if (!preflight && !SAFE_METHODS.contains(method)) {
            refuseForeignWriteWithoutToken(ctx, origin);
        }
        String allowed = allowedOrigin(origin, openRead, preflight || bearer(ctx));
        if (allowed != null) {
            ctx.header("Access-Control-Allow-Origin", allowed);
        }
        if (preflight) {
            answerPreflight(ctx, allowed != null, method, openRead);
        } else if (allowed != null) {
            ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    /** The Allow-Origin value for this request, or null when the origin gets no CORS headers. */
    private String allowedOrigin(String origin, boolean openRead, boolean withToken) {
        if (origins.lists(origin) && (openRead || withToken)) {
            return origin;
        }
        return openRead && origins.anyOriginReads() ? "*" : null;
    }

    /** Answers a preflight itself (no route has OPTIONS): 204, with the grant or, for a refused origin, without. */
    private static void answerPreflight(Context ctx, boolean granted, String method, boolean openRead) {
        if (granted) {
            ctx.header("Access-Control-Allow-Methods", method);
            ctx.header("Access-Control-Allow-Headers", openRead ? READ_REQUEST_HEADERS : WRITE_REQUEST_HEADERS);
            ctx.header("Access-Control-Max-Age", String.valueOf(PREFLIGHT_MAX_AGE_SECONDS));
        }
        ctx.status(204);
        ctx.skipRemainingHandlers();
    }

    /**
     * A change from a page of another origin that is not listed, or one made with the session cookie rather than
     * a token, is refused: the cookie would make it the signed-in user's change (cross-site request forgery).
     */
    private void refuseForeignWriteWithoutToken(Context ctx, String origin) {
        if (bearer(ctx) || sameOrigin(ctx, origin) || origins.lists(origin)) {
            return;
        }
        throw ApiError.forbidden("a change sent by a web page of another origin (" + shown(origin) + ") needs an API"
                + " token ('Authorization: Bearer …'), not the session cookie; this server is "
                + PublicUrl.of(ctx) + " (behind a reverse proxy: set TRUSTED_PROXIES, or list the page's origin in"
                + " CORS_ORIGINS)");
    }

    private static boolean sameOrigin(Context ctx, String origin) {
        String own = CorsOrigins.normalized(PublicUrl.of(ctx));
        return own != null && own.equals(CorsOrigins.normalized(origin));
    }

    private static boolean bearer(Context ctx) {
        String authorization = ctx.header("Authorization");
        return authorization != null && authorization.trim().toLowerCase(Locale.ROOT).startsWith("bearer ");
    }

    private static String shown(String origin) {
        String o = origin.length() > 100 ? origin.substring(0, 100) + "…" : origin;
        return o.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
