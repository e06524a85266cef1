package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.testing.Resources;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.openqa.selenium.interactions.Actions;

/**
 * The web map in a real headless Chromium against a real server with the demo data: it starts without
 * console errors, a compound opened from the finder shows everything it holds (counted against the
 * API), a click on a pipe shows its attributes in Chinese, the language toggle relabels the page, and
 * an outage of the server is shown and recovered from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapPageTest {
    private static final String COMPOUND = "C001";
    private static final Path SELENIUM_CACHE = Path.of(System.getProperty("user.home"), ".cache", "selenium");

    /** web/js/settings.js SEARCH.PAGE_SIZE. */
    private static final long FINDER_PAGE_SIZE = 20;
    private TestServer server;
    private Browser browser;
    private List<String> seleniumCacheBefore;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("map_test", null, true);
        seleniumCacheBefore = listing(SELENIUM_CACHE);
        browser = Browser.start();
    }

    @AfterAll
    void stop() throws Exception {
        Resources.closeAll(browser, server);
    }

    @Test
    void theSystemChromiumAndChromedriverAreUsedAndNothingIsDownloaded() throws IOException {
        assertThat(versionOf(Browser.CHROMIUM)).contains(String.valueOf(browser.capabilities().get("browserVersion")));
        String driverVersion = String.valueOf(((Map<?, ?>) browser.capabilities().get("chrome")).get("chromedriverVersion"));
        assertThat(versionOf(Browser.CHROMEDRIVER)).contains(driverVersion.split(" ")[0]);
        assertThat(listing(SELENIUM_CACHE)).as("Selenium Manager's download cache").isEqualTo(seleniumCacheBefore);
    }

    @Test
    void thePageLoadsWithNoConsoleErrors() {
        browser.consoleErrors(); // drop what an earlier test left
        browser.open(server.baseUrl() + "/");
        browser.waitUntilLoaded();
        long firstPage = Math.min(numberMatched("compounds", "limit=1"), FINDER_PAGE_SIZE);
        browser.waitUntil("the finder lists the first page of compounds", "return document.querySelectorAll('#finder-list li').length === arguments[0]", firstPage);
        assertThat(browser.count("path.compound")).isPositive();
        assertThat(browser.find("h1").getText()).isEqualTo("老旧小区改造地理信息");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theFinderAsksTheServerByNameAndPinyinInitialsAndNeverLoadsTheWholeList() {
        browser.open(server.baseUrl() + "/");
        browser.waitUntilLoaded();
        browser.waitUntil("the first page", "return document.querySelectorAll('#finder-list li').length > 0");
        browser.find("#finder-input").sendKeys("南岳");
        browser.waitUntil("南岳新村 and 南岳山庄", "return [...document.querySelectorAll('#finder-list li')].map(li => li.dataset.code).join() === 'C001,C004'");
        assertThat(browser.find("#finder-status").getText()).isEqualTo("共 2 个小区");
        browser.find("#finder-input").clear();
        browser.find("#finder-input").sendKeys("nyxc");
        browser.waitUntil("南岳新村 by its initials", "return [...document.querySelectorAll('#finder-list li')].map(li => li.dataset.code).join() === 'C001'");
        assertThat(browser.find("#finder-list li").getText()).contains("南岳新村", "C001");
        browser.find("#finder-input").sendKeys(org.openqa.selenium.Keys.ARROW_DOWN, org.openqa.selenium.Keys.ENTER);
        browser.waitUntil("the compound opens from the keyboard", "return location.hash === '#compound=C001'");
        browser.waitUntil("its pipes", "return document.querySelectorAll('path.pipe.compound-C001').length > 0");
        List<?> resources = (List<?>) browser.js("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(resources).as("compounds are fetched by the search, one by one, or by the map's viewport").noneSatisfy(url -> {
            String u = url.toString();
            assertThat(u.contains("/collections/compounds/items") && !u.contains("compound=") && !u.contains("bbox=")).isTrue();
        });
        assertThat(resources).anySatisfy(url -> assertThat(url.toString()).contains("/api/compounds/search?q=nyxc"));
    }

    @Test
    void theMapNeedsNoInternetEverythingComesFromTheServer() {
        browser.open(server.baseUrl() + "/");
        browser.waitUntilLoaded();
        List<?> resources = (List<?>) browser.js("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(resources).isNotEmpty().allSatisfy(url -> assertThat(url.toString()).startsWith(server.baseUrl() + "/"));
        assertThat(browser.count(".leaflet-tile-pane .leaflet-tile")).as("no base map unless BASEMAP_URL is set").isZero();
    }

    @Test
    void eachNetworkCanBeSwitchedOffWithItsPoints() {
        openCompound(COMPOUND);
        String rain = "path.pipe.network-YS.compound-" + COMPOUND;
        String rainPoints = ".pipe-point.network-YS.compound-" + COMPOUND;
        assertThat(browser.count(rain)).isPositive();
        assertThat(browser.count(rainPoints)).isPositive();
        browser.click("input[data-overlay='network-YS']");
        assertThat(browser.count(rain)).isZero();
        assertThat(browser.count(rainPoints)).isZero();
        assertThat(browser.count("path.pipe.network-WS.compound-" + COMPOUND)).isPositive();
        browser.click("input[data-overlay='network-YS']");
        assertThat(browser.count(rain)).isPositive();
    }

    @Test
    void aProgressIndicatorShowsWhileDataLoads() throws IOException {
        openCompound(COMPOUND);
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                "offline", false, "latency", 1500, "downloadThroughput", -1, "uploadThroughput", -1));
        try {
            browser.js("const m = window.compoundGisMap; m.panBy([m.getSize().x * 2, 0], {animate: false})");
            browser.waitUntil("the progress indicator", "return !document.querySelector('#progress').hidden");
            assertThat(browser.find("#progress").getText()).startsWith("正在加载");
            browser.screenshot("map-loading.png");
        } finally {
            browser.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                    "offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        }
        browser.waitUntilLoaded();
        assertThat(browser.find("#progress").isDisplayed()).isFalse();
    }

    @Test
    void errorsFromTheServerAreShownNotSwallowed() throws Exception {
        try {
            execute("ALTER TABLE obstacle RENAME TO obstacle_away");
            openCompound(COMPOUND);
            browser.waitUntil("an error notice", "return document.querySelector('#notices .notice-error') !== null");
            assertThat(browser.find("#notices").getText()).contains("加载“障碍物”失败", "服务器错误（500）");
        } finally {
            execute("ALTER TABLE IF EXISTS obstacle_away RENAME TO obstacle");
        }
        browser.js("window.compoundGisMap.setZoom(window.compoundGisMap.getZoom() - 1, {animate: false})");
        browser.waitUntil("the notice goes once obstacles load", "return document.querySelector('#notices .notice-error') === null");
    }

    @Test
    void openingACompoundFromTheFinderDrawsItsPipesPointsFireLanesStallsAndObstacles() throws IOException {
        browser.open(server.baseUrl() + "/");
        browser.find("#finder-input").sendKeys("南岳新村");
        browser.waitUntil("the finder narrows to 南岳新村", "return document.querySelectorAll('#finder-list li').length === 1");
        browser.find("#finder-list li[data-code='" + COMPOUND + "'] button").click();

        for (String[] layer : List.of(
                new String[] {"pipes", "path.pipe"},
                new String[] {"pipe-points", ".pipe-point"},
                new String[] {"fire-lanes", "path.fire-lane"},
                new String[] {"parking", "path.parking-stall"},
                new String[] {"obstacles", "path.obstacle"},
                new String[] {"buildings", "path.building"})) {
            long expected = numberMatched(layer[0], "limit=1&compound=" + COMPOUND);
            assertThat(expected).as(layer[0] + " of the demo compound").isPositive();
            String css = layer[1] + ".compound-" + COMPOUND;
            browser.waitUntil(layer[0] + ": " + expected + " drawn",
                    "return document.querySelectorAll(arguments[0]).length === arguments[1]", css, expected);
            assertThat(browser.count(css)).as(layer[0]).isEqualTo(expected);
        }
        browser.waitUntilLoaded();
        assertThat(browser.find("#feature-panel .panel-title").getText()).contains("南岳新村");
        browser.waitUntil("the compound's contents", "return document.querySelector('#feature-panel .panel-contents') !== null");
        assertThat(browser.find("#feature-panel .panel-contents").getText())
                .contains("管线 " + numberMatched("pipes", "limit=1&compound=" + COMPOUND),
                        "停车位 " + numberMatched("parking", "limit=1&compound=" + COMPOUND));
        assertThat(browser.count(".flow-arrow")).as("flow arrows on drainage pipes").isPositive();
        Path shot = browser.screenshot("map.png");
        assertThat(Files.size(shot)).isPositive();
    }

    @Test
    void clickingAPipeShowsItsAttributesInChineseWithUnitsAndItsSurvey() throws Exception {
        try (var c = server.app().dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE survey SET committed_by = 'surveyor-wang' WHERE status = 'committed'");
        }
        browser.signInAsAdministrator(server.baseUrl()); // account names are shown to signed-in users only
        openCompound(COMPOUND);
        Map<?, ?> target = (Map<?, ?>) browser.js(Browser.CLICKABLE_POINT_ON_A_PATH, "path.pipe.network-YS.compound-" + COMPOUND);
        assertThat(target).as("a rain pipe not covered by anything").isNotNull();
        new Actions(browser.driver).moveToLocation(((Number) target.get("x")).intValue(), ((Number) target.get("y")).intValue())
                .click().perform();
        browser.waitUntil("the pipe's panel", "return document.querySelector('#feature-panel').dataset.collection === 'pipes'");
        browser.waitUntilLoaded();

        Map<String, String> rows = panelRows();
        JsonNode pipe = server.getJson("/collections/pipes/items?compound=" + COMPOUND + "&network=YS&start_no="
                + encode(rows.get("起点点号")) + "&end_no=" + encode(rows.get("终点点号"))).get("features").get(0).get("properties");
        assertThat(rows.get("管线类别")).isEqualTo("雨水 (YS)");
        assertThat(rows.get("管径")).isEqualTo("DN" + pipe.get("dn_mm").asInt());
        assertThat(rows.get("起点埋深")).isEqualTo(String.format("%.2f m", pipe.get("start_depth_m").asDouble()));
        assertThat(rows.get("终点埋深")).isEqualTo(String.format("%.2f m", pipe.get("end_depth_m").asDouble()));
        assertThat(rows.get("材质")).isEqualTo(pipe.get("material").asText());
        assertThat(rows.get("埋深量至")).isEqualTo("管内底（重力流排水）");
        assertThat(rows.get("权属单位")).isEqualTo(pipe.get("owner").asText());
        browser.waitUntil("the survey and its accuracy", "return document.querySelector('#feature-panel').textContent.includes('测量精度')");
        assertThat(browser.find("#feature-panel .panel-survey").getText())
                .contains("测量单位", "测量日期", pipe.get("surveyed_on").asText(), "起点", "埋深 ±", "提交人", "surveyor-wang",
                        "提交时间");
        assertThat(browser.find("path.pipe.selected")).isNotNull();
        browser.screenshot("map-pipe-panel.png");
        browser.driver.manage().deleteAllCookies(); // the other tests look at the map as anyone does
    }

    @Test
    void theLanguageToggleChangesTheLabels() throws IOException {
        openCompound(COMPOUND);
        assertThat(browser.find("#layer-panel").getText()).contains("雨水管线", "消防通道");
        browser.find("#lang-toggle").click();
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.find("h1").getText()).isEqualTo("Old Compound Renovation GIS");
        assertThat(browser.find("#layer-panel").getText()).contains("Rain pipe", "Fire lanes").doesNotContain("雨水管线");
        assertThat(browser.find("#feature-panel").getText()).contains("Households", "Site area");
        assertThat(browser.find("#coordinates").getText()).contains("X (north)", "lon");
        browser.screenshot("map-english.png");
        browser.find("#lang-toggle").click();
        assertThat(browser.find("h1").getText()).isEqualTo("老旧小区改造地理信息");
        assertThat(browser.find("#feature-panel").getText()).contains("户数");
    }

    @Test
    void theCoordinateReadoutGivesTheWorkingCrsNorthingFirstAndLonLat() {
        openCompound(COMPOUND);
        browser.waitUntil("a read-out", "return document.querySelector('#coordinates .coords-working') !== null");
        List<?> centre = (List<?>) browser.js("const c = window.compoundGisMap.getCenter(); return [c.lng, c.lat];");
        double lon = ((Number) centre.get(0)).doubleValue();
        double lat = ((Number) centre.get(1)).doubleValue();
        String working = browser.find("#coordinates .coords-working").getText();
        Matcher m = Pattern.compile("X（北）\\s*([0-9.]+)\\s+Y（东）\\s*([0-9.]+)\\s+EPSG:4548").matcher(working);
        assertThat(m.find()).as(working).isTrue();
        ProjCoordinate expected = toEpsg4548(lon, lat);
        assertThat(Double.parseDouble(m.group(1))).as("X = northing").isCloseTo(expected.y, within(0.01));
        assertThat(Double.parseDouble(m.group(2))).as("Y = easting").isCloseTo(expected.x, within(0.01));
        assertThat(browser.find("#coordinates .coords-lonlat").getText()).contains(String.format("%.7f", lon), String.format("%.7f", lat));
    }

    @Test
    void theLegendAndScaleBarAreShown() {
        openCompound(COMPOUND);
        assertThat(browser.find(".leaflet-control-scale-line").getText()).matches("\\d+ (m|km)");
        assertThat(browser.find("#layer-panel").getText()).contains("线宽表示管径", "DN ≤ 150", "检修井", "箭头：排水流向", "CJJ 61-2017");
    }

    @Test
    void pipesAreNotFetchedForTheWholeCityButFromTheirZoomOn() {
        browser.open(server.baseUrl() + "/");
        browser.waitUntilLoaded();
        assertThat(browser.count("path.pipe")).as("no pipes at city zoom").isZero();
        assertThat(browser.find("#hint").getText()).contains("点击左侧列表中的小区");
        assertThat(browser.find("#layer-panel").getText()).contains("放大到 16 级显示");
    }

    @Test
    void whenTheServerStopsTheMapSaysSoAndRecoversWhenItIsBack() throws Exception {
        try (RestartableServer restartable = RestartableServer.withDemo("map_outage_test")) {
            openCompound(restartable.baseUrl(), COMPOUND);
            restartable.stop();
            browser.js("window.compoundGisMap.panBy([200, 0])"); // the user goes on working
            browser.waitUntil("the outage banner", "return !document.querySelector('#connection-banner').hidden");
            assertThat(browser.find("#connection-banner").getText()).contains("无法连接服务器", "自动重试");
            browser.screenshot("map-server-down.png");

            restartable.start();
            browser.waitUntil("the banner goes when the server is back", "return document.querySelector('#connection-banner').hidden");
            assertThat(browser.find("#notices").getText()).contains("已重新连接");
            browser.find("#finder-input").sendKeys("王曹二期");
            browser.waitUntil("the finder narrows to 王曹二期", "return [...document.querySelectorAll('#finder-list li')]"
                    + ".map(li => li.dataset.code).join() === 'C003'");
            browser.find("#finder-list li[data-code='C003'] button").click();
            browser.waitUntil("the next compound loads from the restarted server",
                    "return document.querySelectorAll('path.pipe.compound-C003').length > 0");
            browser.waitUntilLoaded();
            assertThat(browser.find("#connection-banner").isDisplayed()).isFalse();
        }
    }

    private void execute(String sql) throws Exception {
        try (var connection = server.app().dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Issue 14 point 6: on a phone the feature panel folds to its title, and the read-out is one short line. */
    @Test
    void onAPhoneThePanelFoldsToItsTitleAndTheReadoutIsOneLine() throws java.io.IOException {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            openCompound("C001");
            browser.waitUntil("the compound's panel", "return !document.querySelector('#feature-panel').hidden");
            assertThat(browser.find("#feature-panel .panel-collapse").isDisplayed()).isTrue();
            assertThat(browser.find("#feature-panel .panel-body").isDisplayed()).isTrue();
            browser.assertUncovered("#feature-panel .panel-collapse", "#basemap-select", "#coordinates", ".leaflet-control-scale");
            // a message over the map stands above the sheet and the read-out (the page's own notices module)
            browser.js("return import('/js/notices.js').then(n => n.showNotice('layout-test', 'error', '服务器无响应'))");
            browser.assertUncovered(".notice[data-key='layout-test'] .notice-text", ".notice[data-key='layout-test'] .notice-close",
                    "#coordinates");
            browser.js("return import('/js/notices.js').then(n => n.clearNotice('layout-test'))");
            browser.find("#feature-panel .panel-collapse").click();
            assertThat(browser.find("#feature-panel .panel-body").isDisplayed()).as("folded").isFalse();
            assertThat(browser.find("#feature-panel .panel-title").isDisplayed()).isTrue();
            assertThat(browser.find("#feature-panel .panel-collapse").getAttribute("aria-expanded")).isEqualTo("false");
            assertThat(((Number) browser.js("return document.querySelector('#coordinates').getBoundingClientRect().height")).doubleValue())
                    .as("one line").isLessThan(20);
            assertThat(browser.find("#coordinates .coords-lonlat").isDisplayed()).isFalse();
            // nothing covers the folded sheet's title or its button, and the sheet covers none of the map's controls
            browser.assertUncovered("#feature-panel .panel-title", "#feature-panel .panel-collapse",
                    "#basemap-select", "#coordinates", ".leaflet-control-scale");
            browser.screenshot("phone-panel-folded.png");
            browser.find("#lang-toggle").click();
            try {
                assertThat(browser.find("#feature-panel .panel-collapse").getAttribute("title")).isEqualTo("Unfold");
                browser.find("#feature-panel .panel-collapse").click();
                assertThat(browser.find("#feature-panel .panel-body").isDisplayed()).isTrue();
                browser.screenshot("phone-panel-english.png");
            } finally {
                browser.find("#lang-toggle").click(); // the other tests read Chinese
            }
        } finally {
            browser.driver.manage().window().setSize(Browser.WINDOW);
        }
    }

    /** Issue 14 point 7: the finder also finds a pipe point by its number, a fire lane and a road. */
    @Test
    void theFinderFindsAPointByItsNumberALaneAndARoadAndGoesThere() throws java.io.IOException {
        browser.open(server.baseUrl() + "/");
        browser.waitUntilLoaded();
        browser.find("#finder-input").sendKeys("YS2");
        browser.waitUntil("points numbered YS2…", "return document.querySelectorAll('#finder-features li[data-kind=\"pipe_point\"]').length > 0");
        assertThat(browser.find("#finder-features li").getText()).startsWith("管点 YS2");
        browser.find("#finder-features li[data-kind='pipe_point'] button").click();
        browser.waitUntil("the point's panel", "return document.querySelector('#feature-panel').textContent.includes('YS2')");
        assertThat(((Number) browser.js("return window.compoundGisMap.getZoom()")).intValue()).isGreaterThanOrEqualTo(17);
        browser.screenshot("finder-point.png");

        browser.find("#finder-input").clear();
        browser.find("#finder-input").sendKeys("王曹二期1号");
        browser.waitUntil("the road", "return [...document.querySelectorAll('#finder-features li')].some(li => li.dataset.kind === 'road')");
        assertThat(browser.find("#finder-features li[data-kind='road']").getText()).contains("道路 王曹二期1号支路", "C003");
    }

    /** Issue 14 points 7 and 5 on a 390 × 844 phone: the finder, the base map choice and the ruler, in both languages. */
    @Test
    void onAPhoneTheFinderTheBaseMapAndTheRulerReadInBothLanguages() throws java.io.IOException {
        browser.atPhoneSize();
        try {
            browser.open(server.baseUrl() + "/");
            browser.waitUntilLoaded();
            browser.find("#finder-input").sendKeys("YS2");
            browser.waitUntil("points numbered YS2…", "return document.querySelectorAll('#finder-features li[data-kind=\"pipe_point\"]').length > 0");
            assertThat(browser.find("#finder-features li").getText()).startsWith("管点 YS2");
            assertThat(browser.find("#basemap-select").isDisplayed()).isTrue();
            assertThat(browser.find(".measure-button").isDisplayed()).isTrue();
            assertThat(browser.js("return document.scrollingElement.scrollHeight <= window.innerHeight"))
                    .as("the page itself does not scroll (the sidebar does): the map stays where it is").isEqualTo(true);
            String zh = browser.find("#basemap-select").getText() + "\n" + browser.find(".measure-button").getText();
            assertThat(ScreenLanguage.englishWords(zh)).as(zh).isEmpty();
            browser.screenshotsAtBothSizes("context-zh", "#finder-features");

            browser.find("#lang-toggle").click();
            browser.waitUntil("the finder in English", "return document.querySelector('#finder-features li').textContent.startsWith('Point YS2')");
            String en = browser.find("#basemap-select").getText() + "\n" + browser.find(".measure-button").getText()
                    + "\n" + browser.find("#finder-features li").getText();
            List<String> data = new java.util.ArrayList<>();
            server.getJson("/api/search/features?q=YS2").path("items").forEach(hit -> {
                data.add(hit.path("label").asText());
                data.add(hit.path("detail").asText());
            });
            assertThat(ScreenLanguage.chineseWords(en, data.stream().filter(d -> !d.isBlank()).toArray(String[]::new))).as(en).isEmpty();
            browser.screenshotsAtBothSizes("context-en", "#finder-features");
        } finally {
            browser.js("localStorage.setItem('compound-gis.lang', 'zh-CN')"); // web/js/settings.js LANGUAGES
            browser.atDesktopSize();
        }
    }

    /** Issue 14 point 4: a #compound= link followed on the open page opens that compound (not only at load). */
    @Test
    void anotherCompoundInTheAddressOpensItWithoutReloading() {
        openCompound("C001");
        browser.js("window.__notReloaded = true; location.hash = '#compound=C002'");
        browser.waitUntil("C002 opened", "return document.querySelector('#feature-panel').textContent.includes('C002')");
        assertThat(browser.js("return window.__notReloaded === true")).as("the same page").isEqualTo(true);
        browser.waitUntil("C002's pipes", "return document.querySelectorAll('path.pipe.compound-C002').length > 0");
    }

    private void openCompound(String code) {
        openCompound(server.baseUrl(), code);
    }

    private void openCompound(String baseUrl, String code) {
        browser.open(baseUrl + "/#compound=" + code);
        browser.waitUntil("the compound's pipes", "return document.querySelectorAll('path.pipe.compound-' + arguments[0]).length > 0", code);
        browser.waitUntilLoaded();
    }

    /** The feature panel's first table as label -> value. */
    private Map<String, String> panelRows() {
        return browser.findAll("#feature-panel .panel-fields tr").stream()
                .collect(Collectors.toMap(tr -> tr.findElement(org.openqa.selenium.By.tagName("th")).getText(),
                        tr -> tr.findElement(org.openqa.selenium.By.tagName("td")).getText(), (a, b) -> a));
    }

    private long numberMatched(String collection, String query) {
        return server.getJson("/collections/" + collection + "/items?" + query).get("numberMatched").asLong();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ProjCoordinate toEpsg4548(double lon, double lat) {
        CRSFactory crs = new CRSFactory();
        var transform = new CoordinateTransformFactory().createTransform(
                crs.createFromName("EPSG:4326"), crs.createFromName("EPSG:4548"));
        return transform.transform(new ProjCoordinate(lon, lat), new ProjCoordinate());
    }

    private static String versionOf(Path executable) throws IOException {
        Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> p + " " + p.toFile().length()).sorted().toList();
        }
    }

}
