package cn.compoundgis.owners;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.checks.CheckClient;
import cn.compoundgis.testing.TestServer;
import cn.compoundgis.testing.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14 point 2: the register of pipe owners and whom to call, written by an administrator (audited), and the
 * dig answer naming each owner of its items with those contacts, on planted case E of checks/planted.sql.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnersApiTest {
    /** Case E's pit (DigApiTest.PIT), northing first as EPSG:4548 asks. */
    private static final String PIT = """
            {"type":"Feature","properties":{"depth_m":1.5},"geometry":{"type":"Polygon","coordinates":[[
              [3550015,600399],[3550015,600416],[3550025,600416],[3550025,600399],[3550015,600399]]]}}""";
    private static final String OWNER = "县住建局";

    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("owners_api_test", "/checks/planted.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> put(TestServer as, String name, String body) {
        return as.send(as.request("/api/owners/" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void anAdministratorRegistersAnOwnersContactsAndTheDigAnswerAndReportNameThem() throws Exception {
        HttpResponse<String> saved = put(server, OWNER, """
                {"phone": "0550-5012345", "emergency_phone": "12319", "address": "全椒县襄河镇建设路 1 号"}""");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(TestServer.parse(saved.body()).get("changed_by").asText()).isEqualTo("admin");
        JsonNode listed = server.getJson("/api/owners").get("owners");
        assertThat(listed).extracting(o -> o.get("name").asText()).contains(OWNER);

        List<JsonNode> events = new ArrayList<>();
        server.getJson("/api/audit?action=owner.contact_changed").get("events").forEach(events::add);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("target").asText()).isEqualTo("pipe owner " + OWNER);
            assertThat(e.get("user").asText()).isEqualTo("admin");
            assertThat(e.at("/detail/phone").asText()).isEqualTo("0550-5012345");
        });

        JsonNode answer = CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548", PIT);
        JsonNode owners = answer.get("owners");
        assertThat(owners).extracting(o -> o.get("name").asText()).contains(OWNER, "中国电信", "港华燃气");
        JsonNode registered = find(owners, OWNER);
        assertThat(registered.get("registered").asBoolean()).isTrue();
        assertThat(registered.get("phone").asText()).isEqualTo("0550-5012345");
        assertThat(registered.get("emergency_phone").asText()).isEqualTo("12319");
        assertThat(registered.get("items").asInt()).as("the sewer and the two rain pipes of 县住建局 in the pit").isEqualTo(3);
        assertThat(find(owners, "港华燃气").get("registered").asBoolean()).isFalse();
        int items = 0;
        for (JsonNode o : owners) {
            items += o.get("items").asInt();
        }
        assertThat(items).as("every item with an owner counted once").isLessThanOrEqualTo(answer.get("numberReturned").asInt());

        HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(server.request("/api/checks/dig/report.pdf?crs=EPSG:4548")
                .header("Content-Type", "application/geo+json").POST(HttpRequest.BodyPublishers.ofString(PIT)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("电话 0550-5012345", "抢修 12319", "港华燃气", "联系方式未登记");
        }

        HttpResponse<String> cleared = put(server, OWNER, "{\"phone\": null}");
        assertThat(TestServer.parse(cleared.body()).get("phone").isNull()).as("null clears; absent too").isTrue();
        assertThat(TestServer.parse(cleared.body()).get("address").isNull()).isTrue();
    }

    @Test
    void badContactsAreRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
        HttpResponse<String> phone = put(server, "港华燃气", "{\"phone\": \"call us\"}");
        assertThat(phone.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(phone.body()).at("/message/code").asText()).isEqualTo("owner.bad_phone");
        assertThat(TestServer.parse(phone.body()).at("/message/params/field").asText()).isEqualTo("phone");
        HttpResponse<String> unknown = put(server, "港华燃气", "{\"fax\": \"0550-1\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("fax");
        HttpResponse<String> tooLong = put(server, "港华燃气", "{\"address\": \"" + "路".repeat(201) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(put(server, "港华燃气", "[1]").statusCode()).isEqualTo(400);
        HttpResponse<String> tab = put(server, "港华燃气", "{\"address\": \"建设路\\t1 号\"}");
        assertThat(TestServer.parse(tab.body()).at("/message/code").asText()).isEqualTo("value.control_character");
        assertThat(put(server, "x".repeat(101), "{}").statusCode()).isEqualTo(400);
        assertThat(server.getJson("/api/owners").get("owners")).extracting(o -> o.get("name").asText()).doesNotContain("港华燃气");
    }

    @Test
    void onlyAnAdministratorWritesTheRegisterAndOnlySignedInUsersReadIt() {
        String designer = TestUsers.withToken(server, "owners-designer", "designer");
        assertThat(put(server.as(designer), "港华燃气", "{\"phone\": \"0550-1\"}").statusCode()).isEqualTo(403);
        assertThat(server.as(designer).get("/api/owners").statusCode()).isEqualTo(200);
        assertThat(server.anonymous().get("/api/owners").statusCode()).isEqualTo(401);
    }

    private static JsonNode find(JsonNode owners, String name) {
        for (JsonNode o : owners) {
            if (name.equals(o.get("name").asText())) {
                return o;
            }
        }
        throw new AssertionError("no owner " + name + " in " + owners);
    }
}
