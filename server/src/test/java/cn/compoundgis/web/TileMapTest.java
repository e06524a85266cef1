package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.Resources;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.interactions.Actions;

/**
 * The city overview of the web map, in headless Chromium on the demo data: below the GeoJSON zooms the pipes
 * (per network, in their CJJ 61 colours) come from the server's vector tiles ({z}/{y}/{x}, OGC order) drawn
 * on canvases by protomaps-leaflet, a network switched off in the layer panel leaves the tiles too, and at
 * detail zoom the GeoJSON pipes are back, clickable, with the tiles gone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TileMapTest {
    private static final String RAIN = "YS";
    private static final int CITY_ZOOM = 14;
    private static final int DETAIL_ZOOM = 17;
    /** Below web/js/settings.js ZOOM.COMPOUNDS (14): compound outlines from the tiles. */
    private static final int DISTRICT_ZOOM = 13;

    /** The protomaps-leaflet layer the map adds (web/js/layers.js puts it in its own pane). */
    private static final String TILE_LAYER = """
            let found = null;
            window.compoundGisMap.eachLayer((l) => { if (l.options.pane === 'cityTilesPane') found = l; });
            """;

    /** Pixels of exactly rgb(arguments[0..2]) on the drawn tile canvases. */
    private static final String PIXELS_OF_COLOUR = """
            let n = 0;
            for (const canvas of document.querySelectorAll('.leaflet-cityTiles-pane canvas.leaflet-tile')) {
              if (!canvas.width) continue;
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              for (let i = 0; i < data.length; i += 4) {
                if (data[i] === arguments[0] && data[i + 1] === arguments[1] && data[i + 2] === arguments[2] && data[i + 3] > 200) n++;
              }
            }
            return n;""";

    private TestServer server;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("tile_map_test", null, true);
        browser = Browser.start();
        browser.signInAsAdministrator(server.baseUrl());
    }

    @AfterAll
    void stop() throws Exception {
        Resources.closeAll(browser, server);
    }

    @Test
    void atCityZoomThePipesComeFromTheTilesAndFollowTheLayerSwitches() throws Exception {
        double[] at = aRainPipe();
        showAt(at, CITY_ZOOM);
        waitForTiles();
        assertThat(browser.count("path.pipe")).as("no GeoJSON pipes at city zoom").isZero();
        assertThat(tileRequests()).as("the multi-layer tile under the view, row before column")
                .anySatisfy(url -> assertThat(url).endsWith("/tiles/WebMercatorQuad/" + CITY_ZOOM + "/"
                        + row(at[1], CITY_ZOOM) + "/" + column(at[0], CITY_ZOOM)));
        assertThat(browser.find("#layer-panel").getText()).contains("瓦片概览");

        int[] rgb = rgbOf(RAIN);
        onlyTheNetworksOf(rgb, RAIN); // rain, sewage and combined share the drainage colour: keep rain alone
        assertThat(pixels(rgb)).as("rain pipes drawn from the tiles").isPositive();
        browser.screenshot("tiles-city-zoom.png");

        browser.click("input[data-overlay='network-" + RAIN + "']");
        browser.waitUntil("the rain pipes leave the tiles", "return (() => {" + PIXELS_OF_COLOUR + "})() === 0",
                rgb[0], rgb[1], rgb[2]);
        browser.click("input[data-overlay='network-" + RAIN + "']");
        browser.waitUntil("the rain pipes are back", "return (() => {" + PIXELS_OF_COLOUR + "})() > 0",
                rgb[0], rgb[1], rgb[2]);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void belowTheCompoundZoomTheOutlinesComeFromTheTiles() throws Exception {
        showAt(aRainPipe(), DISTRICT_ZOOM);
        waitForTiles();
        assertThat(browser.count("path.compound")).as("no GeoJSON compound outlines at district zoom").isZero();
        assertThat(browser.find("[data-state-of='compounds']").getText()).contains("瓦片概览");
        JsonNode tileLayers = server.getJson("/tiles/WebMercatorQuad").get("vector_layers");
        for (JsonNode layer : tileLayers) {
            if (layer.get("id").asText().equals("fire-lanes") && layer.get("minzoom").asInt() > DISTRICT_ZOOM) {
                assertThat(browser.find("[data-state-of='fire-lanes']").getText()).as("lanes are not in tiles this far out")
                        .doesNotContain("瓦片概览");
            }
        }
        String outline = server.getJson("/data/symbols.json").get("compounds").get("color").asText();
        int[] rgb = {Integer.parseInt(outline.substring(1, 3), 16), Integer.parseInt(outline.substring(3, 5), 16),
                Integer.parseInt(outline.substring(5, 7), 16)};
        assertThat(pixels(rgb)).as("compound outlines drawn from the tiles").isPositive();
        browser.click("input[data-overlay='compounds']");
        browser.waitUntil("the outlines leave the tiles", "return (() => {" + PIXELS_OF_COLOUR + "})() === 0", rgb[0], rgb[1], rgb[2]);
        browser.click("input[data-overlay='compounds']");
        browser.waitUntil("the outlines are back", "return (() => {" + PIXELS_OF_COLOUR + "})() > 0", rgb[0], rgb[1], rgb[2]);
        browser.screenshot("tiles-district-zoom.png");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void atDetailZoomTheGeoJsonPipesAreDrawnAndClickableAndTheTilesAreGone() throws Exception {
        double[] at = aRainPipe();
        showAt(at, DETAIL_ZOOM);
        browser.waitUntil("the GeoJSON rain pipes", "return document.querySelectorAll('path.pipe.network-" + RAIN + "').length > 0");
        browser.waitUntilLoaded();
        assertThat(browser.count(".leaflet-cityTiles-pane canvas.leaflet-tile")).as("no tiles at detail zoom").isZero();
        Map<?, ?> target = (Map<?, ?>) browser.js(Browser.CLICKABLE_POINT_ON_A_PATH, "path.pipe.network-" + RAIN);
        assertThat(target).as("a rain pipe not covered by anything").isNotNull();
        new Actions(browser.driver).moveToLocation(((Number) target.get("x")).intValue(), ((Number) target.get("y")).intValue())
                .click().perform();
        browser.waitUntil("the pipe's panel", "return document.querySelector('#feature-panel').dataset.collection === 'pipes'");
        assertThat(browser.find("path.pipe.selected")).isNotNull();
        browser.screenshot("tiles-detail-zoom.png");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void whenTheTilesFailTheDetailZoomStillWorksFromGeoJson() throws Exception {
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/tiles/WebMercatorQuad/*")));
        try {
            double[] at = aRainPipe();
            showAt(at, CITY_ZOOM);
            browser.js("window.compoundGisMap.setView([arguments[0], arguments[1]], arguments[2], { animate: false })", at[1], at[0], DETAIL_ZOOM);
            browser.waitUntil("the GeoJSON rain pipes", "return document.querySelectorAll('path.pipe.network-" + RAIN + "').length > 0");
            browser.waitUntilLoaded();
            Map<?, ?> target = (Map<?, ?>) browser.js(Browser.CLICKABLE_POINT_ON_A_PATH, "path.pipe.network-" + RAIN);
            assertThat(target).as("a rain pipe not covered by anything").isNotNull();
            new Actions(browser.driver).moveToLocation(((Number) target.get("x")).intValue(), ((Number) target.get("y")).intValue())
                    .click().perform();
            browser.waitUntil("the pipe's panel", "return document.querySelector('#feature-panel').dataset.collection === 'pipes'");
            assertThat(browser.find("#connection-banner").isDisplayed()).as("a failed tile is no outage").isFalse();
            assertThat(browser.consoleErrors()).as("only the blocked tiles fail")
                    .allSatisfy(e -> assertThat(e).containsAnyOf("/tiles/WebMercatorQuad/", "Failed to fetch"));
        } finally {
            browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    /** The middle vertex of a demo rain pipe, as {longitude, latitude}. */
    private double[] aRainPipe() {
        for (JsonNode pipe : server.getJson("/collections/pipes/items?limit=1000").get("features")) {
            if (pipe.get("properties").get("network").asText().equals(RAIN)) {
                JsonNode coordinates = pipe.get("geometry").get("coordinates");
                JsonNode middle = coordinates.get(coordinates.size() / 2);
                return new double[] {middle.get(0).asDouble(), middle.get(1).asDouble()};
            }
        }
        throw new AssertionError("no rain pipe in the demo data");
    }

    /** Issue 14 point 7: the base map switch; the local base map draws the compounds' buildings from the tiles. */
    @Test
    void theLocalBaseMapDrawsTheCompoundsBuildingsFromTheTilesWithoutInternetTiles() throws Exception {
        showAt(aRainPipe(), DETAIL_ZOOM);
        org.openqa.selenium.support.ui.Select base = new org.openqa.selenium.support.ui.Select(browser.find("#basemap-select"));
        assertThat(base.getOptions()).extracting(org.openqa.selenium.WebElement::getText)
                .containsExactly("无底图", "本地底图（建筑与通道）"); // no BASEMAP_URL here: no online choice
        base.selectByValue("local");
        browser.waitUntil("the local base map's tiles", "return document.querySelectorAll('.leaflet-localBase-pane canvas.leaflet-tile').length > 0");
        browser.waitUntil("buildings drawn in the site-plan colour", """
                let n = 0;
                for (const canvas of document.querySelectorAll('.leaflet-localBase-pane canvas.leaflet-tile')) {
                  if (!canvas.width) continue;
                  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  for (let i = 0; i < data.length; i += 4) if (data[i] === 217 && data[i + 1] === 211 && data[i + 2] === 199) n++;
                }
                return n > 100;""");
        assertThat(browser.find("#map").getAttribute("data-basemap")).isEqualTo("local");
        browser.screenshot("basemap-local.png");
        browser.find("#lang-toggle").click();
        assertThat(new org.openqa.selenium.support.ui.Select(browser.find("#basemap-select")).getFirstSelectedOption().getText())
                .isEqualTo("Local (buildings and lanes)");
        browser.find("#lang-toggle").click();
        new org.openqa.selenium.support.ui.Select(browser.find("#basemap-select")).selectByValue("none");
        browser.waitUntil("no local tiles", "return document.querySelectorAll('.leaflet-localBase-pane canvas.leaflet-tile').length === 0");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private void showAt(double[] at, int zoom) {
        browser.consoleErrors(); // drop what an earlier test left
        browser.open(server.baseUrl() + "/");
        browser.waitUntilLoaded();
        browser.js("window.compoundGisMap.setView([arguments[0], arguments[1]], arguments[2], { animate: false })", at[1], at[0], zoom);
        browser.waitUntilLoaded();
    }

    private void waitForTiles() {
        browser.waitUntil("the tile layer added and its tiles drawn", TILE_LAYER
                + "return found !== null && !found.isLoading() && document.querySelectorAll('.leaflet-cityTiles-pane canvas.leaflet-tile').length > 0;");
    }

    private List<String> tileRequests() {
        return ((List<?>) browser.js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(u => u.includes('/tiles/WebMercatorQuad/'))")).stream().map(String::valueOf).toList();
    }

    private int[] rgbOf(String network) {
        for (JsonNode n : server.getJson("/data/networks.json").get("networks")) {
            if (n.get("code").asText().equals(network)) {
                JsonNode rgb = n.get("rgb");
                return new int[] {rgb.get(0).asInt(), rgb.get(1).asInt(), rgb.get(2).asInt()};
            }
        }
        throw new AssertionError("no network " + network);
    }

    /** Switches off every network drawn in the colour rgb except keep. */
    private void onlyTheNetworksOf(int[] rgb, String keep) {
        for (JsonNode n : server.getJson("/data/networks.json").get("networks")) {
            String code = n.get("code").asText();
            JsonNode c = n.get("rgb");
            boolean sameColour = c.get(0).asInt() == rgb[0] && c.get(1).asInt() == rgb[1] && c.get(2).asInt() == rgb[2];
            if (sameColour && !code.equals(keep)) browser.click("input[data-overlay='network-" + code + "']");
        }
    }

    private long pixels(int[] rgb) {
        return ((Number) browser.js(PIXELS_OF_COLOUR, rgb[0], rgb[1], rgb[2])).longValue();
    }

    /** Web Mercator tile column and row of a point (OGC WebMercatorQuad = the XYZ scheme). */
    private static long column(double longitude, int zoom) {
        return (long) Math.floor((longitude + 180) / 360 * (1L << zoom));
    }

    private static long row(double latitude, int zoom) {
        double phi = Math.toRadians(latitude);
        return (long) Math.floor((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * (1L << zoom));
    }

}
