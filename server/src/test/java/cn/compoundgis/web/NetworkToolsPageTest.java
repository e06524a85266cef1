package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.Resources;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The network checks list, the trace tool and the longitudinal profile in headless Chromium, on the demo data
 * plus the planted-defect compounds of checks/network-fixture.sql.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkToolsPageTest {
    private static final String DEMO = "C001";
    private static final String DEFECTS = "N002";

    private TestServer server;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("network_tools_page", "/checks/network-fixture.sql", true);
        browser = Browser.start();
    }

    @AfterAll
    void stop() throws Exception {
        Resources.closeAll(browser, server);
    }

    @Test
    void theFindingsAreListedAndAClickZoomsToOneAndHighlightsIt() throws Exception {
        browser.consoleErrors();
        openCompound(DEFECTS);
        assertThat(browser.find("#checks-compound").getText()).contains(DEFECTS);
        browser.find("#checks-run").click();
        int expected = server.getJson("/api/checks/network?compound=" + DEFECTS).path("numberMatched").asInt();
        browser.waitUntil("the findings listed", "return document.querySelectorAll('#checks-list li').length === arguments[0]", expected);
        assertThat(browser.find("#checks-list").getText()).contains("倒坡", "雨污混接：污水接入雨水", "下游管径缩小超过两级", "孤立管段",
                "WS9→YS2");
        browser.waitUntilLoaded();
        double zoomBefore = ((Number) browser.js("return window.compoundGisMap.getZoom()")).doubleValue();
        browser.find("#checks-list li[data-code='SEWAGE_INTO_RAIN'] button").click();
        browser.waitUntil("the finding highlighted", "return document.querySelectorAll('.leaflet-highlight-pane path').length > 0");
        // Leaflet answers the new zoom once its zoom animation has ended, which may be after the highlight is drawn
        browser.waitUntil("zoomed in to the finding", "return window.compoundGisMap.getZoom() > arguments[0]", zoomBefore);
        Boolean inView = (Boolean) browser.js("""
                const m = window.compoundGisMap; let inside = false;
                m.eachLayer(l => { if (l.options && l.options.pane === 'highlightPane' && l.getLatLng) inside = inside || m.getBounds().contains(l.getLatLng()); });
                return inside;""");
        assertThat(inView).as("the manhole YS2 of the finding is in view").isTrue();
        browser.screenshot("network-findings.png");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aCleanDemoCompoundHasNoFinding() {
        openCompound(DEMO);
        browser.find("#checks-run").click();
        browser.waitUntil("the check answered", "return document.querySelector('#checks-status').textContent.includes('未发现问题')");
        assertThat(browser.count("#checks-list li")).isZero();
    }

    @Test
    void aTracedPathIsHighlightedAndItsProfileDrawn() throws Exception {
        browser.consoleErrors();
        openCompound(DEMO);
        String head = rainHead(DEMO);
        JsonNode trace = server.getJson("/api/network/trace?compound=" + DEMO + "&point=" + head + "&direction=down");
        assertThat(trace.path("path").size()).isGreaterThan(1);

        browser.find("#trace-point").sendKeys(head);
        browser.find("#trace-run").click();
        browser.waitUntil("the profile drawn", "return document.querySelector('#profile-panel svg.profile-chart') !== null"
                + " && !document.querySelector('#profile-panel').hidden");
        browser.waitUntilLoaded();
        assertThat(browser.count("#profile-panel polygon.profile-pipe")).isEqualTo(trace.path("path").size());
        assertThat(browser.count("#profile-panel line.profile-invert")).isEqualTo(trace.path("path").size() + 1); // + legend
        String ground = (String) browser.js("return document.querySelector('#profile-panel polyline.profile-ground').getAttribute('points')");
        assertThat(ground.trim().split("\\s+")).hasSize(trace.path("stations").size());
        assertThat(browser.count("#profile-panel text.profile-station-label")).isEqualTo(trace.path("stations").size());
        String lastStation = trace.path("stations").get(trace.path("stations").size() - 1).path("point_no").asText();
        assertThat(browser.find("#profile-panel .profile-summary").getText()).contains(head, lastStation);
        assertThat(browser.find("#trace-status").getText()).contains(head, String.valueOf(trace.path("pipe_count").asInt()));
        long highlighted = ((Number) browser.js("let n = 0; window.compoundGisMap.eachLayer(l => { if (l.options && l.options.pane === 'highlightPane' && l.getLatLngs) n++; }); return n;")).longValue();
        assertThat(highlighted).as("traced pipes drawn in the highlight pane").isEqualTo(trace.path("pipe_count").asLong());
        assertThat(browser.find("#profile-panel").getRect().getHeight()).isPositive();
        browser.screenshot("network-trace-profile.png");

        browser.find("#lang-toggle").click();
        assertThat(browser.find("#profile-panel h2").getText()).isEqualTo("Longitudinal profile");
        assertThat(browser.find("#trace-tool h2").getText()).isEqualTo("Network trace");
        assertThat(browser.find("#network-checks h2").getText()).isEqualTo("Drainage network checks");
        browser.find("#lang-toggle").click();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aPointPickedOnTheMapIsTracedUpstream() {
        openCompound(DEMO);
        String head = rainHead(DEMO);
        browser.find("#trace-point").sendKeys(head);
        browser.find("#trace-run").click();
        browser.waitUntil("the profile drawn", "return document.querySelector('#profile-panel svg.profile-chart') !== null");
        browser.waitUntilLoaded();
        JsonNode down = server.getJson("/api/network/trace?compound=" + DEMO + "&point=" + head + "&direction=down");
        String outfall = down.path("stations").get(down.path("stations").size() - 1).path("point_no").asText();
        browser.find("#trace-direction option[value='up']").click();
        browser.find("#trace-pick").click();
        assertThat(browser.find("#trace-status").getText()).contains("请在地图上点击");
        String marker = ".pipe-point.network-YS.compound-" + DEMO + "[title='" + outfall + "']";
        browser.waitUntil("the outfall's marker", "return document.querySelector(arguments[0]) !== null", marker);
        browser.js("document.querySelector(arguments[0]).click()", marker);
        JsonNode up = server.getJson("/api/network/trace?compound=" + DEMO + "&point=" + outfall + "&direction=up");
        browser.waitUntil("the upstream trace", "return document.querySelector('#trace-status').textContent.includes(arguments[0])"
                + " && document.querySelector('#trace-status').textContent.includes('上游')", outfall);
        assertThat(browser.find("#trace-point").getAttribute("value")).isEqualTo(outfall);
        assertThat(browser.find("#trace-status").getText()).contains(String.valueOf(up.path("pipe_count").asInt()));
        assertThat(browser.js("return document.querySelector('#feature-panel').dataset.collection"))
                .as("the pick does not open the point's panel").isNotEqualTo("pipe-points");
        assertThat(browser.count("#profile-panel polygon.profile-pipe")).isEqualTo(up.path("path").size());
    }

    private void openCompound(String code) {
        browser.open(server.baseUrl() + "/#compound=" + code);
        browser.waitUntil("the compound's pipes", "return document.querySelectorAll('path.pipe.compound-' + arguments[0]).length > 0", code);
        browser.waitUntilLoaded();
    }

    /** A rain point where a pipe starts and none ends: the head of a run. */
    private String rainHead(String code) {
        JsonNode pipes = server.getJson("/collections/pipes/items?limit=10000&network=YS&compound=" + code).path("features");
        Set<String> ends = new HashSet<>();
        pipes.forEach(p -> ends.add(p.at("/properties/end_no").asText()));
        List<String> heads = new java.util.ArrayList<>();
        pipes.forEach(p -> {
            String start = p.at("/properties/start_no").asText();
            if (!ends.contains(start)) {
                heads.add(start);
            }
        });
        return heads.stream().sorted().findFirst().orElseThrow();
    }
}
