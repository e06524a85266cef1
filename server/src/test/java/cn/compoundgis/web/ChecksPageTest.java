package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.Resources;
import cn.compoundgis.testing.TestServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The check tools in a real headless Chromium on the planted cases of checks/planted.sql: a pit drawn with
 * the mouse (Leaflet-Geoman) lists and highlights the pipes in it and opens a printable report; a design pipe
 * drawn beside a gas main shows its conflict labelled "需 1.2 m / 实 … m"; the compound's own conflicts are
 * shown and filtered by kind; labels follow the language.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecksPageTest {
    /** The viewport position of an EPSG:4548 point (easting, northing) on the page's map. */
    private static final String SCREEN_POINT = """
            const map = window.compoundGisMap;
            const p = map.latLngToContainerPoint(L.latLng(arguments[0], arguments[1]));
            const box = map.getContainer().getBoundingClientRect();
            return {x: Math.round(box.left + p.x), y: Math.round(box.top + p.y)};""";

    private TestServer server;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("checks_page_test", "/checks/planted.sql", false);
        browser = Browser.start();
        browser.signInAsAdministrator(server.baseUrl()); // the page's writes need a user (issue 12)
    }

    @AfterAll
    void stop() throws Exception {
        Resources.closeAll(browser, server);
    }

    @Test
    void aPitDrawnOnTheMapListsAndHighlightsThePipesInItAndPrintsAReport() throws IOException {
        browser.consoleErrors();
        assertThat(server.send(server.request("/api/owners/" + java.net.URLEncoder.encode("县住建局", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"phone\": \"0550-5012345\"}"))).statusCode()).isEqualTo(200);
        drawThePlantedPit();
        assertThat(browser.count("#dig-results tr.exposed")).as("shallower than 1.5 m").isEqualTo(7);
        assertThat(browser.count("path.dig-hit")).as("pipes and the manhole highlighted").isEqualTo(9);
        assertThat(browser.find("#dig-status").getText()).contains("管线 8 条").contains("管点 1 个").contains("7 处将被挖出");
        List<WebElement> firstRow = browser.findAll("#dig-results tbody tr:first-child td");
        assertThat(firstRow.get(5).getText()).isEqualTo("将被挖出");
        assertThat(browser.find("#dig-download").getAttribute("href")).startsWith("blob:");
        browser.screenshot("dig-tool.png");
        browser.find("#dig-pdf").click(); // issue 14 point 2: the server's numbered PDF
        browser.waitUntil("the PDF report made and saved", "return /^WJ-\\d{4}-\\d{6}\\.pdf$/.test(document.querySelector('#dig-tool').dataset.lastPdf ?? '')");
        assertThat(browser.find("#dig-status").getText()).contains("已下载报告 WJ-");

        String report = browser.find("#dig-report-link").getAttribute("href");
        browser.open(report);
        assertThat(browser.find("h1").getText()).isEqualTo("开挖前地下管线查询报告");
        assertThat(browser.count(".report-table tbody tr")).isEqualTo(9);
        assertThat(browser.find("#report-valid").getText()).contains("20 天内有效");
        assertThat(browser.find("#report-depth").getText()).isEqualTo("1.5 m");
        assertThat(browser.find("#report-area").getText()).startsWith("基坑");
        assertThat(browser.find("#report-download").getAttribute("href")).startsWith("blob:");
        assertThat(browser.count("#report-map path")).isGreaterThanOrEqualTo(9);
        // issue 14 point 2: every item's number inside the map, a north arrow and a legend
        assertThat(browser.js("const m = document.querySelector('#report-map').getBoundingClientRect();"
                + " return [...document.querySelectorAll('#report-map .report-order')].filter(l => { const r = l.getBoundingClientRect();"
                + " return r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom; }).length"))
                .as("all 9 numbers within the map").isEqualTo(9L);
        assertThat(browser.find("#report-map .report-north").getText()).contains("北");
        assertThat(browser.find("#report-legend").getText()).contains("图例", "雨水", "污水", "燃气");
        assertThat(browser.js("const rs = [...document.querySelectorAll('#report-map .report-order')].map(l => l.getBoundingClientRect());"
                + " return rs.filter((a, i) => rs.some((b, j) => j < i && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)).length"))
                .as("no number hidden under another").isEqualTo(0L);
        assertThat(browser.findAll(".report-table tbody tr").get(0).getText()).as("the chamber's own depth").contains("井深 2.4 m");
        assertThat(browser.find("#report-owners").getText()).as("whom to call before digging (issue 14 point 2)")
                .contains("开挖前请联系的权属单位", "县住建局（本报告 3 项）：电话 0550-5012345", "港华燃气（本报告 1 项）：联系方式未登记");
        browser.screenshot("dig-report.png");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Issue 14 point 7: the measure tool measures in the working CRS, leg by leg. */
    @Test
    void theMeasureToolGivesLegsAndTotalInMetresOfTheWorkingCrs() throws IOException {
        browser.consoleErrors();
        openAt(600407.5, 3550020, 20);
        browser.find(".measure-button").click();
        assertThat(browser.find(".measure-button").getAttribute("title")).isEqualTo("清除测距");
        click(600395, 3550010);
        click(600415, 3550010); // 20 m east
        click(600415, 3550025); // 15 m north
        browser.waitUntil("three points", "return document.querySelectorAll('path.measure-point').length === 3");
        double total = Double.parseDouble(String.valueOf(browser.js("return document.querySelector('#map').dataset.measuredM")));
        assertThat(total).as("20 m + 15 m; a click lands within a pixel (0.15 m at zoom 20)").isBetween(34.4, 35.6);
        assertThat(browser.findAll(".measure-label")).extracting(WebElement::getText)
                .anyMatch(text -> text.matches("1[45]\\.\\d\\d m（累计 3[45]\\.\\d\\d m）"))
                .anyMatch(text -> text.matches("(19|20)\\.\\d\\d m（累计 (19|20)\\.\\d\\d m）"));
        new Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        browser.screenshot("measure.png");
        browser.find(".measure-button").click();
        assertThat(browser.count("path.measure-line")).as("cleared").isZero();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Issue 14 point 1: the dig results as a designer reads them, and drawing that forgives a slip. */
    @Test
    void exposedPipesStandOutARowLeadsToItsPipeChambersShowTheirOwnDepthAndDrawingCanBeUndoneOrCancelled() throws IOException {
        browser.consoleErrors();
        openAt(600407.5, 3550020, 20);
        assertThat(browser.find("#dig-actions").isDisplayed()).as("no report before a result").isFalse();
        browser.find("#dig-depth").clear();
        browser.find("#dig-depth").sendKeys("1.5");
        browser.find("#dig-draw-pit").click();
        assertThat(browser.find("#dig-status").getText()).contains("对角").contains("Esc");
        click(600399, 3550015);
        click(600416, 3550025);
        browser.waitUntil("the pipes of the pit are listed", "return document.querySelectorAll('#dig-results tbody tr').length === 9");

        assertThat(browser.count("path.dig-hit.dig-exposed")).as("exposed: drawn solid").isEqualTo(7);
        assertThat(browser.count("path.dig-hit.dig-below")).as("below the dig depth or unknown: dashed").isEqualTo(2);
        assertThat(browser.js("return document.querySelector('path.dig-hit.dig-below').getAttribute('stroke-dasharray')"))
                .isEqualTo("6 5");
        assertThat(browser.js("return document.querySelector('path.dig-hit.dig-exposed').getAttribute('stroke-dasharray')")).isNull();
        assertThat(browser.find("#dig-legend").isDisplayed()).isTrue();

        WebElement chamber = browser.findAll("#dig-results tbody tr").stream()
                .filter(row -> row.getText().contains("E-YS2")).findFirst().orElseThrow();
        List<WebElement> cells = chamber.findElements(org.openqa.selenium.By.cssSelector("td"));
        assertThat(cells.get(2).getText()).isEqualTo("E-YS2 检修井");
        assertThat(cells.get(3).getText()).as("a chamber has no pipe size").isEqualTo("—");
        assertThat(cells.get(4).getText()).as("its own depth, not a pipe's top and bottom").isEqualTo("井深 2.4 m");
        assertThat(browser.js("return getComputedStyle(document.querySelector('.dig-table th')).whiteSpace")).isEqualTo("nowrap");

        double zoomBefore = ((Number) browser.js("return window.compoundGisMap.getZoom()")).doubleValue();
        browser.js("window.compoundGisMap.setZoom(17, {animate: false})");
        String order = chamber.getAttribute("data-order");
        chamber.click();
        browser.waitUntil("the chamber's row and symbol are marked", "return document.querySelector('#dig-results tr.selected')"
                + " && document.querySelector('#dig-results tr.selected').dataset.order === arguments[0]"
                + " && document.querySelectorAll('path.dig-selected').length === 1", order);
        // the map zooms with an animation: wait for it to end rather than read the zoom at once
        browser.waitUntil("brought close to the chamber", "return window.compoundGisMap.getZoom() >= arguments[0]", Math.min(20, zoomBefore));
        browser.screenshot("dig-selected-row.png");
        browser.find("#lang-toggle").click();
        browser.waitUntil("the table in English", "return document.querySelector('#dig-results').textContent.includes('well depth 2.4 m')");
        assertThat(browser.find("#dig-legend").getText()).contains("will be exposed").contains("below the dig depth");
        browser.find("#dig-draw-polygon").click();
        assertThat(browser.find("#dig-status").getText()).contains("Backspace undoes the last point");
        assertThat(browser.find("#dig-undo").getText()).isEqualTo("Undo last point");
        browser.find("#dig-cancel").click();
        browser.screenshot("dig-english.png");
        browser.find("#lang-toggle").click();

        browser.find("#dig-draw-polygon").click();
        assertThat(browser.find("#dig-status").getText()).contains("Backspace").contains("Esc");
        assertThat(browser.find("#dig-undo").isDisplayed()).isTrue();
        click(600399, 3550015);
        click(600416, 3550015);
        browser.waitUntil("two vertices placed", "return document.querySelectorAll('.marker-icon').length >= 2");
        long vertices = browser.count(".marker-icon");
        browser.find("#dig-undo").click();
        browser.waitUntil("the last vertex taken back", "return document.querySelectorAll('.marker-icon').length === arguments[0]",
                vertices - 1);
        new Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        browser.waitUntil("drawing cancelled", "return document.querySelector('#dig-drawing').hidden"
                + " && document.querySelector('#dig-status').textContent.includes('已取消')");
        assertThat(browser.count("#dig-results tbody tr")).as("the earlier answer stays after a cancel").isEqualTo(9);

        // a pit too large to check: the error is shown and the earlier answer goes, so that it is not read as this one's
        double[] ll = lonLat(600407.5, 3550020);
        browser.js("window.compoundGisMap.setView([arguments[0], arguments[1]], 15, {animate: false})", ll[1], ll[0]);
        browser.find("#dig-draw-pit").click();
        click(600100, 3549700);
        click(600800, 3550400);
        browser.waitUntil("the refusal", "return document.querySelector('.notice-error[data-key=\"dig-check\"]') !== null");
        assertThat(browser.count("#dig-results tbody tr")).isZero();
        assertThat(browser.find("#dig-actions").isDisplayed()).isFalse();
        browser.screenshot("dig-refused.png");
        browser.consoleErrors(); // the refused request is logged by the browser as a failed resource
    }

    @Test
    void aPitHalfOutsideEverySurveyedCompoundCarriesTheWarningOnTheMapAndOnTheReport() {
        browser.consoleErrors();
        openAt(600600, 3550010, 19);
        browser.find("#dig-draw-pit").click();
        click(600640, 3550000); // T01 ends at x = 600650
        click(600660, 3550010);
        browser.waitUntil("the coverage warning", "return document.querySelectorAll('#dig-results .check-warning').length === 1");
        // about half: the clicks land within a pixel of where they are aimed
        assertThat(browser.find("#dig-results .check-warning").getText()).matches(".*该范围有 (4[89]|5[01])% 不在任何已普查小区内.*");
        browser.find("#lang-toggle").click();
        browser.waitUntil("the warning in English",
                "return document.querySelector('#dig-results .check-warning').textContent.includes('outside every surveyed compound')");
        browser.find("#lang-toggle").click();

        browser.open(browser.find("#dig-report-link").getAttribute("href"));
        browser.waitUntil("the report's warning", "return document.querySelectorAll('#report-warnings .check-warning').length === 1");
        assertThat(browser.find("#report-warnings .check-warning").getText()).matches(".*(4[89]|5[01])%.*");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aDesignPipeDrawnBesideAGasMainShowsItsConflictWithRequiredAndActualDistance() throws IOException {
        browser.consoleErrors();
        openAt(600500.5, 3550020, 21);
        double x = 600500 + 0.3 + 0.232 + 0.0928; // 0.3 m outer wall to outer wall from F-RQ-1
        browser.find("#conflict-draw").click();
        click(x, 3550008);
        click(x, 3550032);
        click(x, 3550032); // clicking the last point again finishes the line
        browser.waitUntil("the conflict is labelled", "return document.querySelectorAll('.conflict-label').length === 1");
        String label = browser.find(".conflict-label").getText();
        assertThat(label).matches("需 1\\.2 m / 实 0\\.[2-4]\\d? m");
        assertThat(browser.find("#conflict-list li").getText()).contains("需采取保护措施并报批").contains("H-05");
        browser.screenshot("conflict-label.png");

        browser.find("input[data-filter-kind='horizontal']").click();
        waitForLabels("horizontal findings filtered out", 0);
        browser.find("input[data-filter-kind='horizontal']").click();
        waitForLabels("horizontal findings back", 1);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** A design file the check refuses is refused in the user's language, naming the design pipe and its field. */
    @Test
    void aRefusedDesignFileIsExplainedInTheUsersLanguage() throws IOException {
        browser.open(server.baseUrl() + "/");
        browser.waitUntilLoaded();
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("design").resolve("设计.geojson");
        java.nio.file.Files.writeString(file, """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"network":"雨水","size":"DN300","depth_m":1.5},
                 "geometry":{"type":"LineString","coordinates":[[118.2,32.0],[118.2001,32.0]]}}]}""");
        browser.find("#conflict-upload").sendKeys(file.toString());
        browser.waitUntil("the refusal", "return [...document.querySelectorAll('.notice')].some(n => n.textContent.includes('设计管线'))");
        assertThat(browser.find(".notice").getText()).contains("设计管线 设计.geojson-1：管线类别（network）须为 CJJ 61 代码", "收到“雨水”");
        browser.find("#lang-toggle").click();
        try {
            browser.find("#conflict-upload").sendKeys(file.toString());
            browser.waitUntil("the refusal in English",
                    "return [...document.querySelectorAll('.notice')].some(n => n.textContent.includes('Design pipe'))");
            assertThat(browser.find(".notice").getText()).contains("Design pipe 设计.geojson-1: network must be a CJJ 61 code", "got \"雨水\"");
        } finally {
            browser.find("#lang-toggle").click();
        }
    }

    @Test
    void theOpenedCompoundsConflictsAreShownFilteredAndRelabelledInEnglish() {
        browser.open(server.baseUrl() + "/#compound=T01");
        browser.waitUntilLoaded();
        browser.find("#conflict-compound").click();
        browser.waitUntil("the compound's three conflicts", "return document.querySelectorAll('.conflict-label').length === 3");
        assertThat(browser.findAll(".conflict-label").stream().map(WebElement::getText).toList())
                .allMatch(text -> text.startsWith("需 "));
        browser.find("input[data-filter-kind='horizontal']").click();
        waitForLabels("only the crossing", 1);
        assertThat(browser.find(".conflict-label").getText()).matches("需 0\\.4 m / 实 -0\\.\\d+ m");
        browser.find("input[data-filter-status='violation']").click();
        waitForLabels("violations filtered out", 0);
        browser.find("input[data-filter-status='violation']").click();
        browser.find("#lang-toggle").click();
        browser.waitUntil("labels in English", "return document.querySelector('.conflict-label').textContent.startsWith('req. 0.4 m / act. -0.')");
        assertThat(browser.find("#conflict-status").getText()).contains("T01").contains("findings shown");
        browser.find("#lang-toggle").click();
    }

    /**
     * Issues 14 points 1, 2 and 5 on a 390 × 844 phone: a pit drawn on the map, its list under it and its report, in
     * Chinese and in English, with no English in the one and no Chinese in the other but the data's own names.
     */
    @Test
    void onAPhoneAPitIsDrawnItsPipesListedAndItsReportReadInBothLanguages() throws IOException {
        browser.atPhoneSize();
        try {
            drawThePlantedPit();
            String[] data = digData();
            String zh = browser.find("#dig-card").getText();
            assertThat(zh).contains("将被挖出", "井深 2.4 m");
            assertThat(ScreenLanguage.englishWords(zh, data)).as(zh).isEmpty();
            assertThat(browser.js("return document.querySelector('#dig-results').getBoundingClientRect().width <= window.innerWidth"))
                    .as("the list fits the phone's width (it scrolls inside itself)").isEqualTo(true);
            browser.screenshotsAtBothSizes("dig-zh", "#dig-results");

            browser.find("#lang-toggle").click();
            browser.waitUntil("the table in English", "return document.querySelector('#dig-results').textContent.includes('well depth 2.4 m')");
            String en = browser.find("#dig-card").getText();
            assertThat(ScreenLanguage.chineseWords(en, data)).as(en).isEmpty();
            browser.screenshotsAtBothSizes("dig-en", "#dig-results");

            browser.open(browser.find("#dig-report-link").getAttribute("href"));
            browser.waitUntil("the report's table", "return document.querySelectorAll('.report-table tbody tr').length === 9");
            String reportEn = browser.find("body").getText();
            assertThat(ScreenLanguage.chineseWords(reportEn, data)).as(reportEn).isEmpty();
            browser.screenshotsAtBothSizes("dig-report-en", "#report-owners");
            browser.find("#lang-toggle").click();
            String reportZh = browser.find("body").getText();
            assertThat(reportZh).contains("开挖前地下管线查询报告");
            assertThat(ScreenLanguage.englishWords(reportZh, data)).as(reportZh).isEmpty();
            browser.screenshotsAtBothSizes("dig-report-zh", "#report-owners");
        } finally {
            browser.atDesktopSize();
            browser.js("localStorage.setItem('compound-gis.lang', 'zh-CN')"); // web/js/settings.js LANGUAGES
        }
    }

    /** Case E's pit (x 600399 … 600416, y 3550015 … 3550025) drawn on the map 1.5 m deep, and its 9 items listed. */
    private void drawThePlantedPit() {
        openAt(600407.5, 3550020, 20);
        browser.find("#dig-depth").clear();
        browser.find("#dig-depth").sendKeys("1.5");
        browser.find("#dig-draw-pit").click();
        click(600399, 3550015);
        click(600416, 3550025);
        browser.waitUntil("the pipes of the pit are listed", "return document.querySelectorAll('#dig-results tbody tr').length === 9");
    }

    /** The planted pit's own values (owners, materials, chambers), which stay as the survey wrote them in either language. */
    private String[] digData() {
        String pit = """
                {"type":"Feature","properties":{"depth_m":1.5},"geometry":{"type":"Polygon","coordinates":[[
                  [3550015,600399],[3550015,600416],[3550025,600416],[3550025,600399],[3550015,600399]]]}}""";
        List<String> values = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode f : cn.compoundgis.checks.CheckClient.postJson(server, "/api/checks/dig?crs=EPSG:4548", pit)
                .path("features")) {
            f.path("properties").fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    values.add(e.getValue().asText());
                }
            });
        }
        return values.stream().filter(v -> !v.isBlank()).distinct().sorted((a, b) -> b.length() - a.length()).toArray(String[]::new);
    }

    /** Leaflet fades a removed label out over 200 ms: wait for the count rather than read it at once. */
    private void waitForLabels(String what, int n) {
        browser.waitUntil(what, "return document.querySelectorAll('.conflict-label').length === arguments[0]", n);
    }

    private void openAt(double easting, double northing, int zoom) {
        browser.open(server.baseUrl() + "/");
        double[] ll = lonLat(easting, northing);
        browser.js("window.compoundGisMap.setView([arguments[0], arguments[1]], arguments[2], {animate: false})", ll[1], ll[0], zoom);
        browser.waitUntilLoaded();
        browser.waitUntil("the pipes are drawn", "return document.querySelectorAll('path.pipe').length > 0");
    }

    private void click(double easting, double northing) {
        double[] ll = lonLat(easting, northing);
        Map<?, ?> p = (Map<?, ?>) browser.js(SCREEN_POINT, ll[1], ll[0]);
        new Actions(browser.driver).moveToLocation(((Number) p.get("x")).intValue(), ((Number) p.get("y")).intValue())
                .click().perform();
    }

    private static double[] lonLat(double easting, double northing) {
        CRSFactory crs = new CRSFactory();
        ProjCoordinate out = new ProjCoordinate();
        new CoordinateTransformFactory().createTransform(crs.createFromName("EPSG:4548"), crs.createFromName("EPSG:4326"))
                .transform(new ProjCoordinate(easting, northing), out);
        return new double[]{out.x, out.y};
    }
}
