package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A register as a zipped shapefile, written by GDAL's ogr2ogr (the reference writer and reader) and imported against
 * real PostGIS: GBK and UTF-8 .dbf files with Chinese field names cut to 10 bytes, the CRS from an ESRI .prj
 * (EPSG:4548), renovation items by their short .dbf names, and the bad inputs, none of which writes anything.
 * Each test uses its own code prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompoundImportShapefileTest {
    private static final String PATH = "/api/compounds/import";
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("compound_import_shp_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // --- files -------------------------------------------------------------------------------------------------

    /** ogr2ogr's shapefile of a GeoJSON FeatureCollection (EPSG:4548, easting first) in a fresh folder. */
    private Path shapefile(String layer, String encoding, String srs, String geojson) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("shp-" + System.nanoTime()));
        Path in = dir.resolve("in-" + System.nanoTime() + ".json");
        Files.writeString(in, geojson);
        run("ogr2ogr", "-f", "ESRI Shapefile", "-a_srs", srs, "-lco", "ENCODING=" + encoding,
                folder.resolve(layer + ".shp").toString(), in.toString());
        return folder;
    }

    /** The folder's files zipped, entry names in GBK as Chinese Windows writes them. */
    private static byte[] zip(Path folder) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, Charset.forName("GB18030")); var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String feature(String properties, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
    }

    private static String square(double x, double y, double side) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + x + "," + y + "],[" + (x + side) + "," + y + "],["
                + (x + side) + "," + (y + side) + "],[" + x + "," + (y + side) + "],[" + x + "," + y + "]]]}";
    }

    /** A register record in the pinyin-initial and Chinese dialects of a city's shapefile. */
    private static String record(String code, String name, int year, int households, double x) {
        return feature("{\"小区编码\":\"" + code + "\",\"小区名称\":\"" + name + "\",\"建成年代\":" + year + ",\"户数\":"
                + households + ",\"占地面积\":" + 10000.0 + ",\"中央补助资金\":12.5,\"改造状态\":\"已完工\","
                + "\"YSGD_JH\":1200,\"YSGD_WC\":800.5}", square(x, 3560000, 100));
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

    // --- tests -------------------------------------------------------------------------------------------------

    @Test
    void a_gbk_shapefile_with_chinese_fields_is_imported_as_gdal_reads_it() throws Exception {
        Path folder = shapefile("小区台账", "CP936", "EPSG:4548",
                collection(record("SG1", "幸福小区", 1995, 320, 630000), record("SG2", "和平小区", 1988, 150, 630200)));
        HttpResponse<String> response = upload("", "台账.zip", zip(folder));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = TestServer.parse(response.body());
        assertThat(report.path("format").asText()).isEqualTo("shapefile");
        assertThat(report.path("encoding").asText()).isEqualTo("GBK");
        assertThat(report.path("crs").asText()).isEqualTo("EPSG:4548");
        assertThat(report.path("crs_from_file").asText()).contains("4548");
        assertThat(report.path("summary").path("added").asInt()).isEqualTo(2);
        assertThat(report.path("rows").get(1).path("row").asInt()).isEqualTo(2);

        // the .dbf field names as GDAL reads them are the columns the import used (中央补助资金 is cut to 中央补助资)
        String ogr = run("ogrinfo", "-so", "-oo", "ENCODING=CP936", folder.resolve("小区台账.shp").toString(), "小区台账");
        JsonNode columns = report.path("columns");
        assertThat(columns.path("funding_central_10k_yuan").asText()).isEqualTo("中央补助资");
        for (String field : List.of("code", "name", "built_year", "households", "site_area_m2", "funding_central_10k_yuan",
                "renovation_status", "items.rain_pipe_m.planned_quantity", "items.rain_pipe_m.done_quantity")) {
            assertThat(ogr).contains(columns.path(field).asText() + ":");
        }

        JsonNode one = server.getJson("/api/compounds/SG1");
        assertThat(one.path("name").asText()).isEqualTo("幸福小区");
        assertThat(one.path("built_year").asInt()).isEqualTo(1995);
        assertThat(one.path("households").asInt()).isEqualTo(320);
        assertThat(one.path("funding_central_10k_yuan").asDouble()).isEqualTo(12.5);
        assertThat(one.path("renovation_status").asText()).isEqualTo("completed");
        assertThat(one.path("items").path("rain_pipe_m").path("planned_quantity").asDouble()).isEqualTo(1200.0);
        assertThat(one.path("items").path("rain_pipe_m").path("done_quantity").asDouble()).isEqualTo(800.5);
        assertThat(count("SELECT round(ST_Area(geom)) FROM compound WHERE code = 'SG2' AND valid_to IS NULL"))
                .isEqualTo(10000);
        // the boundary lies where GDAL puts it: its centroid back in EPSG:4548
        assertThat(count("SELECT round(ST_X(ST_Centroid(ST_Transform(geom, 4548)))) FROM compound WHERE code = 'SG2'"
                + " AND valid_to IS NULL")).isEqualTo(630250);
    }

    @Test
    void a_utf8_shapefile_matches_chinese_names_cut_inside_their_last_character() throws Exception {
        Path folder = shapefile("register", "UTF-8", "EPSG:4548",
                collection(record("SU1", "东苑", 2001, 88, 631000)));
        HttpResponse<String> response = upload("", "register.zip", zip(folder));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = TestServer.parse(response.body());
        assertThat(report.path("encoding").asText()).isEqualTo("UTF-8");
        assertThat(report.path("columns").path("code").asText()).isEqualTo("小区编");
        assertThat(report.path("columns").path("built_year").asText()).isEqualTo("建成年");
        JsonNode one = server.getJson("/api/compounds/SU1");
        assertThat(one.path("name").asText()).isEqualTo("东苑");
        assertThat(one.path("built_year").asInt()).isEqualTo(2001);
        assertThat(one.path("funding_central_10k_yuan").asDouble()).isEqualTo(12.5);
    }

    @Test
    void a_staged_shapefile_import_commits_the_same_file() throws Exception {
        byte[] zip = zip(shapefile("xq", "CP936", "EPSG:4548", collection(record("SS1", "南苑", 1999, 60, 632000))));
        HttpResponse<String> dry = upload("?dry_run=true", "xq.zip", zip);
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        JsonNode staged = TestServer.parse(dry.body());
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'SS1'")).isZero();
        HttpResponse<String> commit = post(staged.path("commit").asText());
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        JsonNode report = TestServer.parse(commit.body());
        assertThat(report.path("committed").asBoolean()).isTrue();
        assertThat(report.path("file").asText()).isEqualTo("xq.zip");
        assertThat(report.path("crs").asText()).isEqualTo("EPSG:4548");
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'SS1' AND valid_to IS NULL")).isEqualTo(1);
    }

    @Test
    void a_prj_that_names_no_supported_crs_needs_crs() throws Exception {
        // Xian 1980 / 3-degree Gauss-Kruger CM 117E: a datum the server does not transform from a .prj
        Path folder = shapefile("xq", "CP936", "EPSG:2385", collection(record("SP1", "北苑", 1990, 40, 633000)));
        byte[] zip = zip(folder);
        HttpResponse<String> without = upload("", "xian80.zip", zip);
        assertThat(without.statusCode()).as(without.body()).isEqualTo(400);
        JsonNode refusal = TestServer.parse(without.body());
        assertThat(refusal.path("code").asText()).isEqualTo("CrsRequired");
        assertThat(refusal.path("description").asText()).contains("xq.prj").contains("crs=");
        Files.delete(folder.resolve("xq.prj"));
        HttpResponse<String> noPrj = upload("", "noprj.zip", zip(folder));
        assertThat(noPrj.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(noPrj.body()).path("description").asText()).contains("xq.shp has no .prj");
        assertThat(count("SELECT count(*) FROM compound WHERE code = 'SP1'")).isZero();
        HttpResponse<String> given = upload("?crs=EPSG:4548", "noprj.zip", zip(folder));
        assertThat(given.statusCode()).as(given.body()).isEqualTo(200);
        assertThat(TestServer.parse(given.body()).path("crs").asText()).isEqualTo("EPSG:4548");
    }

    @Test
    void a_zip_without_dbf_or_of_points_or_damaged_is_refused_naming_the_file() throws Exception {
        Path folder = shapefile("xq", "CP936", "EPSG:4548", collection(record("SB1", "西苑", 1990, 40, 634000)));
        Files.delete(folder.resolve("xq.dbf"));
        HttpResponse<String> noDbf = upload("", "nodbf.zip", zip(folder));
        assertThat(noDbf.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(noDbf.body()).path("description").asText()).contains("xq.shp has no .dbf");

        Path points = shapefile("xq", "CP936", "EPSG:4548", collection(feature("{\"小区编码\":\"SB2\",\"小区名称\":\"点\"}",
                "{\"type\":\"Point\",\"coordinates\":[634000,3560000]}")));
        HttpResponse<String> pointsZip = upload("", "points.zip", zip(points));
        assertThat(pointsZip.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(pointsZip.body()).path("description").asText()).contains("xq.shp holds POINT")
                .contains("Polygon");

        byte[] good = zip(shapefile("xq", "CP936", "EPSG:4548", collection(record("SB3", "好", 1990, 40, 634200))));
        HttpResponse<String> cut = upload("", "cut.zip", Arrays.copyOf(good, good.length / 2));
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(cut.body()).path("description").asText()).contains("cut.zip");
        HttpResponse<String> notZip = upload("", "notazip.zip", "code,name\nSB4,x\n".getBytes(StandardCharsets.UTF_8));
        assertThat(notZip.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(notZip.body()).path("description").asText()).contains("notazip.zip is not a zip");

        // a .shp cut short inside its record: that record's error, naming the file and record, its code from the .dbf
        Path damaged = shapefile("xq", "CP936", "EPSG:4548", collection(record("SB5", "坏", 1990, 40, 634400)));
        byte[] shp = Files.readAllBytes(damaged.resolve("xq.shp"));
        Files.write(damaged.resolve("xq.shp"), Arrays.copyOf(shp, shp.length - 20));
        HttpResponse<String> shortShp = upload("", "short.zip", zip(damaged));
        assertThat(shortShp.statusCode()).as(shortShp.body()).isEqualTo(422);
        JsonNode error = TestServer.parse(shortShp.body()).path("errors").get(0);
        assertThat(error.path("code").asText()).isEqualTo("SB5");
        assertThat(error.path("field").asText()).isEqualTo("boundary");
        assertThat(error.path("description").asText()).contains("xq.shp record 1").contains("truncated");
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'SB%'")).isZero();
    }

    @Test
    void a_shapefile_over_the_row_limit_is_refused_while_read() throws Exception {
        int max = ImportColumns.get().limits().maxRows();
        String[] features = new String[max + 1];
        for (int i = 0; i <= max; i++) {
            features[i] = feature("{\"XQBM\":\"SL" + i + "\",\"XQMC\":\"n\"}", square(638000 + 10 * (i % 100),
                    3560000 + 10 * (i / 100), 5));
        }
        HttpResponse<String> response = upload("", "many.zip", zip(shapefile("xq", "CP936", "EPSG:4548",
                collection(features))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(TestServer.parse(response.body()).path("description").asText()).contains("xq.dbf")
                .contains(String.valueOf(max));
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'SL%'")).isZero();
    }

    @Test
    void a_zip_of_two_layers_or_one_escaping_its_folder_is_refused() throws Exception {
        Path folder = shapefile("xq", "CP936", "EPSG:4548", collection(record("SZ1", "一", 1990, 40, 637000)));
        Path other = shapefile("gx", "CP936", "EPSG:4548", collection(record("SZ2", "二", 1990, 40, 637200)));
        try (var files = Files.list(other)) {
            for (Path f : files.toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        HttpResponse<String> two = upload("", "two.zip", zip(folder));
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(two.body()).path("description").asText()).contains("2 shapefiles").contains("gx.shp")
                .contains("xq.shp");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("../../escape.shp"));
            zip.write(Files.readAllBytes(folder.resolve("xq.shp")));
            zip.closeEntry();
        }
        HttpResponse<String> slip = upload("", "slip.zip", out.toByteArray());
        assertThat(slip.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(slip.body()).path("description").asText()).contains("slip.zip");
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'SZ%'")).isZero();
    }

    @Test
    void an_invalid_polygon_or_a_repeated_code_is_an_error_of_its_record_and_nothing_is_written() throws Exception {
        // lobes of unequal size: the reader takes the ring, PostGIS finds it crossing itself
        String figureEight = "{\"type\":\"Polygon\",\"coordinates\":[[[635000,3560000],[635300,3560100],[635300,3560000],"
                + "[635000,3560200],[635000,3560000]]]}";
        // lobes of one size: no area at all, which the shapefile reader itself refuses for this record
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[636000,3560000],[636100,3560100],[636100,3560000],"
                + "[636000,3560100],[636000,3560000]]]}";
        Path folder = shapefile("xq", "CP936", "EPSG:4548", collection(record("SV1", "好", 1990, 40, 635200),
                feature("{\"小区编码\":\"SV2\",\"小区名称\":\"坏\"}", figureEight), record("SV1", "又", 1991, 41, 635400),
                feature("{\"小区编码\":\"SV3\",\"小区名称\":\"数\",\"户数\":-3}", square(635600, 3560000, 50)),
                feature("{\"小区编码\":\"SV4\",\"小区名称\":\"零\"}", bowTie)));
        HttpResponse<String> response = upload("", "bad.zip", zip(folder));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode errors = TestServer.parse(response.body()).path("errors");
        assertThat(errors.get(0).path("row").asInt()).isEqualTo(2);
        assertThat(errors.get(0).path("field").asText()).isEqualTo("boundary");
        assertThat(errors.get(0).path("description").asText()).contains("Self-intersection");
        assertThat(errors.get(1).path("row").asInt()).isEqualTo(3);
        assertThat(errors.get(1).path("error").asText()).isEqualTo("DuplicateCode");
        assertThat(errors.get(2).path("row").asInt()).isEqualTo(4);
        assertThat(errors.get(2).path("field").asText()).isEqualTo("households");
        assertThat(errors.get(2).path("column").asText()).isEqualTo("户数");
        assertThat(errors.get(3).path("row").asInt()).isEqualTo(5);
        assertThat(errors.get(3).path("code").asText()).isEqualTo("SV4");
        assertThat(errors.get(3).path("field").asText()).isEqualTo("boundary");
        assertThat(errors.get(3).path("description").asText()).contains("xq.shp record 5").contains("zero area");
        assertThat(TestServer.parse(response.body()).path("file").asText()).isEqualTo("bad.zip");
        assertThat(count("SELECT count(*) FROM compound WHERE code LIKE 'SV%'")).isZero();
    }
}
