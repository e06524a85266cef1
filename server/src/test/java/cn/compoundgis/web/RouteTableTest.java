package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.accounts.Access;
import cn.compoundgis.config.AppConfig;
import cn.compoundgis.testing.TestDatabase;
import cn.compoundgis.testing.TestServer;
import cn.compoundgis.testing.TestUsers;
import io.javalin.http.HandlerType;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The route table is the whole truth about the server's URLs: Javalin has exactly its routes (none registered
 * elsewhere), each is reached by a URL of its own shape (no earlier route shadows it), and each answers over HTTP
 * with its own handler rather than the no-route 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteTableTest {
    /**
     * What every {parameter} of a pattern is filled with: a well-formed id that names nothing (not 1: DELETE
     * /api/tokens/1 would revoke the administrator's token the test client uses).
     */
    private static final String SAMPLE_PARAMETER = "999999";

    private TestServer server;
    private List<RouteTable.Route> table;
    private Javalin app;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("route_table_test", null, false);
        DataSource db = TestDatabase.fresh("route_table_wiring_test");
        AppConfig config = new AppConfig(0, Path.of("unused-state"), Optional.empty(),
                AppConfig.DEFAULT_WORKING_SRID, false);
        table = new RouteTable(db, config).routes();
        app = WebServer.create(db, config);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void javalinHasExactlyTheRoutesOfTheTable() {
        List<String> javalin = app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.method + " " + endpoint.path)
                .toList();
        List<String> listed = table.stream().map(RouteTable.Route::toString).toList();
        assertThat(javalin).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(listed).doesNotHaveDuplicates().hasSizeGreaterThan(40);
    }

    @Test
    void everyRouteIsTheFirstMatchForAUrlOfItsShape() {
        for (RouteTable.Route route : table) {
            ParsedEndpoint first = app.unsafe.internalRouter.findFirstHttpHandlerEntry(route.method(), sample(route));
            assertThat(first).as(route + " at " + sample(route)).isNotNull();
            assertThat(first.endpoint.path).as("the route that answers " + route.method() + " " + sample(route))
                    .isEqualTo(route.path());
        }
    }

    @Test
    void everyRouteAnswersWithItsOwnHandler() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (RouteTable.Route route : table) {
            HttpRequest request = server.request(sample(route))
                    .header("Accept", "application/json")
                    .method(route.method().name(), HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(noRouteMatched(response)).as(route + " answered " + response.statusCode() + ": "
                    + response.body()).isFalse();
            assertThat(response.statusCode()).as(route + ": " + response.body()).isLessThan(500);
        }
    }

    /** Issue 12: every route that needs a user refuses anonymous requests (401) and, if it needs a role, a viewer (403). */
    @Test
    void everyWriteRefusesAnonymousRequestsAndTheWrongRole() throws Exception {
        String viewer = TestUsers.withToken(server, "route-table-viewer", "viewer");
        List<RouteTable.Route> guarded = table.stream().filter(route -> route.access().needsUser()).toList();
        assertThat(guarded).as("every route that changes something").containsAll(table.stream()
                .filter(route -> route.method() != HandlerType.GET && !route.path().equals("/api/session")).toList());
        for (RouteTable.Route route : guarded) {
            HttpResponse<String> anonymous = call(server.anonymous(), route);
            assertThat(anonymous.statusCode()).as("anonymous " + route + ": " + anonymous.body()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(route.toString()).isPresent();
            if (route.access().kind() == Access.Kind.ROLES) {
                HttpResponse<String> wrongRole = call(server.as(viewer), route);
                assertThat(wrongRole.statusCode()).as("viewer " + route + ": " + wrongRole.body()).isEqualTo(403);
            }
        }
    }

    private static HttpResponse<String> call(TestServer client, RouteTable.Route route) {
        return client.send(client.request(sample(route)).header("Content-Type", "application/json")
                .method(route.method().name(), HttpRequest.BodyPublishers.ofString("{}")));
    }

    /** The server's own 404 for a URL no route matches (WebServer's error(404) page). */
    private static boolean noRouteMatched(HttpResponse<String> response) {
        if (response.statusCode() != 404) {
            return false;
        }
        JsonNode body = TestServer.parse(response.body());
        return body.path("description").asText().startsWith("nothing at ");
    }

    private static String sample(RouteTable.Route route) {
        return route.path().replaceAll("\\{[^/}]+}", SAMPLE_PARAMETER);
    }
}
