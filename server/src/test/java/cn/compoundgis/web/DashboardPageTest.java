package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.Resources;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;

/**
 * The city dashboard (/dashboard) in headless Chromium on the demo data: the totals shown are the API's, in zh-CN
 * and after switching to English; the table lists the compounds and sorts by a header click; the map draws them;
 * the map page links to the dashboard and back. Screenshots go to target/test-artifacts/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPageTest {
    private TestServer server;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("dashboard_page_test", null, true);
        browser = Browser.start();
    }

    @AfterAll
    void stop() throws Exception {
        Resources.closeAll(browser, server);
    }

    private void openDashboard() {
        browser.open(server.baseUrl() + "/dashboard");
    }

    @Test
    void theTotalsShownAreTheApisInChineseAndInEnglish() throws IOException {
        browser.consoleErrors();
        openDashboard();
        JsonNode totals = server.getJson("/api/dashboard").get("totals");
        assertThat(totals.get("compounds").asInt()).isEqualTo(16);
        assertThat(browser.find("h1").getText()).isEqualTo("老旧小区改造看板");
        assertTotalsShown(totals);
        assertThat(card("compounds").getText()).contains("小区数", "16");
        assertThat(card("households").getText()).contains("户数");
        assertThat(browser.find("#chart-year").getText()).contains("2016", "2019");
        assertThat(browser.find("#chart-status").getText()).contains("已完工", "正在施工");
        browser.screenshot("dashboard.png");

        browser.find("#lang-toggle").click();
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.find("h1").getText()).isEqualTo("Compound renovation dashboard");
        assertTotalsShown(totals);
        assertThat(card("compounds").getText()).contains("Compounds").doesNotContain("小区数");
        assertThat(browser.find("#chart-status").getText()).doesNotContain("已完工");
        assertThat(browser.find("#compound-table thead").getText()).contains("Households", "Drainage pipes (m)");
        assertThat(browser.find("#csv-link").getAttribute("href")).contains("lang=en");
        browser.screenshot("dashboard-english.png");
        browser.find("#lang-toggle").click();
        assertThat(browser.find("h1").getText()).isEqualTo("老旧小区改造看板");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theTableListsSortsAndFiltersAndTheMapDrawsTheCompounds() {
        openDashboard();
        assertThat(browser.count("#compound-table tbody tr")).isEqualTo(16);
        assertThat(browser.js("return document.querySelector('#dash-map').dataset.shown")).isEqualTo("16");
        assertThat(browser.count("#dash-map path.leaflet-interactive")).isEqualTo(16);

        browser.find("#compound-table th[data-sort='households']").click();
        browser.waitUntil("the table is sorted", "return document.documentElement.dataset.tableReady === 'true'");
        browser.find("#compound-table th[data-sort='households']").click();
        browser.waitUntil("the table is sorted again",
                "return document.documentElement.dataset.tableReady === 'true'"
                + " && document.querySelector(\"th[data-sort='households']\").getAttribute('aria-sort') === 'descending'");
        String apiFirst = server.getJson("/api/dashboard/compounds?sort=households&order=desc&limit=1")
                .at("/items/0/code").asText();
        assertThat(browser.find("#compound-table tbody tr").getAttribute("data-code")).isEqualTo(apiFirst);
        assertThat(browser.find("#csv-link").getAttribute("href")).contains("sort=households", "order=desc");

        browser.js("const s = document.querySelector('#filter-year'); s.value = '2019';"
                + " s.dispatchEvent(new Event('change'));");
        browser.waitUntil("the filtered dashboard has loaded", "return document.documentElement.dataset.ready === 'true'"
                + " && document.querySelector('[data-total=compounds]').dataset.value === arguments[0]",
                server.getJson("/api/dashboard?renovation_year=2019").at("/totals/compounds").asText());
        long batch2019 = server.getJson("/api/dashboard/compounds?renovation_year=2019").get("numberMatched").asLong();
        assertThat(browser.count("#compound-table tbody tr")).isEqualTo(batch2019);
        assertThat(browser.js("return document.querySelector('#dash-map').dataset.shown")).isEqualTo(String.valueOf(batch2019));
    }

    @Test
    void theMapPageLinksToTheDashboardAndBack() {
        browser.open(server.baseUrl() + "/");
        assertThat(browser.find("#to-dashboard").getAttribute("href")).endsWith("/dashboard");
        openDashboard();
        assertThat(browser.find("#to-map").getAttribute("href")).isEqualTo(server.baseUrl() + "/");
    }

    private WebElement card(String key) {
        return browser.find("[data-total='" + key + "']");
    }

    private void assertTotalsShown(JsonNode totals) {
        List<String[]> expected = List.of(
                new String[] {"compounds", totals.get("compounds").asText()},
                new String[] {"households", totals.get("households").asText()},
                new String[] {"site_area_m2", totals.get("site_area_m2").asText()},
                new String[] {"completed", totals.get("completed").asText()},
                new String[] {"renovated_pipe_m", totals.at("/pipes/renovated_m/total").asText()},
                new String[] {"surveyed_pipe_m", totals.at("/pipes/surveyed_m/total").asText()},
                new String[] {"planned_pipe_m", totals.at("/pipes/planned_m").asText()},
                new String[] {"stalls_added", totals.at("/stalls_added/done").asText()});
        for (String[] e : expected) {
            WebElement card = card(e[0]);
            assertThat(Double.parseDouble(card.getAttribute("data-value"))).as(e[0]).isEqualTo(Double.parseDouble(e[1]));
            String shown = card.findElement(org.openqa.selenium.By.cssSelector(".value")).getText().replace(",", "");
            assertThat(Double.parseDouble(shown)).as(e[0] + " as shown").isEqualTo(Math.round(Double.parseDouble(e[1]) * 10) / 10.0);
        }
    }
}
