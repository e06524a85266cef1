package cn.compoundgis.survey.shapefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Our reader against GDAL's on files GDAL wrote: the same count, every geometry to 1 mm, every attribute.
 */
class ShapefileReaderTest {
    @TempDir
    Path dir;

    private static final String PIPES = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"起点点号":"YS1","终点点号":"YS2","管径":"DN400","起点埋深":1.25,"材质":"混凝土","条数":3,"测量日期":"2024-03-15"},
             "geometry":{"type":"LineString","coordinates":[[619010.123,3552010.456],[619050.5,3552010.25]]}},
            {"type":"Feature","properties":{"起点点号":"WS7","终点点号":"WS8","管径":"Φ300","起点埋深":null,"材质":"","条数":null,"测量日期":null},
             "geometry":{"type":"MultiLineString","coordinates":[[[619010,3552020],[619050,3552020]],[[619060,3552020],[619070.001,3552030.002]]]}},
            {"type":"Feature","properties":{"起点点号":"JS1","终点点号":"JS2","管径":"400×300","起点埋深":0.8,"材质":"球墨铸铁","条数":1,"测量日期":"2023-12-31"},
             "geometry":{"type":"LineString","coordinates":[[619000,3552000],[619001,3552001],[619002.5,3552000.25]]}}]}
            """;

    private static final String POINTS_Z = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"WTDH":"YS1","TZ":"","FSW":"检修井","DMGC":22.35},"geometry":{"type":"Point","coordinates":[619010.001,3552010.002,22.35]}},
            {"type":"Feature","properties":{"WTDH":"JS3","TZ":"三通","FSW":"","DMGC":21.9},"geometry":{"type":"Point","coordinates":[619020,3552030,21.9]}}]}
            """;

    private static final String POLYGONS = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"名称":"测试小区","户数":120},"geometry":{"type":"Polygon","coordinates":[
              [[619000,3552000],[619100,3552000],[619100,3552100],[619000,3552100],[619000,3552000]],
              [[619040,3552040],[619040,3552060],[619060,3552060],[619060,3552040],[619040,3552040]]]}},
            {"type":"Feature","properties":{"名称":"两块地","户数":80},"geometry":{"type":"MultiPolygon","coordinates":[
              [[[620000,3552000],[620010,3552000],[620010,3552010],[620000,3552010],[620000,3552000]]],
              [[[620020,3552000],[620030,3552000],[620030,3552010],[620020,3552010],[620020,3552000]]]]}}]}
            """;

    @Test
    void linesWithMultipartInGbkWithCpgMatchGdal() throws Exception {
        Path shp = write("pipes", PIPES, "-lco", "ENCODING=CP936");
        assertThat(Files.readString(dir.resolve("pipes.cpg")).strip()).isEqualTo("CP936");
        List<ShapeRecord> records = assertSameAsGdal(shp);
        assertThat(records.get(0).attributes()).containsEntry("材质", "混凝土").containsEntry("条数", 3L);
        assertThat(records.get(0).attributes().get("测量日期")).isEqualTo(LocalDate.of(2024, 3, 15));
        assertThat(records.get(1).geometry().getGeometryType()).isEqualTo("MultiLineString");
        try (Shapefile s = Shapefile.open(ShapefileSet.findAll(dir).get(0), Optional.empty())) {
            assertThat(s.encoding().name()).isEqualTo("GBK");
            assertThat(s.encoding().how()).contains(".cpg");
        }
    }

    @Test
    void gbkWithOnlyTheLanguageDriverByteMatchesGdal() throws Exception {
        Path shp = write("pipes", PIPES, "-lco", "ENCODING=CP936");
        Files.delete(dir.resolve("pipes.cpg"));
        try (RandomAccessFile dbf = new RandomAccessFile(dir.resolve("pipes.dbf").toFile(), "rw")) {
            dbf.seek(29);
            dbf.write(0x4D);
        }
        assertSameAsGdal(shp);
        try (Shapefile s = Shapefile.open(ShapefileSet.findAll(dir).get(0), Optional.empty())) {
            assertThat(s.encoding().how()).contains("0x4D");
        }
    }

    @Test
    void gbkWithNoHintIsDetected() throws Exception {
        Path shp = write("pipes", PIPES, "-lco", "ENCODING=CP936");
        Files.delete(dir.resolve("pipes.cpg"));
        assertSameAsGdal(shp, "ENCODING=CP936");
        try (Shapefile s = Shapefile.open(ShapefileSet.findAll(dir).get(0), Optional.empty())) {
            assertThat(s.encoding().name()).isEqualTo("GBK");
            assertThat(s.encoding().how()).contains("not valid UTF-8");
        }
    }

    @Test
    void utf8WithAndWithoutCpgMatchesGdalAndCutFieldNamesKeepWhatDecodes() throws Exception {
        Path shp = write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        List<ShapeRecord> records = assertSameAsGdal(shp);
        // 起点点号 is 12 bytes in UTF-8: the DBF keeps 10, so the name ends in a broken byte we drop.
        assertThat(records.get(0).attributes()).containsEntry("起点点", "YS1");
        Files.delete(dir.resolve("pipes.cpg"));
        assertSameAsGdal(shp, "ENCODING=UTF-8");
        try (Shapefile s = Shapefile.open(ShapefileSet.findAll(dir).get(0), Optional.empty())) {
            assertThat(s.encoding().charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(s.encoding().how()).contains("valid UTF-8");
        }
    }

    @Test
    void pointsWithZMatchGdal() throws Exception {
        Path shp = write("points", POINTS_Z, "-lco", "ENCODING=UTF-8");
        List<ShapeRecord> records = assertSameAsGdal(shp);
        assertThat(records.get(0).geometry().getCoordinate().getZ()).isCloseTo(22.35, within(1e-9));
        try (Shapefile s = Shapefile.open(ShapefileSet.findAll(dir).get(0), Optional.empty())) {
            assertThat(s.shapeType()).isEqualTo(ShapeType.POINTZ);
        }
    }

    @Test
    void linesWithZMatchGdal() throws Exception {
        Path shp = write("pipes", PIPES, "-dim", "XYZ", "-lco", "ENCODING=UTF-8");
        List<ShapeRecord> records = assertSameAsGdal(shp);
        assertThat(records).hasSize(3);
    }

    @Test
    void polygonsWithHolesAndMultipartMatchGdal() throws Exception {
        Path shp = write("boundary", POLYGONS, "-lco", "ENCODING=UTF-8");
        List<ShapeRecord> records = assertSameAsGdal(shp);
        assertThat(records.get(0).geometry().getGeometryType()).isEqualTo("Polygon");
        assertThat(records.get(0).geometry().getArea()).isCloseTo(100 * 100 - 20 * 20, within(1e-6));
        assertThat(records.get(1).geometry().getGeometryType()).isEqualTo("MultiPolygon");
    }

    @Test
    void prjIsReadAsTextAndMayBeMissing() throws Exception {
        write("zone39", PIPES.replace("6190", "396190"), "-a_srs", "EPSG:4527", "-lco", "ENCODING=UTF-8");
        assertSameAsGdal(dir.resolve("zone39.shp"));
        try (Shapefile s = Shapefile.open(ShapefileSet.findAll(dir).get(0), Optional.empty())) {
            assertThat(s.prjText()).get().asString().contains("Zone_39");
        }
        Files.delete(dir.resolve("zone39.prj"));
        try (Shapefile s = Shapefile.open(ShapefileSet.findAll(dir).get(0), Optional.empty())) {
            assertThat(s.prjText()).isEmpty();
        }
    }

    @Test
    void aTruncatedShpNamesTheRecordThatIsCut() throws Exception {
        Path shp = write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        truncate(shp, Files.size(shp) - 10);
        Problems problems = readAll(dir);
        assertThat(problems.records).hasSize(2);
        assertThat(problems.errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("pipes.shp");
            assertThat(e.record()).isEqualTo(3);
            assertThat(e.getMessage()).contains("pipes.shp record 3");
        });
    }

    @Test
    void aTruncatedDbfNamesTheRecordThatIsCut() throws Exception {
        write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        Path dbf = dir.resolve("pipes.dbf");
        truncate(dbf, Files.size(dbf) - 30);
        Problems problems = readAll(dir);
        assertThat(problems.records).hasSize(2);
        assertThat(problems.errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("pipes.dbf");
            assertThat(e.record()).isEqualTo(3);
        });
    }

    @Test
    void aNumberThatIsNotANumberNamesRecordAndField() throws Exception {
        write("points", POINTS_Z, "-lco", "ENCODING=UTF-8");
        Path dbf = dir.resolve("points.dbf");
        byte[] bytes = Files.readAllBytes(dbf);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("21."); // DMGC of record 2, the last field of the file
        bytes[at] = 'x';
        Files.write(dbf, bytes);
        Problems problems = readAll(dir);
        assertThat(problems.records).hasSize(1);
        assertThat(problems.errors).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo(2);
            assertThat(e.getMessage()).contains("points.dbf record 2", "DMGC", "x1.", "number");
        });
    }

    @Test
    void aFileThatIsNotAShapefileIsRefusedWithItsName() throws Exception {
        Files.writeString(dir.resolve("junk.shp"), "this is not a shapefile at all, ".repeat(5));
        assertThatThrownBy(() -> Shapefile.open(ShapefileSet.findAll(dir).get(0), Optional.empty()))
                .isInstanceOf(ShapefileFormatException.class)
                .hasMessageContaining("junk.shp header").hasMessageContaining("not a shapefile");
        Files.writeString(dir.resolve("junk.shp"), "short");
        assertThatThrownBy(() -> Shapefile.open(ShapefileSet.findAll(dir).get(0), Optional.empty()))
                .hasMessageContaining("shorter than the 100-byte header");
    }

    // --- hostile headers and values (issue 10, points 6 and 7) -----------------------------

    @Test
    void aDbfHeaderClaimingMoreRecordsThanTheFileHoldsIsRefusedAtOnce() throws Exception {
        write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        putIntLe(dir.resolve("pipes.dbf"), 4, 1 << 30); // the record count
        assertThatThrownBy(this::open).isInstanceOf(ShapefileFormatException.class)
                .hasMessageContaining("pipes.dbf header field record count")
                .hasMessageContaining("1073741824 records");
    }

    @Test
    void aDbfThatLacksWholeRecordsIsRefusedButOneCutInsideItsLastRecordIsRead() throws Exception {
        write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        Path dbf = dir.resolve("pipes.dbf");
        int recordLength = Short.toUnsignedInt(java.nio.ByteBuffer.wrap(Files.readAllBytes(dbf), 10, 2)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort());
        truncate(dbf, Files.size(dbf) - 1 - recordLength - 5); // record 3 gone, record 2 cut
        assertThatThrownBy(this::open).hasMessageContaining("pipes.dbf header field record count");
    }

    @Test
    void aDbfWhoseFieldsDoNotFitItsRecordLengthIsRefused() throws Exception {
        write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        putShortLe(dir.resolve("pipes.dbf"), 10, 20); // record length
        assertThatThrownBy(this::open).hasMessageContaining("pipes.dbf header field record length");
    }

    @Test
    void shpAndDbfWithDifferentRecordCountsAreRefused() throws Exception {
        write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Path in = other.resolve("two.geojson");
        Files.writeString(in, """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"起点点号":"YS1"},"geometry":{"type":"LineString","coordinates":[[619010,3552010],[619050,3552010]]}},
                {"type":"Feature","properties":{"起点点号":"YS2"},"geometry":{"type":"LineString","coordinates":[[619050,3552010],[619090,3552010]]}}]}
                """);
        Gdal.writeShapefile(in, other.resolve("pipes.shp"), "-lco", "ENCODING=UTF-8");
        Files.copy(other.resolve("pipes.dbf"), dir.resolve("pipes.dbf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> Shapefile.open(ShapefileSet.findAll(dir).stream()
                .filter(s -> s.shp().getParent().equals(dir)).findFirst().orElseThrow(), Optional.empty()))
                .hasMessageContaining("pipes.dbf header field record count", "is 2 but pipes.shp has 3 records");
    }

    @Test
    void anIndexListingMoreRecordsThanTheShpCanHoldIsRefused() throws Exception {
        write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        Path shx = dir.resolve("pipes.shx");
        try (RandomAccessFile f = new RandomAccessFile(shx.toFile(), "rw")) {
            f.setLength(100 + 8L * 100_000);
        }
        assertThatThrownBy(this::open).hasMessageContaining("pipes.shx header field record count");
    }

    @Test
    void aRecordClaimingTwoBillionPointsOrABillionPartsIsOneRecordErrorNotAnOutOfMemoryError() throws Exception {
        Path shp = write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        putIntLe(shp, 100 + 8 + 40, Integer.MAX_VALUE); // record 1: numPoints
        putIntLe(shp, recordOffset(shp, 2) + 8 + 36, 1 << 30); // record 2: numParts
        putIntLe(shp, recordOffset(shp, 3) + 8 + 40, 1000); // record 3: more points than its content holds
        Problems problems = readAll(dir);
        assertThat(problems.records).isEmpty();
        assertThat(problems.errors).extracting(e -> e.record() + " " + e.field().orElse("?"))
                .containsExactly("1 numPoints", "2 numParts", "3 content length");
        assertThat(problems.errors.get(0).getMessage()).contains("pipes.shp record 1 field numPoints", "2147483647");
    }

    @Test
    void aRecordWhoseContentLengthRunsPastTheFileIsOneRecordError() throws Exception {
        Path shp = write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        putIntBe(shp, recordOffset(shp, 2) + 4, Integer.MAX_VALUE);
        Problems problems = readAll(dir);
        assertThat(problems.records).hasSize(2);
        assertThat(problems.errors).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo(2);
            assertThat(e.field()).contains("content length");
        });
    }

    @Test
    void withoutAnIndexRecordsAreCountedByTheirChainAndABrokenLinkIsRefused() throws Exception {
        Path shp = write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        int second = recordOffset(shp, 2);
        Files.delete(dir.resolve("pipes.shx"));
        assertThat(readAll(dir).records).hasSize(3);
        putIntBe(shp, second + 4, 1 << 30); // record 2 claims 2 GB: the chain ends there, at 2 records of the .dbf's 3
        assertThatThrownBy(this::open).hasMessageContaining("pipes.dbf header field record count", "is 3 but pipes.shp has 2");
    }

    @Test
    void nanInfiniteHugeAndZeroLengthCoordinatesRejectTheirRecord() throws Exception {
        Path shp = write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        putDoubleLe(shp, 100 + 8 + 48, Double.NaN); // record 1, point 1 x (one part: points at 44 + 4)
        putDoubleLe(shp, recordOffset(shp, 2) + 8 + 52 + 16 + 8, Double.POSITIVE_INFINITY); // record 2 (two parts), point 2 y
        int third = recordOffset(shp, 3) + 8 + 48;
        for (int i = 0; i < 3; i++) { // record 3: all three points the same
            putDoubleLe(shp, third + 16 * i, 619000);
            putDoubleLe(shp, third + 16 * i + 8, 3552000);
        }
        Problems problems = readAll(dir);
        assertThat(problems.records).isEmpty();
        assertThat(problems.errors).extracting(e -> e.record() + " " + e.field().orElse("?"))
                .containsExactly("1 point 1 x", "2 point 2 y", "3 part 1");
        assertThat(problems.errors.get(2).getMessage()).contains("zero length");

        putDoubleLe(shp, third, 1e308);
        assertThat(readAll(dir).errors.get(2).getMessage()).contains("record 3 field point 1 x", "1.0E308");
    }

    @Test
    void aHeaderBoundingBoxThatIsNotFiniteIsRefused() throws Exception {
        Path shp = write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        putDoubleLe(shp, 52, Double.NaN); // Xmax
        assertThatThrownBy(this::open).hasMessageContaining("pipes.shp header field bounding box Xmax", "NaN");
        putDoubleLe(shp, 52, 1e308);
        assertThatThrownBy(this::open).hasMessageContaining("bounding box Xmax");
    }

    @Test
    void nulPaddedTextIsStrippedAndAnInnerNulRejectsTheRecordNamingTheField() throws Exception {
        write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
        Path dbf = dir.resolve("pipes.dbf");
        byte[] bytes = Files.readAllBytes(dbf);
        int ys1 = indexOf(bytes, "YS1", 0);
        for (int i = ys1 + 3; bytes[i] == ' '; i++) {
            bytes[i] = 0; // NUL padding, as many writers do
        }
        int ws7 = indexOf(bytes, "WS7", 0);
        bytes[ws7 + 1] = 0; // W\0 7: a NUL inside the value
        Files.write(dbf, bytes);
        Problems problems = readAll(dir);
        assertThat(problems.records).hasSize(2);
        assertThat(problems.records.get(0).attributes()).containsEntry("起点点", "YS1");
        assertThat(problems.errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("pipes.dbf");
            assertThat(e.record()).isEqualTo(2);
            assertThat(e.field()).contains("起点点");
            assertThat(e.getMessage()).contains("NUL");
        });
    }

    @Test
    void numbersThatJavaButNoSurveyorWouldReadAreFieldErrors() throws Exception {
        for (String notANumber : List.of("0x1p3", "400d", "NaN", "Infinity", "1e999", "--1")) {
            write("points", POINTS_Z, "-lco", "ENCODING=UTF-8");
            Path dbf = dir.resolve("points.dbf");
            byte[] bytes = Files.readAllBytes(dbf);
            int start = indexOf(bytes, "22.35", 0);
            putRightAligned(bytes, start, endOfNumber(bytes, start), notANumber);
            Files.write(dbf, bytes);
            Problems problems = readAll(dir);
            assertThat(problems.records).as(notANumber).hasSize(1);
            assertThat(problems.errors).as(notANumber).singleElement().satisfies(e -> {
                assertThat(e.record()).isEqualTo(1);
                assertThat(e.field()).contains("DMGC");
                assertThat(e.getMessage()).contains("'" + notANumber + "'", "not a valid number");
            });
        }
    }

    @Test
    void datesOutsideSaneYearsOrNotInDigitsAreFieldErrors() throws Exception {
        for (String notADate : List.of("99991231", "+9991231", "20241301", "2024-3-1")) {
            write("pipes", PIPES, "-lco", "ENCODING=UTF-8");
            Path dbf = dir.resolve("pipes.dbf");
            byte[] bytes = Files.readAllBytes(dbf);
            byte[] date = notADate.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(date, 0, bytes, indexOf(bytes, "20240315", 0), 8);
            Files.write(dbf, bytes);
            Problems problems = readAll(dir);
            assertThat(problems.errors).as(notADate).singleElement().satisfies(e -> {
                assertThat(e.record()).isEqualTo(1);
                assertThat(e.field()).contains("测量日");
                assertThat(e.getMessage()).contains("not a valid date");
            });
        }
    }

    // --- helpers ---------------------------------------------------------------------------

    private Path write(String layer, String geojson, String... options) throws Exception {
        Path in = dir.resolve(layer + ".geojson");
        Files.writeString(in, geojson);
        Path shp = dir.resolve(layer + ".shp");
        Gdal.writeShapefile(in, shp, options);
        Files.delete(in);
        return shp;
    }

    private void open() throws Exception {
        Shapefile.open(ShapefileSet.findAll(dir).get(0), Optional.empty()).close();
    }

    /** Byte offset of record {@code number} (1-based) in the .shp, from the .shx. */
    private static int recordOffset(Path shp, int number) throws Exception {
        byte[] shx = Files.readAllBytes(shp.resolveSibling(shp.getFileName().toString().replace(".shp", ".shx")));
        return 2 * java.nio.ByteBuffer.wrap(shx).getInt(100 + 8 * (number - 1));
    }

    private static void putIntLe(Path file, long at, int value) throws Exception {
        put(file, at, java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private static void putIntBe(Path file, long at, int value) throws Exception {
        put(file, at, java.nio.ByteBuffer.allocate(4).putInt(value).array());
    }

    private static void putShortLe(Path file, long at, int value) throws Exception {
        put(file, at, java.nio.ByteBuffer.allocate(2).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
    }

    private static void putDoubleLe(Path file, long at, double value) throws Exception {
        put(file, at, java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(value).array());
    }

    private static void put(Path file, long at, byte[] bytes) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(bytes);
        }
    }

    private static int indexOf(byte[] bytes, String text, int from) {
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(text, from);
        assertThat(at).as(text).isNotNegative();
        return at;
    }

    private static int endOfNumber(byte[] bytes, int start) {
        int end = start;
        while (Character.isDigit(bytes[end]) || bytes[end] == '.') {
            end++;
        }
        return end;
    }

    /** Writes {@code text} over the number at start..end, right-aligned as a numeric field is. */
    private static void putRightAligned(byte[] bytes, int start, int end, String text) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = start; i < end; i++) {
            bytes[i] = ' ';
        }
        System.arraycopy(t, 0, bytes, end - t.length, t.length);
    }

    private static void truncate(Path file, long size) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    private record Problems(List<ShapeRecord> records, List<ShapefileFormatException> errors) {
    }

    private static Problems readAll(Path dir) throws Exception {
        Problems p = new Problems(new ArrayList<>(), new ArrayList<>());
        try (Shapefile s = Shapefile.open(ShapefileSet.findAll(dir).get(0), Optional.empty())) {
            s.read(new Shapefile.Visitor() {
                @Override
                public void record(ShapeRecord record) {
                    p.records.add(record);
                }

                @Override
                public void problem(ShapefileFormatException problem) {
                    p.errors.add(problem);
                }
            });
        }
        return p;
    }

    /** Reads {@code shp} with our reader and with GDAL and compares count, geometry (1 mm) and attributes. */
    private List<ShapeRecord> assertSameAsGdal(Path shp, String... gdalOpenOptions) throws Exception {
        Problems ours = readAll(shp.getParent());
        assertThat(ours.errors).isEmpty();
        JsonNode reference = Gdal.read(shp, gdalOpenOptions).get("features");
        assertThat(ours.records).hasSize(reference.size());
        for (int i = 0; i < reference.size(); i++) {
            ShapeRecord record = ours.records.get(i);
            JsonNode expected = reference.get(i);
            assertSameGeometry(record.geometry(), expected.get("geometry"), record.number());
            assertSameAttributes(record.attributes(), expected.get("properties"), record.number());
        }
        return ours.records;
    }

    private static void assertSameGeometry(Geometry ours, JsonNode gdal, int number) {
        assertThat(ours.getGeometryType()).as("record %d type", number).isEqualTo(gdal.get("type").asText());
        List<double[]> expected = new ArrayList<>();
        flatten(gdal.get("coordinates"), expected);
        Coordinate[] actual = ours.getCoordinates();
        assertThat(actual).as("record %d vertices", number).hasSize(expected.size());
        for (int i = 0; i < actual.length; i++) {
            double[] e = expected.get(i);
            assertThat(actual[i].getX()).as("record %d vertex %d x", number, i).isCloseTo(e[0], within(0.001));
            assertThat(actual[i].getY()).as("record %d vertex %d y", number, i).isCloseTo(e[1], within(0.001));
            if (e.length > 2) {
                assertThat(actual[i].getZ()).as("record %d vertex %d z", number, i).isCloseTo(e[2], within(0.001));
            } else {
                assertThat(actual[i].getZ()).as("record %d vertex %d has no z", number, i).isNaN();
            }
        }
    }

    private static void flatten(JsonNode coords, List<double[]> out) {
        if (coords.get(0).isNumber()) {
            double[] c = new double[coords.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = coords.get(i).asDouble();
            }
            out.add(c);
            return;
        }
        coords.forEach(c -> flatten(c, out));
    }

    private static void assertSameAttributes(Map<String, Object> ours, JsonNode gdal, int number) {
        assertThat(ours).as("record %d fields", number).hasSize(gdal.size());
        Iterator<Map.Entry<String, JsonNode>> fields = gdal.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey().replace("\uFFFD", ""); // GDAL keeps the broken byte of a cut UTF-8 name
            assertThat(ours).as("record %d", number).containsKey(name);
            Object value = ours.get(name);
            JsonNode expected = field.getValue();
            String what = "record " + number + " field " + name;
            if (expected.isNull()) {
                assertThat(value).as(what).isNull();
            } else if (expected.isIntegralNumber()) {
                assertThat(value).as(what).isEqualTo(expected.asLong());
            } else if (expected.isNumber()) {
                assertThat((Double) value).as(what).isCloseTo(expected.asDouble(), within(1e-9));
            } else if (value instanceof LocalDate date) {
                assertThat(date.toString()).as(what).isEqualTo(expected.asText().replace('/', '-'));
            } else {
                assertThat(value).as(what).isEqualTo(expected.asText());
            }
        }
    }
}
