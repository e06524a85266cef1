package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11's first acceptance point, as the README's "A new city from scratch" walks it: a server started with
 * DEMO_DATA=false (empty), the sample register of data/samples imported (dry run, then commit), the sample survey
 * zip of a compound the register does not hold uploaded without compound= (its boundary layer's code decides),
 * committed, and the new compound is then on the map's collections, in the finder's search (name and pinyin
 * initials), on the dashboard (totals and table) and its pipes and manholes in theirs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewCityAcceptanceTest {
    private static final String SAMPLES = "/data/samples/";
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("new_city_acceptance_test", null, false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNewCityImportsItsRegisterUploadsANewCompoundsSurveyAndSeesItEverywhere() throws Exception {
        assertThat(server.getJson("/collections/compounds/items").get("numberMatched").asInt())
                .as("DEMO_DATA=false: nothing there").isZero();
        assertThat(server.getJson("/api/dashboard").at("/totals/compounds").asInt()).isZero();

        byte[] register = sample(NewCitySamples.REGISTER);
        JsonNode dry = TestServer.parse(expect(200, post("/api/compounds/import?dry_run=true",
                multipart("file", NewCitySamples.REGISTER, register, Map.of()))).body());
        assertThat(dry.at("/summary/added").asInt()).isEqualTo(NewCitySamples.REGISTER_ROWS);
        assertThat(dry.at("/summary/errors").asInt()).isZero();
        assertThat(dry.at("/summary/warnings").asInt()).as("the sample boundaries do not overlap").isZero();
        assertThat(dry.get("encoding").asText()).isEqualTo("UTF-8");
        assertThat(dry.get("crs").asText()).contains("4548");
        assertThat(dry.get("ignored_columns")).as("every column of the sample is a register field").isEmpty();
        assertThat(server.getJson("/collections/compounds/items").get("numberMatched").asInt())
                .as("a dry run writes nothing").isZero();
        JsonNode committed = TestServer.parse(expect(200, post(dry.get("commit").asText(), emptyBody())).body());
        assertThat(committed.at("/summary/added").asInt()).isEqualTo(NewCitySamples.REGISTER_ROWS);
        assertThat(server.getJson("/collections/compounds/items?limit=1").get("numberMatched").asInt())
                .isEqualTo(NewCitySamples.REGISTER_ROWS);
        JsonNode withBoundary = server.getJson("/collections/compounds/items?limit=1000");
        long drawn = StreamSupport.stream(withBoundary.get("features").spliterator(), false)
                .filter(f -> !f.get("geometry").isNull()).count();
        assertThat(drawn).as("the rows with a 边界 cell").isEqualTo(registerRowsWithBoundary(register));

        JsonNode report = TestServer.parse(expect(201, post("/api/surveys",
                multipart("file", NewCitySamples.SURVEY_ZIP, sample(NewCitySamples.SURVEY_ZIP), Map.of()))).body());
        long survey = report.get("survey_id").asLong();
        assertThat(report.get("compound").asText()).isEqualTo(NewCitySamples.NEW_CODE);
        assertThat(report.get("compound_new").asBoolean()).isTrue();
        assertThat(report.get("compound_how").asText()).contains("boundary layer", NewCitySamples.NEW_CODE);
        assertThat(report.get("errors")).as(report.toString()).isEmpty();
        assertThat(report.get("blocking")).as(report.toString()).isEmpty();
        assertThat(java.util.stream.StreamSupport.stream(report.get("layers").spliterator(), false).map(l -> l.path("layer").asText()))
                .containsExactlyInAnyOrder("compounds", "pipes", "pipe_points", "pipes", "pipe_points");
        JsonNode diff = server.getJson("/api/surveys/" + survey + "/diff");
        assertThat(diff.at("/summary/compounds/added").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/pipes/added").asInt()).isEqualTo(NewCitySamples.NEW_PIPES);
        assertThat(diff.at("/summary/pipe_points/added").asInt()).isEqualTo(NewCitySamples.NEW_POINTS);
        expect(200, post("/api/surveys/" + survey + "/commit", emptyBody()));

        JsonNode feature = server.getJson("/collections/compounds/items?compound=" + NewCitySamples.NEW_CODE);
        assertThat(feature.get("numberMatched").asInt()).isEqualTo(1);
        JsonNode properties = feature.at("/features/0/properties");
        assertThat(properties.get("name").asText()).isEqualTo(NewCitySamples.NEW_NAME);
        assertThat(properties.get("district").asText()).isEqualTo(NewCitySamples.NEW_DISTRICT);
        assertThat(properties.get("households").asInt()).isEqualTo(NewCitySamples.NEW_HOUSEHOLDS);
        assertThat(properties.get("survey_id").asLong()).isEqualTo(survey);
        assertThat(feature.at("/features/0/geometry/type").asText()).isEqualTo("MultiPolygon");
        assertThat(server.getJson("/collections/compounds/items?limit=1").get("numberMatched").asInt())
                .isEqualTo(NewCitySamples.REGISTER_ROWS + 1);
        assertThat(server.getJson("/collections/pipes/items?compound=" + NewCitySamples.NEW_CODE).get("numberMatched").asInt())
                .isEqualTo(NewCitySamples.NEW_PIPES);
        assertThat(server.getJson("/collections/pipes/items?compound=" + NewCitySamples.NEW_CODE + "&network=YS")
                .get("numberMatched").asInt()).isEqualTo(3);
        assertThat(server.getJson("/collections/pipe-points/items?compound=" + NewCitySamples.NEW_CODE)
                .get("numberMatched").asInt()).isEqualTo(NewCitySamples.NEW_POINTS);

        for (String q : List.of(NewCitySamples.NEW_NAME, NewCitySamples.NEW_INITIALS, NewCitySamples.NEW_CODE)) {
            JsonNode found = server.getJson("/api/compounds/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            assertThat(found.at("/items/0/code").asText()).as("the finder's first answer to '%s'", q).isEqualTo(NewCitySamples.NEW_CODE);
            assertThat(found.at("/items/0/name").asText()).isEqualTo(NewCitySamples.NEW_NAME);
            assertThat(found.at("/items/0/centre/0").asDouble()).as("lon").isBetween(118.0, 118.5);
        }
        assertThat(server.getJson("/api/compounds/search?q=" + NewCitySamples.NEW_INITIALS).get("numberMatched").asInt())
                .as("no register name has the same initials").isEqualTo(1);

        JsonNode totals = server.getJson("/api/dashboard").get("totals");
        Map<String, Integer> households = householdsByDistrict(register);
        households.merge(NewCitySamples.NEW_DISTRICT, NewCitySamples.NEW_HOUSEHOLDS, Integer::sum);
        assertThat(totals.get("compounds").asInt()).isEqualTo(NewCitySamples.REGISTER_ROWS + 1);
        assertThat(totals.get("households").asInt()).isEqualTo(households.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(totals.at("/pipes/surveyed_m/YS").asDouble()).as("3 rain pipes of 40 m").isEqualTo(120.0);
        assertThat(totals.at("/pipes/surveyed_m/WS").asDouble()).isEqualTo(80.0);
        Map<String, Integer> shown = new TreeMap<>();
        totals.get("by_district").forEach(d -> shown.put(d.get("district").asText(), d.get("households").asInt()));
        assertThat(shown).isEqualTo(households);
        JsonNode table = server.getJson("/api/dashboard/compounds?district="
                + URLEncoder.encode(NewCitySamples.NEW_DISTRICT, StandardCharsets.UTF_8) + "&sort=pipe_length_m&order=desc&limit=1");
        assertThat(table.get("numberMatched").asInt()).isEqualTo(121);
        assertThat(table.at("/items/0/code").asText()).isEqualTo(NewCitySamples.NEW_CODE);
        assertThat(table.at("/items/0/pipe_length_m").asDouble()).isEqualTo(200.0);
    }

    // --- the sample files, read as a user reads them -------------------------------------------

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = NewCityAcceptanceTest.class.getResourceAsStream(SAMPLES + name)) {
            if (in == null) {
                throw new IOException("no " + SAMPLES + name + " on the class path (data/ is a resource folder)");
            }
            return in.readAllBytes();
        }
    }

    /** Households per 所属区县 (column 3) of the register CSV; 户数 is column 10. */
    private static Map<String, Integer> householdsByDistrict(byte[] register) {
        Map<String, Integer> byDistrict = new TreeMap<>();
        rows(register).forEach(cells -> byDistrict.merge(cells[2], Integer.parseInt(cells[9]), Integer::sum));
        return byDistrict;
    }

    private static long registerRowsWithBoundary(byte[] register) {
        return rows(register).stream().filter(cells -> cells[cells.length - 1].contains("POLYGON")).count();
    }

    /** The data rows, split at the commas before the quoted WKT (the only quoted cell of the sample). */
    private static List<String[]> rows(byte[] register) {
        return new String(register, StandardCharsets.UTF_8).lines().skip(1).map(line -> {
            int quote = line.indexOf('"');
            String plain = quote < 0 ? line : line.substring(0, quote);
            String[] head = plain.split(",", -1);
            if (quote >= 0) {
                head[head.length - 1] = line.substring(quote);
            }
            return head;
        }).toList();
    }

    // --- HTTP -------------------------------------------------------------------------------------

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private record Body(String contentType, byte[] bytes) {
    }

    private static Body emptyBody() {
        return new Body(null, new byte[0]);
    }

    private static Body multipart(String field, String filename, byte[] content, Map<String, String> fields) {
        String boundary = "----new-city-acceptance";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Body("multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private HttpResponse<String> post(String path, Body body) throws Exception {
        HttpRequest.Builder request = server.request(path)
                .timeout(java.time.Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (body.contentType() != null) {
            request.header("Content-Type", body.contentType());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
