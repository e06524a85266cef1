package cn.compoundgis.web;

import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.DatabaseErrors;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Cors;
import cn.compoundgis.http.Json;
import cn.compoundgis.http.PublicUrl;
import cn.compoundgis.replicas.ReadRouting;
import io.javalin.config.SizeUnit;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The HTTP server: the routes of RouteTable, the static files, CORS (http/Cors), limits, and how errors look. */
public final class WebServer {
    private static final Logger LOG = Logger.getLogger(WebServer.class.getName());
    /** Seconds a client is asked to wait (Retry-After) while the database restarts. */
    static final int RETRY_AFTER_SECONDS = 5;

    /**
     * gzip for clients that ask (browsers, GDAL): the fastest level. The map's 5 000-feature page of the 1 M-pipe city,
     * 3.7 MB, took the JDK's deflater 14 ms at level 1 (to 0.24 MB) and 36 ms at Javalin's default 6 (to 0.17 MB).
     */
    private static final int GZIP_LEVEL = 1;

    private WebServer() {
    }

    public static Javalin create(DataSource dataSource, AppConfig config) throws java.sql.SQLException {
        return create(ReadRouting.primaryOnly(dataSource), config);
    }

    /** The server whose reads go where {@code routing} sends them (read replicas), its writes to the primary. */
    public static Javalin create(ReadRouting routing, AppConfig config) throws java.sql.SQLException {
        RouteTable table = new RouteTable(routing, config);
        PublicUrl publicUrl = new PublicUrl(config.trustedProxies());
        String multipartSpool = spoolFolder(table);
        List<RouteTable.Route> routes = table.routes();
        Cors cors = new Cors(config.corsOrigins(), path -> isOpenRead(routes, path));
        return Javalin.create(cfg -> {
            cfg.events.serverStopping(table::stopping);
            cfg.http.maxRequestSize = AppConfig.MAX_JSON_BODY_BYTES;
            cfg.http.compressionStrategy = new CompressionStrategy(null, new Gzip(GZIP_LEVEL));
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JettyErrors()));
            cfg.jetty.multipartConfig.maxFileSize(config.maxUploadMb(), SizeUnit.MB);
            cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadMb(), SizeUnit.MB);
            cfg.jetty.multipartConfig.cacheDirectory(multipartSpool);
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.staticFiles.enableWebjars();
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            cfg.routes.before(ctx -> {
                NulBytes.refuse(ctx);
                publicUrl.remember(ctx);
                cors.handle(ctx);
            });
            for (RouteTable.Route route : table.routes()) {
                cfg.routes.addHttpHandler(route.method(), route.path(), table.guarded(route));
            }
            cfg.routes.exception(ApiError.class, (e, ctx) -> errorBody(ctx, e.status(), e.code(), e.getMessage(), e.details()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(ctx, e));
            cfg.routes.exception(Exception.class, WebServer::failure);
            cfg.routes.error(404, ctx -> {
                // Javalin's own 404 (no route matched) is plain text; ours from ApiError are already JSON.
                if (!String.valueOf(ctx.res().getContentType()).startsWith("application/json")) {
                    errorBody(ctx, 404, "NotFound", "nothing at " + ctx.path());
                }
            });
        });
    }

    /**
     * Whether a GET of {@code path} is open reading for CORS: its route (the first that matches, as Javalin takes
     * it) lets anonymous clients in, or no route matches (static files, the 404 page).
     */
    static boolean isOpenRead(List<RouteTable.Route> routes, String path) {
        return routes.stream()
                .filter(route -> route.method() == HandlerType.GET && matches(route.path(), path))
                .findFirst()
                .map(route -> !route.access().needsUser())
                .orElse(true);
    }

    /** A Javalin path pattern ({@code {name}}: one non-empty segment) against a path; trailing slashes ignored. */
    static boolean matches(String pattern, String path) {
        String[] want = trimmed(pattern).split("/", -1);
        String[] got = trimmed(path).split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean parameter = want[i].startsWith("{") && want[i].endsWith("}");
            if (parameter ? got[i].isEmpty() : !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }

    private static String trimmed(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static String spoolFolder(RouteTable table) {
        try {
            return table.multipartSpool();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for incoming uploads", e);
        }
    }

    /** Javalin's own refusals (a body over the limit, ...), as JSON with our codes. */
    private static void httpError(Context ctx, HttpResponseException e) {
        if (e.getStatus() == 413) {
            errorBody(ctx, 413, "TooLarge", "the request body is over the limit of "
                    + AppConfig.MAX_JSON_BODY_BYTES / (1024 * 1024) + " MiB for JSON and form bodies"
                    + " (survey uploads: multipart/form-data, up to MAX_UPLOAD_MB)");
        } else {
            errorBody(ctx, e.getStatus(), ApiError.codeFor(e.getStatus()), e.getMessage());
        }
    }

    /**
     * Anything else that went wrong: the database restarting is a 503 the client may retry; a transaction that
     * lost against a concurrent one (deadlock, serialization; SQLSTATE class 40) is a 409; a value that
     * PostgreSQL refused as data (SQLSTATE class 22) got past a check and is the client's 400; the rest is ours.
     */
    private static void failure(Exception e, Context ctx) {
        if (DatabaseErrors.isUnavailable(e)) {
            LOG.warning("database unavailable: " + ctx.method() + " " + ctx.path() + ": " + e.getMessage());
            ApiError unavailable = ApiError.databaseUnavailable();
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            errorBody(ctx, unavailable.status(), unavailable.code(), unavailable.getMessage());
            return;
        }
        if (DatabaseErrors.isConcurrentChange(e)) {
            LOG.log(Level.WARNING, "concurrent change: " + ctx.method() + " " + ctx.path(), e);
            ctx.header("Retry-After", "1");
            errorBody(ctx, 409, "ConcurrentChange", "another request changed the same data at the same moment;"
                    + " nothing was changed by this one: look at the current state and try again");
            return;
        }
        var dataError = DatabaseErrors.dataException(e);
        if (dataError.isPresent()) {
            LOG.log(Level.WARNING, "refused as data by PostgreSQL: " + ctx.method() + " " + ctx.path(), e);
            errorBody(ctx, 400, "InvalidParameterValue", "a value in the request is not acceptable: "
                    + firstLine(dataError.get().getMessage()));
            return;
        }
        LOG.log(Level.SEVERE, "failed: " + ctx.method() + " " + ctx.path(), e);
        errorBody(ctx, 500, "ServerError", "the server failed to answer; the error is in its log");
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.replace("\u0000", "\\u0000");
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }

    private static void errorBody(Context ctx, int status, String code, String description) {
        errorBody(ctx, status, code, description, Map.of());
    }

    private static void errorBody(Context ctx, int status, String code, String description, Map<String, Object> details) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("code", code);
        body.put("description", description);
        body.putAll(details);
        ctx.status(status);
        ctx.json(body);
    }
}
