package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.Resources;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The re-survey upload in a real headless Chromium against a real server with the demo data: a GBK zip of
 * shapefiles written by ogr2ogr (C001's rain network as the API gives it in EPSG:4548, two pipes resized, one
 * new pipe, one bad record) is picked, sent with a progress bar, its validation report and diff are shown and
 * drawn, and after the confirmed commit the map shows the new pipe. A zip without .prj, dropped on the panel,
 * is refused with the server's request for crs; the user fills it in, retries, and discards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyUploadPageTest {
    /** Leaflet fades a popup in; WebDriver reads no text from it until it is opaque. */
    private static final String VISIBLE_DIFF_POPUP = "const popup = document.querySelector('.diff-popup');"
            + " return popup !== null && popup.querySelector('.diff-details') !== null && getComputedStyle(popup).opacity === '1'";

    private static final String PANEL_BOX = "const r = document.querySelector('#survey-panel').getBoundingClientRect();"
            + " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: document.documentElement.clientWidth, height: document.documentElement.clientHeight}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Charset GBK = Charset.forName("GB18030");
    private static final String RAIN_LAYER = "雨水管线";
    private static final String NEW_POINT = "YS99";
    private static final String BAD_POINT = "YS98";
    private static final String SAMPLE_ZIP = "survey-LY121-new-compound.zip";
    private static final String NEW_COMPOUND = "LY121";

    private TestServer server;
    private Browser browser;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("survey_page_test", null, true);
        browser = Browser.start();
        browser.signInAsAdministrator(server.baseUrl()); // the page's writes need a user (issue 12)
    }

    @AfterAll
    void stop() throws Exception {
        Resources.closeAll(browser, server);
    }

    @Test
    void aGbkZipIsReportedDiffedOnTheMapAndCommittedAndTheMapShowsTheNewPipe() throws Exception {
        String compound = "C001";
        JsonNode current = rainPipes(compound);
        int currentPipes = current.get("features").size();
        ArrayNode features = resurvey(current, 2, 0, 0);
        String newPipe = NEW_POINT + "-" + current.at("/features/0/properties/start_no").asText();
        Path zip = gbkZip("C001复测", writeShapefile("c001", RAIN_LAYER, features, true));

        openCompound(compound);
        assertThat(browser.js("return document.querySelector('#upload-compound').value")).as("the open compound is the default")
                .isEqualTo(compound);
        browser.js(RECORD_UPLOAD_STATES);
        browser.find("#upload-files").sendKeys(zip.toString());
        assertThat(browser.find("#upload-file-list").getText()).contains("C001复测.zip");
        browser.find("#upload-send").click();
        waitForReview("staged");
        List<String> states = ((List<?>) browser.js("return window.uploadStatesSeen")).stream().map(String::valueOf).toList();
        assertThat(states).as("the states the upload card went through").containsSubsequence("sending", "processing", "done");
        List<?> progressTexts = (List<?>) browser.js("return window.uploadProgressSeen");
        assertThat(String.join("\n", progressTexts.stream().map(String::valueOf).toList()))
                .contains("正在发送", "服务器正在读取和检查数据");
        assertThat(progressTexts.stream().map(String::valueOf).map(SurveyUploadPageTest::percentSent).filter(p -> p >= 0).toList())
                .as("the progress bar from 0 to 100 %").startsWith(0).endsWith(100);

        long surveyId = Long.parseLong(browser.find("#survey-panel").getAttribute("data-survey-id"));
        JsonNode report = server.getJson("/api/surveys/" + surveyId + "/report");
        List<String> layerRow = rowTexts("#survey-panel table.survey-layers tr.survey-layer").get(0);
        assertThat(layerRow).containsExactly(RAIN_LAYER + ".shp", "管线", "雨水 (YS)", "GBK", "EPSG:4548",
                String.valueOf(currentPipes + 2), String.valueOf(currentPipes + 1), "1");
        assertThat(browser.find("#survey-panel table.survey-layers tr.survey-how").getText())
                .contains("识别依据：文件名包含“" + RAIN_LAYER + "”", "编码依据：.cpg 文件写明 CP936", "坐标系依据：由 .prj 文件识别为 EPSG:4548");

        List<String> error = rowTexts("#survey-panel table.survey-errors tbody tr").get(0);
        assertThat(error.subList(0, 4)).containsExactly(RAIN_LAYER + ".dbf", String.valueOf(currentPipes + 2), "起点埋深", "abc");
        assertThat(error.get(4)).as("the reason worded in the user's language from its code and parameters")
                .contains("不是数字", "起点埋深 =“abc”不是数字").doesNotContain(report.at("/errors/0/reason").asText());
        assertThat(rowTexts("#survey-panel table.survey-warnings tbody tr"))
                .anySatisfy(w -> assertThat(w.subList(0, 4)).containsExactly(RAIN_LAYER + ".shp", String.valueOf(currentPipes + 1), "start_no", NEW_POINT));
        assertThat(browser.count("#survey-panel table.survey-warnings tbody tr")).as("one row per group of identical findings")
                .isEqualTo(report.get("warnings").size());
        assertThat(browser.count("#survey-panel .survey-blocking")).as("nothing blocks this commit").isZero();

        JsonNode diff = server.getJson("/api/surveys/" + surveyId + "/diff");
        assertThat(diff.at("/summary/pipes/added").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/pipes/changed").asInt()).isEqualTo(2);
        assertThat(diff.at("/summary/pipes/removed").asInt()).isZero();
        assertThat(rowTexts("#survey-panel table.survey-diff-summary tbody tr").get(0))
                .containsExactly("管线", "1", "0", "2", "0", String.valueOf(currentPipes - 2));
        assertThat(browser.count("path.diff-added.diff-layer-pipes")).isEqualTo(1);
        assertThat(browser.count("path.diff-changed.diff-layer-pipes")).isEqualTo(2);
        assertThat(browser.count("path.diff-removed")).isZero();
        browser.screenshot("survey-report-and-diff.png");

        clickPath("path.diff-changed");
        browser.waitUntil("the changes of the clicked pipe, faded in", VISIBLE_DIFF_POPUP);
        String popup = browser.find(".diff-popup").getText();
        assertThat(popup).contains("修改", "公称直径 DN", " → ", RAIN_LAYER + ".shp");
        assertThat(popup).containsPattern("公称直径 DN\\s+(\\d+) → (\\d+)");
        browser.screenshot("survey-diff-popup.png");

        browser.find("#survey-panel .survey-commit").click();
        assertThat(browser.find("#survey-panel .survey-confirm").getText()).contains("小区 C001", "新增 1", "修改 2", "历史版本", "1 个错误记录被拒绝");
        browser.find("#survey-panel .survey-confirm-yes").click();
        waitForReview("committed");
        assertThat(browser.find("#survey-panel .survey-done").getText()).contains("已入库");
        browser.waitUntil("the map draws the new pipe", PIPE_ON_MAP, newPipe, 300);
        String resized = current.at("/features/0/properties/source_id").asText();
        int newSize = current.at("/features/0/properties/dn_mm").asInt() + 100;
        browser.waitUntil("the map draws the resized pipe at its new size", PIPE_ON_MAP, resized, newSize);
        browser.waitUntilLoaded();
        assertThat(browser.count("path.diff")).as("the diff is gone from the map").isZero();
        assertThat(server.getJson("/collections/pipes/items?compound=" + compound + "&source_id=" + newPipe).get("numberMatched").asInt()).isEqualTo(1);
        browser.screenshot("survey-committed.png");

        browser.find("#survey-panel .survey-close").click();
        assertThat(browser.find("#survey-panel").isDisplayed()).isFalse();
    }

    @Test
    void aZipWithoutPrjDroppedOnThePanelIsRefusedTheUserGivesCrsRetriesAndDiscards() throws Exception {
        String compound = "C002";
        JsonNode current = rainPipes(compound);
        Path zip = gbkZip("C002无坐标系", writeShapefile("c002", RAIN_LAYER, resurvey(current, 1, 0.3, 0.4), false));

        openCompound(compound);
        Object dragOverShown = browser.js(DROP_FILE, Base64.getEncoder().encodeToString(Files.readAllBytes(zip)), zip.getFileName().toString());
        assertThat(dragOverShown).as("the card is highlighted while a file is dragged over it").isEqualTo(true);
        assertThat(browser.find("#upload-file-list").getText()).contains("C002无坐标系.zip");
        assertThat(browser.find("#upload-compound").getAttribute("value")).isEqualTo(compound);
        browser.find("#upload-send").click();

        browser.waitUntil("the refusal", "return document.querySelector('#upload').dataset.state === 'refused'");
        String message = browser.find("#upload-message").getText();
        assertThat(message).contains("上传被拒绝（400）", RAIN_LAYER + ".shp 没有 .prj 文件，坐标系未知", "按小区所在的 3° 带（EPSG:4548）读取",
                "请在上面的“坐标系”中填写").doesNotContain("give crs", "no .prj");
        WebElement crs = browser.find("#upload-crs");
        assertThat(crs.getAttribute("class")).contains("needs-value");
        assertThat(browser.js("return document.activeElement.id")).isEqualTo("upload-crs");
        assertThat(browser.find("#upload-send").getText()).isEqualTo("重新上传");
        browser.screenshot("survey-refused-give-crs.png");

        assertThat(browser.find("#upload-message .upload-use-crs").getText()).isEqualTo("使用 EPSG:4548（按坐标数值推断）");
        browser.find("#upload-message .upload-use-crs").click();
        assertThat(crs.getAttribute("value")).as("the suggestion, from C002's zone").isEqualTo("EPSG:4548");
        browser.find("#upload-send").click();
        waitForReview("staged");
        assertThat(rowTexts("#survey-panel table.survey-layers tr.survey-layer").get(0).get(4)).isEqualTo("EPSG:4548");
        assertThat(browser.find("#survey-panel table.survey-layers tr.survey-how").getText()).contains("坐标系依据：上传时指定（EPSG:4548）");
        assertThat(rowTexts("#survey-panel table.survey-diff-summary tbody tr").get(0))
                .containsExactly("管线", "0", "0", "1", "1", String.valueOf(current.get("features").size() - 2));
        assertThat(browser.count("path.diff-changed")).isEqualTo(1);
        assertThat(browser.count("path.diff-moved")).isEqualTo(1);
        assertThat(browser.count("path.diff-old")).as("the old place of the moved pipe").isEqualTo(1);
        assertThat(browser.count("path.diff-move-line")).isEqualTo(1);
        assertThat(browser.find(".diff-move-arrow").getText()).isEqualTo("0.50 m");
        browser.screenshot("survey-moved.png");
        long surveyId = Long.parseLong(browser.find("#survey-panel").getAttribute("data-survey-id"));

        browser.find("#lang-toggle").click();
        assertThat(browser.find("#survey-panel").getText()).contains("Re-survey #" + surveyId, "Recognised as", "Rain (YS)",
                "Differences from the current data", "Discard this upload");
        assertThat(browser.find("#upload").getText()).contains("Upload a re-survey", "Text encoding");
        browser.find("#lang-toggle").click();
        browser.find("#survey-panel .survey-discard").click();
        waitForReview("discarded");
        assertThat(browser.count("path.diff")).isZero();
        assertThat(server.get("/api/surveys/" + surveyId + "/diff").statusCode()).as("nothing is left staged").isEqualTo(409);
        assertThat(browser.find("#notices").getText()).contains("复测 #" + surveyId + " 已放弃");
        // issue 14 point 4: the form starts again after a discard
        assertThat(browser.find("#upload").getAttribute("data-state")).isEqualTo("idle");
        assertThat(browser.find("#upload-file-list").getText()).isEmpty();
        assertThat(browser.find("#upload-crs").getAttribute("value")).isEmpty();
        assertThat(browser.find("#upload-crs").getAttribute("class")).doesNotContain("needs-value");
        assertThat(browser.find("#upload-compound").getAttribute("value")).as("the open compound again").isEqualTo(compound);
        assertThat(browser.find("#upload-send").getText()).isEqualTo("上传并检查");
        assertThat(browser.find("#upload-message").getText()).isEmpty();
        browser.screenshot("survey-form-after-discard.png");
    }

    @Test
    void aCommitRefusedBecauseTheCompoundChangedMeanwhileIsShownWithWhatToDo() throws Exception {
        String compound = "C003";
        JsonNode current = rainPipes(compound);
        Path zip = gbkZip("C003复测", writeShapefile("c003", RAIN_LAYER, resurvey(current, 1, 0, 0), true));

        openCompound(compound);
        browser.find("#upload-files").sendKeys(zip.toString());
        browser.find("#upload-send").click();
        waitForReview("staged");
        long surveyId = Long.parseLong(browser.find("#survey-panel").getAttribute("data-survey-id"));

        // Meanwhile someone else uploads and commits a re-survey of the same compound.
        HttpResponse<String> other = postZip(Files.readAllBytes(zip), compound);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        long otherId = JSON.readTree(other.body()).get("survey_id").asLong();
        assertThat(post("/api/surveys/" + otherId + "/commit").statusCode()).isEqualTo(200);

        browser.find("#survey-panel .survey-commit").click();
        browser.find("#survey-panel .survey-confirm-yes").click();
        browser.waitUntil("the refusal", "return document.querySelector('#survey-panel .survey-error') !== null");
        assertThat(browser.find("#survey-panel").getAttribute("data-status")).isEqualTo("staged");
        assertThat(browser.find("#survey-panel .survey-error").getText())
                .contains("入库失败（409）", "复测 #" + surveyId + " 上传后，小区 " + compound + " 的数据已有变化", "请放弃本次上传，重新上传")
                .doesNotContain("has changed");
        assertThat(browser.find("#survey-panel .survey-commit").isEnabled()).as("a retry would be refused again").isFalse();
        browser.screenshot("survey-commit-conflict.png");

        browser.find("#survey-panel .survey-discard").click();
        waitForReview("discarded");
        assertThat(browser.js("return document.querySelector('#upload-send').disabled")).as("no files chosen yet").isEqualTo(true);
        assertThat(browser.find("#upload-message").getText()).doesNotContain("尚未入库或放弃");
    }

    @Test
    void dataFarFromTheCompoundIsCommittedOnlyAfterTheUserAcceptsItWithAReason() throws Exception {
        String compound = "C005";
        JsonNode current = rainPipes(compound);
        Path zip = gbkZip("C005复测", writeShapefile("c005", RAIN_LAYER, resurvey(current, 0, 5000, 0), true)); // one pipe 5 km off

        openCompound(compound);
        browser.find("#upload-files").sendKeys(zip.toString());
        browser.find("#upload-send").click();
        waitForReview("staged");
        long surveyId = Long.parseLong(browser.find("#survey-panel").getAttribute("data-survey-id"));
        assertThat(browser.find("#survey-panel .survey-blocking").getText()).contains("阻止入库", "数据离小区很远");
        List<String> first = rowTexts("#survey-panel table.survey-warnings tbody tr").get(0);
        assertThat(first.get(4)).contains("数据离小区很远");
        assertThat(first.get(5)).isEqualTo("错误 · 阻止入库");
        assertThat(browser.find("#survey-panel .survey-overview").getText()).contains("按严重程度", "错误 1");
        WebElement commit = browser.find("#survey-panel .survey-commit");
        assertThat(commit.isEnabled()).as("not before the finding is accepted").isFalse();
        browser.find("#survey-panel .survey-accept").click();
        assertThat(commit.isEnabled()).as("a reason is needed too").isFalse();
        browser.find("#survey-panel .survey-accept-reason").sendKeys("该管段在小区外的市政道路上，一并测量");
        assertThat(commit.isEnabled()).isTrue();
        browser.screenshot("survey-blocking-accepted.png");
        browser.find("#lang-toggle").click();
        assertThat(browser.find("#survey-panel .survey-blocking").getText()).contains("These findings block the commit", "I have checked");
        assertThat(browser.find("#survey-panel .survey-accept-reason").getAttribute("value")).as("kept through the re-rendering")
                .isEqualTo("该管段在小区外的市政道路上，一并测量");
        browser.find("#lang-toggle").click();

        browser.find("#survey-panel .survey-commit").click();
        assertThat(browser.find("#survey-panel .survey-confirm").getText()).contains("已确认的阻止性问题", "该管段在小区外的市政道路上");
        browser.find("#survey-panel .survey-confirm-yes").click();
        waitForReview("committed");
        JsonNode report = server.getJson("/api/surveys/" + surveyId + "/report");
        assertThat(report.at("/acceptance/codes/0").asText()).isEqualTo("far_from_compound");
        assertThat(report.at("/acceptance/reason").asText()).isEqualTo("该管段在小区外的市政道路上，一并测量");
        browser.find("#survey-panel .survey-close").click();
    }

    /** Issue 14 point 4: what was not recognised is mapped on the map, and the same files are sent again with it. */
    @Test
    void aLayerNotRecognisedIsMappedOnTheMapAndTheSameFilesAreSentAgain() throws Exception {
        String compound = "C006";
        JsonNode current = rainPipes(compound);
        Path folder = writeShapefile("c006", RAIN_LAYER, resurvey(current, 0, 0, 0), true);
        JsonNode start = current.at("/features/0/geometry/coordinates/0"); // northing first, as EPSG:4548 says
        double northing = start.get(0).asDouble();
        double easting = start.get(1).asDouble();
        ArrayNode plots = JSON.createArrayNode();
        plots.add(JSON.readTree(String.format(java.util.Locale.ROOT, "{\"type\":\"Feature\",\"properties\":{\"BM\":\"B1\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f]]]}}",
                easting + 3, northing + 3, easting + 13, northing + 3, easting + 13, northing + 13, easting + 3, northing + 3)));
        writeShapefile("c006", "地块", plots, true);
        Path zip = gbkZip("C006复测", folder);

        openCompound(compound);
        browser.find("#upload-files").sendKeys(zip.toString());
        browser.find("#upload-send").click();
        waitForReview("staged");
        String firstId = browser.find("#survey-panel").getAttribute("data-survey-id");
        assertThat(browser.find("#survey-panel .survey-mapping").getText()).contains("未识别的图层和字段", "地块.shp");
        WebElement remap = browser.find("#survey-panel .survey-remap");
        assertThat(remap.isEnabled()).as("nothing chosen yet").isFalse();
        org.openqa.selenium.support.ui.Select kind = new org.openqa.selenium.support.ui.Select(
                browser.find("#survey-panel select[data-layer-name='地块']"));
        assertThat(kind.getOptions()).extracting(WebElement::getText).contains("建筑", "小区边界", "停车位").doesNotContain("管线");
        kind.selectByValue("buildings");
        browser.screenshot("survey-mapping.png");
        browser.find("#survey-panel .survey-remap").click();
        browser.waitUntil("the same files staged again with the mapping", "return document.querySelector('#survey-panel').dataset.status === 'staged'"
                + " && document.querySelector('#survey-panel').dataset.surveyId !== arguments[0]", firstId);
        String secondId = browser.find("#survey-panel").getAttribute("data-survey-id");
        JsonNode report = server.getJson("/api/surveys/" + secondId + "/report");
        JsonNode plotsLayer = null;
        for (JsonNode l : report.get("layers")) {
            if (l.path("file").asText().equals("地块.shp")) {
                plotsLayer = l;
            }
        }
        assertThat(plotsLayer).isNotNull();
        assertThat(plotsLayer.path("layer").asText()).isEqualTo("buildings");
        assertThat(plotsLayer.path("recognized_by").asText()).isEqualTo("the upload's mapping");
        assertThat(server.get("/api/surveys/" + firstId + "/diff").statusCode()).as("the first upload was discarded").isEqualTo(409);
        browser.find("#survey-panel .survey-discard").click();
        waitForReview("discarded");
    }

    @Test
    void anUploadLeftStagedInAnEarlierVisitIsOfferedAndReopens() throws Exception {
        String compound = "C004";
        JsonNode current = rainPipes(compound);
        Path zip = gbkZip("C004复测", writeShapefile("c004", RAIN_LAYER, resurvey(current, 1, 0, 0), true));
        HttpResponse<String> staged = postZip(Files.readAllBytes(zip), compound); // uploaded, then the page was closed
        assertThat(staged.statusCode()).as(staged.body()).isEqualTo(201);
        long surveyId = JSON.readTree(staged.body()).get("survey_id").asLong();

        openCompound(compound);
        browser.waitUntil("the waiting upload", "return !document.querySelector('#upload-staged').hidden");
        assertThat(browser.find("#upload-staged").getText()).contains("#" + surveyId, "未入库", "继续审核");
        browser.find("#upload-staged button").click();
        waitForReview("staged");
        assertThat(browser.find("#survey-panel").getAttribute("data-survey-id")).isEqualTo(String.valueOf(surveyId));
        assertThat(browser.js("return document.querySelector('#upload-staged').hidden")).isEqualTo(true);

        browser.find("#survey-panel .survey-discard").click();
        waitForReview("discarded");
        openCompound(compound);
        browser.waitUntilLoaded();
        assertThat(browser.js("return document.querySelector('#upload-staged').hidden")).as("nothing left to reopen").isEqualTo(true);
    }

    /**
     * data/samples' survey of a compound not yet known (LY121 清流新村, README "A new city from scratch"): sent for the
     * compound open on the map it is held back (other_compound_code, with what to do); sent with "codes from the
     * boundary layer" it creates LY121 on commit, which the finder then finds by its pinyin initials.
     */
    @Test
    void theSampleZipOfANewCompoundIsSentByItsBoundaryLayerCommittedAndFoundInTheFinder() throws Exception {
        Path zip = dir.resolve(SAMPLE_ZIP);
        try (var in = getClass().getResourceAsStream("/data/samples/" + SAMPLE_ZIP)) {
            assertThat(in).as("data/samples/" + SAMPLE_ZIP).isNotNull();
            Files.write(zip, in.readAllBytes());
        }
        browser.open(server.baseUrl() + "/");
        browser.waitUntilLoaded();
        assertThat(browser.find("#upload-by-boundary").isSelected()).as("no compound open: the boundary layer's codes decide").isTrue();
        assertThat(browser.find("#upload-compound").isEnabled()).isFalse();

        openCompound("C002");
        assertThat(browser.find("#upload-by-boundary").isSelected()).as("a compound open: it is the default").isFalse();
        assertThat(browser.find("#upload-compound").getAttribute("value")).isEqualTo("C002");
        browser.find("#upload-files").sendKeys(zip.toString());
        browser.find("#upload-send").click();
        waitForReview("staged");
        assertThat(browser.find("#survey-panel .survey-blocking").getText()).as("a survey for LY121 does not land in C002")
                .contains("阻止入库", "属于其他小区", "边界图层的小区编码是 LY121，不是本次上传指定的 C002", "按边界图层的小区编码");
        assertThat(browser.find("#survey-panel .survey-blocking").getText()).as("far_from_compound of every layer, one reason shown")
                .containsPattern("另有 \\d+ 处同类");
        assertThat(browser.find("#survey-panel .survey-commit").isEnabled()).isFalse();
        browser.screenshot("survey-new-compound-other-code.png");
        browser.find("#survey-panel .survey-discard").click();
        waitForReview("discarded");

        browser.find("#upload-by-boundary").click();
        assertThat(browser.find("#upload-compound").isEnabled()).as("the field is not sent").isFalse();
        assertThat(browser.find("#upload-compound").getAttribute("value")).isEmpty();
        browser.find("#upload-files").sendKeys(zip.toString());
        browser.find("#upload-send").click();
        waitForReview("staged");
        long surveyId = Long.parseLong(browser.find("#survey-panel").getAttribute("data-survey-id"));
        JsonNode report = server.getJson("/api/surveys/" + surveyId + "/report");
        assertThat(report.get("compound").asText()).isEqualTo(NEW_COMPOUND);
        assertThat(report.get("compound_new").asBoolean()).isTrue();
        assertThat(browser.count("#survey-panel .survey-blocking")).isZero();
        assertThat(browser.count("path.diff-added.diff-layer-compounds")).as("the new boundary drawn as added").isEqualTo(1);
        browser.screenshot("survey-new-compound-staged.png");
        browser.find("#survey-panel .survey-commit").click();
        assertThat(browser.find("#survey-panel .survey-confirm").getText()).contains("小区 " + NEW_COMPOUND);
        browser.find("#survey-panel .survey-confirm-yes").click();
        waitForReview("committed");
        browser.find("#survey-panel .survey-close").click();

        browser.find("#finder-input").clear();
        browser.find("#finder-input").sendKeys("qlxc");
        browser.waitUntil("清流新村 by its initials",
                "return [...document.querySelectorAll('#finder-list li')].map(li => li.dataset.code).join() === arguments[0]", NEW_COMPOUND);
        assertThat(browser.find("#finder-list li").getText()).contains("清流新村", NEW_COMPOUND);
        browser.find("#finder-list li[data-code='" + NEW_COMPOUND + "'] button").click();
        browser.waitUntil("the new compound's pipes on the map",
                "return document.querySelectorAll('path.pipe.compound-' + arguments[0]).length === 5", NEW_COMPOUND);
        browser.waitUntilLoaded();
        assertThat(browser.find("#upload-by-boundary").isSelected()).as("the user's tick stays").isTrue();
        assertThat(browser.find("#upload-compound").getAttribute("value")).as("not sent while ticked").isEmpty();
        assertThat(browser.find("#upload-compound").getAttribute("placeholder")).isEqualTo("由数据决定");
        browser.screenshot("survey-new-compound-found.png");
        browser.find("#upload-by-boundary").click();
        assertThat(browser.find("#upload-compound").getAttribute("value")).as("now open, it is the upload's default").isEqualTo(NEW_COMPOUND);
        assertThat(browser.find("#upload-compound").isEnabled()).isTrue();
    }

    @Test
    void theUploadFormFindsAnotherCompoundByPinyinInitialsOnTheServer() {
        openCompound("C001");
        WebElement field = browser.find("#upload-compound");
        field.clear();
        field.sendKeys("nysz");
        browser.waitUntil("南岳山庄 offered", "return [...document.querySelectorAll('#upload-compound-list li')].map(li => li.dataset.code).join() === 'C004'");
        assertThat(browser.find("#upload-compound-list li").getText()).isEqualTo("C004 南岳山庄");
        browser.find("#upload-compound-list li button").click();
        assertThat(browser.js("return document.querySelector('#upload-compound').value")).isEqualTo("C004");
        assertThat(browser.count("#upload-compound-list li")).as("the list closes after the choice").isZero();
        field.clear();
        field.sendKeys("王曹");
        browser.waitUntil("both 王曹 compounds", "return document.querySelectorAll('#upload-compound-list li').length === 2");
        field.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN, org.openqa.selenium.Keys.ARROW_DOWN, org.openqa.selenium.Keys.ENTER);
        assertThat(browser.js("return document.querySelector('#upload-compound').value")).as("the second, by the keyboard").isEqualTo("C003");
    }

    /**
     * Issue 14 point 5: what the server says (a refusal, how each layer was read, why a record was rejected) comes
     * as codes and parameters and is worded by the map: no English in the Chinese screen, no Chinese in the English
     * one but the data's own names, on a desktop and on a 390 × 844 phone.
     */
    @Test
    void theRefusalAndTheReportAreInTheUsersLanguageOnDesktopAndPhone() throws Exception {
        String compound = "C007";
        JsonNode current = rainPipes(compound);
        Path zip = gbkZip("C007无坐标系", writeShapefile("c007", RAIN_LAYER, resurvey(current, 2, 0, 0), false));
        openCompound(compound);
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("zh-CN");

        browser.find("#upload-files").sendKeys(zip.toString());
        browser.find("#upload-send").click();
        browser.waitUntil("the refusal", "return document.querySelector('#upload').dataset.state === 'refused'");
        String zh = browser.find("#upload-message").getText();
        assertThat(zh).contains("上传被拒绝（400）", RAIN_LAYER + ".shp 没有 .prj 文件，坐标系未知", "按小区所在的 3° 带（EPSG:4548）读取");
        assertThat(ScreenLanguage.englishWords(zh)).as("English in the Chinese refusal: " + zh).isEmpty();
        browser.screenshotsAtBothSizes("language-refusal-zh", "#upload-message");

        browser.find("#lang-toggle").click();
        String en = browser.find("#upload-message").getText();
        assertThat(en).contains("The upload was refused (400)", RAIN_LAYER + ".shp has no .prj, so its coordinate system is unknown",
                "read in the 3° zone of the compound (EPSG:4548)");
        assertThat(ScreenLanguage.chineseWords(en, RAIN_LAYER)).as("Chinese in the English refusal: " + en).isEmpty();
        browser.screenshotsAtBothSizes("language-refusal-en", "#upload-message");

        browser.find("#upload-crs").sendKeys("EPSG:4548");
        browser.find("#upload-send").click();
        waitForReview("staged");
        long surveyId = Long.parseLong(browser.find("#survey-panel").getAttribute("data-survey-id"));
        String howEn = browser.find("#survey-panel table.survey-layers tr.survey-how").getText();
        assertThat(howEn).contains("CRS from: given with the upload (EPSG:4548)", "Encoding from: .cpg file says CP936");
        assertThat(ScreenLanguage.chineseWords(howEn, RAIN_LAYER)).as(howEn).isEmpty();
        String reasonEn = rowTexts("#survey-panel table.survey-errors tbody tr").get(0).get(4);
        assertThat(reasonEn).contains("起点埋深 = \"abc\" is not a number");
        assertThat(ScreenLanguage.chineseWords(reasonEn, "起点埋深")).as(reasonEn).isEmpty();
        assertThat(browser.find("#survey-panel .survey-overview").getText()).contains(compound + " (given with the upload)");
        browser.screenshotsAtBothSizes("language-report-en", "#survey-panel .survey-errors");

        browser.find("#lang-toggle").click();
        String howZh = browser.find("#survey-panel table.survey-layers tr.survey-how").getText();
        assertThat(howZh).contains("坐标系依据：上传时指定（EPSG:4548）", "编码依据：.cpg 文件写明 CP936");
        assertThat(ScreenLanguage.englishWords(howZh)).as(howZh).isEmpty();
        List<String> errorZh = rowTexts("#survey-panel table.survey-errors tbody tr").get(0);
        assertThat(errorZh.get(4)).contains("不是数字");
        assertThat(ScreenLanguage.englishWords(errorZh.get(4), "abc")).as(errorZh.get(4)).isEmpty();
        for (List<String> warning : rowTexts("#survey-panel table.survey-warnings tbody tr")) {
            assertThat(ScreenLanguage.englishWords(warning.get(warning.size() - 1))).as("a warning's reason: " + warning).isEmpty();
        }
        assertThat(browser.find("#survey-panel .survey-overview").getText()).contains(compound + " (上传时指定)");
        browser.screenshotsAtBothSizes("language-report-zh", "#survey-panel .survey-errors");

        browser.atPhoneSize();
        Map<?, ?> sheet = (Map<?, ?>) browser.js(PANEL_BOX);
        assertThat(((Number) sheet.get("left")).intValue()).as("a sheet across the screen").isZero();
        assertThat(((Number) sheet.get("right")).intValue()).isEqualTo(((Number) sheet.get("width")).intValue());
        assertThat(((Number) sheet.get("bottom")).intValue()).as("at its bottom").isEqualTo(((Number) sheet.get("height")).intValue());
        assertThat(browser.find("#survey-panel .survey-collapse").getText()).isEqualTo("▾");
        browser.assertUncovered("#survey-panel .survey-collapse", "#basemap-select", "#coordinates");
        browser.find("#survey-panel .survey-collapse").click();
        assertThat(((Number) ((Map<?, ?>) browser.js(PANEL_BOX)).get("top")).intValue()).as("collapsed to its title bar")
                .isGreaterThan(((Number) sheet.get("height")).intValue() - 80);
        assertThat(browser.find("#survey-panel .survey-collapse").getText()).isEqualTo("▴");
        browser.assertUncovered("#survey-panel .survey-title", "#survey-panel .survey-collapse", "#survey-panel .survey-close",
                "#basemap-select", "#coordinates");
        browser.screenshot("language-report-zh-phone-collapsed.png");
        browser.find("#survey-panel .survey-collapse").click();
        browser.atDesktopSize();

        browser.find("#survey-panel .survey-discard").click();
        waitForReview("discarded");
    }

    // --- the page ----------------------------------------------------------------------------

    /** The compound's rain pipes as the API gives them in EPSG:4548, the numbers a re-survey starts from. */
    private JsonNode rainPipes(String compound) {
        return server.getJson("/collections/pipes/items?compound=" + compound + "&network=YS&crs=EPSG:4548&limit=1000");
    }

    private void openCompound(String code) {
        browser.open(server.baseUrl() + "/#compound=" + code);
        browser.waitUntil("the compound's pipes", "return document.querySelectorAll('path.pipe.compound-' + arguments[0]).length > 0", code);
        browser.waitUntilLoaded();
    }

    private void waitForReview(String status) {
        browser.waitUntil("the survey panel: " + status,
                "const p = document.querySelector('#survey-panel'); return !p.hidden && p.dataset.status === arguments[0]", status);
    }

    private List<List<String>> rowTexts(String css) {
        return browser.findAll(css).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
    }

    private void clickPath(String css) {
        Map<?, ?> target = (Map<?, ?>) browser.js(Browser.CLICKABLE_POINT_ON_A_PATH, css);
        assertThat(target).as("a visible " + css).isNotNull();
        new Actions(browser.driver).moveToLocation(((Number) target.get("x")).intValue(), ((Number) target.get("y")).intValue())
                .click().perform();
    }

    /** Records every state of the upload card and every progress text, however briefly shown. */
    private static final String RECORD_UPLOAD_STATES = """
            window.uploadStatesSeen = [];
            window.uploadProgressSeen = [];
            const card = document.querySelector('#upload');
            new MutationObserver(() => window.uploadStatesSeen.push(card.dataset.state))
              .observe(card, { attributes: true, attributeFilter: ['data-state'] });
            const text = document.querySelector('#upload-progress .upload-progress-text');
            new MutationObserver(() => window.uploadProgressSeen.push(text.textContent))
              .observe(text, { childList: true, characterData: true, subtree: true });""";

    /** Drags a file (base64 bytes, name) over the upload card and drops it, as the browser does for a real drag. */
    private static final String DROP_FILE = """
            const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], arguments[1], { type: 'application/zip' }));
            const zone = document.querySelector('#upload .drop-zone');
            const fire = (type) => zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
            fire('dragenter');
            fire('dragover');
            const highlighted = document.querySelector('#upload').classList.contains('drag-over');
            fire('drop');
            return highlighted && !document.querySelector('#upload').classList.contains('drag-over');""";

    /** Whether the map draws the pipe (by its source_id, e.g. YS1-YS2) as a pipe of that DN. */
    private static final String PIPE_ON_MAP = """
            let found = false;
            window.compoundGisMap.eachLayer((layer) => {
              const p = layer.feature?.properties;
              if (p?.source_id === arguments[0] && p.dn_mm === arguments[1] && layer.getElement?.()?.classList.contains('pipe')) found = true;
            });
            return found;""";


    // --- the API, as another user -------------------------------------------------------------

    private HttpResponse<String> postZip(byte[] zip, String compound) throws Exception {
        String boundary = "----survey-page-test";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"other.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(zip);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"compound\"\r\n\r\n" + compound
                + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(server.request("/api/surveys")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpResponse<String> post(String path) throws Exception {
        return send(server.request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // --- the survey data -----------------------------------------------------------------------

    /**
     * The pipes as a survey firm would deliver them again: every attribute in the Chinese dialect, the first
     * {@code resized} pipes 100 mm larger, the next one shifted by (east, north) metres; for C001 also a new pipe
     * from a new point and a record with a bad depth.
     */
    private static ArrayNode resurvey(JsonNode current, int resized, double east, double north) {
        ArrayNode features = JSON.createArrayNode();
        int index = 0;
        for (JsonNode pipe : current.get("features")) {
            JsonNode p = pipe.get("properties");
            String size = index < resized ? "DN" + (p.get("dn_mm").asInt() + 100) : p.get("size_text").asText();
            double shift = index == resized ? 1 : 0;
            features.add(feature(p, size, surveyOrder(pipe.at("/geometry/coordinates"), east * shift, north * shift)));
            index++;
        }
        if (resized > 1) {
            JsonNode first = current.get("features").get(0);
            JsonNode start = first.at("/geometry/coordinates/0");
            double northing = start.get(0).asDouble();
            double easting = start.get(1).asDouble();
            features.add(newPipe(NEW_POINT, first.at("/properties/start_no").asText(), "1.2",
                    line(easting + 10, northing + 10, easting, northing)));
            features.add(newPipe(BAD_POINT, NEW_POINT, "abc", line(easting + 20, northing + 20, easting + 10, northing + 10)));
        }
        return features;
    }

    private static ObjectNode feature(JsonNode p, String size, ArrayNode coordinates) {
        ObjectNode f = JSON.createObjectNode();
        f.put("type", "Feature");
        ObjectNode props = f.putObject("properties");
        props.put("起点点号", p.get("start_no").asText());
        props.put("终点点号", p.get("end_no").asText());
        props.put("管径", size);
        props.set("材质", p.get("material"));
        props.put("起点埋深", text(p.get("start_depth_m")));
        props.set("终点埋深", p.get("end_depth_m"));
        props.set("起点高程", p.get("start_elevation_m"));
        props.set("终点高程", p.get("end_elevation_m"));
        props.set("埋设方式", p.get("burial_method"));
        props.put("流向", "reverse".equals(p.path("flow_direction").asText()) ? "反向" : p.path("flow_direction").isNull() ? null : "正向");
        props.set("权属单位", p.get("owner"));
        props.set("建设年代", p.get("build_year"));
        props.set("所在道路", p.get("road"));
        f.putObject("geometry").put("type", "LineString").set("coordinates", coordinates);
        return f;
    }

    private static ObjectNode newPipe(String from, String to, String startDepth, ArrayNode coordinates) {
        ObjectNode f = JSON.createObjectNode();
        f.put("type", "Feature");
        ObjectNode props = f.putObject("properties");
        props.put("起点点号", from);
        props.put("终点点号", to);
        props.put("管径", "Φ300");
        props.put("材质", "PVC");
        props.put("起点埋深", startDepth);
        props.put("终点埋深", 1.3);
        props.put("权属单位", "县市政工程处");
        props.put("流向", "正向");
        f.putObject("geometry").put("type", "LineString").set("coordinates", coordinates);
        return f;
    }

    private static int percentSent(String progressText) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("正在发送 (\\d+)%").matcher(progressText);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String text(JsonNode number) {
        return number == null || number.isNull() ? null : number.asText();
    }

    /** The API gives EPSG:4548 as northing, easting (its axis order); a shapefile holds easting, northing. */
    private static ArrayNode surveyOrder(JsonNode coordinates, double east, double north) {
        ArrayNode swapped = JSON.createArrayNode();
        coordinates.forEach(c -> swapped.addArray().add(c.get(1).asDouble() + east).add(c.get(0).asDouble() + north));
        return swapped;
    }

    private static ArrayNode line(double e1, double n1, double e2, double n2) {
        ArrayNode coordinates = JSON.createArrayNode();
        coordinates.addArray().add(e1).add(n1);
        coordinates.addArray().add(e2).add(n2);
        return coordinates;
    }

    /** A GBK shapefile (.cpg CP936) written by ogr2ogr in EPSG:4548, with or without its .prj; returns its folder. */
    private Path writeShapefile(String folder, String name, ArrayNode features, boolean withPrj) throws Exception {
        Path d = Files.createDirectories(dir.resolve(folder));
        Path in = dir.resolve(folder + ".geojson");
        ObjectNode collection = JSON.createObjectNode().put("type", "FeatureCollection");
        collection.set("features", features);
        Files.writeString(in, JSON.writeValueAsString(collection));
        run("ogr2ogr", "-f", "ESRI Shapefile", "-a_srs", "EPSG:4548", "-lco", "ENCODING=CP936",
                d.resolve(name + ".shp").toString(), in.toString());
        if (!withPrj) {
            Files.delete(d.resolve(name + ".prj"));
        }
        return d;
    }

    /** A zip as Chinese Windows makes it: entry names in GBK without the UTF-8 flag, in a Chinese folder. */
    private Path gbkZip(String name, Path folder) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, GBK); var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(name + "/" + f.getFileName()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        Path zip = dir.resolve(name + ".zip");
        Files.write(zip, out.toByteArray());
        return zip;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
