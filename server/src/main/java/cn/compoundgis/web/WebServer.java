package cn.compoundgis.web;

import cn.compoundgis.checks.network.NetworkChecksApi;
import cn.compoundgis.checks.network.NetworkRules;
import cn.compoundgis.checks.CheckGate;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.checks.firelanes.FireLaneCheck;
import cn.compoundgis.checks.firelanes.FireLaneRules;
import cn.compoundgis.checks.firelanes.FireLanesApi;
import cn.compoundgis.checks.parking.ParkingApi;
import cn.compoundgis.checks.parking.ParkingCheck;
import cn.compoundgis.checks.CheckRules;
import cn.compoundgis.checks.clearance.ClearanceApi;
import cn.compoundgis.checks.dig.DigApi;
import cn.compoundgis.config.AppConfig;
import cn.compoundgis.features.CrsRegistry;
import cn.compoundgis.obstacles.ObstaclesApi;
import cn.compoundgis.features.FeaturesApi;
import cn.compoundgis.survey.SurveysApi;
import cn.compoundgis.tracing.NetworkTraceApi;
import cn.compoundgis.survey.upload.UploadLimits;
import io.javalin.config.SizeUnit;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The HTTP server: the APIs, the map page and the static files, and how errors look. */
public final class WebServer {
    private static final Logger LOG = Logger.getLogger(WebServer.class.getName());
    private static final String MAP_PAGE = "/web/index.html";

    private WebServer() {
    }

    public static Javalin create(DataSource dataSource, AppConfig config) {
        int workingSrid = config.workingSrid();
        FeaturesApi features = new FeaturesApi(dataSource, workingSrid);
        UploadLimits limits = UploadLimits.withMaxUploadMb(config.maxUploadMb());
        SurveysApi surveys = new SurveysApi(dataSource, workingSrid, limits, config.adminToken());
        NetworkRules networkRules = NetworkRules.load();
        FireLaneRules fireLaneRules = FireLaneRules.load();
        CheckRequests checkRequests = new CheckRequests(dataSource, new CrsRegistry(workingSrid));
        CheckRules checkRules = CheckRules.load(System.getenv());
        CheckGate checks = new CheckGate(dataSource, config.checkLimits());
        DataSource checkData = checks.dataSource();
        return Javalin.create(cfg -> {
            cfg.events.serverStopping(checks::stop);
            cfg.jetty.multipartConfig.maxFileSize(config.maxUploadMb(), SizeUnit.MB);
            cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadMb(), SizeUnit.MB);
            cfg.startup.showJavalinBanner = false;
            // Read-only open data: any web page may fetch it (OGC API clients in the browser).
            cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.anyHost();
                rule.exposeHeader("Content-Crs");
            }));
            cfg.staticFiles.enableWebjars();
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            cfg.routes.get("/", ctx -> {
                if (wantsHtml(ctx)) {
                    serveMapPage(ctx);
                } else {
                    features.landingPage(ctx);
                }
            });
            features.register(cfg.routes);
            surveys.register(cfg.routes);
            new MapConfigApi(dataSource, workingSrid, System.getenv()).register(cfg.routes);
            new MapSurveyApi(dataSource).register(cfg.routes);
            new NetworkChecksApi(checkData, networkRules, checks).register(cfg.routes);
            new NetworkTraceApi(checkData, networkRules, checks).register(cfg.routes);
            new FireLanesApi(new FireLaneCheck(checkData, workingSrid, fireLaneRules, checks), checkRequests, checks)
                    .register(cfg.routes);
            new ObstaclesApi(dataSource, workingSrid, checkRequests).register(cfg.routes);
            new ParkingApi(new ParkingCheck(checkData, workingSrid, fireLaneRules), checkRequests, checks).register(cfg.routes);
            new ClearanceApi(checkData, workingSrid, checkRules, checks).register(cfg.routes);
            new DigApi(checkData, workingSrid, checkRules, checks).register(cfg.routes);
            checks.register(cfg.routes);
            cfg.routes.exception(ApiError.class, (e, ctx) -> errorBody(ctx, e.status(), e.code(), e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.log(Level.SEVERE, "failed: " + ctx.method() + " " + ctx.fullUrl(), e);
                errorBody(ctx, 500, "ServerError", "the server failed to answer; the error is in its log");
            });
            cfg.routes.error(404, ctx -> {
                // Javalin's own 404 (no route matched) is plain text; ours from ApiError are already JSON.
                if (!String.valueOf(ctx.res().getContentType()).startsWith("application/json")) {
                    errorBody(ctx, 404, "NotFound", "nothing at " + ctx.path());
                }
            });
        });
    }

    /** {@code ?f=html} or a browser's Accept header gets the map; JSON clients get the landing page. */
    static boolean wantsHtml(Context ctx) {
        String f = ctx.queryParam("f");
        if (f != null) {
            if (f.equals("html")) {
                return true;
            }
            if (f.equals("json")) {
                return false;
            }
            throw ApiError.badParameter("f=" + f + " is not offered; use f=json or f=html");
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static void serveMapPage(Context ctx) throws IOException {
        InputStream page = WebServer.class.getResourceAsStream(MAP_PAGE);
        if (page == null) {
            throw new IOException(MAP_PAGE + " is missing from the build");
        }
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(page);
    }

    private static void errorBody(Context ctx, int status, String code, String description) {
        ctx.status(status);
        ctx.json(Map.of("code", code, "description", description));
    }
}
