package cn.compoundgis.survey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import cn.compoundgis.testing.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Registering a local city grid: its numbers are read strictly, so no NaN or infinity is ever stored. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalGridApiTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("local_grid_api_test", null, false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void fourParametersAreRegistered() throws Exception {
        HttpResponse<String> r = post(grid("城建甲", "12.5", "-30.25", "3.1", "-4.2"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void onlyAnAdministratorRegistersAGrid() {
        String surveyor = TestUsers.withToken(server, "grid-surveyor", "surveyor");
        HttpResponse<String> r = server.as(surveyor).post("/api/local-grids", "application/json",
                grid("城建丁", "1", "1", "0", "0").getBytes());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.body()).contains("admin");
    }

    @Test
    void nonFiniteOrNonDecimalParametersAreRefusedNamingTheField() throws Exception {
        for (String bad : new String[] {"\"NaN\"", "\"Infinity\"", "1e999", "\"0x1p3\"", "\"400d\"", "null", "[]"}) {
            HttpResponse<String> r = post(grid("城建乙", bad, "0", "0", "0"));
            assertThat(r.statusCode()).as(bad + " → " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(bad).contains("shift_x_northing_m");
        }
    }

    @Test
    void controlPointsWithAnInfiniteCoordinateAreRefused() throws Exception {
        String body = "{\"name\":\"城建丙\",\"target_epsg\":4548,\"control_points\":["
                + "{\"name\":\"K1\",\"local\":[1000,2000],\"target\":[3552000,619000]},"
                + "{\"name\":\"K2\",\"local\":[1100,\"Infinity\"],\"target\":[3552100,619100]}]}";
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("control_points[1].local[1]");
    }

    @Test
    void aSurveyFormFieldWithANulIsRefused() throws Exception {
        HttpResponse<String> r = new Multipart().file("x.zip", new byte[] {'P', 'K', 3, 4})
                .field("compound", "T0\u00001").post(server.baseUrl() + "/api/surveys");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("compound", "NUL");
    }

    private static String grid(String name, String shiftX, String shiftY, String rotation, String scale) {
        return "{\"name\":\"" + name + "\",\"target_epsg\":4548,\"parameters\":{\"shift_x_northing_m\":" + shiftX
                + ",\"shift_y_easting_m\":" + shiftY + ",\"rotation_arcsec_clockwise\":" + rotation
                + ",\"scale_ppm\":" + scale + "}}";
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(server.request("/api/local-grids")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
