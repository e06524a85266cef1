package cn.compoundgis.web;

import static cn.compoundgis.features.FeaturesApi.timed;

import static cn.compoundgis.accounts.Access.PUBLIC;
import static cn.compoundgis.accounts.Access.READ;
import static cn.compoundgis.accounts.Access.SIGNED_IN;

import cn.compoundgis.accounts.Access;
import cn.compoundgis.accounts.Accounts;
import cn.compoundgis.accounts.AccountsApi;
import cn.compoundgis.accounts.Role;
import cn.compoundgis.audit.AuditApi;
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
import cn.compoundgis.search.FeatureSearchApi;
import cn.compoundgis.compounds.CompoundSearchLimits;
import cn.compoundgis.compounds.CompoundsApi;
import cn.compoundgis.config.AppConfig;
import cn.compoundgis.config.MapConfigApi;
import cn.compoundgis.dashboard.DashboardApi;
import cn.compoundgis.geo.CrsRegistry;
import cn.compoundgis.features.FeaturesApi;
import cn.compoundgis.obstacles.ObstaclesApi;
import cn.compoundgis.owners.OwnersApi;
import cn.compoundgis.replicas.ReadRouting;
import cn.compoundgis.replicas.ReadRoutingHandler;
import cn.compoundgis.survey.MapSurveyApi;
import cn.compoundgis.survey.SurveysApi;
import cn.compoundgis.survey.upload.UploadLimits;
import cn.compoundgis.tiles.TilesApi;
import cn.compoundgis.tracing.NetworkTraceApi;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.sql.SQLException;
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
    /**
     * One route: method, Javalin path pattern ({@code {name}} is a path parameter), who may call it
     * ({@link Access}: public, read, signed-in or the roles named) and handler.
     */
    public record Route(HandlerType method, String path, Access access, Handler handler) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Access SURVEYOR = Access.roles(Role.SURVEYOR);
    private static final Access DESIGNER = Access.roles(Role.DESIGNER);
    private static final Access INSPECTOR = Access.roles(Role.INSPECTOR);
    private static final Access ADMIN = Access.roles(Role.ADMIN);

    private final ReadRouting reads;
    private final CheckGate checks;
    private final HomePage home;
    private final FeaturesApi features;
    private final TilesApi tiles;
    private final SurveysApi surveys;
    private final MapSurveyApi mapSurvey;
    private final MapConfigApi mapConfig;
    private final CompoundSearchApi compoundSearch;
    private final FeatureSearchApi featureSearch;
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
    private final Accounts accounts;
    private final AccountsApi account;
    private final AuditApi audit;
    private final OwnersApi owners;

    public RouteTable(DataSource dataSource, AppConfig config) throws SQLException {
        this(ReadRouting.primaryOnly(dataSource), config);
    }

    /**
     * The Apis that only read take {@code routing} (a read replica when one is healthy and has replayed the
     * user's writes, else the primary); whatever writes takes the primary, and so do token and session look-ups
     * (they record last use) and the clearance and dig checks (a hot standby refuses their temporary table).
     */
    public RouteTable(ReadRouting routing, AppConfig config) throws SQLException {
        DataSource dataSource = routing.primary();
        reads = routing;
        int workingSrid = config.workingSrid();
        NetworkRules networkRules = NetworkRules.load();
        FireLaneRules fireLaneRules = FireLaneRules.load();
        CheckRules checkRules = CheckRules.load(System.getenv());
        CrsRegistry crsRegistry = new CrsRegistry(workingSrid);
        CheckRequests checkRequests = new CheckRequests(routing, crsRegistry);
        checks = new CheckGate(dataSource, routing, config.checkLimits());
        DataSource checkData = checks.dataSource();
        DataSource designCheckData = checks.primaryDataSource();
        features = new FeaturesApi(routing, workingSrid, config.accounts().anonymousRead());
        home = new HomePage(features);
        tiles = new TilesApi(dataSource, routing, workingSrid, config.accounts().anonymousRead(), System.getenv());
        surveys = new SurveysApi(dataSource, workingSrid, UploadLimits.withMaxUploadMb(config.maxUploadMb()));
        mapSurvey = new MapSurveyApi(routing);
        mapConfig = new MapConfigApi(routing, workingSrid, System.getenv());
        compoundSearch = new CompoundSearchApi(routing, CompoundSearchLimits.DEFAULTS);
        featureSearch = new FeatureSearchApi(routing);
        compounds = new CompoundsApi(dataSource, workingSrid);
        compoundImport = new CompoundImportApi(dataSource, workingSrid);
        dashboard = new DashboardApi(routing);
        networkChecks = new NetworkChecksApi(checkData, networkRules, checks);
        fireLanes = new FireLanesApi(new FireLaneCheck(checkData, workingSrid, fireLaneRules, checks), checkRequests);
        parking = new ParkingApi(new ParkingCheck(checkData, workingSrid, fireLaneRules), checkRequests, checks);
        clearance = new ClearanceApi(designCheckData, workingSrid, checkRules, checks);
        dig = new DigApi(designCheckData, dataSource, workingSrid, checkRules, checks);
        trace = new NetworkTraceApi(checkData, networkRules, checks);
        obstacles = new ObstaclesApi(dataSource, routing, workingSrid, new CheckRequests(dataSource, crsRegistry));
        accounts = Accounts.start(dataSource, config.accounts());
        account = accounts.api();
        audit = new AuditApi(dataSource);
        owners = new OwnersApi(dataSource);
    }

    /** The table. Javalin takes the first route that matches, so a fixed path goes before a {parameter} beside it. */
    public List<Route> routes() {
        return List.of(
                // the map page or the OGC API landing page (web/HomePage)
                get("/", PUBLIC, home::show),

                // OGC API - Features, read-only open data (features/FeaturesApi)
                get("/conformance", READ, features::conformance),
                get("/api", READ, features::api),
                get("/collections", READ, timed(features::collections)),
                get("/collections/{collectionId}", READ, timed(features::collection)),
                get("/collections/{collectionId}/items", READ, timed(features::items)),
                get("/collections/{collectionId}/items/{featureId}", READ, timed(features::item)),

                // OGC API - Tiles, vector tiles of the collections made by PostGIS (tiles/TilesApi, tiles/tiles.json)
                get("/tileMatrixSets", READ, tiles::tileMatrixSets),
                get("/tileMatrixSets/WebMercatorQuad", READ, tiles::tileMatrixSet),
                get("/tiles", READ, tiles::datasetTilesets),
                get("/tiles/WebMercatorQuad", READ, tiles::datasetTileset),
                get("/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}", READ, timed(tiles::datasetTile)),
                get("/collections/{collectionId}/tiles", READ, tiles::collectionTilesets),
                get("/collections/{collectionId}/tiles/WebMercatorQuad", READ, tiles::collectionTileset),
                get("/collections/{collectionId}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}", READ,
                        timed(tiles::collectionTile)),

                // survey upload, staging, commit and discard (survey/SurveysApi)
                post("/api/surveys", SURVEYOR, surveys::upload),
                get("/api/surveys", READ, surveys::list),
                get("/api/surveys/{surveyId}/report", READ, surveys::report),
                get("/api/surveys/{surveyId}/diff", READ, surveys::diff),
                post("/api/surveys/{surveyId}/commit", SURVEYOR, surveys::commit),
                delete("/api/surveys/{surveyId}", SURVEYOR, surveys::discard),
                post("/api/local-grids", ADMIN, surveys::registerLocalGrid),
                // the survey behind a feature, for the map's feature panel (survey/MapSurveyApi)
                get("/api/map/surveys/{surveyId}", READ, mapSurvey::survey),

                // the deployment as the map needs it: working CRS, base map (config/MapConfigApi)
                get("/api/map-config", PUBLIC, mapConfig::mapConfig),

                // the compound register (compounds/)
                get("/api/compounds/search", READ, compoundSearch::search), // before /api/compounds/{code}
                get("/api/search/features", READ, featureSearch::search),
                get("/api/compound-codes", READ, compounds::codes),
                post("/api/compounds", ADMIN, compounds::create),
                patch("/api/compounds/{code}", ADMIN, compounds::change),
                get("/api/compounds/{code}", READ, compounds::show),
                post("/api/compounds/import", ADMIN, compoundImport::importList),
                get("/api/compounds/imports/{id}", ADMIN, compoundImport::showStaged),
                post("/api/compounds/imports/{id}/commit", ADMIN, compoundImport::commitStaged),

                // progress dashboard and its exports (dashboard/DashboardApi)
                get("/dashboard", PUBLIC, DashboardApi::page),
                get("/api/dashboard", READ, dashboard::summary),
                get("/api/dashboard/compounds", READ, dashboard::table),
                get("/api/dashboard/compounds.csv", READ, dashboard::csv),
                get("/api/dashboard/compounds.xlsx", READ, dashboard::xlsx),

                // design and network checks (checks/), each through the check gate (checks/CheckGate)
                get("/api/checks/limits", READ, checks::showLimits),
                get("/api/checks/network", READ, checks.guard(networkChecks::findings)),
                get("/api/checks/network/rules", READ, networkChecks::rules),
                get("/api/checks/fire-lanes", READ, checks.guard(fireLanes::compound)),
                get("/api/checks/fire-lanes/{laneId}", READ, checks.guard(fireLanes::lane)),
                get("/api/checks/parking", READ, checks.guard(parking::compound)),
                post("/api/checks/parking/proposed", DESIGNER, checks.guard(parking::proposed)),
                post("/api/checks/clearance", DESIGNER, checks.guard(clearance::check)),
                post("/api/checks/dig", DESIGNER, checks.guard(dig::dig)),
                post("/api/checks/dig/report.pdf", DESIGNER, checks.guard(dig::reportPdf)),

                // pipe owners (权属单位) and whom to call before digging, for the dig report (owners/OwnersApi)
                get("/api/owners", SIGNED_IN, owners::list),
                put("/api/owners/{name}", ADMIN, owners::save),

                // upstream / downstream trace and profile (tracing/NetworkTraceApi)
                get("/api/network/trace", READ, checks.guard(trace::trace)),

                // fire-lane obstacle reports and their resolution (obstacles/ObstaclesApi)
                post("/api/obstacles", INSPECTOR, obstacles::create),
                patch("/api/obstacles/{obstacleId}", INSPECTOR, obstacles::changeStatus),
                get("/api/obstacles/{obstacleId}", READ, obstacles::show),
                get("/api/obstacles/{obstacleId}/photo", READ, obstacles::photo),

                // signing in and out, users and their API tokens (accounts/AccountsApi)
                get("/api/session", PUBLIC, account::current),
                post("/api/session", PUBLIC, account::signIn),
                delete("/api/session", PUBLIC, account::signOut),
                post("/api/session/password", SIGNED_IN, account::changeOwnPassword),
                get("/api/users", ADMIN, account::listUsers),
                post("/api/users", ADMIN, account::createUser),
                patch("/api/users/{username}", ADMIN, account::changeUser),
                get("/api/tokens", SIGNED_IN, account::listTokens),
                post("/api/tokens", SIGNED_IN, account::createToken),
                delete("/api/tokens/{tokenId}", SIGNED_IN, account::revokeToken),

                // who changed what, when and from where (audit/AuditApi)
                get("/api/audit", ADMIN, audit::events));
    }

    /** Where survey uploads are spooled while Jetty reads them (made if missing). */
    String multipartSpool() throws IOException {
        return surveys.multipartSpool();
    }

    /** Puts each route's access rule in front of its handler. */
    Handler guarded(Route route) {
        return accounts.guard().guard(route.access(), ReadRoutingHandler.around(reads, route.handler()));
    }

    /** The server is stopping: refuse new checks and cancel the running ones. */
    void stopping() {
        checks.stop();
    }

    private static Route get(String path, Access access, Handler handler) {
        return new Route(HandlerType.GET, path, access, handler);
    }

    private static Route post(String path, Access access, Handler handler) {
        return new Route(HandlerType.POST, path, access, handler);
    }

    private static Route put(String path, Access access, Handler handler) {
        return new Route(HandlerType.PUT, path, access, handler);
    }

    private static Route patch(String path, Access access, Handler handler) {
        return new Route(HandlerType.PATCH, path, access, handler);
    }

    private static Route delete(String path, Access access, Handler handler) {
        return new Route(HandlerType.DELETE, path, access, handler);
    }
}
