package cn.compoundgis.compounds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The sample files of data/samples that a new city tries the server with (README "A new city from scratch"): a
 * register of 300 compounds in three districts of 滁州市 (CSV, UTF-8, Chinese headers, some rows with EWKT
 * boundaries in EPSG:4548) and a survey zip for a compound the register does not hold (LY121 清流新村): its
 * boundary layer 小区边界 (GBK DBF with XQBM/XQMC/JCND/HS/ZDMJ/QX) and its rain and sewer pipes and manholes.
 * Everything is computed from the row number, so the files are the same on every run; the shapefiles are
 * written by ogr2ogr (GBK, .cpg CP936, ESRI .prj of EPSG:4548) with a fixed DBF date, and zipped with a fixed
 * entry time, so that {@link NewCitySamplesTest} can tell the committed files from what this class writes.
 * Run {@code mvn -q -o test -Dtest=NewCitySamplesTest -Dsamples.write=true} to write them again.
 */
final class NewCitySamples {
    static final String REGISTER = "register-300.csv";
    static final String SURVEY_ZIP = "survey-LY121-new-compound.zip";

    /** The compound of the survey zip: not in the register. */
    static final String NEW_CODE = "LY121";
    static final String NEW_NAME = "清流新村";
    static final String NEW_INITIALS = "qlxc";
    static final String NEW_DISTRICT = "琅琊区";
    static final int NEW_HOUSEHOLDS = 288;
    static final double NEW_SITE_AREA_M2 = 15000;
    static final int NEW_PIPES = 5;
    static final int NEW_POINTS = 7;

    /** The three districts: code prefix, name, how many compounds, streets, where their grid starts (EPSG:4548). */
    record District(String prefix, String name, int count, List<String> streets, double east, double north,
                    int columns, int boundaryEvery) {
    }

    static final List<District> DISTRICTS = List.of(
            new District("LY", "琅琊区", 120, List.of("琅琊街道", "西涧街道", "南门街道", "东门街道", "扬子街道"),
                    620000, 3574000, 12, 2),
            new District("NQ", "南谯区", 100, List.of("龙蟠街道", "大王街道", "乌衣镇", "珠龙镇"),
                    616000, 3569000, 10, 3),
            new District("QJ", "全椒县", 80, List.of("襄河镇", "武岗镇", "十字镇"), 0, 0, 0, 0));

    static final int REGISTER_ROWS = 300;
    /** Each compound of a district grid sits in a cell of this many metres. */
    private static final int CELL_M = 200;

    private static final String[] NAME_STEMS = {"文昌", "丰乐", "醉翁", "琅琊", "紫薇", "南湖", "龙蟠", "凤凰", "天宁",
        "永乐", "花园", "人民", "建设", "胜利", "和平", "东方", "红旗", "幸福", "团结", "友谊", "新华", "光明", "长春", "太平",
        "安居", "兴隆", "桂花", "梧桐", "银杏", "海棠", "玉兰", "金桥", "银河", "百花", "春晖", "秋实", "明湖", "翠园", "碧水",
        "锦绣"};
    private static final String[] NAME_ENDINGS = {"新村", "小区", "花园", "苑", "家园", "公寓", "宿舍区", "里"};
    private static final String[] ROADS = {"丰乐路", "琅琊路", "龙蟠大道", "紫薇路", "南谯路", "花园路", "人民路", "永乐路"};
    private static final String[] CATEGORIES = {"基础类", "完善类", "提升类"};

    static final String HEADER = "小区编码,小区名称,所属区县,街道,社区,地址,建成年代,楼栋数,层数,户数,人口,占地面积(㎡),"
            + "建筑面积(㎡),改造类别,改造批次,改造状态,计划日期,开工日期,竣工日期,验收日期,中央补助资金,省级补助资金,"
            + "地方配套资金,居民出资,物业管理,业主委员会,边界";

    private NewCitySamples() {
    }

    public static void main(String[] args) throws Exception {
        write(Path.of(args.length > 0 ? args[0] : "../data/samples"), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Writes both files into {@code dir}, using {@code work} for ogr2ogr's input and output. */
    static void write(Path dir, Path work) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(REGISTER), register(), StandardCharsets.UTF_8);
        Files.write(dir.resolve(SURVEY_ZIP), surveyZip(work));
    }

    // --- the register -------------------------------------------------------------------------

    static String register() {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        int row = 0;
        for (District d : DISTRICTS) {
            for (int n = 1; n <= d.count(); n++, row++) {
                csv.append(String.join(",", registerRow(d, n, row))).append('\n');
            }
        }
        return csv.toString();
    }

    /** One compound: the n-th of district d, the row-th of the register (from 0). */
    static List<String> registerRow(District d, int n, int row) {
        String stem = NAME_STEMS[row % NAME_STEMS.length];
        String name = stem + NAME_ENDINGS[row / NAME_STEMS.length];
        String street = d.streets().get(n % d.streets().size());
        int builtYear = 1980 + (n * 7) % 21;
        int buildings = 4 + n % 12;
        int storeys = 5 + n % 3;
        int households = buildings * storeys * 4;
        int residents = households * 28 / 10;
        double width = 100 + (n % 5) * 10;
        double height = 80 + (n % 4) * 10;
        int batch = 2019 + row % 7;
        String status = status(batch, n);
        List<String> cells = new ArrayList<>();
        cells.add(code(d, n));
        cells.add(name);
        cells.add(d.name());
        cells.add(street);
        cells.add(stem + "社区");
        cells.add(street + ROADS[n % ROADS.length] + (n * 3) + "号");
        cells.add(String.valueOf(builtYear));
        cells.add(String.valueOf(buildings));
        cells.add(String.valueOf(storeys));
        cells.add(String.valueOf(households));
        cells.add(String.valueOf(residents));
        cells.add(number(width * height));
        cells.add(number(households * 65.0));
        cells.add(CATEGORIES[n % CATEGORIES.length]);
        cells.add(String.valueOf(batch));
        cells.add(status);
        cells.add(batch + "-01-15");
        boolean started = !List.of("计划改造", "已完成设计", "已招标").contains(status);
        boolean completed = status.equals("已完工") || status.equals("已验收");
        cells.add(started ? batch + "-04-01" : "");
        cells.add(completed ? batch + "-11-30" : "");
        cells.add(status.equals("已验收") ? (batch + 1) + "-03-15" : "");
        cells.add(number(households / 10.0));
        cells.add(number(households / 20.0));
        cells.add(number(households / 25.0));
        cells.add(n % 4 == 0 ? number(households / 100.0) : "0");
        cells.add(n % 2 == 0 ? "有" : "无");
        cells.add(n % 3 == 0 ? "是" : "否");
        cells.add(hasBoundary(d, n) ? "\"SRID=4548;" + rectangleWkt(cellEast(d, n), cellNorth(d, n), width, height) + "\"" : "");
        return cells;
    }

    static String code(District d, int n) {
        return String.format(Locale.ROOT, "%s%03d", d.prefix(), n);
    }

    /** The batches up to 2021 are done (accepted or completed), 2022–2023 being built, then tendered, designed, planned. */
    private static String status(int batch, int n) {
        if (batch <= 2021) {
            return n % 2 == 0 ? "已验收" : "已完工";
        }
        return switch (batch) {
            case 2022, 2023 -> "正在施工";
            case 2024 -> n % 2 == 0 ? "已招标" : "已完成设计";
            default -> "计划改造";
        };
    }

    static boolean hasBoundary(District d, int n) {
        return d.boundaryEvery() > 0 && n % d.boundaryEvery() == 1 % d.boundaryEvery();
    }

    private static double cellEast(District d, int n) {
        return d.east() + ((n - 1) % d.columns()) * CELL_M;
    }

    private static double cellNorth(District d, int n) {
        return d.north() + ((n - 1) / d.columns()) * CELL_M;
    }

    /** A rectangle from its south-west corner, x (easting) first as WKT is written. */
    static String rectangleWkt(double east, double north, double width, double height) {
        return "POLYGON((" + xy(east, north) + ", " + xy(east + width, north) + ", " + xy(east + width, north + height)
                + ", " + xy(east, north + height) + ", " + xy(east, north) + "))";
    }

    private static String xy(double east, double north) {
        return number(east) + " " + number(north);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    // --- the survey of a new compound ------------------------------------------------------------

    /** South-west corner of LY121, 660 m east of the register's 琅琊区 grid. */
    static final double NEW_EAST = 623000;
    static final double NEW_NORTH = 3576300;

    static byte[] surveyZip(Path work) throws Exception {
        Path folder = Files.createDirectories(work.resolve("new-city-samples-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime()));
        try {
            shapefile(folder, "小区边界", boundary());
            shapefile(folder, "雨水管线", rainPipes());
            shapefile(folder, "雨水管点", rainPoints());
            shapefile(folder, "污水管线", sewerPipes());
            shapefile(folder, "污水管点", sewerPoints());
            return zip(folder);
        } finally {
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(folder);
        }
    }

    private static String boundary() {
        return collection(List.of(feature("{\"XQBM\":\"" + NEW_CODE + "\",\"XQMC\":\"" + NEW_NAME + "\",\"JCND\":1992,"
                + "\"HS\":" + NEW_HOUSEHOLDS + ",\"ZDMJ\":" + number(NEW_SITE_AREA_M2) + ",\"QX\":\"" + NEW_DISTRICT + "\","
                + "\"JD\":\"琅琊街道\",\"DZ\":\"琅琊街道丰乐路88号\",\"LDS\":8}",
                "{\"type\":\"Polygon\",\"coordinates\":[[" + pos(0, 0) + "," + pos(150, 0) + "," + pos(150, 100) + ","
                        + pos(0, 100) + "," + pos(0, 0) + "]]}")));
    }

    /**
     * Rain: YS1 → YS2 → YS3 → YS4 along the middle of the compound (flowing east), 40 m apart; each point east and
     * north of the compound's corner (m), its ground elevation (m) and depth to the invert (m).
     */
    private static final double[][] RAIN = {{20, 50, 25.20, 1.20}, {60, 50, 25.15, 1.30}, {100, 50, 25.10, 1.40}, {140, 50, 25.05, 1.50}};
    /** Sewage: WS1 → WS2 → WS3, 30 m south of the rain pipe. */
    private static final double[][] SEWER = {{30, 20, 25.25, 1.60}, {70, 20, 25.20, 1.70}, {110, 20, 25.15, 1.80}};

    private static String rainPipes() {
        return pipes("YS", RAIN, "DN400", "HDPE");
    }

    private static String sewerPipes() {
        return pipes("WS", SEWER, "DN300", "PVC");
    }

    private static String rainPoints() {
        return points("YS", RAIN, "雨水检查井");
    }

    private static String sewerPoints() {
        return points("WS", SEWER, "污水检查井");
    }

    /** Pipes between consecutive points; depths to the invert, elevations = ground − depth. */
    private static String pipes(String network, double[][] points, String size, String material) {
        List<String> features = new ArrayList<>();
        for (int i = 0; i + 1 < points.length; i++) {
            double[] a = points[i];
            double[] b = points[i + 1];
            features.add(feature("{\"起点点号\":\"" + network + (i + 1) + "\",\"终点点号\":\"" + network + (i + 2) + "\","
                    + "\"管径\":\"" + size + "\",\"材质\":\"" + material + "\",\"起点埋深\":" + number(a[3])
                    + ",\"终点埋深\":" + number(b[3]) + ",\"起点高程\":" + number(round2(a[2] - a[3]))
                    + ",\"终点高程\":" + number(round2(b[2] - b[3])) + ",\"流向\":\"正向\",\"权属单位\":\"琅琊区住建局\","
                    + "\"建设年代\":1992,\"所在道路\":\"小区内道路\"}",
                    "{\"type\":\"LineString\",\"coordinates\":[" + pos(a[0], a[1]) + "," + pos(b[0], b[1]) + "]}"));
        }
        return collection(features);
    }

    /** Manholes with X (northing) and Y (easting) columns as surveyors write them. */
    private static String points(String network, double[][] points, String appurtenance) {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            double[] p = points[i];
            features.add(feature("{\"物探点号\":\"" + network + (i + 1) + "\",\"附属物\":\"" + appurtenance
                    + "\",\"X\":" + number(NEW_NORTH + p[1]) + ",\"Y\":" + number(NEW_EAST + p[0]) + ",\"地面高程\":"
                    + number(p[2]) + ",\"井深\":" + number(p[3]) + ",\"探查方式\":\"明显点\"}",
                    "{\"type\":\"Point\",\"coordinates\":" + pos(p[0], p[1]) + "}"));
        }
        return collection(features);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String pos(double east, double north) {
        return "[" + number(NEW_EAST + east) + "," + number(NEW_NORTH + north) + "]";
    }

    private static String collection(List<String> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String feature(String properties, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
    }

    /** GeoJSON (EPSG:4548, easting first) to a GBK shapefile, with a fixed date in the DBF header. */
    private static void shapefile(Path folder, String name, String geojson) throws Exception {
        Path in = folder.resolve("in.json");
        Files.writeString(in, geojson, StandardCharsets.UTF_8);
        run("ogr2ogr", "-f", "ESRI Shapefile", "-a_srs", "EPSG:4548", "-lco", "ENCODING=CP936",
                "-lco", "DBF_DATE_LAST_UPDATE=2026-01-01", folder.resolve(name + ".shp").toString(), in.toString());
        Files.delete(in);
    }

    /** Entries sorted by name, names in GBK as Chinese Windows writes them, each with the same fixed time. */
    private static byte[] zip(Path folder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, Charset.forName("GB18030")); var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                ZipEntry entry = new ZipEntry(f.getFileName().toString());
                entry.setTimeLocal(java.time.LocalDateTime.of(2026, 1, 1, 0, 0));
                zip.putNextEntry(entry);
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
