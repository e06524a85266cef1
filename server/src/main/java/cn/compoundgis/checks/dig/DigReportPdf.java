package cn.compoundgis.checks.dig;

import cn.compoundgis.checks.Networks;
import cn.compoundgis.geo.Coverage;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The dig report as a PDF made by the server (PDFBox), as complete as a KLIC or LSBUD answer: report number, who
 * asked and when, how long it holds, the compounds it lies in, the dig area's corners in the working CRS, a map
 * (north arrow, scale bar and ratio, legend, every item labelled with its number), the list of pipes and points
 * with their depths and owners, and the owners to ask. A4, in Chinese; the text needs a TrueType CJK font
 * ({@link #FONT_VARIABLE} or the Debian fonts-wqy-microhei / -zenhei files).
 */
final class DigReportPdf {
    /** A TrueType (.ttf or .ttc) font with Chinese glyphs; PDFBox embeds TrueType outlines, not CFF (Noto CJK). */
    static final String FONT_VARIABLE = "PDF_FONT";
    private static final List<Path> FONT_CANDIDATES = List.of(Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"));
    private static final float MARGIN = 40;
    private static final int CORNERS_SHOWN = 12;
    private static final int CORNERS_A_LINE = 3;
    private static final float MAP_HEIGHT = 300;
    private static final float ROW = 13;
    private static final float BOTTOM = 50;
    /** Nice scale bar lengths (m), the longest that fits a quarter of the map is taken. */
    private static final double[] BAR_LENGTHS_M = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
    private static final double METRES_PER_POINT = 0.0254 / 72;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);
    private static final Map<String, String> EXPOSURE = Map.of("will_be_exposed", "将被挖出",
            "may_be_exposed", "可能挖出（在探测误差内）", "below_dig_depth", "低于开挖深度", "depth_unknown", "埋深不详");
    private static final float[][] COLUMNS = {{0, 18}, {18, 50}, {68, 92}, {160, 58}, {218, 118}, {336, 80}, {416, 99}};
    private static final String[] HEADERS = {"#", "类别", "编号", "管径", "管顶埋深 / 管底", "开挖影响", "权属单位"};

    /** A report's number (dig_report) and when it was made. */
    record Issued(String number, OffsetDateTime created) {
    }

    /** A compound the dig area lies in, as the register has it. */
    record CompoundLine(String code, String name, String district, String address) {
    }

    private record Style(String name, float[] rgb, float[] dash) {
    }

    private final Map<String, Style> styles = loadStyles();

    /** The report as PDF bytes, in {@code fontFile} (from {@link #fontFile}). */
    byte[] write(JsonNode answer, Issued issued, String requestedBy, Crs working, List<CompoundLine> compounds,
                 Path fontFile) throws IOException {
        try (PDDocument doc = new PDDocument(); TrueTypeCollection fonts = new TrueTypeCollection(fontFile.toFile())) {
            PDType0Font font = PDType0Font.load(doc, firstFont(fonts), true);
            Writer w = new Writer(doc, font, issued.number());
            header(w, answer, issued, requestedBy, working, compounds);
            drawMap(w, answer, working);
            legend(w, answer);
            table(w, answer);
            owners(w, answer);
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** The TrueType CJK font the report is written in; 503 NoPdfFont when the server has none. */
    static Path fontFile() {
        Optional<Path> configured = Optional.ofNullable(System.getenv(FONT_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of);
        return configured.or(() -> FONT_CANDIDATES.stream().filter(Files::isReadable).findFirst())
                .filter(Files::isReadable)
                .orElseThrow(() -> ApiError.of(503, "NoPdfFont", "the server has no TrueType font with Chinese glyphs for"
                        + " the PDF report: install fonts-wqy-microhei (scripts/run does) or set " + FONT_VARIABLE));
    }

    /** A .ttc holds several faces (a .ttf is read as a collection of one): the first is taken. */
    private static TrueTypeFont firstFont(TrueTypeCollection fonts) throws IOException {
        List<TrueTypeFont> all = new ArrayList<>();
        fonts.processAllFonts(all::add);
        return all.get(0);
    }

    // ---- sections ------------------------------------------------------------------------------------------

    private void header(Writer w, JsonNode answer, Issued issued, String requestedBy, Crs working,
                        List<CompoundLine> compounds) throws IOException {
        w.text(MARGIN, 18, "开挖前地下管线查询报告");
        w.down(10);
        w.line(9, "报告编号 " + issued.number() + "    生成 " + WHEN.format(issued.created().withOffsetSameInstant(ZoneOffset.UTC))
                + "    有效期至 " + WHEN.format(OffsetDateTime.parse(answer.path("valid_until").asText()))
                + "（" + answer.path("valid_days").asInt() + " 天）");
        w.line(9, "申请人 " + requestedBy);
        for (CompoundLine c : compounds) {
            w.line(9, "小区 " + c.code() + " " + nz(c.name()) + "    " + nz(c.district()) + " " + nz(c.address()));
        }
        if (compounds.isEmpty()) {
            w.line(9, "小区 —（开挖范围不在任何已普查小区内：没有管线数据不等于没有管线）");
        }
        JsonNode area = answer.path("area");
        String kind = "trench".equals(area.path("kind").asText()) ? "沟槽（宽 " + metres(area.path("trench_width_m")) + " m）" : "基坑";
        w.line(9, "开挖 " + kind + "，面积 " + metres(area.path("area_m2")) + " m²，开挖深度 "
                + (answer.path("dig_depth_m").isNumber() ? metres(answer.path("dig_depth_m")) + " m" : "未给出"));
        w.line(9, "范围角点（" + crsLabel(working) + "，X 北 / Y 东，m）：");
        for (String corners : corners(area.path("geometry"), working)) {
            w.line(9, "    " + corners);
        }
        JsonNode s = answer.path("summary");
        w.line(9, "管线 " + s.path("pipes").asInt() + " 条，管点 " + s.path("pipe_points").asInt() + " 个，其中 "
                + s.path("will_be_exposed").asInt() + " 处将被挖出，" + s.path("may_be_exposed").asInt() + " 处可能挖出");
        for (JsonNode warning : answer.path("warnings")) {
            w.line(9, "注意：" + warningText(warning, answer));
        }
        w.down(6);
    }

    private void drawMap(Writer w, JsonNode answer, Crs working) throws IOException {
        w.ensure(MAP_HEIGHT + 10);
        float top = w.y;
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        MapFrame frame = MapFrame.around(answer, working.swapAxes(), MARGIN, top - MAP_HEIGHT, width, MAP_HEIGHT);
        PDPageContentStream cs = w.cs;
        cs.saveGraphicsState();
        cs.addRect(MARGIN, top - MAP_HEIGHT, width, MAP_HEIGHT);
        cs.clip();
        polygon(cs, frame, answer.path("area").path("geometry"));
        List<float[]> labels = new ArrayList<>();
        for (JsonNode f : answer.path("features")) {
            labels.add(item(cs, frame, f));
        }
        cs.restoreGraphicsState();
        cs.setStrokingColor(0.4f, 0.4f, 0.4f);
        cs.setLineWidth(0.6f);
        cs.setLineDashPattern(new float[0], 0);
        cs.addRect(MARGIN, top - MAP_HEIGHT, width, MAP_HEIGHT);
        cs.stroke();
        int order = 0;
        for (float[] at : labels) {
            order++;
            if (at != null) {
                w.label(at[0], at[1], String.valueOf(order));
            }
        }
        northArrow(w, MARGIN + width - 24, top - 12);
        scaleBar(w, frame, MARGIN + 10, top - MAP_HEIGHT + 10, width);
        w.y = top - MAP_HEIGHT - 6;
    }

    private void polygon(PDPageContentStream cs, MapFrame frame, JsonNode geometry) throws IOException {
        cs.setStrokingColor(0.08f, 0.40f, 0.75f);
        cs.setNonStrokingColor(0.88f, 0.93f, 0.99f);
        cs.setLineWidth(1.2f);
        cs.setLineDashPattern(new float[]{5, 3}, 0);
        for (JsonNode ring : rings(geometry)) {
            path(cs, frame, ring, true);
        }
        cs.fillAndStroke();
    }

    /** Draws one pipe or point; answers where its number goes (null when it has no position). */
    private float[] item(PDPageContentStream cs, MapFrame frame, JsonNode feature) throws IOException {
        JsonNode p = feature.path("properties");
        Style style = styles.getOrDefault(p.path("network").asText(), new Style("", new float[]{0, 0, 0}, new float[0]));
        boolean exposed = p.path("will_be_exposed").asBoolean();
        cs.setStrokingColor(style.rgb()[0], style.rgb()[1], style.rgb()[2]);
        cs.setNonStrokingColor(style.rgb()[0], style.rgb()[1], style.rgb()[2]);
        JsonNode geometry = feature.path("geometry");
        if ("Point".equals(geometry.path("type").asText())) {
            float[] at = frame.toPage(geometry.path("coordinates"));
            float r = exposed ? 3.5f : 2.5f;
            cs.setLineDashPattern(new float[0], 0);
            cs.addRect(at[0] - r, at[1] - r, 2 * r, 2 * r);
            if (exposed) {
                cs.fill();
            } else {
                cs.setLineWidth(1);
                cs.stroke();
            }
            return new float[]{at[0] + 4, at[1] + 3};
        }
        cs.setLineWidth(exposed ? 2.4f : 1.2f);
        cs.setLineDashPattern(exposed ? style.dash() : new float[]{3, 2}, 0);
        List<JsonNode> lines = lines(geometry);
        for (JsonNode line : lines) {
            path(cs, frame, line, false);
        }
        cs.stroke();
        if (lines.isEmpty() || lines.get(0).size() == 0) {
            return null;
        }
        JsonNode first = lines.get(0);
        float[] a = frame.toPage(first.get(0));
        float[] b = frame.toPage(first.get(first.size() - 1));
        return new float[]{(a[0] + b[0]) / 2 + 2, (a[1] + b[1]) / 2 + 2};
    }

    private static void path(PDPageContentStream cs, MapFrame frame, JsonNode coordinates, boolean close) throws IOException {
        for (int i = 0; i < coordinates.size(); i++) {
            float[] at = frame.toPage(coordinates.get(i));
            if (i == 0) {
                cs.moveTo(at[0], at[1]);
            } else {
                cs.lineTo(at[0], at[1]);
            }
        }
        if (close) {
            cs.closePath();
        }
    }

    private static void northArrow(Writer w, float x, float y) throws IOException {
        PDPageContentStream cs = w.cs;
        cs.setNonStrokingColor(0.15f, 0.2f, 0.22f);
        cs.moveTo(x, y);
        cs.lineTo(x - 6, y - 20);
        cs.lineTo(x, y - 15);
        cs.lineTo(x + 6, y - 20);
        cs.closePath();
        cs.fill();
        w.textAt(x - 3.5f, y - 32, 9, "北");
    }

    private static void scaleBar(Writer w, MapFrame frame, float x, float y, float mapWidth) throws IOException {
        double length = BAR_LENGTHS_M[0];
        for (double candidate : BAR_LENGTHS_M) {
            if (candidate * frame.pointsPerMetre() <= mapWidth / 4) {
                length = candidate;
            }
        }
        float bar = (float) (length * frame.pointsPerMetre());
        PDPageContentStream cs = w.cs;
        cs.setNonStrokingColor(1f, 1f, 1f);
        cs.addRect(x - 4, y - 4, bar + 110, 20);
        cs.fill();
        cs.setNonStrokingColor(0.15f, 0.2f, 0.22f);
        cs.addRect(x, y, bar, 3);
        cs.fill();
        long ratio = Math.round(1 / (frame.pointsPerMetre() * METRES_PER_POINT) / 10) * 10;
        w.textAt(x, y + 5, 8, (length == Math.rint(length) ? String.valueOf((long) length) : metresText(length)) + " m");
        w.textAt(x + bar + 6, y, 8, "比例 1:" + ratio + "（A4 打印）");
    }

    private void legend(Writer w, JsonNode answer) throws IOException {
        Set<String> networks = new LinkedHashSet<>();
        answer.path("summary").path("networks").forEach(n -> networks.add(n.asText()));
        float x = MARGIN;
        w.ensure(ROW * 2);
        w.y -= ROW;
        w.textAt(x, w.y, 8, "图例");
        x += 26;
        for (String code : networks) {
            Style style = styles.getOrDefault(code, new Style(code, new float[]{0, 0, 0}, new float[0]));
            w.cs.setStrokingColor(style.rgb()[0], style.rgb()[1], style.rgb()[2]);
            w.cs.setLineWidth(2.4f);
            w.cs.setLineDashPattern(style.dash(), 0);
            w.cs.moveTo(x, w.y + 3);
            w.cs.lineTo(x + 18, w.y + 3);
            w.cs.stroke();
            String name = code + " " + style.name();
            w.textAt(x + 22, w.y, 8, name);
            x += 30 + w.width(name, 8);
        }
        w.y -= ROW;
        w.textAt(MARGIN, w.y, 8, "粗实线、实心点：将被挖出；细虚线、空心点：低于开挖深度、可能挖出或埋深不详；蓝色虚线：开挖范围；数字为下表序号");
        w.y -= ROW / 2;
    }

    private void table(Writer w, JsonNode answer) throws IOException {
        w.ensure(ROW * 3);
        w.y -= ROW;
        tableHeader(w);
        int order = 0;
        for (JsonNode f : answer.path("features")) {
            order++;
            if (w.ensure(ROW)) {
                tableHeader(w);
            }
            JsonNode p = f.path("properties");
            boolean point = "pipe_point".equals(p.path("kind").asText());
            String[] cells = {String.valueOf(order), p.path("network").asText() + " " + styleName(p.path("network").asText()),
                    itemLabel(p), point ? "—" : p.path("size").asText("—"), point ? wellDepth(p) : depthRange(p),
                    EXPOSURE.getOrDefault(p.path("exposure").asText(), "—"), p.path("owner").asText("—")};
            w.y -= ROW;
            for (int i = 0; i < cells.length; i++) {
                w.textAt(MARGIN + COLUMNS[i][0], w.y, 7.5f, w.fit(cells[i], 7.5f, COLUMNS[i][1] - 3));
            }
        }
    }

    private static void tableHeader(Writer w) throws IOException {
        w.y -= ROW;
        for (int i = 0; i < HEADERS.length; i++) {
            w.textAt(MARGIN + COLUMNS[i][0], w.y, 7.5f, HEADERS[i]);
        }
        w.cs.setStrokingColor(0.5f, 0.5f, 0.5f);
        w.cs.setLineWidth(0.5f);
        w.cs.setLineDashPattern(new float[0], 0);
        w.cs.moveTo(MARGIN, w.y - 3);
        w.cs.lineTo(PDRectangle.A4.getWidth() - MARGIN, w.y - 3);
        w.cs.stroke();
    }

    private static void owners(Writer w, JsonNode answer) throws IOException {
        JsonNode owners = answer.path("owners");
        w.ensure(ROW * (owners.size() + 3));
        w.y -= ROW * 1.5f;
        w.textAt(MARGIN, w.y, 9, "开挖前请联系的权属单位");
        for (JsonNode owner : owners) {
            w.y -= ROW;
            w.textAt(MARGIN + 8, w.y, 8, owner.path("name").asText() + "（本报告 " + owner.path("items").asInt() + " 项）："
                    + contactText(owner));
        }
        if (owners.isEmpty()) {
            w.y -= ROW;
            w.textAt(MARGIN + 8, w.y, 8, "所列管线均未登记权属单位");
        }
        w.y -= ROW * 1.5f;
        w.textAt(MARGIN, w.y, 7, "位置与埋深取自复测数据，按各管线的探测精度（CJJ 61）扩大查找；本报告不替代现场探测与人工探挖。");
    }

    // ---- values --------------------------------------------------------------------------------------------

    private String styleName(String code) {
        return Optional.ofNullable(styles.get(code)).map(Style::name).orElse("");
    }

    private static String itemLabel(JsonNode p) {
        if ("pipe_point".equals(p.path("kind").asText())) {
            String kind = p.path("appurtenance").asText(p.path("feature").asText(""));
            return (p.path("point_no").asText("") + " " + kind).trim();
        }
        if (p.hasNonNull("start_no") || p.hasNonNull("end_no")) {
            return p.path("start_no").asText("?") + "–" + p.path("end_no").asText("?");
        }
        return p.path("source_id").asText(p.path("id").asText());
    }

    private static String wellDepth(JsonNode p) {
        return p.path("well_depth_m").isNumber() ? "井深 " + metres(p.path("well_depth_m")) + " m" : "—";
    }

    private static String depthRange(JsonNode p) {
        if (!p.path("depth_top_min_m").isNumber()) {
            return "—";
        }
        String top = p.path("depth_top_min_m").asDouble() == p.path("depth_top_max_m").asDouble()
                ? metres(p.path("depth_top_min_m")) : metres(p.path("depth_top_min_m")) + "–" + metres(p.path("depth_top_max_m"));
        String bottom = p.path("depth_bottom_max_m").isNumber() ? " / " + metres(p.path("depth_bottom_max_m")) : "";
        return top + bottom + " m ±" + metres(p.path("depth_uncertainty_m"));
    }

    private static String metres(JsonNode value) {
        return metresText(value.asDouble());
    }

    /** Metres as the map writes them: two decimals, a trailing zero dropped (1.2, 0.35, 2.0, 30.0). */
    /** Whom to call at an owner, as the register has it (owners/OwnerStore), or where to ask when it has nothing. */
    private static String contactText(JsonNode owner) {
        List<String> parts = new ArrayList<>();
        if (!owner.path("phone").asText("").isBlank()) {
            parts.add("电话 " + owner.path("phone").asText());
        }
        if (!owner.path("emergency_phone").asText("").isBlank()) {
            parts.add("抢修 " + owner.path("emergency_phone").asText());
        }
        if (!owner.path("address").asText("").isBlank()) {
            parts.add("地址 " + owner.path("address").asText());
        }
        return parts.isEmpty() ? "联系方式未登记，请向街道或管线单位查询" : String.join("；", parts);
    }

    /** A warning of the answer in the report's language (the answer's description is English, for API clients). */
    private static String warningText(JsonNode warning, JsonNode answer) {
        if (!Coverage.OUTSIDE_SURVEYED_AREA.equals(warning.path("code").asText())) {
            return warning.path("description").asText(warning.asText());
        }
        String where = answer.path("coverage").path("fraction").asDouble() <= 0 ? "该范围不在任何已普查小区内"
                : "该范围有 " + percentText(warning.path("outside_fraction").asDouble()) + " 不在任何已普查小区内";
        return where + "：数据库在此没有管线资料，查无管线不等于没有管线。开挖前请向管线权属单位核实或先行探测。";
    }

    private static String percentText(double fraction) {
        double percent = fraction * 100;
        return String.format(Locale.ROOT, percent < 1 ? "%.2f %%" : "%.0f %%", percent);
    }

    static String metresText(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.endsWith("0") ? text.substring(0, text.length() - 1) : text;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String crsLabel(Crs crs) {
        return "EPSG:" + crs.srid();
    }

    /** The area's corners (the outer ring without its closing point), northing first, three a line, at most twelve. */
    private static List<String> corners(JsonNode geometry, Crs working) {
        List<JsonNode> ring = new ArrayList<>();
        List<JsonNode> rings = rings(geometry);
        if (!rings.isEmpty()) {
            rings.get(0).forEach(ring::add);
        }
        if (ring.size() > 1) {
            ring.remove(ring.size() - 1);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int shown = Math.min(CORNERS_SHOWN, ring.size());
        for (int i = 0; i < shown; i++) {
            JsonNode c = ring.get(i);
            double north = working.swapAxes() ? c.get(0).asDouble() : c.get(1).asDouble();
            double east = working.swapAxes() ? c.get(1).asDouble() : c.get(0).asDouble();
            line.append(String.format(Locale.ROOT, "%d (%.2f, %.2f)   ", i + 1, north, east));
            if ((i + 1) % CORNERS_A_LINE == 0 || i == shown - 1) {
                lines.add(line.toString().strip());
                line.setLength(0);
            }
        }
        if (ring.size() > shown) {
            lines.add("… 共 " + ring.size() + " 个角点（全部见 GeoJSON 下载）");
        }
        return lines;
    }

    static List<JsonNode> rings(JsonNode geometry) {
        List<JsonNode> rings = new ArrayList<>();
        switch (geometry.path("type").asText()) {
            case "Polygon" -> geometry.path("coordinates").forEach(rings::add);
            case "MultiPolygon" -> geometry.path("coordinates").forEach(polygon -> polygon.forEach(rings::add));
            default -> { }
        }
        return rings;
    }

    static List<JsonNode> lines(JsonNode geometry) {
        List<JsonNode> lines = new ArrayList<>();
        switch (geometry.path("type").asText()) {
            case "LineString" -> lines.add(geometry.path("coordinates"));
            case "MultiLineString" -> geometry.path("coordinates").forEach(lines::add);
            default -> { }
        }
        return lines;
    }

    private static Map<String, Style> loadStyles() {
        Map<String, Style> styles = new LinkedHashMap<>();
        for (Networks.Network n : Networks.all()) {
            float[] dash = new float[0];
            if (n.dashArray() != null) {
                String[] parts = n.dashArray().trim().split("\\s+");
                dash = new float[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    dash[i] = Float.parseFloat(parts[i]) / 2; // screen pixels to print points, roughly
                }
            }
            int[] rgb = n.rgb();
            styles.put(n.code(), new Style(n.nameZh(), new float[]{rgb[0] / 255f, rgb[1] / 255f, rgb[2] / 255f}, dash));
        }
        return styles;
    }

    /** Where the map's metres go on the page: the area and its items, with a margin, fitted into the map box. */
    record MapFrame(boolean northingFirst, double east0, double north0, double pointsPerMetre, float x0, float y0) {
        /** Margin around what is drawn, as a share of its extent, and at least this many metres. */
        private static final double MARGIN_SHARE = 0.15;
        private static final double MARGIN_MIN_M = 5;

        static MapFrame around(JsonNode answer, boolean northingFirst, float x, float y, float width, float height) {
            double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            List<JsonNode> all = new ArrayList<>(rings(answer.path("area").path("geometry")));
            for (JsonNode f : answer.path("features")) {
                JsonNode g = f.path("geometry");
                if ("Point".equals(g.path("type").asText())) {
                    all.add(Json.MAPPER.createArrayNode().add(g.path("coordinates")));
                } else {
                    all.addAll(lines(g));
                }
            }
            for (JsonNode coordinates : all) {
                for (JsonNode c : coordinates) {
                    double e = northingFirst ? c.get(1).asDouble() : c.get(0).asDouble();
                    double n = northingFirst ? c.get(0).asDouble() : c.get(1).asDouble();
                    box[0] = Math.min(box[0], e);
                    box[1] = Math.min(box[1], n);
                    box[2] = Math.max(box[2], e);
                    box[3] = Math.max(box[3], n);
                }
            }
            double margin = Math.max(MARGIN_MIN_M, MARGIN_SHARE * Math.max(box[2] - box[0], box[3] - box[1]));
            double west = box[0] - margin;
            double south = box[1] - margin;
            double spanE = box[2] - box[0] + 2 * margin;
            double spanN = box[3] - box[1] + 2 * margin;
            double scale = Math.min(width / spanE, height / spanN);
            // centred in the box
            float x0 = (float) (x + (width - spanE * scale) / 2);
            float y0 = (float) (y + (height - spanN * scale) / 2);
            return new MapFrame(northingFirst, west, south, scale, x0, y0);
        }

        float[] toPage(JsonNode c) {
            double e = northingFirst ? c.get(1).asDouble() : c.get(0).asDouble();
            double n = northingFirst ? c.get(0).asDouble() : c.get(1).asDouble();
            return new float[]{(float) (x0 + (e - east0) * pointsPerMetre), (float) (y0 + (n - north0) * pointsPerMetre)};
        }
    }

    /** The pages being written: the current page's content stream and how far down it is; a footer on each. */
    static final class Writer {
        private final PDDocument doc;
        private final PDType0Font font;
        private final String number;
        private int pages;
        PDPageContentStream cs;
        float y;

        Writer(PDDocument doc, PDType0Font font, String number) throws IOException {
            this.doc = doc;
            this.font = font;
            this.number = number;
            newPage();
        }

        private void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            pages++;
            textAt(MARGIN, BOTTOM - 24, 7, "报告编号 " + number + " · 第 " + pages + " 页");
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        /** A new page when {@code height} more does not fit on this one; true if one was started. */
        boolean ensure(float height) throws IOException {
            if (y - height >= BOTTOM) {
                return false;
            }
            newPage();
            return true;
        }

        void down(float by) {
            y -= by;
        }

        void text(float x, float size, String text) throws IOException {
            y -= size;
            textAt(x, y, size, text);
        }

        void line(float size, String text) throws IOException {
            ensure(size + 4);
            y -= size + 4;
            textAt(MARGIN, y, size, fit(text, size, PDRectangle.A4.getWidth() - 2 * MARGIN));
        }

        void textAt(float x, float at, float size, String text) throws IOException {
            cs.setNonStrokingColor(0.15f, 0.2f, 0.22f);
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, at);
            cs.showText(printable(text));
            cs.endText();
        }

        /** An item's number on the map, on a white ground so that it reads over the lines. */
        void label(float x, float at, String text) throws IOException {
            float w = width(text, 7) + 3;
            cs.setNonStrokingColor(1f, 1f, 1f);
            cs.addRect(x - 1.5f, at - 2, w, 9);
            cs.fill();
            cs.setStrokingColor(0.3f, 0.3f, 0.3f);
            cs.setLineWidth(0.4f);
            cs.setLineDashPattern(new float[0], 0);
            cs.addRect(x - 1.5f, at - 2, w, 9);
            cs.stroke();
            textAt(x, at, 7, text);
        }

        float width(String text, float size) throws IOException {
            return font.getStringWidth(printable(text)) / 1000 * size;
        }

        /** The text, cut with "…" where it is wider than {@code max} points. */
        String fit(String text, float size, float max) throws IOException {
            String s = printable(text);
            if (width(s, size) <= max) {
                return s;
            }
            while (!s.isEmpty() && width(s + "…", size) > max) {
                s = s.substring(0, s.length() - 1);
            }
            return s + "…";
        }

        /** Characters the font has no glyph for become '?' (PDFBox refuses to write them). */
        private String printable(String text) throws IOException {
            StringBuilder out = new StringBuilder();
            text.codePoints().forEach(cp -> out.appendCodePoint(hasGlyph(cp) ? cp : '?'));
            return out.toString();
        }

        private boolean hasGlyph(int codePoint) {
            try {
                font.encode(new String(Character.toChars(codePoint)));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }

        void close() throws IOException {
            cs.close();
        }
    }
}
