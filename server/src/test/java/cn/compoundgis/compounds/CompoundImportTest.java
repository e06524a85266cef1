package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The compound list import against real PostGIS: a whole register in one go, both header dialects and encodings,
 * boundaries from GeoJSON and WKT, dry runs, and bad rows refusing the whole import with a report naming row and field.
 * Each test uses its own code prefix, so the tests do not depend on each other's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompoundImportTest {
    private static final String PATH = "/api/compounds/import";
    private static final String HEADER = "code,name,district,street,built_year,households,renovation_status\n";
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("compound_import_test", "/features/fixture.sql", false);
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

    private HttpResponse<String> csv(String query, String text) throws Exception {
        return raw(query, "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> multipart(String query, String filename, byte[] content) {
        return server.postFile(PATH + query, filename, content);
    }

    private long count(String sql) throws Exception {
        return server.count(sql);
    }

    private static String register(String prefix, int rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= rows; i++) {
            csv.append(String.format("%s%04d,小区%d,全椒县,襄河镇,%d,%d,planned%n", prefix, i, i, 1980 + i % 20, 100 + i));
        }
        return csv.toString();
    }

    @Test
    void a_register_of_300_compounds_imports_in_one_go_and_a_second_import_changes_nothing() throws Exception {
        String file = register("R", 300);
        HttpResponse<String> first = csv("", file);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode report = TestServer.parse(first.body());
        assertThat(report.path("committed").asBoolean()).isTrue();
        assertThat(report.path("summary").path("added").asInt()).isEqualTo(300);
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'R%' AND valid_to IS NULL"
                + " AND changed_via = 'import'")).isEqualTo(300);
        JsonNode one = server.getJson("/api/compounds/R0150");
        assertThat(one.path("name").asText()).isEqualTo("小区150");
        assertThat(one.path("households").asInt()).isEqualTo(250);
        assertThat(server.getJson("/collections/compounds/items?limit=1000").path("features").size())
                .isGreaterThanOrEqualTo(300);

        JsonNode again = TestServer.parse(csv("", file).body());
        assertThat(again.path("summary").path("unchanged").asInt()).isEqualTo(300);
        assertThat(again.path("summary").path("added").asInt()).isZero();
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'R%'")).isEqualTo(300);
    }

    @Test
    void a_changed_row_is_a_new_version_with_history_and_its_changed_fields() throws Exception {
        csv("", register("H", 3));
        String changed = register("H", 3).replace("H0002,小区2,全椒县,襄河镇,1982,102", "H0002,小区2,全椒县,襄河镇,1982,999");
        HttpResponse<String> response = csv("", changed);
        JsonNode report = TestServer.parse(response.body());
        assertThat(report.path("summary").path("changed").asInt()).as(response.body()).isEqualTo(1);
        assertThat(report.path("summary").path("unchanged").asInt()).isEqualTo(2);
        JsonNode row = report.path("rows").get(1);
        assertThat(row.path("result").asText()).isEqualTo("changed");
        assertThat(row.path("changed_fields").toString()).isEqualTo("[\"households\"]");
        JsonNode record = server.getJson("/api/compounds/H0002");
        assertThat(record.path("households").asInt()).isEqualTo(999);
        assertThat(record.path("history").size()).isEqualTo(2);
        assertThat(record.path("history").get(0).path("changed_via").asText()).isEqualTo("import");
        assertThat(record.path("history").get(0).path("changed_fields").toString()).isEqualTo("[\"households\"]");
    }

    @Test
    void an_import_is_held_to_the_workflow_rules_of_the_api() throws Exception {
        String header = "code,name,renovation_status,planned_on,started_on\n";
        assertThat(csv("", header + "K1,甲,completed,,\n").statusCode()).isEqualTo(200);
        HttpResponse<String> back = csv("", header + "K1,甲,planned,,\n");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(422);
        JsonNode error = TestServer.parse(back.body()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("renovation_status");
        assertThat(error.path("description").asText()).contains("cannot go back");
        HttpResponse<String> dates = csv("", header + "K2,乙,in_construction,2020-05-01,2020-03-01\n");
        assertThat(dates.statusCode()).as(dates.body()).isEqualTo(422);
        assertThat(TestServer.parse(dates.body()).path("errors").get(0).path("field").asText()).isEqualTo("started_on");
        assertThat(server.getJson("/api/compounds/K1").path("renovation_status").asText()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'K2'")).isZero();
    }

    @Test
    void a_dry_run_reports_without_writing() throws Exception {
        HttpResponse<String> response = csv("?dry_run=true", register("D", 5));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = TestServer.parse(response.body());
        assertThat(report.path("dry_run").asBoolean()).isTrue();
        assertThat(report.path("committed").asBoolean()).isFalse();
        assertThat(report.path("summary").path("added").asInt()).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'D%'")).isZero();
    }

    @Test
    void a_dry_run_is_staged_and_its_commit_writes_that_file_once() throws Exception {
        JsonNode dry = TestServer.parse(csv("?dry_run=true", register("P", 4)).body());
        long id = dry.path("import_id").asLong();
        assertThat(id).as(dry.toString()).isPositive();
        assertThat(dry.path("commit").asText()).isEqualTo("/api/compounds/imports/" + id + "/commit");
        assertThat(server.getJson("/api/compounds/imports/" + id).path("status").asText()).isEqualTo("staged");
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'P%'")).isZero();

        HttpRequest request = server.request("/api/compounds/imports/" + id + "/commit")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> commit = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        JsonNode report = TestServer.parse(commit.body());
        assertThat(report.path("committed").asBoolean()).isTrue();
        assertThat(report.path("summary").path("added").asInt()).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'P%' AND changed_via = 'import'")).isEqualTo(4);
        JsonNode staged = server.getJson("/api/compounds/imports/" + id);
        assertThat(staged.path("status").asText()).isEqualTo("committed");
        assertThat(staged.path("report").path("committed").asBoolean()).isTrue();

        HttpResponse<String> again = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'P%'")).isEqualTo(4);
        assertThat(server.get("/api/compounds/imports/999999").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/compounds/imports/x").statusCode()).isEqualTo(404);
    }

    @Test
    void a_dry_run_with_errors_is_not_staged() throws Exception {
        JsonNode dry = TestServer.parse(csv("?dry_run=true", HEADER + "E1,,全椒县,,,,\n").body());
        assertThat(dry.path("summary").path("errors").asInt()).isEqualTo(1);
        assertThat(dry.path("errors").get(0).path("field").asText()).isEqualTo("name");
        assertThat(dry.has("import_id")).isFalse();
    }

    @Test
    void one_bad_row_refuses_the_whole_import_and_the_report_names_row_and_field() throws Exception {
        String file = register("B", 4).replace("B0002,小区2,全椒县,襄河镇,1982", "B0002,小区2,全椒县,襄河镇,19x2")
                .replace("B0004,小区4,全椒县,襄河镇,1984,104,planned", "B0004,小区4,全椒县,襄河镇,1984,104,finished");
        HttpResponse<String> response = csv("", file);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode report = TestServer.parse(response.body());
        assertThat(report.path("code").asText()).isEqualTo("InvalidRows");
        assertThat(report.path("committed").asBoolean()).isFalse();
        JsonNode errors = report.path("errors");
        assertThat(errors.size()).isEqualTo(2);
        assertThat(errors.get(0).path("row").asInt()).isEqualTo(3); // the header is line 1
        assertThat(errors.get(0).path("code").asText()).isEqualTo("B0002");
        assertThat(errors.get(0).path("field").asText()).isEqualTo("built_year");
        assertThat(errors.get(1).path("row").asInt()).isEqualTo(5);
        assertThat(errors.get(1).path("field").asText()).isEqualTo("renovation_status");
        assertThat(errors.get(1).path("description").asText()).contains("finished");
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'B%'")).isZero();
    }

    @Test
    void a_code_given_twice_in_the_file_is_an_error_naming_both_rows() throws Exception {
        String file = HEADER + "U1,甲,全椒县,,,,\nU2,乙,全椒县,,,,\nU1,丙,全椒县,,,,\n";
        HttpResponse<String> response = csv("", file);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode error = TestServer.parse(response.body()).path("errors").get(0);
        assertThat(error.path("row").asInt()).isEqualTo(4);
        assertThat(error.path("field").asText()).isEqualTo("code");
        assertThat(error.path("error").asText()).isEqualTo("DuplicateCode");
        assertThat(error.path("description").asText()).contains("row 2");
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'U%'")).isZero();
    }

    @Test
    void a_gbk_table_with_chinese_headers_is_read() throws Exception {
        String file = "小区编码,小区名称,所属区县,街道,社区,地址,建成年代,户数(户),改造状态,物业管理,序号\r\n"
                + "G001,南屏小区,全椒县,襄河镇,南屏社区,南屏路8号,1995,320,计划改造,是,1\r\n"
                + "G002,\"北门小区, 二期\",全椒县,襄河镇,北门社区,北门路2号,1990,150,已完工,否,2\r\n";
        HttpResponse<String> response = multipart("", "register.csv", file.getBytes(Charset.forName("GBK")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = TestServer.parse(response.body());
        assertThat(report.path("encoding").asText()).isEqualTo("GBK");
        assertThat(report.path("ignored_columns").toString()).isEqualTo("[\"序号\"]");
        JsonNode g1 = server.getJson("/api/compounds/G001");
        assertThat(g1.path("name").asText()).isEqualTo("南屏小区");
        assertThat(g1.path("community").asText()).isEqualTo("南屏社区");
        assertThat(g1.path("households").asInt()).isEqualTo(320);
        assertThat(g1.path("renovation_status").asText()).isEqualTo("planned");
        assertThat(g1.path("property_management").asBoolean()).isTrue();
        JsonNode g2 = server.getJson("/api/compounds/G002");
        assertThat(g2.path("name").asText()).isEqualTo("北门小区, 二期");
        assertThat(g2.path("renovation_status").asText()).isEqualTo("completed");
        assertThat(g2.path("property_management").asBoolean()).isFalse();
    }

    @Test
    void a_utf8_table_with_a_bom_is_read_as_utf8() throws Exception {
        byte[] text = ("\uFEFF小区编码,小区名称\nM001,梅园小区\n").getBytes(StandardCharsets.UTF_8);
        JsonNode report = TestServer.parse(raw("", "text/csv", text).body());
        assertThat(report.path("encoding").asText()).isEqualTo("UTF-8");
        assertThat(server.getJson("/api/compounds/M001").path("name").asText()).isEqualTo("梅园小区");
    }

    private static String square(double east, double north, double side) {
        return "[[[" + east + "," + north + "],[" + (east + side) + "," + north + "],[" + (east + side) + ","
                + (north + side) + "],[" + east + "," + (north + side) + "],[" + east + "," + north + "]]]";
    }

    private static String feature(String code, String name, String coordinates) {
        return "{\"type\":\"Feature\",\"properties\":{\"小区编码\":\"" + code + "\",\"XQMC\":\"" + name
                + "\",\"HS\":120},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + coordinates + "}}";
    }

    @Test
    void a_geojson_of_boundaries_imports_them_and_warns_of_overlaps() throws Exception {
        String collection = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("J1", "甲", square(630000, 3560000, 100))
                + "," + feature("J2", "乙", square(630050, 3560000, 100)) + "]}";
        HttpResponse<String> response = raw("?crs=EPSG:4548", "application/geo+json",
                collection.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = TestServer.parse(response.body());
        assertThat(report.path("summary").path("added").asInt()).isEqualTo(2);
        JsonNode warning = report.path("warnings").get(0);
        assertThat(warning.path("row").asInt()).isEqualTo(2);
        assertThat(warning.path("compound").asText()).isEqualTo("J1");
        assertThat(warning.path("overlap_m2").asDouble()).isBetween(4900.0, 5100.0);
        assertThat(count("SELECT round(ST_Area(geom)) FROM compound WHERE code = 'J1' AND valid_to IS NULL"))
                .isEqualTo(10000);
        assertThat(server.getJson("/api/compounds/J2").path("households").asInt()).isEqualTo(120);
    }

    @Test
    void an_invalid_polygon_is_a_row_error_with_the_reason_postgis_gives() throws Exception {
        String bowTie = "[[[640000,3560000],[640100,3560100],[640100,3560000],[640000,3560100],[640000,3560000]]]";
        String collection = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("V1", "好", square(641000, 3560000, 50))
                + "," + feature("V2", "坏", bowTie) + "]}";
        HttpResponse<String> response = raw("?crs=EPSG:4548", "application/geo+json",
                collection.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode error = TestServer.parse(response.body()).path("errors").get(0);
        assertThat(error.path("row").asInt()).isEqualTo(2);
        assertThat(error.path("field").asText()).isEqualTo("boundary");
        assertThat(error.path("description").asText()).contains("Self-intersection");
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'V%'")).isZero();
    }

    private static String wkt(double east, double north, double side) {
        return "\"POLYGON((" + east + " " + north + ", " + (east + side) + " " + north + ", " + (east + side) + " "
                + (north + side) + ", " + east + " " + (north + side) + ", " + east + " " + north + "))\"";
    }

    /**
     * New codes are written together (CompoundStore.createAllIn) between the rows of registered codes, yet the report
     * reads as if every row had been written after the one before: in file order, each boundary measured against the
     * register with the earlier rows in (a changed boundary included), each bad row refused on its own.
     */
    @Test
    void new_and_registered_codes_mixed_are_reported_in_file_order_as_if_written_one_after_the_other() throws Exception {
        String header = "code,name,renovation_status,planned_on,started_on,wkt\n";
        assertThat(csv("?crs=EPSG:4548", header + "X1,旧苑,planned,,," + wkt(670000, 3560000, 100) + "\n").statusCode())
                .isEqualTo(200);
        String bowTie = "\"POLYGON((670600 3560000, 670700 3560100, 670700 3560000, 670600 3560100, 670600 3560000))\"";
        String good = "X2,乙苑,planned,,," + wkt(670200, 3560000, 100) + "\n"     // no overlap
                + "X1,旧苑,designed,,," + wkt(670250, 3560000, 100) + "\n"        // moved: over X2 by 50 m x 100 m
                + "X3,丙苑,planned,,," + wkt(670280, 3560000, 100) + "\n"         // over X1 (70 m) and X2 (20 m)
                + "X4,丁苑,planned,,,\n";                                         // no boundary yet
        String bad = "X5,戊苑,planned,,," + bowTie + "\n"
                + "X6,己苑,in_construction,2020-05-01,2020-03-01," + wkt(670900, 3560000, 50) + "\n";

        JsonNode dry = TestServer.parse(csv("?dry_run=true&crs=EPSG:4548", header + good + bad).body());
        List<String> results = new ArrayList<>();
        dry.path("rows").forEach(r -> results.add(r.path("row").asInt() + " " + r.path("code").asText() + " "
                + r.path("result").asText()));
        assertThat(results).containsExactly("2 X2 added", "3 X1 changed", "4 X3 added", "5 X4 added", "6 X5 error",
                "7 X6 error");
        assertThat(dry.path("errors").get(0).path("field").asText()).isEqualTo("boundary");
        assertThat(dry.path("errors").get(0).path("description").asText()).contains("Self-intersection");
        assertThat(dry.path("errors").get(1).path("field").asText()).isEqualTo("started_on");
        assertOverlaps(dry);
        assertThat(count("SELECT count(*) FROM compound WHERE code IN ('X2', 'X3', 'X4', 'X5', 'X6')")).isZero();

        HttpResponse<String> commit = csv("?crs=EPSG:4548", header + good);
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        JsonNode report = TestServer.parse(commit.body());
        assertThat(report.path("summary").path("added").asInt()).isEqualTo(3);
        assertThat(report.path("summary").path("changed").asInt()).isEqualTo(1);
        assertOverlaps(report);
        assertThat(count("SELECT count(*) FROM compound WHERE code IN ('X2', 'X3', 'X4') AND valid_to IS NULL"
                + " AND changed_via = 'import' AND source_id = code")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'X4' AND geom IS NULL")).isEqualTo(1);
        assertThat(count("SELECT round(ST_Area(geom)) FROM compound WHERE code = 'X3' AND valid_to IS NULL")).isEqualTo(10000);
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'X1'")).isEqualTo(2);
    }

    private static void assertOverlaps(JsonNode report) {
        List<String> overlaps = new ArrayList<>();
        report.path("warnings").forEach(w -> overlaps.add(w.path("row").asInt() + " " + w.path("compound_code").asText()
                + " over " + w.path("compound").asText() + " " + Math.round(w.path("overlap_m2").asDouble() / 100) * 100));
        assertThat(overlaps).containsExactly("3 X1 over X2 5000", "4 X3 over X1 7000", "4 X3 over X2 2000");
    }

    @Test
    void wkt_boundaries_need_their_crs_and_are_read_easting_first() throws Exception {
        String file = "code,name,wkt\nW1,西苑,\"POLYGON((650000 3560000, 650080 3560000, 650080 3560080, 650000 3560080,"
                + " 650000 3560000))\"\n";
        HttpResponse<String> without = csv("", file);
        assertThat(without.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(without.body()).path("description").asText()).contains("crs=");
        HttpResponse<String> with = csv("?crs=EPSG:4548", file);
        assertThat(with.statusCode()).as(with.body()).isEqualTo(200);
        assertThat(count("SELECT round(ST_Area(geom)) FROM compound WHERE code = 'W1' AND valid_to IS NULL"))
                .isEqualTo(6400);
        HttpResponse<String> ewkt = csv("", "code,name,wkt\nW3,东苑,\"SRID=4548;POLYGON((650200 3560000, 650250 3560000,"
                + " 650250 3560050, 650200 3560050, 650200 3560000))\"\n");
        assertThat(ewkt.statusCode()).as(ewkt.body()).isEqualTo(200);
        assertThat(count("SELECT round(ST_Area(geom)) FROM compound WHERE code = 'W3' AND valid_to IS NULL"))
                .isEqualTo(2500);
        HttpResponse<String> mixed = csv("?crs=EPSG:4490", "code,name,wkt\nW4,南苑,\"SRID=4548;POLYGON((650300 3560000,"
                + " 650350 3560000, 650350 3560050, 650300 3560050, 650300 3560000))\"\n");
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(mixed.body()).contains("SRID=4548");
        HttpResponse<String> line = csv("?crs=EPSG:4548", "code,name,wkt\nW2,线,\"LINESTRING(650000 3560000, 650080 3560000)\"\n");
        assertThat(line.statusCode()).isEqualTo(422);
        assertThat(TestServer.parse(line.body()).path("errors").get(0).path("field").asText()).isEqualTo("boundary");
    }

    @Test
    void a_file_over_the_row_limit_or_with_a_nul_byte_is_refused_before_anything_is_written() throws Exception {
        int max = ImportColumns.get().limits().maxRows();
        StringBuilder big = new StringBuilder("code,name\n");
        for (int i = 0; i <= max; i++) {
            big.append('L').append(i).append(",n\n");
        }
        HttpResponse<String> tooMany = csv("", big.toString());
        assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(422);
        assertThat(tooMany.body()).contains("LimitExceeded").contains(String.valueOf(max));
        HttpResponse<String> nul = csv("", "code,name\nN1,a\u0000b\n");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).contains("NUL");
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'L%' OR code LIKE 'N%'")).isZero();
    }

    @Test
    void strict_numbers_and_unknown_formats_are_refused() throws Exception {
        HttpResponse<String> numbers = csv("", HEADER + "S1,甲,全椒县,,1990,\"1,200\",\n");
        assertThat(numbers.statusCode()).isEqualTo(422);
        assertThat(TestServer.parse(numbers.body()).path("errors").get(0).path("field").asText()).isEqualTo("households");
        HttpResponse<String> xlsx = multipart("", "register.xlsx", new byte[] {1, 2, 3});
        assertThat(xlsx.statusCode()).isEqualTo(400);
        assertThat(xlsx.body()).contains("XLSX");
    }
}
