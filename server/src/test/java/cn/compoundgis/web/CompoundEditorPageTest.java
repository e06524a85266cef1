package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.testing.Resources;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The compound editor of the map in a real headless Chromium, on one page load: a compound is created by drawing
 * its boundary with the mouse (Leaflet-Geoman) and filling the register form (a self-crossing boundary is first
 * refused by the server, its reason shown beside the boundary, nothing written); it is then in the register, on the
 * map, in the finder and in the attribute panel with the register's labels; an attribute is changed (a negative
 * household count refused beside its field first) into a second version with the first still seen by datetime=;
 * a vertex of the boundary is dragged into a third; and a change made meanwhile by someone else is not overwritten
 * (the editor says so and reloads).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompoundEditorPageTest {
    /** How far the editor's bottom stands above the map's (a sheet stands on it). */
    private static final String EDITOR_BOX = "const e = document.querySelector('#compound-editor').getBoundingClientRect();"
            + " const b = document.querySelector('#compound-editor .panel-body').getBoundingClientRect();"
            + " const m = document.querySelector('#map').getBoundingClientRect();"
            + " return {bottomGap: window.innerHeight - e.bottom, form: b.height, mapAbove: e.top - m.top, window: window.innerHeight}";

    private static final String GK = "?crs=EPSG:4548";
    /** The new compound's square, in EPSG:4548 (east of T001 of the fixture, west of T002). */
    private static final double WEST = 619200;
    private static final double SOUTH = 3552000;
    private static final double SIDE = 60;
    /** Screen pixels are about 0.5 m at zoom 18 here: a click lands within a metre of its aim. */
    private static final double CLICK_TOLERANCE_M = 1.5;
    private static final String SCREEN_POINT = """
            const map = window.compoundGisMap;
            const p = map.latLngToContainerPoint(L.latLng(arguments[0], arguments[1]));
            const box = map.getContainer().getBoundingClientRect();
            return {x: Math.round(box.left + p.x), y: Math.round(box.top + p.y)};""";

    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("compound_editor_page_test", "/features/fixture.sql", false);
        browser = Browser.start();
        browser.signInAsAdministrator(server.baseUrl()); // the page's writes need a user (issue 12)
    }

    @AfterAll
    void stop() throws Exception {
        Resources.closeAll(browser, server);
    }

    @Test
    void aCompoundIsDrawnFilledInChangedAndReshapedOnTheMapEachSaveANewVersion() throws Exception {
        browser.consoleErrors();
        openAt(WEST + SIDE, SOUTH + SIDE / 2, 18);
        assertThat(browser.count("path.compound.compound-N001")).isZero();

        // a self-crossing boundary (a bow tie) is the server's to refuse: its reason beside the boundary
        browser.find("#editor-new").click();
        browser.waitUntil("the editor opens", "return !document.querySelector('#compound-editor').hidden");
        clickAt(WEST, SOUTH);
        clickAt(WEST + SIDE, SOUTH + SIDE);
        clickAt(WEST + SIDE, SOUTH);
        clickAt(WEST, SOUTH + SIDE);
        clickAt(WEST, SOUTH);
        browser.waitUntil("the boundary is drawn", "return document.querySelectorAll('path.editor-boundary').length === 1");
        assertThat(browser.js("return [...document.querySelectorAll('#editor-districts option')].map(o => o.value)"))
                .as("the districts the register holds, offered").isEqualTo(List.of("襄河镇"));
        type("#editor-code", "N001");
        type("#editor-name", "新建小区");
        type("#editor-district", "全椒县");
        type("#editor-street", "襄河镇");
        type("#editor-households", "300");
        type("#editor-built_year", "1998");
        new Select(browser.find("#editor-renovation_status")).selectByValue("planned");
        new Select(browser.find("#editor-renovation_category")).selectByValue("improvement");
        new Select(browser.find("#editor-property_management")).selectByValue("true");
        type("input[name='items.rain_pipe_m.planned_quantity']", "500");
        browser.find("#editor-save").click();
        String boundaryError = errorShownFor("boundary");
        assertThat(boundaryError).contains("边界不是有效的面：自相交（位置 ").doesNotContain("Self-intersection");
        assertThat(server.get("/api/compounds/N001").statusCode()).as("nothing written").isEqualTo(404);
        browser.screenshot("compound-editor-refused.png");

        // drawn again as a square, the same form is saved: a new compound, on the map, in the finder, in the panel
        browser.find("#editor-redraw").click();
        clickAt(WEST, SOUTH);
        clickAt(WEST + SIDE, SOUTH);
        clickAt(WEST + SIDE, SOUTH + SIDE);
        clickAt(WEST, SOUTH + SIDE);
        clickAt(WEST, SOUTH);
        browser.waitUntil("the square is drawn", "return document.querySelectorAll('path.editor-boundary').length === 1");
        browser.find("#editor-save").click();
        waitForPanelOf("N001");
        JsonNode created = server.getJson("/api/compounds/N001" + GK);
        assertThat(created.get("name").asText()).isEqualTo("新建小区");
        assertThat(created.get("district").asText()).isEqualTo("全椒县");
        assertThat(created.get("street").asText()).isEqualTo("襄河镇");
        assertThat(created.get("households").asInt()).isEqualTo(300);
        assertThat(created.get("built_year").asInt()).isEqualTo(1998);
        assertThat(created.get("renovation_status").asText()).isEqualTo("planned");
        assertThat(created.get("renovation_category").asText()).isEqualTo("improvement");
        assertThat(created.get("property_management").asBoolean()).isTrue();
        assertThat(created.get("owners_committee").isNull()).isTrue();
        assertThat(created.get("items").get("rain_pipe_m").get("planned_quantity").asDouble()).isEqualTo(500.0);
        assertThat(created.get("history_total").asInt()).isEqualTo(1);
        assertCorners(created.get("boundary"), List.of(
                new double[]{WEST, SOUTH}, new double[]{WEST + SIDE, SOUTH}, new double[]{WEST + SIDE, SOUTH + SIDE},
                new double[]{WEST, SOUTH + SIDE}));
        browser.waitUntil("the compound layer shows it beside the fixture's",
                "return document.querySelectorAll('path.compound.compound-N001').length === 1"
                        + " && document.querySelectorAll('path.compound.compound-T001').length === 1");
        browser.waitUntil("the finder lists it", "return document.querySelector('#finder-list li[data-code=\"N001\"]') !== null");
        String panel = browser.find("#feature-panel .panel-fields").getText();
        assertThat(panel).contains("所在街道").contains("襄河镇").contains("300 户").contains("改造类别").contains("完善类")
                .contains("物业管理").contains("计划改造").contains("1998 年");
        browser.waitUntil("the panel lists the renovation items", "return document.querySelector('#feature-panel .renovation-items') !== null");
        assertThat(browser.find("#feature-panel .renovation-items").getText()).contains("改造内容").contains("雨水管道 (米)")
                .contains("500 / —");
        browser.screenshot("compound-editor-created.png");

        // an attribute changed: a bad value first (refused beside its field, nothing written), then a good one
        browser.click("#feature-panel .edit-compound");
        browser.waitUntil("the editor shows the stored households",
                "return !document.querySelector('#compound-editor').hidden && document.querySelector('#editor-households').value === '300'");
        assertThat(browser.find("input[name='items.rain_pipe_m.planned_quantity']").getAttribute("value")).isEqualTo("500");
        type("#editor-households", "-5");
        browser.find("#editor-save").click();
        assertThat(errorShownFor("households")).isEqualTo("户数应在 0 到 10000000 之间，填的是 -5");
        assertThat(browser.find("#editor-households").getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("compound-editor-field-error.png");
        assertThat(server.getJson("/api/compounds/N001").get("history_total").asInt()).isEqualTo(1);
        type("#editor-households", "320");
        type("input[name='items.rain_pipe_m.done_quantity']", "120");
        browser.find("#editor-save").click();
        browser.waitUntil("the panel shows the new version",
                "return document.querySelector('#compound-editor').hidden"
                        + " && document.querySelector('#feature-panel .panel-fields').textContent.includes('320 户')");
        JsonNode changed = server.getJson("/api/compounds/N001");
        assertThat(changed.get("households").asInt()).isEqualTo(320);
        assertThat(changed.get("items").get("rain_pipe_m").get("planned_quantity").asDouble()).isEqualTo(500.0);
        assertThat(changed.get("items").get("rain_pipe_m").get("done_quantity").asDouble()).isEqualTo(120.0);
        assertThat(changed.get("history_total").asInt()).isEqualTo(2);
        assertThat(changed.get("history").get(0).get("changed_fields")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("households", "items");
        String firstFrom = changed.get("history").get(1).get("valid_from").asText();
        JsonNode then = server.getJson("/collections/compounds/items?compound=N001&datetime="
                + URLEncoder.encode(firstFrom, StandardCharsets.UTF_8)).get("features").get(0).get("properties");
        assertThat(then.get("households").asInt()).as("the first version, as it was").isEqualTo(300);

        // the boundary reshaped: its north-east vertex dragged 15 m east and 15 m north
        browser.click("#feature-panel .edit-compound");
        browser.waitUntil("the editor opens", "return !document.querySelector('#compound-editor').hidden"
                + " && document.querySelector('#editor-households') !== null");
        browser.find("#editor-edit-vertices").click();
        browser.waitUntil("the vertices can be dragged", "return document.querySelectorAll('.marker-icon:not(.marker-icon-middle)').length >= 4");
        drag(WEST + SIDE, SOUTH + SIDE, WEST + SIDE + 15, SOUTH + SIDE + 15);
        browser.find("#editor-save").click();
        browser.waitUntil("the editor closes after the save", "return document.querySelector('#compound-editor').hidden");
        waitForPanelOf("N001");
        JsonNode reshaped = server.getJson("/api/compounds/N001" + GK);
        assertThat(reshaped.get("history_total").asInt()).isEqualTo(3);
        assertThat(reshaped.get("history").get(0).get("changed_fields")).extracting(JsonNode::asText).containsExactly("boundary");
        assertCorners(reshaped.get("boundary"), List.of(
                new double[]{WEST, SOUTH}, new double[]{WEST + SIDE, SOUTH}, new double[]{WEST + SIDE + 15, SOUTH + SIDE + 15},
                new double[]{WEST, SOUTH + SIDE}));
        assertThat(reshaped.get("households").asInt()).isEqualTo(320);
        browser.screenshot("compound-editor-reshaped.png");

        // someone else changes it while the editor is open: the save is refused, nothing overwritten, reload offered
        browser.click("#feature-panel .edit-compound");
        browser.waitUntil("the editor shows 320", "return !document.querySelector('#compound-editor').hidden"
                + " && document.querySelector('#editor-households').value === '320'");
        HttpResponse<String> other = patch("N001", "{\"households\": 400}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        type("#editor-households", "350");
        browser.find("#editor-save").click();
        browser.waitUntil("the conflict is shown", "return !document.querySelector('.editor-conflict').hidden");
        assertThat(browser.find(".editor-conflict").getText()).contains("已被他人修改");
        assertThat(server.getJson("/api/compounds/N001").get("households").asInt()).isEqualTo(400);
        assertThat(server.getJson("/api/compounds/N001").get("history_total").asInt()).isEqualTo(4);
        browser.find("#editor-reload").click();
        browser.waitUntil("the latest version is loaded", "return document.querySelector('#editor-households').value === '400'"
                + " && document.querySelector('.editor-conflict').hidden");

        // the form follows the language
        browser.find("#lang-toggle").click();
        browser.waitUntil("the form in English", "return document.querySelector('#compound-editor').textContent.includes('Households')");
        assertThat(browser.find("#compound-editor").getText()).contains("Renovation items (planned / done)").contains("rain pipe");
        browser.screenshotsAtBothSizes("compound-editor-en", "#compound-editor");
        browser.find("#lang-toggle").click();

        // issue 14 point 6: on a phone the editor is a sheet at the bottom that folds to its title
        browser.atPhoneSize();
        try {
            Map<?, ?> sheet = (Map<?, ?>) browser.js(EDITOR_BOX);
            assertThat(((Number) sheet.get("bottomGap")).doubleValue()).as("at the bottom of the screen").isLessThan(1);
            double window = ((Number) sheet.get("window")).doubleValue();
            assertThat(((Number) sheet.get("form")).doubleValue()).as("room for the form's fields").isGreaterThan(0.3 * window);
            assertThat(((Number) sheet.get("mapAbove")).doubleValue()).as("the map above the sheet").isGreaterThan(0.3 * window);
            assertThat(browser.find("#compound-editor .panel-collapse").isDisplayed()).isTrue();
            assertThat(browser.find("#compound-editor .panel-collapse").getText()).isEqualTo("▾");
            browser.assertUncovered("#compound-editor .panel-collapse", "#basemap-select", "#coordinates");
            browser.find("#compound-editor .panel-collapse").click();
            assertThat(browser.find("#compound-editor .panel-body").isDisplayed()).as("folded").isFalse();
            assertThat(browser.find("#compound-editor .editor-title").isDisplayed()).isTrue();
            assertThat(browser.find("#compound-editor .panel-collapse").getAttribute("title")).isEqualTo("展开");
            // nothing covers the folded sheet's title or its button, and the sheet covers none of the map's controls
            browser.assertUncovered("#compound-editor .editor-title", "#compound-editor .panel-collapse",
                    "#compound-editor .editor-close", "#basemap-select", "#coordinates", ".leaflet-control-scale");
            browser.screenshot("compound-editor-phone-folded.png");
            browser.find("#compound-editor .panel-collapse").click();
            assertThat(browser.find("#compound-editor .panel-body").isDisplayed()).isTrue();
            browser.screenshotsAtBothSizes("compound-editor-zh", "#compound-editor");
        } finally {
            browser.atDesktopSize();
        }
        browser.find("#editor-cancel").click();

        // the only console errors are the browser's own lines for the three refusals the test asked for
        List<String> errors = new ArrayList<>(browser.consoleErrors());
        errors.removeIf(e -> e.contains("status of 400") || e.contains("status of 412"));
        assertThat(errors).isEmpty();
    }

    private void openAt(double easting, double northing, int zoom) {
        browser.open(server.baseUrl() + "/");
        double[] ll = lonLat(easting, northing);
        browser.js("window.compoundGisMap.setView([arguments[0], arguments[1]], arguments[2], {animate: false})", ll[1], ll[0], zoom);
        browser.waitUntilLoaded();
        browser.waitUntil("the compounds are drawn", "return document.querySelectorAll('path.compound').length > 0");
    }

    private void type(String css, String text) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Waits for the error line of a field and answers its text. */
    private String errorShownFor(String field) {
        browser.waitUntil("the error beside " + field,
                "const line = document.querySelector(`#compound-editor [data-error-for=\"${arguments[0]}\"]`);"
                        + " return line !== null && !line.hidden && line.textContent.length > 0", field);
        return browser.find("#compound-editor [data-error-for=\"" + field + "\"]").getText();
    }

    private void waitForPanelOf(String code) {
        browser.waitUntil("the panel shows " + code, "return !document.querySelector('#feature-panel').hidden"
                + " && document.querySelector('#feature-panel .panel-title').textContent.includes(arguments[0])", code);
        browser.waitUntilLoaded();
    }

    private Map<?, ?> screen(double easting, double northing) {
        double[] ll = lonLat(easting, northing);
        return (Map<?, ?>) browser.js(SCREEN_POINT, ll[1], ll[0]);
    }

    private void clickAt(double easting, double northing) {
        Map<?, ?> p = screen(easting, northing);
        new Actions(browser.driver).moveToLocation(x(p), y(p)).click().perform();
    }

    private void drag(double fromEasting, double fromNorthing, double toEasting, double toNorthing) {
        Map<?, ?> from = screen(fromEasting, fromNorthing);
        Map<?, ?> to = screen(toEasting, toNorthing);
        int dx = x(to) - x(from);
        int dy = y(to) - y(from);
        new Actions(browser.driver).moveToLocation(x(from), y(from)).clickAndHold()
                .moveByOffset(dx / 2, dy / 2).moveByOffset(dx - dx / 2, dy - dy / 2).release().perform();
    }

    private static int x(Map<?, ?> p) {
        return ((Number) p.get("x")).intValue();
    }

    private static int y(Map<?, ?> p) {
        return ((Number) p.get("y")).intValue();
    }

    /**
     * The boundary (a MultiPolygon of one ring in EPSG:4548, written northing first as that CRS's axes go) has these
     * corners (easting, northing), each within a click's tolerance.
     */
    private static void assertCorners(JsonNode boundary, List<double[]> corners) {
        assertThat(boundary.get("type").asText()).isEqualTo("MultiPolygon");
        JsonNode ring = boundary.get("coordinates").get(0).get(0);
        assertThat(ring).as("a closed ring of the corners").hasSize(corners.size() + 1);
        for (double[] corner : corners) {
            boolean found = false;
            for (JsonNode p : ring) {
                found |= Math.abs(p.get(1).asDouble() - corner[0]) <= CLICK_TOLERANCE_M
                        && Math.abs(p.get(0).asDouble() - corner[1]) <= CLICK_TOLERANCE_M;
            }
            assertThat(found).as("a corner near " + corner[0] + ", " + corner[1] + " in " + ring).isTrue();
        }
        assertThat(ring.get(0).get(0).asDouble()).isCloseTo(ring.get(corners.size()).get(0).asDouble(), within(1e-9));
    }

    private HttpResponse<String> patch(String code, String json) throws Exception {
        HttpRequest request = server.request("/api/compounds/" + code)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static double[] lonLat(double easting, double northing) {
        CRSFactory crs = new CRSFactory();
        ProjCoordinate out = new ProjCoordinate();
        new CoordinateTransformFactory().createTransform(crs.createFromName("EPSG:4548"), crs.createFromName("EPSG:4326"))
                .transform(new ProjCoordinate(easting, northing), out);
        return new double[]{out.x, out.y};
    }
}
