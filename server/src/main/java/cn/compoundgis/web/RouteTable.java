package cn.compoundgis.web;

import static cn.compoundgis.features.FeaturesApi.timed;

import cn.compoundgis.checks.CheckGate;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.checks.CheckRules;
import cn.compoundgis.checks.clearance.ClearanceApi;
import cn.compoundgis.checks.dig.DigApi;
import cn.compoundgis.checks.firelanes.FireLaneCheck;
import cn.compoundgis.checks.firelanes.FireLaneRules;
import cn.compoundgis.checks.firelanes.FireLanesApi;
import cn.compoundgis.checks.network.NetworkChecksApi;
import cn.compoundgis.checks.network.NetworkRules;
import cn.compoundgis.checks.parking.ParkingApi;
import cn.compoundgis.checks.parking.ParkingCheck;
import cn.compoundgis.compounds.CompoundImportApi;
import cn.compoundgis.compounds.CompoundSearchApi;
import cn.compoundgis.compounds.CompoundSearchLimits;
import cn.compoundgis.compounds.CompoundsApi;
import cn.compoundgis.config.AppConfig;
import cn.compoundgis.config.MapConfigApi;
import cn.compoundgis.dashboard.DashboardApi;
import cn.compoundgis.geo.CrsRegistry;
import cn.compoundgis.features.FeaturesApi;
import cn.compoundgis.obstacles.ObstaclesApi;
import cn.compoundgis.survey.MapSurveyApi;
import cn.compoundgis.survey.SurveysApi;
import cn.compoundgis.survey.upload.UploadLimits;
import cn.compoundgis.tracing.NetworkTraceApi;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Every URL the server answers and the code that answers it, in one table ({@link #routes()}): look an endpoint
 * up here by its URL, then follow the method reference. The Api objects are made here from the configuration.
 * WebServer adds the table to Javalin with the before-handler, the exception mappers and the 404 page around it;
 * RouteTableTest proves Javalin has exactly these routes and that each one is reached by its own URL.
 * <p>
 * Wrappers in the table are policies of the route: {@code checks.guard} (a bounded number of checks at once, each
 * with a deadline, 503/422 past them), {@code timed} (an OGC API read cut off by statement_timeout is a 422).
 */
public final class RouteTable {
    /** One route: method, Javalin path pattern ({@code {name}} is a path parameter) and handler. */
    public record Route(HandlerType method, String path, Handler handler) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final CheckGate checks;
    private final HomePage home;
    private final FeaturesApi features;
    private final SurveysApi surveys;
    private final MapSurveyApi mapSurvey;
    private final MapConfigApi mapConfig;
    private final CompoundSearchApi compoundSearch;
    private final CompoundsApi compounds;
    private final CompoundImportApi compoundImport;
    private final DashboardApi dashboard;
    private final NetworkChecksApi networkChecks;
    private final FireLanesApi fireLanes;
    private final ParkingApi parking;
    private final ClearanceApi clearance;
    private final DigApi dig;
    private final NetworkTraceApi trace;
    private final ObstaclesApi obstacles;

    public RouteTable(DataSource dataSource, AppConfig config) {
        int workingSrid = config.workingSrid();
        NetworkRules networkRules = NetworkRules.load();
        FireLaneRules fireLaneRules = FireLaneRules.load();
        CheckRules checkRules = CheckRules.load(System.getenv());
        CheckRequests checkRequests = new CheckRequests(dataSource, new CrsRegistry(workingSrid));
        checks = new CheckGate(dataSource, config.checkLimits());
        DataSource checkData = checks.dataSource();
        features = new FeaturesApi(dataSource, workingSrid);
        home = new HomePage(features);
        surveys = new SurveysApi(dataSource, workingSrid, UploadLimits.withMaxUploadMb(config.maxUploadMb()),
                config.adminToken());
        mapSurvey = new MapSurveyApi(dataSource);
        mapConfig = new MapConfigApi(dataSource, workingSrid, System.getenv());
        compoundSearch = new CompoundSearchApi(dataSource, CompoundSearchLimits.DEFAULTS);
        compounds = new CompoundsApi(dataSource, workingSrid);
        compoundImport = new CompoundImportApi(dataSource, workingSrid);
        dashboard = new DashboardApi(dataSource);
        networkChecks = new NetworkChecksApi(checkData, networkRules, checks);
        fireLanes = new FireLanesApi(new FireLaneCheck(checkData, workingSrid, fireLaneRules, checks), checkRequests);
        parking = new ParkingApi(new ParkingCheck(checkData, workingSrid, fireLaneRules), checkRequests, checks);
        clearance = new ClearanceApi(checkData, workingSrid, checkRules, checks);
        dig = new DigApi(checkData, workingSrid, checkRules, checks);
        trace = new NetworkTraceApi(checkData, networkRules, checks);
        obstacles = new ObstaclesApi(dataSource, workingSrid, checkRequests);
    }

    /** The table. Javalin takes the first route that matches, so a fixed path goes before a {parameter} beside it. */
    public List<Route> routes() {
        return List.of(
                // the map page or the OGC API landing page (web/HomePage)
                get("/", home::show),

                // OGC API - Features, read-only open data (features/FeaturesApi)
                get("/conformance", features::conformance),
                get("/api", features::api),
                get("/collections", timed(features::collections)),
                get("/collections/{collectionId}", timed(features::collection)),
                get("/collections/{collectionId}/items", timed(features::items)),
                get("/collections/{collectionId}/items/{featureId}", timed(features::item)),

                // survey upload, staging, commit and discard (survey/SurveysApi)
                post("/api/surveys", surveys::upload),
                get("/api/surveys", surveys::list),
                get("/api/surveys/{surveyId}/report", surveys::report),
                get("/api/surveys/{surveyId}/diff", surveys::diff),
                post("/api/surveys/{surveyId}/commit", surveys::commit),
                delete("/api/surveys/{surveyId}", surveys::discard),
                post("/api/local-grids", surveys::registerLocalGrid),
                // the survey behind a feature, for the map's feature panel (survey/MapSurveyApi)
                get("/api/map/surveys/{surveyId}", mapSurvey::survey),

                // the deployment as the map needs it: working CRS, base map (config/MapConfigApi)
                get("/api/map-config", mapConfig::mapConfig),

                // the compound register (compounds/)
                get("/api/compounds/search", compoundSearch::search), // before /api/compounds/{code}
                get("/api/compound-codes", compounds::codes),
                post("/api/compounds", compounds::create),
                patch("/api/compounds/{code}", compounds::change),
                get("/api/compounds/{code}", compounds::show),
                post("/api/compounds/import", compoundImport::importList),
                get("/api/compounds/imports/{id}", compoundImport::showStaged),
                post("/api/compounds/imports/{id}/commit", compoundImport::commitStaged),

                // progress dashboard and its exports (dashboard/DashboardApi)
                get("/dashboard", DashboardApi::page),
                get("/api/dashboard", dashboard::summary),
                get("/api/dashboard/compounds", dashboard::table),
                get("/api/dashboard/compounds.csv", dashboard::csv),
                get("/api/dashboard/compounds.xlsx", dashboard::xlsx),

                // design and network checks (checks/), each through the check gate (checks/CheckGate)
                get("/api/checks/limits", checks::showLimits),
                get("/api/checks/network", checks.guard(networkChecks::findings)),
                get("/api/checks/network/rules", networkChecks::rules),
                get("/api/checks/fire-lanes", checks.guard(fireLanes::compound)),
                get("/api/checks/fire-lanes/{laneId}", checks.guard(fireLanes::lane)),
                get("/api/checks/parking", checks.guard(parking::compound)),
                post("/api/checks/parking/proposed", checks.guard(parking::proposed)),
                post("/api/checks/clearance", checks.guard(clearance::check)),
                post("/api/checks/dig", checks.guard(dig::dig)),

                // upstream / downstream trace and profile (tracing/NetworkTraceApi)
                get("/api/network/trace", checks.guard(trace::trace)),

                // fire-lane obstacle reports and their resolution (obstacles/ObstaclesApi)
                post("/api/obstacles", obstacles::create),
                patch("/api/obstacles/{obstacleId}", obstacles::changeStatus),
                get("/api/obstacles/{obstacleId}", obstacles::show),
                get("/api/obstacles/{obstacleId}/photo", obstacles::photo));
    }

    /** Where survey uploads are spooled while Jetty reads them (made if missing). */
    String multipartSpool() throws IOException {
        return surveys.multipartSpool();
    }

    /** The server is stopping: refuse new checks and cancel the running ones. */
    void stopping() {
        checks.stop();
    }

    private static Route get(String path, Handler handler) {
        return new Route(HandlerType.GET, path, handler);
    }

    private static Route post(String path, Handler handler) {
        return new Route(HandlerType.POST, path, handler);
    }

    private static Route patch(String path, Handler handler) {
        return new Route(HandlerType.PATCH, path, handler);
    }

    private static Route delete(String path, Handler handler) {
        return new Route(HandlerType.DELETE, path, handler);
    }
}
