package cn.compoundgis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The exports on a register larger than SXSSF's in-memory window (so rows are flushed to its temporary file while
 * the cursor streams), and the row limit of one export.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardExportTest {
    private static final int COMPOUNDS = 3 * DashboardXlsx.WINDOW_ROWS + 7;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("dashboard_export_test", null, false);
        execute("""
                INSERT INTO compound (code, name, district, households, site_area_m2, renovation_year,
                                      renovation_status, started_on, owners_committee)
                SELECT 'X' || lpad(i::text, 4, '0'), '小区' || i, '大区', i, i * 10.5, 2021, 'in_construction',
                       DATE '2021-01-01' + i, i %% 2 = 0
                FROM generate_series(1, %d) i""".formatted(COMPOUNDS));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRowArrivesInOrderPastTheInMemoryWindow() throws IOException {
        byte[] file = get("/api/dashboard/compounds.xlsx?sort=households&order=desc").body();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(COMPOUNDS);
            for (int r = 1; r <= COMPOUNDS; r++) {
                int i = COMPOUNDS + 1 - r;
                Row row = sheet.getRow(r);
                assertThat(row.getCell(DashboardColumn.CODE.ordinal()).getStringCellValue()).isEqualTo(String.format("X%04d", i));
                assertThat(row.getCell(DashboardColumn.HOUSEHOLDS.ordinal()).getNumericCellValue()).isEqualTo(i);
                assertThat(row.getCell(DashboardColumn.SITE_AREA_M2.ordinal()).getNumericCellValue()).isEqualTo(i * 10.5);
                assertThat(row.getCell(DashboardColumn.STARTED_ON.ordinal()).getLocalDateTimeCellValue().toLocalDate())
                        .isEqualTo(LocalDate.of(2021, 1, 1).plusDays(i));
                assertThat(row.getCell(DashboardColumn.OWNERS_COMMITTEE.ordinal()).getStringCellValue())
                        .isEqualTo(i % 2 == 0 ? "是" : "否");
            }
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:N" + (COMPOUNDS + 1));
            assertThat(book.getSheetAt(1).getRow(6).getCell(1).getNumericCellValue()).isEqualTo(COMPOUNDS);
        }
    }

    @Test
    void anExportOverTheRowLimitIsRefusedBeforeAnyByte() throws SQLException {
        execute("""
                INSERT INTO compound (code, name, district, renovation_year, renovation_status)
                SELECT 'Y' || i, 'y', '超大区', 2022, 'planned' FROM generate_series(1, %d) i"""
                .formatted(DashboardApi.MAX_EXPORT_ROWS + 1));
        try {
            for (String format : new String[] {"xlsx", "csv"}) {
                HttpResponse<byte[]> r = get("/api/dashboard/compounds." + format + "?renovation_year=2022");
                assertThat(r.statusCode()).as(format).isEqualTo(422);
                JsonNode body = TestServer.parse(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
                assertThat(body.get("description").asText()).as(format)
                        .contains((DashboardApi.MAX_EXPORT_ROWS + 1) + " compounds match", format.toUpperCase(),
                                "at most " + DashboardApi.MAX_EXPORT_ROWS);
            }
            assertThat(get("/api/dashboard/compounds.xlsx?renovation_year=2021").statusCode()).isEqualTo(200);
        } finally {
            execute("DELETE FROM compound WHERE renovation_year = 2022");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private HttpResponse<byte[]> get(String path) {
        try {
            return HttpClient.newHttpClient().send(server.request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
