package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.Resources;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new city's map in a real headless Chromium on a server started with DEMO_DATA=false: the empty finder says
 * how to begin; with data/samples' register imported (through the API, as the README shows) the finder counts
 * its 300 compounds, and the sample survey of a compound not in it, sent with the card's default for no open
 * compound (codes from the boundary layer), is staged for LY121, drawn, committed and found.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewCityPageTest {
    private static final String SAMPLES = "/data/samples/";
    private static final String NEW_COMPOUND = "LY121";

    private TestServer server;
    private Browser browser;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("new_city_page_test", null, false);
        browser = Browser.start();
        browser.signInAsAdministrator(server.baseUrl()); // the page's writes need a user (issue 12)
    }

    @AfterAll
    void stop() throws Exception {
        Resources.closeAll(browser, server);
    }

    @Test
    void aNewCityStartsEmptyImportsItsRegisterAndAddsACompoundFromASurvey() throws Exception {
        browser.open(server.baseUrl() + "/");
        browser.waitUntilLoaded();
        browser.waitUntil("the empty finder", "return document.querySelector('#finder-status').textContent !== ''");
        assertThat(browser.find("#finder-status").getText()).contains("还没有小区", "导入小区清单", "小区边界");
        List<?> centre = (List<?>) browser.js("const c = window.compoundGisMap.getCenter(); return [c.lng, c.lat];");
        assertThat(((Number) centre.get(0)).doubleValue()).as("an empty map starts over the working CRS's zone, 117°E ± 1.5°")
                .isBetween(115.5, 118.5);
        browser.screenshot("new-city-empty.png");

        HttpResponse<String> imported = HttpClient.newHttpClient().send(server.request("/api/compounds/import")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(sample("register-300.csv")))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

        browser.open(server.baseUrl() + "/");
        browser.waitUntilLoaded();
        browser.waitUntil("the register in the finder", "return /300/.test(document.querySelector('#finder-status').textContent)");
        assertThat(browser.find("#finder-status").getText()).isEqualTo("显示 20 个，共 300 个小区");
        assertThat(browser.find("#upload-by-boundary").isSelected()).as("no compound open").isTrue();

        Path zip = dir.resolve("survey-LY121-new-compound.zip");
        Files.write(zip, sample(zip.getFileName().toString()));
        browser.find("#upload-files").sendKeys(zip.toString());
        browser.find("#upload-send").click();
        browser.waitUntil("the report", "const p = document.querySelector('#survey-panel'); return !p.hidden && p.dataset.status === 'staged'");
        long surveyId = Long.parseLong(browser.find("#survey-panel").getAttribute("data-survey-id"));
        JsonNode report = server.getJson("/api/surveys/" + surveyId + "/report");
        assertThat(report.get("compound").asText()).isEqualTo(NEW_COMPOUND);
        assertThat(browser.find("#survey-panel").getText()).contains(NEW_COMPOUND);
        assertThat(browser.count("path.diff-added.diff-layer-compounds")).isEqualTo(1);
        assertThat(browser.count("path.diff-added.diff-layer-pipes")).isEqualTo(5);
        browser.screenshot("new-city-survey-staged.png");
        browser.find("#survey-panel .survey-commit").click();
        browser.find("#survey-panel .survey-confirm-yes").click();
        browser.waitUntil("committed", "return document.querySelector('#survey-panel').dataset.status === 'committed'");
        browser.find("#survey-panel .survey-close").click();

        browser.find("#finder-input").sendKeys("清流");
        browser.waitUntil("清流新村 in the finder",
                "return [...document.querySelectorAll('#finder-list li')].map(li => li.dataset.code).join() === arguments[0]", NEW_COMPOUND);
        browser.find("#finder-list li[data-code='" + NEW_COMPOUND + "'] button").click();
        browser.waitUntil("its boundary and pipes on the map", "return document.querySelectorAll('path.pipe.compound-' + arguments[0]).length === 5",
                NEW_COMPOUND);
        browser.waitUntilLoaded();
        browser.screenshot("new-city-compound-open.png");
    }

    private static byte[] sample(String name) throws Exception {
        try (InputStream in = NewCityPageTest.class.getResourceAsStream(SAMPLES + name)) {
            assertThat(in).as("data/samples/" + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
