package cn.compoundgis.survey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance fuzz of issue 10: a few hundred zips made from valid shapefiles by flipping bytes,
 * truncating, enlarging header counts, writing NaN and 1e308 into coordinates, nasty bytes into DBF text,
 * swapping and dropping files, posted to the real {@code POST /api/surveys}. Never a 5xx, never an answer
 * slower than 5 s, the heap bounded, and nothing reaches the feature tables (every staged upload is
 * discarded). The seed is fixed: a failure is reproduced by running the test again; failing zips are
 * kept under target/fuzz-failures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyUploadFuzzTest {
    /** Fixed, so that every run posts the same zips; -Dfuzz.seed=N -Dfuzz.uploads=M explore further. */
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_002L);
    private static final int UPLOADS = Integer.getInteger("fuzz.uploads", 300);
    private static final long MAX_ANSWER_MS = 5_000;
    private static final long MAX_HEAP_AFTER_GC_BYTES = 512L * 1024 * 1024;
    private static final Charset GBK = Charset.forName("GB18030");
    private static final List<String> FEATURE_TABLES = List.of("compound", "building", "pipe", "pipe_point",
            "fire_lane", "obstacle", "parking_stall");
    private static final List<String> STAGED_TABLES = FEATURE_TABLES.stream().map(t -> "staged_" + t).toList();

    private static final String PIPES = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"起点点号":"YS1","终点点号":"YS2","管径":"DN500","材质":"钢筋混凝土","起点埋深":1.5,"终点埋深":1.65,"起点高程":20.5,"终点高程":20.35,"建设年代":1998,"测量日期":"2024-03-15"},
             "geometry":{"type":"LineString","coordinates":[[619010,3552010],[619050,3552010]]}},
            {"type":"Feature","properties":{"起点点号":"YS2","终点点号":"YS3","管径":"400×300","材质":"PE","起点埋深":1.7,"终点埋深":1.8,"起点高程":20.3,"终点高程":20.2,"建设年代":2005,"测量日期":"2024-03-16"},
             "geometry":{"type":"MultiLineString","coordinates":[[[619050,3552010],[619070,3552010]],[[619070,3552010],[619090,3552012]]]}},
            {"type":"Feature","properties":{"起点点号":"YS3","终点点号":"YS4","管径":"Φ600","材质":"混凝土","起点埋深":1.9,"终点埋深":1.9,"起点高程":20.2,"终点高程":20.1,"建设年代":2010,"测量日期":"2024-03-17"},
             "geometry":{"type":"LineString","coordinates":[[619090,3552012],[619092,3552030],[619095,3552040]]}}]}
            """;
    private static final String POINTS = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"WTDH":"YS1","TZ":"","FSW":"检修井","DMGC":22.0,"JS":1.5,"X":3552010.0,"Y":619010.0},"geometry":{"type":"Point","coordinates":[619010,3552010,22.0]}},
            {"type":"Feature","properties":{"WTDH":"YS2","TZ":"三通","FSW":"","DMGC":22.0,"JS":1.65,"X":3552010.0,"Y":619050.0},"geometry":{"type":"Point","coordinates":[619050,3552010,22.0]}},
            {"type":"Feature","properties":{"WTDH":"YS3","TZ":"","FSW":"检修井","DMGC":22.3,"JS":1.8,"X":3552012.0,"Y":619090.0},"geometry":{"type":"Point","coordinates":[619090,3552012,22.3]}}]}
            """;
    private static final String BUILDINGS = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"名称":"1号楼","层数":6,"电梯":"无"},"geometry":{"type":"Polygon","coordinates":[
              [[619000,3552000],[619030,3552000],[619030,3552012],[619000,3552012],[619000,3552000]],
              [[619010,3552004],[619010,3552008],[619014,3552008],[619014,3552004],[619010,3552004]]]}},
            {"type":"Feature","properties":{"名称":"2号楼","层数":5,"电梯":"有"},"geometry":{"type":"MultiPolygon","coordinates":[
              [[[619040,3552000],[619060,3552000],[619060,3552010],[619040,3552010],[619040,3552000]]],
              [[[619070,3552000],[619080,3552000],[619080,3552010],[619070,3552010],[619070,3552000]]]]}}]}
            """;

    private static final String OBSTACLES = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"编号":"Z1","类型":"违建","说明":"棚子","日期":"2024-03-15","状态":"未处理"},"geometry":{"type":"Point","coordinates":[619012,3552011]}},
            {"type":"Feature","properties":{"编号":"Z2","类型":"车辆","说明":"","日期":"2024/3/16","状态":"已处理"},"geometry":{"type":"Point","coordinates":[619022,3552011]}}]}
            """;
    private static final String FIRE_LANES = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"编号":"F1","名称":"主通道","净宽要求":4.0,"路面宽度":5.5},"geometry":{"type":"LineString","coordinates":[[619000,3552015],[619100,3552015]]}},
            {"type":"Feature","properties":{"编号":"F2","名称":"支路","净宽要求":4.0,"路面宽度":3.5},"geometry":{"type":"LineString","coordinates":[[619050,3552015],[619050,3552060],[619060,3552070]]}}]}
            """;

    private TestServer server;
    /** Each base layer's files by extension, as GDAL wrote them. */
    private final Map<String, Map<String, byte[]>> bases = new LinkedHashMap<>();

    @TempDir
    static Path dir;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("survey_upload_fuzz_test", "/features/fixture.sql", false);
        bases.put("雨水管线", write("雨水管线", PIPES));
        bases.put("污水管线", write("污水管线", PIPES.replace("YS", "WS").replace("]]", ",21.5]]").replace("],[", ",21.5],[")
                .replace("3552040]", "3552040,21.5]")));
        bases.put("雨水管点", write("雨水管点", POINTS));
        bases.put("建筑", write("建筑", BUILDINGS));
        bases.put("障碍物", write("障碍物", OBSTACLES, "-dim", "XYM"));
        bases.put("消防通道", write("消防通道", FIRE_LANES));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mutatedShapefilesNeverGetA5xxNorASlowAnswerNorReachTheFeatureTables() throws Exception {
        Map<String, Long> before = counts(FEATURE_TABLES);
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long maxMs = 0;
        long maxHeap = 0;
        for (int i = 0; i < UPLOADS; i++) {
            Upload upload = mutated(random);
            long started = System.nanoTime();
            HttpResponse<String> response = upload.post(server.baseUrl());
            long ms = (System.nanoTime() - started) / 1_000_000;
            maxMs = Math.max(maxMs, ms);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String problem = problemWith(response, ms);
            if (problem != null) {
                failures.add("upload " + i + " (" + upload.how + "): " + problem);
                keep(i, upload);
            }
            if (i % 50 == 49) {
                maxHeap = Math.max(maxHeap, heapAfterGc());
            }
        }
        System.out.printf("fuzz: %d uploads, answers %s, slowest %d ms, heap after GC at most %d MB%n",
                UPLOADS, statuses, maxMs, maxHeap >> 20);
        assertThat(failures).as("uploads that failed").isEmpty();
        assertThat(maxHeap).as("heap after GC").isLessThan(MAX_HEAP_AFTER_GC_BYTES);
        assertThat(statuses.keySet()).as("the fuzz must exercise both staging and refusal").contains(201, 400);
        assertThat(counts(FEATURE_TABLES)).as("feature tables").isEqualTo(before);
        assertThat(counts(STAGED_TABLES).values()).as("staged rows left").allMatch(n -> n == 0);
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM survey WHERE status = 'staged'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("surveys left staged").isZero();
        }
    }

    /** Null when the answer is acceptable (discarding what was staged); else what is wrong with it. */
    private String problemWith(HttpResponse<String> response, long ms) throws Exception {
        int status = response.statusCode();
        if (status >= 500) {
            return status + " " + response.body();
        }
        if (ms > MAX_ANSWER_MS) {
            return "answered " + status + " after " + ms + " ms";
        }
        JsonNode body;
        try {
            body = TestServer.parse(response.body());
        } catch (AssertionError e) {
            return status + " with a body that is not JSON: " + response.body();
        }
        if (status == 201) {
            long id = body.path("survey_id").asLong(-1);
            HttpResponse<String> discarded = send(server.request("/api/surveys/" + id).DELETE());
            return discarded.statusCode() == 200 ? null : "discarding staged survey " + id + " answered " + discarded.statusCode()
                    + " " + discarded.body();
        }
        if (status < 400 || body.path("code").asText().isEmpty() || body.path("description").asText().isEmpty()) {
            return status + " without {code, description}: " + response.body();
        }
        return null;
    }

    // --- mutations ---------------------------------------------------------------------------

    /** One upload: the zip as posted, the files in it by name (folder/layer.ext), how they were made, the form fields. */
    private record Upload(byte[] zip, Map<String, byte[]> files, String how, Map<String, String> fields) {
        HttpResponse<String> post(String baseUrl) throws Exception {
            Multipart form = new Multipart().file("fuzz.zip", zip);
            fields.forEach(form::field);
            return form.post(baseUrl + "/api/surveys");
        }
    }

    private Upload mutated(Random random) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        List<String> layers = new ArrayList<>(bases.keySet());
        int layerCount = 1 + random.nextInt(2);
        for (int k = 0; k < layerCount; k++) {
            String layer = layers.remove(random.nextInt(layers.size()));
            bases.get(layer).forEach((ext, bytes) -> files.put("交付/" + layer + "." + ext, bytes.clone()));
        }
        StringBuilder how = new StringBuilder(String.join("+", files.keySet().stream()
                .map(n -> n.substring(n.indexOf('/') + 1, n.indexOf('.'))).distinct().toList()));
        int mutations = 1 + random.nextInt(3);
        for (int k = 0; k < mutations; k++) {
            how.append("; ").append(mutate(files, random));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (random.nextInt(5) > 0) {
            fields.put("compound", "T001");
        }
        if (random.nextInt(4) == 0) { // the right CRS, or one the coordinates cannot be in
            fields.put("crs", pick(List.of("EPSG:4548", "EPSG:4548", "EPSG:4490", "EPSG:4527", "EPSG:32650", "EPSG:3857", "EPSG:4326", "EPSG:99999"), random));
        }
        if (random.nextInt(6) == 0) {
            fields.put("encoding", random.nextBoolean() ? "GBK" : "UTF-8");
        }
        byte[] zip = zip(files);
        boolean corruptZip = random.nextInt(12) == 0;
        if (corruptZip) {
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                zip[random.nextInt(zip.length)] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return new Upload(zip, files, how + (corruptZip ? "; zip bytes flipped" : "") + " " + fields, fields);
    }

    private static String mutate(Map<String, byte[]> files, Random random) {
        List<String> names = new ArrayList<>(files.keySet());
        String name = pick(names, random);
        byte[] b = files.get(name);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        switch (random.nextInt(11)) {
            case 0 -> {
                int n = 1 + random.nextInt(8);
                for (int k = 0; k < n && b.length > 0; k++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return name + ": " + n + " bytes flipped";
            }
            case 1 -> {
                int length = b.length == 0 ? 0 : random.nextInt(b.length);
                files.put(name, java.util.Arrays.copyOf(b, length));
                return name + ": cut to " + length + " bytes";
            }
            case 2, 3 -> {
                return headerCount(name, ext, b, random);
            }
            case 4 -> {
                return nastyCoordinate(files, name, random);
            }
            case 5 -> {
                return nastyDbfText(files, name, random);
            }
            case 9, 10 -> {
                return nastyDbfValue(files, name, random);
            }
            case 6 -> {
                String other = pick(names, random);
                files.put(name, files.get(other).clone());
                return name + ": replaced by " + other;
            }
            case 7 -> {
                if (!ext.equals("shp")) {
                    files.remove(name);
                    return name + ": dropped";
                }
                return name + ": kept";
            }
            default -> {
                int at = b.length == 0 ? 0 : random.nextInt(Math.min(b.length, 128));
                if (b.length >= at + 4) {
                    ByteBuffer.wrap(b).order(random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                            .putInt(at, nastyInt(random, 0));
                }
                return name + ": random header int at " + at;
            }
        }
    }

    /** A count or length of a header or record set to something large, negative or off by one. */
    private static String headerCount(String name, String ext, byte[] b, Random random) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer be = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        switch (ext) {
            case "dbf" -> {
                if (b.length < 32) {
                    return name + ": too short to enlarge";
                }
                int which = random.nextInt(4);
                switch (which) {
                    case 0 -> le.putInt(4, nastyInt(random, le.getInt(4)));
                    case 1 -> le.putShort(8, (short) nastyInt(random, le.getShort(8)));
                    case 2 -> le.putShort(10, (short) nastyInt(random, le.getShort(10)));
                    default -> {
                        int descriptor = 32 + 32 * random.nextInt(8) + 16;
                        if (descriptor < b.length) {
                            b[descriptor] = (byte) random.nextInt(256);
                        }
                    }
                }
                return name + ": header " + List.of("record count", "header length", "record length", "field length").get(which);
            }
            case "shp", "shx" -> {
                if (b.length < 100) {
                    return name + ": too short to enlarge";
                }
                List<Integer> records = new ArrayList<>();
                for (int at = 100; ext.equals("shp") && at + 8 <= b.length; ) {
                    records.add(at);
                    long len = 2L * be.getInt(at + 4);
                    if (len < 4 || at + 8 + len > b.length) {
                        break;
                    }
                    at += 8 + (int) len;
                }
                int which = random.nextInt(records.isEmpty() ? 2 : 6);
                int record = records.isEmpty() ? 0 : pick(records, random);
                switch (which) {
                    case 0 -> be.putInt(24, nastyInt(random, be.getInt(24)));
                    case 1 -> le.putInt(32, random.nextBoolean() ? nastyInt(random, 0) : List.of(0, 1, 3, 5, 8, 11, 13, 15, 18, 23, 25, 28, 31).get(random.nextInt(13)));
                    case 2 -> be.putInt(record + 4, nastyInt(random, be.getInt(record + 4)));
                    default -> {
                        int at = record + 8 + List.of(36, 40, 44).get(which - 3);
                        if (at + 4 <= b.length) {
                            le.putInt(at, nastyInt(random, le.getInt(at)));
                        }
                    }
                }
                if (ext.equals("shx") && b.length >= 108) {
                    int entry = 100 + 8 * random.nextInt((b.length - 100) / 8);
                    be.putInt(entry + random.nextInt(2) * 4, nastyInt(random, be.getInt(entry)));
                }
                return name + ": " + List.of("file length", "shape type", "content length", "numParts", "numPoints", "parts[0]")
                        .get(which) + (records.isEmpty() ? "" : " of the record at " + record);
            }
            default -> {
                files(b, random);
                return name + ": scrambled";
            }
        }
    }

    private static void files(byte[] b, Random random) {
        for (int k = 0; k < b.length; k++) {
            if (random.nextInt(4) == 0) {
                b[k] = (byte) random.nextInt(256);
            }
        }
    }

    private static String nastyCoordinate(Map<String, byte[]> files, String name, Random random) {
        String shp = name.replaceFirst("\\.[^.]*$", ".shp");
        byte[] b = files.get(shp);
        if (b == null || b.length < 108) {
            return shp + ": no coordinates to spoil";
        }
        double[] nasty = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e308, -1e308, 1e10, 0, -0.0,
                Double.MIN_VALUE, 4e9};
        double v = nasty[random.nextInt(nasty.length)];
        boolean header = random.nextInt(4) == 0;
        int at = header ? 36 + 8 * random.nextInt(8) : 100 + 4 * random.nextInt((b.length - 108) / 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putDouble(at, v);
        return shp + ": " + v + " at byte " + at;
    }

    private static String nastyDbfText(Map<String, byte[]> files, String name, Random random) {
        String dbf = name.replaceFirst("\\.[^.]*$", ".dbf");
        byte[] b = files.get(dbf);
        if (b == null || b.length < 40) {
            return dbf + ": no text to spoil";
        }
        int headerLength = Math.min(b.length - 1, Short.toUnsignedInt(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(8)));
        byte[] alphabet = "\0\0 0123456789eExXdDfF.+-*NaIy?\u007f".getBytes(StandardCharsets.ISO_8859_1);
        int n = 1 + random.nextInt(6);
        for (int k = 0; k < n; k++) {
            int at = headerLength + random.nextInt(b.length - headerLength);
            b[at] = random.nextInt(10) == 0 ? (byte) (0x80 + random.nextInt(128)) : alphabet[random.nextInt(alphabet.length)];
        }
        return dbf + ": " + n + " nasty bytes in the records";
    }

    /** A whole DBF value replaced by one a surveyor's tool might write and a column cannot hold. */
    private static String nastyDbfValue(Map<String, byte[]> files, String name, Random random) {
        String dbf = name.replaceFirst("\\.[^.]*$", ".dbf");
        byte[] b = files.get(dbf);
        if (b == null || b.length < 65) {
            return dbf + ": no values to spoil";
        }
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int records = le.getInt(4);
        int headerLength = Short.toUnsignedInt(le.getShort(8));
        int recordLength = Short.toUnsignedInt(le.getShort(10));
        List<int[]> fields = new ArrayList<>(); // offset in record, length
        for (int at = 32, offset = 1; at + 32 <= Math.min(headerLength, b.length) && b[at] != 0x0D; at += 32) {
            int length = Byte.toUnsignedInt(b[at + 16]);
            fields.add(new int[]{offset, length});
            offset += length;
        }
        if (fields.isEmpty() || records < 1 || recordLength < 2) {
            return dbf + ": no fields to spoil";
        }
        int[] field = pick(fields, random);
        int record = random.nextInt(Math.max(1, Math.min(records, 3)));
        long start = headerLength + (long) record * recordLength + field[0];
        String[] values = {"1e308", "-1e308", "99999999", "123456.789", "-1", "0", "-0.001", "1e-300", "DN0", "DN99999999999",
                "0×0", "+999999999-12-31", "0000-00-00", "2024-02-30", "19991399", "00010101", "NaN", "0x1p3", "400d"};
        String value = values[random.nextInt(values.length)];
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        if (start + field[1] > b.length || bytes.length > field[1]) {
            return dbf + ": value does not fit";
        }
        java.util.Arrays.fill(b, (int) start, (int) start + field[1], (byte) ' ');
        System.arraycopy(bytes, 0, b, (int) start + (random.nextBoolean() ? 0 : field[1] - bytes.length), bytes.length);
        return dbf + ": record " + (record + 1) + " field at " + field[0] + " = " + value;
    }

    private static int nastyInt(Random random, int original) {
        int[] values = {0, 1, -1, 2, 1 << 16, 1 << 30, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE / 2,
                original + 1, original - 1, original * 2, original * 16, random.nextInt()};
        return values[random.nextInt(values.length)];
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    // --- helpers ---------------------------------------------------------------------------

    private Map<String, byte[]> write(String layer, String geojson, String... options) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("base-" + bases.size()));
        Path in = folder.resolve("in.json");
        Files.writeString(in, geojson);
        Path shp = folder.resolve(layer + ".shp");
        List<String> command = new ArrayList<>(List.of("ogr2ogr", "-f", "ESRI Shapefile", "-a_srs", "EPSG:4548", "-lco", "ENCODING=CP936"));
        command.addAll(List.of(options));
        command.addAll(List.of(shp.toString(), in.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Files.delete(in);
        Map<String, byte[]> files = new TreeMap<>();
        try (var list = Files.list(folder)) {
            for (Path f : list.toList()) {
                String name = f.getFileName().toString();
                files.put(name.substring(name.lastIndexOf('.') + 1), Files.readAllBytes(f));
            }
        }
        byte[] dbf = files.get("dbf");
        dbf[1] = 126;
        dbf[2] = 1;
        dbf[3] = 1; // the date of last update: fixed, so that the same seed makes the same zips every day
        return files;
    }

    private static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, GBK)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private void keep(int i, Upload upload) throws Exception {
        Path kept = Files.createDirectories(Path.of("target", "fuzz-failures"));
        Files.write(kept.resolve("upload-" + i + ".zip"), upload.zip());
        Files.writeString(kept.resolve("upload-" + i + ".txt"), upload.how());
    }

    private Map<String, Long> counts(List<String> tables) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static long heapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
