package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.Resources;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;

/**
 * The city dashboard (/dashboard) in headless Chromium on the demo data: the totals shown are the API's, in zh-CN
 * and after switching to English; the charts switch between compounds, households, area, pipes and stalls; the table
 * lists the compounds and sorts by a header click; the XLSX link exports what is shown; the map draws them; the map
 * page links to the dashboard and back. Screenshots go to target/test-artifacts/.
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
        // 全椒县's 16 (篇三) and 篇二's 6, registered without boundary
        assertThat(totals.get("compounds").asInt()).isEqualTo(22);
        assertThat(browser.find("h1").getText()).isEqualTo("老旧小区改造看板");
        assertTotalsShown(totals);
        assertThat(card("compounds").getText()).contains("小区数", "22");
        assertThat(card("households").getText()).contains("户数");
        assertThat(browser.find("#chart-year").getText()).contains("2016", "2019", "2020");
        assertThat(browser.find("#chart-district").getText()).contains("全椒县", "某区（篇二）");
        // 篇二's six started in 2020 and were completed by 2020-09-30; 全椒县's ten completed have no dates
        assertThat(browser.find("#chart-progress [data-year='2020']").getText()).contains("6 / 22", "完工 6");
        assertThat(browser.find("#chart-progress [data-year='2019']").getText()).contains("开工 6");
        assertThat(browser.find("#progress-note").getText()).contains("10 个已完工小区未填写完工日期");
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
        assertThat(browser.find("#xlsx-link").getAttribute("href")).contains("/api/dashboard/compounds.xlsx", "lang=en");
        assertThat(browser.find("#xlsx-link").getText()).isEqualTo("Export Excel");
        browser.screenshot("dashboard-english.png");
        browser.find("#lang-toggle").click();
        assertThat(browser.find("h1").getText()).isEqualTo("老旧小区改造看板");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theTableListsSortsAndFiltersTheMapDrawsTheCompoundsAndTheXlsxLinkExportsWhatIsShown() throws IOException {
        openDashboard();
        assertThat(browser.count("#compound-table tbody tr")).isEqualTo(22);
        assertThat(browser.js("return document.querySelector('#dash-map').dataset.shown")).isEqualTo("16");
        assertThat(browser.count("#dash-map path.leaflet-interactive")).isEqualTo(16);
        assertThat(browser.find("#map-note").getText()).startsWith("6 个小区尚无边界");

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

        String xlsxHref = browser.find("#xlsx-link").getAttribute("href");
        assertThat(xlsxHref).contains("renovation_year=2019", "sort=households", "order=desc", "lang=zh-CN");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(download(xlsxHref)))) {
            assertThat(book.getSheetAt(0).getLastRowNum()).as("rows under the header").isEqualTo((int) batch2019);
            assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo(browser.find("#compound-table tbody tr").getAttribute("data-code"));
            assertThat(book.getSheetAt(1).getRow(3).getCell(1).getNumericCellValue()).as("batch filter noted").isEqualTo(2019.0);
        }
    }

    @Test
    void theChartsShowHouseholdsAreaPipesAndStallsByStatusBatchAndDistrict() {
        openDashboard();
        JsonNode totals = server.getJson("/api/dashboard").get("totals");
        assertThat(browser.find("#title-year").getText()).isEqualTo("按改造批次：小区数（已完工 / 全部）");
        chooseMeasure("households");
        assertThat(browser.find("#title-district").getText()).isEqualTo("按区县：户数（已完工 / 全部）");
        JsonNode district = totals.get("by_district").get(0);
        assertThat(barValues("#chart-district")).contains(district.get("completed_households").asLong()
                + " / " + district.get("households").asLong());
        chooseMeasure("pipe_m");
        for (JsonNode batch : totals.get("by_renovation_year")) {
            assertThat(barValues("#chart-year")).as("batch " + batch.get("renovation_year"))
                    .contains(oneDecimal(batch.get("pipe_renovated_m")) + " / " + oneDecimal(batch.get("pipe_planned_m")));
        }
        chooseMeasure("site_area_m2");
        JsonNode status = totals.get("by_renovation_status").get(0);
        assertThat(barValues("#chart-status")).as("status bars have no completed part")
                .contains(oneDecimal(status.get("site_area_m2")));
        chooseMeasure("stalls");
        long stallsByBatch = 0;
        for (JsonNode batch : totals.get("by_renovation_year")) {
            stallsByBatch += batch.get("stalls_added").asLong();
        }
        assertThat(stallsByBatch).isEqualTo(totals.at("/stalls_added/done").asLong());
        assertThat(barValues("#chart-year")).contains(totals.at("/by_renovation_year/0/stalls_added").asText());
    }

    private void chooseMeasure(String measure) {
        browser.js("const s = document.querySelector('#chart-measure'); s.value = arguments[0];"
                + " s.dispatchEvent(new Event('change'));", measure);
    }

    /** The numbers beside a chart's bars, without thousands separators. */
    private List<String> barValues(String chart) {
        return browser.findAll(chart + " .bar-value").stream().map(e -> e.getText().replace(",", "")).toList();
    }

    /** A number as the charts show one with one decimal at most (12.0 as 12, 12.5 as 12.5). */
    private static String oneDecimal(JsonNode value) {
        double rounded = Math.round(value.asDouble() * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded);
    }

    private static byte[] download(String url) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
                new String[] {"planned_pipe_m", totals.at("/pipes/planned_m/total").asText()},
                new String[] {"stalls_added", totals.at("/stalls_added/done").asText()});
        for (String[] e : expected) {
            WebElement card = card(e[0]);
            assertThat(Double.parseDouble(card.getAttribute("data-value"))).as(e[0]).isEqualTo(Double.parseDouble(e[1]));
            String shown = card.findElement(org.openqa.selenium.By.cssSelector(".value")).getText().replace(",", "");
            assertThat(Double.parseDouble(shown)).as(e[0] + " as shown").isEqualTo(Math.round(Double.parseDouble(e[1]) * 10) / 10.0);
        }
    }
}
