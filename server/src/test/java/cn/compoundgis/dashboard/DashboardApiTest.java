package cn.compoundgis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.util.TempFileCreationStrategy;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's totals and compound table over HTTP against real PostGIS, on dashboard/fixture.sql (four current
 * compounds, a superseded version, pipes current, superseded, designed and of another network, items current and
 * superseded: only the current register and built drainage pipes count), and its CSV and XLSX exports (the XLSX read
 * back with POI).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("dashboard_api_test", "/dashboard/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void totalsCountTheCurrentRegisterAndBuiltDrainagePipes() {
        JsonNode t = server.getJson("/api/dashboard").get("totals");
        assertThat(t.get("compounds").asInt()).isEqualTo(4);
        assertThat(t.get("households").asInt()).isEqualTo(1000);
        assertThat(t.get("site_area_m2").asDouble()).isEqualTo(10000.0);
        assertThat(t.get("completed").asInt()).isEqualTo(2);
        JsonNode pipes = t.get("pipes");
        assertThat(pipes.at("/surveyed_m/YS").asDouble()).isEqualTo(60.0);
        assertThat(pipes.at("/surveyed_m/WS").asDouble()).isEqualTo(30.0);
        assertThat(pipes.at("/surveyed_m/HS").asDouble()).isEqualTo(50.0);
        assertThat(pipes.at("/surveyed_m/total").asDouble()).isEqualTo(140.0);
        assertThat(pipes.at("/renovated_m/total").asDouble()).isEqualTo(120.0);
        assertThat(pipes.at("/renovated_m/YS").asDouble()).isEqualTo(40.0);
        // planned: the built and designed drainage pipes of every compound (D002's 500 m designed YS), not the 77 m
        // water pipe nor the superseded 999 m
        assertThat(pipes.at("/planned_m/YS").asDouble()).isEqualTo(560.0);
        assertThat(pipes.at("/planned_m/total").asDouble()).isEqualTo(640.0);
        assertThat(pipes.at("/design_m/total").asDouble()).isEqualTo(500.0);
        assertThat(pipes.at("/register/planned_m").asDouble()).isEqualTo(180.0);
        assertThat(pipes.at("/register/done_m").asDouble()).isEqualTo(70.0);
        assertThat(t.at("/stalls_added/planned").asDouble()).isEqualTo(37.0);
        assertThat(t.at("/stalls_added/done").asDouble()).isEqualTo(30.0);
    }

    @Test
    void totalsAreBrokenDownByStatusBatchAndDistrictWithTheirCompletedPart() {
        JsonNode t = server.getJson("/api/dashboard").get("totals");
        assertThat(t.get("by_renovation_status").toString())
                .contains("{\"renovation_status\":\"accepted\",\"compounds\":1,\"completed\":1,\"households\":200,"
                        + "\"completed_households\":200,\"site_area_m2\":2000.0,\"completed_site_area_m2\":2000.0,"
                        + "\"pipe_planned_m\":550.0,\"pipe_renovated_m\":50.0,\"stalls_planned\":20,\"stalls_added\":20}")
                .contains("{\"renovation_status\":\"planned\",\"compounds\":1,\"completed\":0,\"households\":400,");
        assertThat(t.get("by_renovation_year").toString()).isEqualTo("["
                + "{\"renovation_year\":2018,\"compounds\":1,\"completed\":1,\"households\":100,\"completed_households\":100,"
                + "\"site_area_m2\":1000.0,\"completed_site_area_m2\":1000.0,\"pipe_planned_m\":70.0,\"pipe_renovated_m\":70.0,"
                + "\"stalls_planned\":12,\"stalls_added\":10},"
                + "{\"renovation_year\":2019,\"compounds\":2,\"completed\":1,\"households\":500,\"completed_households\":200,"
                + "\"site_area_m2\":5000.0,\"completed_site_area_m2\":2000.0,\"pipe_planned_m\":570.0,\"pipe_renovated_m\":50.0,"
                + "\"stalls_planned\":25,\"stalls_added\":20},"
                + "{\"renovation_year\":2020,\"compounds\":1,\"completed\":0,\"households\":400,\"completed_households\":0,"
                + "\"site_area_m2\":4000.0,\"completed_site_area_m2\":0.0,\"pipe_planned_m\":0.0,\"pipe_renovated_m\":0.0,"
                + "\"stalls_planned\":0,\"stalls_added\":0}]");
        assertThat(t.get("by_district").toString())
                .contains("{\"district\":\"襄河镇\",\"compounds\":2,\"completed\":2,\"households\":300,"
                        + "\"completed_households\":300,\"site_area_m2\":3000.0,\"completed_site_area_m2\":3000.0,"
                        + "\"pipe_planned_m\":620.0,\"pipe_renovated_m\":120.0,\"stalls_planned\":32,\"stalls_added\":30}")
                .contains("{\"district\":\"六镇镇\",\"compounds\":2,\"completed\":0,\"households\":700,"
                        + "\"completed_households\":0,\"site_area_m2\":7000.0,\"completed_site_area_m2\":0.0,"
                        + "\"pipe_planned_m\":20.0,\"pipe_renovated_m\":0.0,\"stalls_planned\":5,\"stalls_added\":0}");
        assertThat(t.at("/progress/by_year").toString()).isEqualTo("["
                + "{\"year\":2018,\"started\":1,\"completed\":1,\"accepted\":0,\"completed_to_date\":1},"
                + "{\"year\":2019,\"started\":1,\"completed\":1,\"accepted\":0,\"completed_to_date\":2},"
                + "{\"year\":2020,\"started\":0,\"completed\":0,\"accepted\":1,\"completed_to_date\":2}]");
        assertThat(t.at("/progress/completed_undated").asInt()).isZero();
    }

    @Test
    void filtersNarrowEveryTotal() {
        JsonNode byDistrict = server.getJson("/api/dashboard?district=" + enc("襄河镇"));
        assertThat(byDistrict.at("/filter/district").asText()).isEqualTo("襄河镇");
        assertThat(byDistrict.at("/totals/compounds").asInt()).isEqualTo(2);
        assertThat(byDistrict.at("/totals/households").asInt()).isEqualTo(300);
        assertThat(byDistrict.at("/totals/pipes/surveyed_m/total").asDouble()).isEqualTo(120.0);
        JsonNode byYear = server.getJson("/api/dashboard?renovation_year=2019");
        assertThat(byYear.at("/totals/compounds").asInt()).isEqualTo(2);
        assertThat(byYear.at("/totals/stalls_added/done").asDouble()).isEqualTo(20.0);
        JsonNode byStatus = server.getJson("/api/dashboard?renovation_status=in_construction&district=" + enc("六镇镇"));
        assertThat(byStatus.at("/totals/compounds").asInt()).isEqualTo(1);
        assertThat(byStatus.at("/totals/pipes/surveyed_m/YS").asDouble()).isEqualTo(20.0);
        assertThat(byStatus.at("/totals/pipes/planned_m/total").asDouble()).isEqualTo(20.0);
        assertThat(byStatus.at("/totals/pipes/renovated_m/total").asDouble()).isZero();
        assertThat(byStatus.at("/totals/pipes/register/planned_m").asDouble()).isEqualTo(100.0);
        JsonNode none = server.getJson("/api/dashboard?district=" + enc("无此区"));
        assertThat(none.at("/totals/compounds").asInt()).isZero();
        assertThat(none.at("/totals/site_area_m2").asDouble()).isZero();
        assertThat(none.at("/totals/by_district").size()).isZero();
    }

    @Test
    void theTableSortsFiltersAndPages() {
        JsonNode byPipes = server.getJson("/api/dashboard/compounds?sort=pipe_length_m&order=desc");
        assertThat(codes(byPipes)).containsExactly("D001", "D002", "D003", "D004");
        JsonNode first = byPipes.get("items").get(0);
        assertThat(first.get("name").asText()).isEqualTo("甲小区");
        assertThat(first.get("pipe_length_m").asDouble()).isEqualTo(70.0);
        assertThat(first.get("stalls_added").asDouble()).isEqualTo(10.0);
        assertThat(first.get("households").asInt()).isEqualTo(100);
        JsonNode byStalls = server.getJson("/api/dashboard/compounds?sort=stalls_added&order=desc");
        assertThat(codes(byStalls)).containsExactly("D002", "D001", "D003", "D004");
        JsonNode filtered = server.getJson("/api/dashboard/compounds?renovation_year=2019&sort=households&order=asc");
        assertThat(codes(filtered)).containsExactly("D002", "D003");
        assertThat(filtered.get("numberMatched").asInt()).isEqualTo(2);
        JsonNode page = server.getJson("/api/dashboard/compounds?limit=1&offset=1");
        assertThat(codes(page)).containsExactly("D002");
        assertThat(page.get("numberMatched").asInt()).isEqualTo(4);
        JsonNode past = server.getJson("/api/dashboard/compounds?offset=10");
        assertThat(past.get("items").size()).isZero();
        assertThat(past.get("numberMatched").asInt()).isEqualTo(4);
    }

    @Test
    void theCsvOpensInExcelWithChineseAndNoFormulas() {
        HttpResponse<String> csv = server.get("/api/dashboard/compounds.csv?sort=code");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv").contains("utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("compounds.csv");
        String body = csv.body();
        assertThat(body).startsWith("\uFEFF小区编码,小区名称,区县,改造状态,改造批次,户数,");
        String[] lines = body.split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[1]).isEqualTo("D001,甲小区,襄河镇,已完工,2018,100,1000,70,10,2018-04-02,2018-11-30,,是,否");
        assertThat(lines[2]).isEqualTo("D002,乙小区,襄河镇,已验收,2019,200,2000,50,20,2019-03-01,2019-10-01,2020-03-01,否,");
        assertThat(lines[4]).startsWith("D004,'=丁小区,六镇镇,");
        String english = server.get("/api/dashboard/compounds.csv?lang=en&district=" + enc("襄河镇")).body();
        assertThat(english).startsWith("\uFEFFcode,name,district,renovation status,")
                .contains(",completed on,accepted on,property management,owners' committee\r\n")
                .contains(",accepted,2019,").contains(",2018-11-30,,yes,no\r\n");
        assertThat(english.split("\r\n")).hasSize(3);
    }

    @Test
    void theXlsxHoldsTheJsonTableAsTypedCells() throws IOException {
        String query = "?sort=households&order=desc";
        byte[] file = xlsx("/api/dashboard/compounds.xlsx" + query);
        JsonNode items = server.getJson("/api/dashboard/compounds" + query).get("items");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("小区一览");
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertThat(header).containsExactly("小区编码", "小区名称", "区县", "改造状态", "改造批次", "户数", "占地面积(m²)",
                    "排水管道长度(m)", "新增停车位", "开工日期", "完工日期", "验收日期", "物业管理", "业主委员会");
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            for (int i = 0; i < items.size(); i++) {
                assertRowIs(sheet.getRow(i + 1), items.get(i));
            }
            Row planned = sheet.getRow(1);
            assertThat(planned.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(planned.getCell(1).getStringCellValue()).isEqualTo("=丁小区");
            Row accepted = sheet.getRow(3);
            assertThat(accepted.getCell(0).getStringCellValue()).isEqualTo("D002");
            assertThat(accepted.getCell(11).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2020, 3, 1));
            assertThat(accepted.getCell(11).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(accepted.getCell(12).getStringCellValue()).isEqualTo("否");
            assertThat(accepted.getCell(6).getNumericCellValue()).isEqualTo(2000.0);
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:N5");
            for (DashboardColumn c : DashboardColumn.values()) {
                assertThat(sheet.getColumnWidth(c.ordinal())).as(c.key)
                        .isGreaterThanOrEqualTo(DashboardXlsx.displayWidth(c.zh) * 256)
                        .isLessThanOrEqualTo(41 * 256);
            }
        }
    }

    @Test
    void theXlsxSaysInEnglishWhatWasFilteredSortedAndWhen() throws IOException {
        LocalDateTime before = LocalDateTime.now().withNano(0);
        byte[] file = xlsx("/api/dashboard/compounds.xlsx?lang=en&district=" + enc("襄河镇") + "&sort=households&order=desc");
        LocalDateTime after = LocalDateTime.now();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            XSSFSheet table = book.getSheet("Compounds");
            assertThat(table.getRow(0).getCell(0).getStringCellValue()).isEqualTo("code");
            assertThat(table.getLastRowNum()).isEqualTo(2);
            assertThat(table.getRow(1).getCell(0).getStringCellValue()).isEqualTo("D002");
            assertThat(table.getRow(1).getCell(3).getStringCellValue()).isEqualTo("accepted");
            assertThat(table.getRow(2).getCell(12).getStringCellValue()).isEqualTo("yes");
            assertThat(table.getRow(2).getCell(13).getStringCellValue()).isEqualTo("no");
            XSSFSheet notes = book.getSheet("Export");
            Map<String, Cell> byLabel = new LinkedHashMap<>();
            notes.forEach(row -> byLabel.put(row.getCell(0).getStringCellValue(), row.getCell(1)));
            assertThat(byLabel.get("district").getStringCellValue()).isEqualTo("襄河镇");
            assertThat(byLabel.get("renovation year").getStringCellValue()).isEqualTo("all");
            assertThat(byLabel.get("renovation status").getStringCellValue()).isEqualTo("all");
            assertThat(byLabel.get("Sorted by").getStringCellValue()).isEqualTo("households descending");
            assertThat(byLabel.get("Compounds").getNumericCellValue()).isEqualTo(2.0);
            assertThat(byLabel.get("Source").getStringCellValue())
                    .contains("/api/dashboard/compounds.xlsx?lang=en&district=襄河镇&sort=households");
            Cell exported = byLabel.entrySet().stream().filter(e -> e.getKey().startsWith("Exported at (UTC"))
                    .findFirst().orElseThrow().getValue();
            assertThat(DateUtil.isCellDateFormatted(exported)).isTrue();
            assertThat(exported.getLocalDateTimeCellValue()).isBetween(before, after);
        }
    }

    @Test
    void theXlsxOfAYearLeavesNoTemporaryFiles() throws IOException {
        List<File> created = new CopyOnWriteArrayList<>();
        TempFileCreationStrategy standard = new DefaultTempFileCreationStrategy();
        TempFile.setTempFileCreationStrategy(new TempFileCreationStrategy() {
            @Override
            public File createTempFile(String prefix, String suffix) throws IOException {
                File f = standard.createTempFile(prefix, suffix);
                created.add(f);
                return f;
            }

            @Override
            public File createTempDirectory(String prefix) throws IOException {
                return standard.createTempDirectory(prefix);
            }
        });
        byte[] file;
        try {
            file = xlsx("/api/dashboard/compounds.xlsx?renovation_year=2019&renovation_status=in_construction");
        } finally {
            TempFile.setTempFileCreationStrategy(standard);
        }
        assertThat(created).as("SXSSF's temporary sheet files").isNotEmpty().allSatisfy(f -> assertThat(f).doesNotExist());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(1);
            assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("D003");
            assertThat(book.getSheetAt(1).getRow(3).getCell(1).getNumericCellValue()).isEqualTo(2019.0);
        }
    }

    /** A cell holds its JSON table value, typed: text, status label, number, date with a date format, 是/否. */
    private static void assertRowIs(Row row, JsonNode item) {
        for (DashboardColumn c : DashboardColumn.values()) {
            JsonNode v = item.get(c.key);
            Cell cell = row.getCell(c.ordinal());
            String what = item.get("code").asText() + " " + c.key;
            if (v.isNull()) {
                assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(what).isTrue();
                continue;
            }
            switch (c.kind) {
                case TEXT -> assertThat(cell.getStringCellValue()).as(what).isEqualTo(v.asText());
                case STATUS -> assertThat(cell.getStringCellValue()).as(what)
                        .isEqualTo(DashboardApi.statusLabel(v.asText(), false));
                case YES_NO -> assertThat(cell.getStringCellValue()).as(what).isEqualTo(v.asBoolean() ? "是" : "否");
                case DATE -> {
                    assertThat(DateUtil.isCellDateFormatted(cell)).as(what).isTrue();
                    assertThat(cell.getLocalDateTimeCellValue().toLocalDate()).as(what).isEqualTo(LocalDate.parse(v.asText()));
                }
                case YEAR, COUNT, MEASURE -> {
                    assertThat(cell.getCellType()).as(what).isEqualTo(CellType.NUMERIC);
                    assertThat(DateUtil.isCellDateFormatted(cell)).as(what).isFalse();
                    assertThat(cell.getNumericCellValue()).as(what).isEqualTo(v.asDouble());
                }
            }
        }
    }

    private byte[] xlsx(String path) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
                    server.request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo(DashboardXlsx.CONTENT_TYPE);
            assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("compounds.xlsx");
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badParametersAre400sNamingThem() {
        assertBad("/api/dashboard?renovation_year=20x9", "renovation_year");
        assertBad("/api/dashboard?renovation_year=99999", "renovation_year");
        assertBad("/api/dashboard?renovation_status=done", "renovation_status");
        assertBad("/api/dashboard?district=", "district");
        assertBad("/api/dashboard?color=red", "color");
        assertBad("/api/dashboard?district=a&district=b", "district");
        assertBad("/api/dashboard?sort=code", "sort");
        assertBad("/api/dashboard/compounds?sort=geom", "sort");
        assertBad("/api/dashboard/compounds?sort=code;drop", "sort");
        assertBad("/api/dashboard/compounds?order=sideways", "order");
        assertBad("/api/dashboard/compounds?limit=0", "limit");
        assertBad("/api/dashboard/compounds?limit=100000", "limit");
        assertBad("/api/dashboard/compounds?offset=-1", "offset");
        assertBad("/api/dashboard/compounds.csv?lang=fr", "lang");
        assertBad("/api/dashboard/compounds.csv?limit=5", "limit");
        assertBad("/api/dashboard/compounds.xlsx?lang=fr", "lang");
        assertBad("/api/dashboard/compounds.xlsx?offset=5", "offset");
        assertBad("/api/dashboard/compounds.xlsx?sort=geom", "sort");
        assertBad("/api/dashboard?district=" + "区".repeat(DashboardFilter.MAX_DISTRICT_CHARS + 1), "district");
        assertBad("/api/dashboard/compounds?renovation_year=2019.5", "renovation_year");
    }

    @Test
    void theApiDescriptionListsTheDashboard() {
        JsonNode paths = server.getJson("/api").get("paths");
        assertThat(paths.at("/~1api~1dashboard/get/parameters").toString()).contains("renovation_status", "district");
        assertThat(paths.at("/~1api~1dashboard~1compounds/get/parameters").toString()).contains("sort", "limit");
        assertThat(paths.at("/~1api~1dashboard~1compounds.csv/get/summary").asText()).contains("BOM");
        assertThat(paths.at("/~1api~1dashboard~1compounds.xlsx/get/parameters").toString())
                .contains("lang", "sort", "renovation_status");
    }

    private void assertBad(String path, String named) {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        JsonNode body = TestServer.parse(r.body());
        assertThat(body.get("code").asText()).as(path).isNotBlank();
        assertThat(body.get("description").asText()).as(path).contains(named);
    }

    private static List<String> codes(JsonNode page) {
        List<String> codes = new ArrayList<>();
        page.get("items").forEach(i -> codes.add(i.get("code").asText()));
        return codes;
    }
}
