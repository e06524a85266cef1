package cn.compoundgis.checks.dig;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14 point 2: the dig report as a PDF made by the server, on planted case E of checks/planted.sql: numbered and
 * recorded with who asked, the compound, the corners in EPSG:4548, a map whose items are numbered, the list with
 * depths and owners, and the owners to ask. Read back with PDFBox's text extraction; the PDF is kept as an artifact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigReportPdfTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("dig_report_pdf_test", "/checks/planted.sql", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<byte[]> pdf(TestServer as) throws Exception {
        HttpRequest request = as.request("/api/checks/dig/report.pdf?crs=EPSG:4548").header("Content-Type", "application/geo+json")
                .POST(HttpRequest.BodyPublishers.ofString(DigApiTest.PIT)).build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theReportIsNumberedRecordedWithWhoAskedAndListsEveryItemWithItsOwner() throws Exception {
        long before = server.count("SELECT count(*) FROM dig_report");
        HttpResponse<byte[]> response = pdf(server);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).matches(".*WJ-\\d{4}-\\d{6}\\.pdf.*");
        Path artifacts = Files.createDirectories(Path.of("target", "test-artifacts"));
        Files.write(artifacts.resolve("dig-report.pdf"), response.body());

        try (PDDocument doc = Loader.loadPDF(response.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("开挖前地下管线查询报告", "申请人", "admin", "小区 T01", "EPSG:4548", "1 (3550015.00, 600399.00)",
                    "开挖深度 1.5 m", "北", "比例 1:", "图例", "将被挖出", "县住建局", "开挖前请联系的权属单位", "E-YS2 检修井", "井深 2.4 m");
            assertThat(text).containsPattern("报告编号 WJ-\\d{4}-\\d{6}");
            assertThat(text).as("every item is in the list, numbered 1 to 9").contains("\n9 ");
            PDFont font = doc.getPage(0).getResources().getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.isEmbedded()).as("the Chinese font travels with the file").isTrue();
        }
        assertThat(server.count("SELECT count(*) FROM dig_report")).isEqualTo(before + 1);
        assertThat(server.count("SELECT count(*) FROM dig_report WHERE requested_by = 'admin' AND items = 9"
                + " AND compounds = '{T01}' AND dig_depth_m = 1.5")).isPositive();

        HttpResponse<byte[]> second = pdf(server);
        assertThat(second.headers().firstValue("Content-Disposition").orElseThrow())
                .as("each report its own number").isNotEqualTo(response.headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void aPitPartlyOutsideTheSurveyedCompoundsIsWarnedOfInChinese() throws Exception {
        // T01 ends at x = 600650: this pit is half in it (DigApiTest.coverageSaysHowMuchOfTheAreaLiesInSurveyedCompounds)
        String halfOutside = """
                {"type":"Feature","properties":{"depth_m":1.5},"geometry":{"type":"Polygon","coordinates":[[
                  [3550000,600640],[3550000,600660],[3550010,600660],[3550010,600640],[3550000,600640]]]}}""";
        HttpRequest request = server.request("/api/checks/dig/report.pdf?crs=EPSG:4548").header("Content-Type", "application/geo+json")
                .POST(HttpRequest.BodyPublishers.ofString(halfOutside)).build();
        HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(response.body())) {
            String text = new PDFTextStripper().getText(doc).replace("\n", "");
            assertThat(text).contains("注意：该范围有 50 % 不在任何已普查小区内", "查无管线不等于没有管线")
                    .doesNotContain("surveyed compound");
        }
    }

    @Test
    void anonymousRequestsGetNoReport() throws Exception {
        assertThat(pdf(server.anonymous()).statusCode()).isEqualTo(401);
    }
}
