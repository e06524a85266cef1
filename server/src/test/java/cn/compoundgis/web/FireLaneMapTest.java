package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.Resources;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.interactions.Actions;

/**
 * The fire lane check on the map, in headless Chromium on the demo data: lanes coloured by status with the
 * blocked stretches in red, the clear-width profile of a clicked lane, the compound's parking summary, and
 * "report an obstruction" on a phone-sized window (with a photo), which turns a clear lane obstructed until
 * the obstacle is marked resolved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FireLaneMapTest {
    /** A demo compound with both a clear and an obstructed fire lane. */
    private static final String COMPOUND = "C003";
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private TestServer server;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("fire_lane_map_test", null, true);
        browser = Browser.start();
        browser.signInAsAdministrator(server.baseUrl()); // the page's writes need a user (issue 12)
    }

    @AfterAll
    void stop() throws Exception {
        Resources.closeAll(browser, server);
    }

    private JsonNode laneReport() {
        return server.getJson("/api/checks/fire-lanes?compound=" + COMPOUND);
    }

    /** Issue 14 point 3: the inspection list, its rows and causes, the sheet, the CSV and the fire view. */
    @Test
    @Order(0)
    void theInspectionListLeadsToEachStretchAndItsCausePrintsAndExportsAndTheFireViewHidesThePipes() throws Exception {
        openCompound();
        JsonNode report = server.getJson("/api/checks/fire-lanes?compound=" + COMPOUND);
        int expected = 0;
        for (JsonNode lane : report.get("lanes")) {
            expected += lane.get("blocked_stretches").size();
            for (JsonNode end : lane.get("dead_ends")) {
                expected += end.get("finding").isNull() ? 0 : 1;
            }
        }
        assertThat(expected).isPositive();
        browser.find("#fire-list").click();
        browser.waitUntil("the inspection list", "return document.querySelectorAll('#fire-rows tbody tr').length === arguments[0]", expected);
        assertThat(browser.find("#fire-status").getText()).contains("小区 " + COMPOUND, expected + " 处问题");
        assertThat(browser.count("#fire-rows button.fire-cause")).as("causes that are features link to them").isPositive();

        browser.find("#fire-rows tbody tr.fire-stretch").click();
        browser.waitUntil("the stretch marked on the map", "return document.querySelectorAll('path.fire-selected').length === 1");
        assertThat(browser.count("#fire-rows tr.selected")).isEqualTo(1);
        browser.find("#fire-rows button.fire-cause").click();
        browser.waitUntil("the cause's feature panel", "return !document.querySelector('#feature-panel').hidden"
                + " && document.querySelector('#feature-panel').textContent.length > 0");
        browser.screenshot("fire-inspection.png");

        assertThat(browser.find("#fire-csv").getAttribute("href")).startsWith("blob:");
        assertThat(browser.find("#fire-csv").getAttribute("download")).isEqualTo("fire-inspection-" + COMPOUND + ".csv");
        Object csv = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.querySelector('#fire-csv').href).then(r => r.text()).then(done)");
        assertThat(String.valueOf(csv)).contains("通道", "原因").hasLineCount(expected + 1);
        String sheet = browser.find("#fire-sheet").getAttribute("href");
        browser.driver.get(sheet); // a page of its own, not the map
        assertThat(browser.find("h1").getText()).isEqualTo("消防通道巡查单 · 小区 " + COMPOUND);
        assertThat(browser.count("tbody tr")).isEqualTo(expected);
        assertThat(browser.find("body").getText()).contains("巡查人", "GB 50016");
        browser.screenshot("fire-inspection-sheet.png");

        openCompound();
        assertThat(browser.count("path.pipe")).as("pipes drawn before the fire view").isPositive();
        browser.find("#fire-view").click();
        browser.waitUntil("no pipe in the fire view", "return document.querySelectorAll('path.pipe').length === 0");
        assertThat(browser.count("path.fire-lane")).isPositive();
        browser.find("#fire-view").click();
        browser.waitUntil("the pipes back", "return document.querySelectorAll('path.pipe').length > 0");
    }

    /** Issue 14 points 3 and 5 on a 390 × 844 phone: the inspection list and its sheet, in Chinese and in English. */
    @Test
    @Order(4)
    void onAPhoneTheInspectionListAndSheetReadInBothLanguages() throws Exception {
        browser.atPhoneSize();
        try {
            openCompound();
            browser.find("#fire-list").click();
            browser.waitUntil("the inspection list", "return document.querySelectorAll('#fire-rows tbody tr').length > 0");
            browser.js("document.querySelector('#fire-rows').scrollIntoView({block: 'center'})");
            String[] data = laneData();
            String zh = browser.find("#fire-card").getText();
            assertThat(ScreenLanguage.englishWords(zh, data)).as(zh).isEmpty();
            assertThat(browser.js("return document.querySelector('#fire-rows').getBoundingClientRect().width <= window.innerWidth"))
                    .as("the list fits the phone's width (it scrolls inside itself)").isEqualTo(true);
            browser.screenshotsAtBothSizes("fire-inspection-zh", "#fire-rows");

            browser.find("#lang-toggle").click();
            browser.waitUntil("the list in English", "return /Lane|lane/.test(document.querySelector('#fire-rows thead').textContent)");
            String en = browser.find("#fire-card").getText();
            assertThat(ScreenLanguage.chineseWords(en, data)).as(en).isEmpty();
            browser.screenshotsAtBothSizes("fire-inspection-en", "#fire-rows");

            browser.driver.get(browser.find("#fire-sheet").getAttribute("href"));
            String sheetEn = browser.find("body").getText();
            assertThat(ScreenLanguage.chineseWords(sheetEn, data)).as(sheetEn).isEmpty();
            browser.screenshotsAtBothSizes("fire-inspection-sheet-en", "body");
        } finally {
            browser.atDesktopSize();
            browser.open(server.baseUrl() + "/");
            browser.js("localStorage.setItem('compound-gis.lang', 'zh-CN')"); // web/js/settings.js LANGUAGES
        }
    }

    /** The lanes' and causes' own names in the list (a lane's name, an obstacle's note), as the data has them. */
    private String[] laneData() {
        List<String> names = new java.util.ArrayList<>();
        for (org.openqa.selenium.WebElement row : browser.findAll("#fire-rows tbody tr")) {
            List<org.openqa.selenium.WebElement> cells = row.findElements(org.openqa.selenium.By.cssSelector("td"));
            names.add(cells.get(1).getText());
        }
        return names.stream().filter(n -> !n.isBlank()).distinct().toArray(String[]::new);
    }

    private void openCompound() {
        browser.open(server.baseUrl() + "/#compound=" + COMPOUND);
        waitForCheckedLanes();
    }

    private void waitForCheckedLanes() {
        try {
            waitForLanes();
        } catch (RuntimeException e) {
            throw new AssertionError("lanes not checked; console: " + browser.consoleErrors(), e);
        }
        browser.waitUntilLoaded();
    }

    private void waitForLanes() {
        browser.waitUntil("the lanes of " + COMPOUND + " drawn and checked",
                "return document.querySelectorAll('path.fire-lane.compound-' + arguments[0]).length > 0"
                        + " && document.querySelectorAll('path.fire-lane.status-unchecked.compound-' + arguments[0]).length === 0",
                COMPOUND);
    }

    private long drawn(String css) {
        return browser.count(css + ".compound-" + COMPOUND);
    }

    @Test
    @Order(1)
    void lanesAreColouredByStatusWithTheBlockedStretchesInRed() throws Exception {
        browser.driver.manage().window().setSize(Browser.WINDOW);
        openCompound();
        JsonNode summary = laneReport().get("summary");
        assertThat(summary.get("clear").asInt()).isPositive();
        assertThat(summary.get("obstructed").asInt()).isPositive();
        assertThat(drawn("path.fire-lane.status-clear")).isEqualTo(summary.get("clear").asLong());
        assertThat(drawn("path.fire-lane.status-obstructed")).isEqualTo(summary.get("obstructed").asLong());
        assertThat(drawn("path.blocked-stretch")).isEqualTo(summary.get("blocked_stretches").asLong());
        JsonNode symbols = server.getJson("/data/symbols.json").get("fireLane");
        assertThat(browser.find("path.fire-lane.status-clear.compound-" + COMPOUND).getAttribute("stroke"))
                .isEqualTo(symbols.get("status").get("clear").get("color").asText());
        assertThat(browser.find("path.fire-lane.status-obstructed.compound-" + COMPOUND).getAttribute("stroke"))
                .isEqualTo(symbols.get("status").get("obstructed").get("color").asText());
        assertThat(browser.find("path.blocked-stretch.compound-" + COMPOUND).getAttribute("stroke"))
                .isEqualTo(symbols.get("blockedStretch").get("color").asText());
        assertThat(drawn("path.dead-end-finding")).isEqualTo(summary.get("dead_ends_without_turnaround").asLong());
        assertThat(browser.find("#layer-panel").getText()).contains("畅通", "受阻", "尽头路缺少回车场");
        assertThat(browser.count(".obstacle-glyph")).isPositive();
        browser.waitUntil("the compound's parking summary", "return document.querySelector('#feature-panel .parking-summary') !== null");
        JsonNode counts = server.getJson("/api/checks/parking?compound=" + COMPOUND).get("counts");
        assertThat(browser.find("#feature-panel .parking-summary").getText())
                .contains("现有车位合计 " + counts.get("existing").asInt(), "户均车位（现有）");
        assertThat(browser.find("#feature-panel .lane-summary").getText()).contains("受阻 " + summary.get("obstructed").asInt());
        browser.screenshot("fire-lanes.png");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void aClickedLaneShowsItsClearWidthProfileAndWhatBlocksIt() throws Exception {
        browser.driver.manage().window().setSize(Browser.WINDOW);
        openCompound();
        JsonNode lane = null;
        for (JsonNode l : laneReport().get("lanes")) {
            if (l.get("status").asText().equals("obstructed")) {
                lane = l;
                break;
            }
        }
        assertThat(lane).isNotNull();
        browser.js("window.compoundGisMap.eachLayer((l) => { if (l.feature && l.feature.id === arguments[0]"
                + " && l.options.className && l.options.className.includes('fire-lane')) l.fire('click', {latlng: l.getCenter()}); })",
                lane.get("id").asLong());
        browser.waitUntil("the lane's profile chart", "return document.querySelector('#feature-panel .profile-chart polyline') !== null");
        String points = browser.find("#feature-panel .profile-chart polyline").getAttribute("points");
        assertThat(points.trim().split(" ")).hasSize(lane.get("profile").size());
        assertThat(browser.count("#feature-panel .profile-blocked")).isEqualTo(lane.get("blocked_stretches").size());
        assertThat(browser.count("#feature-panel .profile-required")).isEqualTo(1);
        assertThat(browser.find("#feature-panel .lane-status").getText()).isEqualTo("受阻");
        String causes = browser.find("#feature-panel .blocked-stretches").getText();
        for (JsonNode stretch : lane.get("blocked_stretches")) {
            for (JsonNode cause : stretch.get("causes")) {
                assertThat(causes).contains(cause.get("source_id").asText(), "#" + cause.get("id").asLong());
            }
        }
        new Actions(browser.driver).moveToElement(browser.find("#feature-panel .profile-chart")).perform();
        assertThat(browser.find("#feature-panel .profile-readout").getText()).startsWith("桩号");
        browser.find("#lang-toggle").click();
        assertThat(browser.find("#feature-panel .lane-status").getText()).isEqualTo("Obstructed");
        assertThat(browser.find("#feature-panel .lane-check").getText()).contains("Clear width check", "Narrowest clear width");
        browser.find("#lang-toggle").click();
        browser.screenshot("fire-lane-profile.png");
    }

    @Test
    @Order(3)
    void anObstructionReportedOnAPhoneBlocksTheLaneUntilResolved() throws Exception {
        browser.driver.manage().window().setSize(PHONE);
        openCompound();
        JsonNode clearLane = null;
        for (JsonNode l : laneReport().get("lanes")) {
            if (l.get("status").asText().equals("clear")) {
                clearLane = l;
                break;
            }
        }
        assertThat(clearLane).isNotNull();
        long obstructedBefore = drawn("path.fire-lane.status-obstructed");
        // the middle of the clear lane, in the window's pixels
        JsonNode coordinates = clearLane.get("geometry").get("coordinates");
        JsonNode a = coordinates.get(0);
        JsonNode b = coordinates.get(coordinates.size() - 1);
        double lng = (a.get(0).asDouble() + b.get(0).asDouble()) / 2;
        double lat = (a.get(1).asDouble() + b.get(1).asDouble()) / 2;
        browser.js("window.compoundGisMap.setView([arguments[0], arguments[1]], 19, {animate: false})", lat, lng);
        browser.waitUntilLoaded();

        browser.find("#report-button").click();
        browser.waitUntil("the map waits for a tap", "return document.querySelector('#map').classList.contains('placing')");
        Map<?, ?> target = (Map<?, ?>) browser.js("const m = window.compoundGisMap; const p = m.latLngToContainerPoint([arguments[0], arguments[1]]);"
                + " const r = m.getContainer().getBoundingClientRect(); return {x: Math.round(r.left + p.x), y: Math.round(r.top + p.y)};", lat, lng);
        new Actions(browser.driver).moveToLocation(((Number) target.get("x")).intValue(), ((Number) target.get("y")).intValue())
                .click().perform();
        browser.waitUntil("the report form", "return !document.querySelector('#report-sheet').hidden");
        // issue 14 point 6: the form says which compound and fire lane the report is on
        browser.waitUntil("the compound and lane of the report", "return document.querySelector('#report-where').textContent"
                + ".includes('小区 ' + arguments[0]) && document.querySelector('#report-where').textContent.includes('消防通道 ')", COMPOUND);
        browser.screenshot("report-form-context.png");
        browser.waitUntil("the tapped point shows above the form (the map pans it there)",
                "const m = document.querySelector('.report-location').getBoundingClientRect();"
                        + " const s = document.querySelector('#report-sheet').getBoundingClientRect();"
                        + " const map = document.querySelector('#map').getBoundingClientRect();"
                        + " return m.height > 0 && m.bottom <= s.top && m.top >= map.top");
        Map<?, ?> sheet = (Map<?, ?>) browser.js("const r = document.querySelector('#report-sheet').getBoundingClientRect();"
                + " return {left: r.left, right: r.right, bottom: r.bottom, width: window.innerWidth, height: window.innerHeight};");
        assertThat(((Number) sheet.get("left")).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(((Number) sheet.get("right")).doubleValue()).isLessThanOrEqualTo(((Number) sheet.get("width")).doubleValue());
        assertThat(browser.find("#report-submit").getSize().getHeight()).isGreaterThanOrEqualTo(40);

        browser.js("document.querySelector('#report-kind').value = 'vehicle'");
        browser.find("#report-note").sendKeys("消防通道停车");
        Path photo = Files.createTempFile("report-", ".png");
        Files.write(photo, PNG);
        browser.find("#report-photo").sendKeys(photo.toAbsolutePath().toString());
        browser.screenshot("report-phone.png");
        browser.find("#report-submit").click();
        browser.waitUntil("the report is confirmed", "return document.querySelector('.notice[data-key=\"report-done\"]') !== null");
        assertThat(browser.find("#report-sheet").isDisplayed()).isFalse();

        JsonNode reported = null;
        for (JsonNode f : server.getJson("/collections/obstacles/items?compound=" + COMPOUND + "&limit=1000").get("features")) {
            if ("消防通道停车".equals(f.get("properties").path("note").asText())) {
                reported = f;
            }
        }
        assertThat(reported).as("the reported obstacle is stored").isNotNull();
        long id = reported.get("id").asLong();
        assertThat(reported.get("properties").get("kind").asText()).isEqualTo("vehicle");
        assertThat(server.get("/api/obstacles/" + id + "/photo").statusCode()).isEqualTo(200);
        browser.waitUntil("the clear lane turns obstructed",
                "return document.querySelectorAll('path.fire-lane.status-obstructed.compound-' + arguments[0]).length === arguments[1]",
                COMPOUND, obstructedBefore + 1);
        browser.waitUntil("the new obstacle is drawn", "let found = false; window.compoundGisMap.eachLayer((l) => {"
                + " if (l.feature && l.feature.id === arguments[0]) found = true; }); return found;", id);

        browser.js("window.compoundGisMap.eachLayer((l) => { if (l.feature && l.feature.id === arguments[0] && l.getLatLng)"
                + " l.fire('click', {latlng: l.getLatLng()}); })", id);
        browser.waitUntil("the obstacle's panel", "return document.querySelector('#feature-panel .resolve-obstacle') !== null");
        assertThat(browser.find("#feature-panel .obstacle-photo-link").getAttribute("href")).endsWith("/api/obstacles/" + id + "/photo");
        browser.find("#feature-panel .resolve-obstacle").click();
        assertThat(browser.js("return document.querySelector('#feature-panel .resolve-note').validationMessage"))
                .as("resolving without a note is not sent: the note is asked for").isNotEqualTo("");
        browser.find("#feature-panel .resolve-note").sendKeys("towed away by the property office");
        browser.find("#feature-panel .resolve-obstacle").click();
        // issue 14 point 3: a confirmation says what is recorded, and by whom, before it is
        assertThat(browser.find("#feature-panel .resolve-question").getText())
                .contains("确认标记为已处理", "towed away by the property office", "admin");
        browser.find("#feature-panel .resolve-no").click();
        assertThat(server.getJson("/api/obstacles/" + id).get("history")).as("not yet").hasSize(1);
        browser.find("#feature-panel .resolve-obstacle").click();
        browser.find("#feature-panel .resolve-yes").click();
        browser.waitUntil("the lane is clear again",
                "return document.querySelectorAll('path.fire-lane.status-obstructed.compound-' + arguments[0]).length === arguments[1]",
                COMPOUND, obstructedBefore);
        JsonNode history = server.getJson("/api/obstacles/" + id).get("history");
        assertThat(history).hasSize(2);
        assertThat(List.of(history.get(0).get("status").asText(), history.get(1).get("status").asText()))
                .containsExactly("open", "resolved");
        assertThat(history.get(1).get("note").asText()).isEqualTo("towed away by the property office");
        browser.screenshot("report-resolved-phone.png");
        assertThat(browser.consoleErrors()).isEmpty();
        browser.driver.manage().window().setSize(Browser.WINDOW);
    }
}
