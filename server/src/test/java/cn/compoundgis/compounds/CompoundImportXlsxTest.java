package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A register as an XLSX workbook built with POI, and renovation item columns in CSV and XLSX, imported against real
 * PostGIS: typed cells (numbers, dates, text, booleans, formulas by their cached value, WKT), row numbers as Excel shows
 * them, the sheet chosen by name, staged and committed; a bad row, a sheet over the row limit, a file that is no
 * workbook and a sheet with an external entity refused with nothing written. Each test uses its own code prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompoundImportXlsxTest {
    private static final String PATH = "/api/compounds/import";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("compound_import_xlsx_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> raw(String query, String contentType, byte[] body) {
        return server.post(PATH + query, contentType, body);
    }

    private HttpResponse<String> upload(String query, String filename, byte[] content) {
        return server.postFile(PATH + query, filename, content);
    }

    private HttpResponse<String> post(String path) {
        return server.post(path);
    }

    private long count(String sql) throws Exception {
        return server.count(sql);
    }

    private static byte[] bytes(XSSFWorkbook book) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        book.write(out);
        book.close();
        return out.toByteArray();
    }

    private static final String[] HEADER = {"小区编码", "小区名称", "建成年代", "户数", "竣工日期", "物业管理",
        "占地面积（㎡）", "改造状态", "wkt", "雨水管道_计划(m)", "rain_pipe_m_done", "JZDT_JH", "社区"};

    /**
     * A register sheet: a numeric code, text, a built year as a number, households as a formula (=100+20*row), a
     * date-formatted completion date, a boolean, an area, a Chinese status label, a WKT boundary, item quantities and a
     * community given as a number.
     */
    private static XSSFWorkbook register(XSSFWorkbook book, String sheetName, int codeBase, int rows) {
        Sheet sheet = book.createSheet(sheetName);
        CellStyle date = book.createCellStyle();
        date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
        Row header = sheet.createRow(0);
        for (int i = 0; i < HEADER.length; i++) {
            header.createCell(i).setCellValue(HEADER[i]);
        }
        for (int r = 1; r <= rows; r++) {
            Row row = sheet.createRow(r);
            row.createCell(0).setCellValue(codeBase + r);
            row.createCell(1).setCellValue("小区" + r);
            row.createCell(2).setCellValue(1990 + r);
            row.createCell(3).setCellFormula("100+20*" + r);
            row.createCell(4).setCellValue(LocalDate.of(2020, 5, r));
            row.getCell(4).setCellStyle(date);
            row.createCell(5).setCellValue(r % 2 == 1);
            row.createCell(6).setCellValue(5000.5 + r);
            row.createCell(7).setCellValue("已完工");
            double x = 640000 + 200 * r;
            row.createCell(8).setCellValue("POLYGON((" + x + " 3560000, " + (x + 100) + " 3560000, " + (x + 100)
                    + " 3560100, " + x + " 3560100, " + x + " 3560000))");
            row.createCell(9).setCellValue(1200.5);
            row.createCell(10).setCellValue(800);
            row.createCell(11).setCellValue(2);
            row.createCell(12).setCellValue(r); // a number where text is meant: the community's number
        }
        book.getCreationHelper().createFormulaEvaluator().evaluateAll(); // cached values, as Excel saves them
        return book;
    }

    @Test
    void an_xlsx_register_is_read_with_its_cells_typed() throws Exception {
        XSSFWorkbook book = new XSSFWorkbook();
        book.createSheet("说明").createRow(0).createCell(0).setCellValue("全椒县老旧小区台账");
        byte[] file = bytes(register(book, "台账", 7000, 3));
        HttpResponse<String> response = upload("?sheet=台账&crs=EPSG:4548", "台账.xlsx", file);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = TestServer.parse(response.body());
        assertThat(report.path("format").asText()).isEqualTo("xlsx");
        assertThat(report.path("sheet").asText()).isEqualTo("台账");
        assertThat(report.path("summary").path("added").asInt()).isEqualTo(3);
        assertThat(report.path("rows").get(0).path("row").asInt()).as("Excel's row number").isEqualTo(2);
        JsonNode two = server.getJson("/api/compounds/7002");
        assertThat(two.path("name").asText()).isEqualTo("小区2");
        assertThat(two.path("built_year").asInt()).isEqualTo(1992);
        assertThat(two.path("households").asInt()).as("the formula's cached value").isEqualTo(140);
        assertThat(two.path("completed_on").asText()).isEqualTo("2020-05-02");
        assertThat(two.path("property_management").asBoolean()).isFalse();
        assertThat(two.path("site_area_m2").asDouble()).isEqualTo(5002.5);
        assertThat(two.path("renovation_status").asText()).isEqualTo("completed");
        assertThat(two.path("community").asText()).isEqualTo("2");
        assertThat(two.path("items").path("rain_pipe_m").path("planned_quantity").asDouble()).isEqualTo(1200.5);
        assertThat(two.path("items").path("rain_pipe_m").path("done_quantity").asDouble()).isEqualTo(800.0);
        assertThat(two.path("items").path("elevators_added").path("planned_quantity").asDouble()).isEqualTo(2.0);
        assertThat(server.getJson("/api/compounds/7001").path("property_management").asBoolean()).isTrue();
        assertThat(count("SELECT round(ST_Area(geom)) FROM compound WHERE code = '7003' AND valid_to IS NULL"))
                .isEqualTo(10000);

        HttpResponse<String> noSheet = upload("?sheet=Sheet9&crs=EPSG:4548", "台账.xlsx", file);
        assertThat(noSheet.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(noSheet.body()).path("description").asText()).contains("Sheet9").contains("台账");
        HttpResponse<String> first = upload("?crs=EPSG:4548", "台账.xlsx", file);
        assertThat(first.statusCode()).as("the first sheet has no code column").isEqualTo(400);
        assertThat(TestServer.parse(first.body()).path("description").asText()).contains("code");
    }

    @Test
    void a_staged_xlsx_import_commits_the_same_sheet() throws Exception {
        XSSFWorkbook book = new XSSFWorkbook();
        book.createSheet("封面");
        byte[] file = bytes(register(book, "名单", 7100, 2));
        HttpResponse<String> dry = raw("?dry_run=true&sheet=名单&crs=EPSG:4548", XLSX, file);
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE '710_'")).isZero();
        HttpResponse<String> commit = post(TestServer.parse(dry.body()).path("commit").asText());
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        assertThat(TestServer.parse(commit.body()).path("sheet").asText()).isEqualTo("名单");
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE '710_' AND valid_to IS NULL")).isEqualTo(2);
    }

    @Test
    void a_bad_row_is_named_by_its_excel_row_and_column_and_nothing_is_written() throws Exception {
        XSSFWorkbook book = register(new XSSFWorkbook(), "Sheet1", 7200, 3);
        book.getSheetAt(0).getRow(2).getCell(3).setCellValue("很多");
        book.getSheetAt(0).getRow(3).getCell(9).setCellValue(-5);
        HttpResponse<String> response = upload("?crs=EPSG:4548", "bad.xlsx", bytes(book));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode errors = TestServer.parse(response.body()).path("errors");
        assertThat(errors.get(0).path("row").asInt()).isEqualTo(3);
        assertThat(errors.get(0).path("field").asText()).isEqualTo("households");
        assertThat(errors.get(0).path("column").asText()).isEqualTo("户数");
        assertThat(errors.get(1).path("row").asInt()).isEqualTo(4);
        assertThat(errors.get(1).path("field").asText()).isEqualTo("items.rain_pipe_m.planned_quantity");
        assertThat(errors.get(1).path("column").asText()).isEqualTo("雨水管道_计划(m)");
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE '720_'")).isZero();

        XSSFWorkbook failing = register(new XSSFWorkbook(), "Sheet1", 7210, 1);
        failing.getSheetAt(0).getRow(1).getCell(3).setCellFormula("1/0");
        failing.getCreationHelper().createFormulaEvaluator().evaluateAll();
        HttpResponse<String> error = upload("?crs=EPSG:4548", "div0.xlsx", bytes(failing));
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(error.body()).path("description").asText()).contains("div0.xlsx").contains("D2")
                .contains("#DIV/0!");
    }

    @Test
    void a_sheet_over_the_row_limit_is_refused_by_its_dimension() throws Exception {
        int max = ImportColumns.get().limits().maxRows();
        XSSFWorkbook book = register(new XSSFWorkbook(), "Sheet1", 7300, 1);
        book.getSheetAt(0).createRow(max + 1).createCell(0).setCellValue("7399");
        HttpResponse<String> response = upload("?crs=EPSG:4548", "big.xlsx", bytes(book));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(TestServer.parse(response.body()).path("description").asText()).contains("dimension")
                .contains(String.valueOf(max + 2)).contains(String.valueOf(max));
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE '73__'")).isZero();
    }

    @Test
    void a_file_that_is_no_workbook_is_refused_naming_it() throws Exception {
        HttpResponse<String> csv = upload("", "register.xlsx", "code,name\nX1,a\n".getBytes(StandardCharsets.UTF_8));
        assertThat(csv.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(csv.body()).path("description").asText()).contains("register.xlsx")
                .contains("not an XLSX workbook");
        HttpResponse<String> zip = upload("?format=xlsx", "book.zip", zipOf("a.txt", "hello".getBytes()));
        assertThat(zip.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(zip.body()).path("description").asText()).contains("book.zip");
        HttpResponse<String> xls = upload("", "old.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0});
        assertThat(xls.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(xls.body()).path("description").asText()).contains(".xlsx");
    }

    @Test
    void a_sheet_that_inflates_like_a_zip_bomb_is_refused_by_pois_guard() throws Exception {
        byte[] book = bytes(register(new XSSFWorkbook(), "Sheet1", 7500, 1));
        // 40 MB of blanks between two rows deflate to a few tens of kB: far more than 100-fold (min_inflate_ratio)
        String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                + "spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>code</t></is></c></row>"
                + " ".repeat(40_000_000) + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>7501</t></is></c></row>"
                + "</sheetData></worksheet>";
        HttpResponse<String> response = upload("", "bomb.xlsx", replaced(book, "xl/worksheets/sheet1.xml", sheet));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestServer.parse(response.body()).path("description").asText()).contains("bomb.xlsx")
                .containsIgnoringCase("zip bomb");
        assertThat(count("SELECT count(*) FROM compound WHERE code = '7501'")).isZero();
    }

    @Test
    void an_external_entity_in_a_sheet_is_not_resolved() throws Exception {
        Path secret = Files.createTempFile("xxe-secret", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        byte[] book = bytes(register(new XSSFWorkbook(), "Sheet1", 7400, 1));
        String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>code</t></is></c><c r=\"B1\" t=\"inlineStr\">"
                + "<is><t>name</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>7401</t></is></c>"
                + "<c r=\"B2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>";
        HttpResponse<String> response = upload("", "xxe.xlsx", replaced(book, "xl/worksheets/sheet1.xml", sheet));
        assertThat(response.body()).doesNotContain("TOP-SECRET");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM compound WHERE code = '7401'")).isZero();
        Files.delete(secret);
    }

    @Test
    void item_columns_of_a_csv_are_read_and_a_bad_quantity_is_its_rows_error() throws Exception {
        String header = "code,name,雨水管道_计划(m),rain_pipe_m_done,加装电梯计划,YSGD_WC\n";
        HttpResponse<String> twice = raw("", "text/csv", (header + "I1,甲,1,2,3,4\n").getBytes(StandardCharsets.UTF_8));
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(twice.body()).path("description").asText()).contains("rain_pipe_m_done")
                .contains("YSGD_WC");

        String good = "code,name,雨水管道_计划(m),rain_pipe_m_done,加装电梯计划,stalls_added_planned\n";
        HttpResponse<String> bad = raw("", "text/csv", (good + "I1,甲,1200,300,2,\nI2,乙,很长,,-1,5\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
        JsonNode errors = TestServer.parse(bad.body()).path("errors");
        assertThat(errors.size()).isEqualTo(2);
        assertThat(errors.get(0).path("row").asInt()).isEqualTo(3);
        assertThat(errors.get(0).path("field").asText()).isEqualTo("items.rain_pipe_m.planned_quantity");
        assertThat(errors.get(0).path("column").asText()).isEqualTo("雨水管道_计划(m)");
        assertThat(errors.get(1).path("field").asText()).isEqualTo("items.elevators_added.planned_quantity");
        assertThat(count("SELECT count(*) FROM compound WHERE code IN ('I1', 'I2')")).isZero();

        HttpResponse<String> ok = raw("", "text/csv", (good + "I1,甲,1200,300,2,\nI2,乙,50.25,,,5\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode one = server.getJson("/api/compounds/I1");
        assertThat(one.path("items").path("rain_pipe_m").path("planned_quantity").asDouble()).isEqualTo(1200.0);
        assertThat(one.path("items").path("rain_pipe_m").path("done_quantity").asDouble()).isEqualTo(300.0);
        assertThat(one.path("items").path("elevators_added").path("planned_quantity").asDouble()).isEqualTo(2.0);
        JsonNode two = server.getJson("/api/compounds/I2");
        assertThat(two.path("items").path("rain_pipe_m").path("planned_quantity").asDouble()).isEqualTo(50.25);
        assertThat(two.path("items").path("stalls_added").path("planned_quantity").asDouble()).isEqualTo(5.0);
        assertThat(two.path("items").has("elevators_added")).isFalse();
    }

    @Test
    void item_properties_of_a_geojson_are_read() throws Exception {
        String collection = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"code\":\"IG1\",\"name\":\"甲\",\"greening_m2_planned\":350.5,\"绿化改造_完成\":\"120\",\"XJTCW_JH\":12},"
                + "\"geometry\":null},{\"type\":\"Feature\",\"properties\":{\"code\":\"IG2\",\"name\":\"乙\","
                + "\"greening_m2_planned\":true},\"geometry\":null}]}";
        HttpResponse<String> bad = raw("", "application/geo+json", collection.getBytes(StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
        JsonNode error = TestServer.parse(bad.body()).path("errors").get(0);
        assertThat(error.path("row").asInt()).isEqualTo(2);
        assertThat(error.path("field").asText()).isEqualTo("items.greening_m2.planned_quantity");
        assertThat(error.path("column").asText()).isEqualTo("greening_m2_planned");
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'IG%'")).isZero();

        HttpResponse<String> ok = raw("", "application/geo+json", collection.replace("true", "1e2")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode one = server.getJson("/api/compounds/IG1").path("items");
        assertThat(one.path("greening_m2").path("planned_quantity").asDouble()).isEqualTo(350.5);
        assertThat(one.path("greening_m2").path("done_quantity").asDouble()).isEqualTo(120.0);
        assertThat(one.path("stalls_added").path("planned_quantity").asDouble()).isEqualTo(12.0);
        assertThat(server.getJson("/api/compounds/IG2").path("items").path("greening_m2").path("planned_quantity")
                .asDouble()).isEqualTo(100.0);
    }

    private static byte[] zipOf(String name, byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** The workbook with one of its parts replaced. */
    private static byte[] replaced(byte[] book, String part, String content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(book)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = e.getName().equals(part) ? content.getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
