package cn.compoundgis.demo;

import cn.compoundgis.compounds.RegisterCodes;
import cn.compoundgis.demo.DemoRows.BuildingRec;
import cn.compoundgis.demo.DemoRows.CompoundData;
import cn.compoundgis.demo.DemoRows.CompoundRec;
import cn.compoundgis.demo.DemoRows.FireLaneRec;
import cn.compoundgis.demo.DemoRows.ItemRec;
import cn.compoundgis.demo.DemoRows.ObstacleRec;
import cn.compoundgis.demo.DemoRows.PipeRec;
import cn.compoundgis.demo.DemoRows.PointRec;
import cn.compoundgis.demo.DemoRows.StallRec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the demo data set that {@link DemoData} loads: the generator's rows ({@link DemoGenerator} over
 * data/demo/compounds.csv) as one CSV per table under data/demo/tables, in the generator's order (so the serial
 * ids are the same as when the server generated them at start), each value as PostgreSQL's text form of what
 * {@link DemoWriter} binds, geometry as EPSG:4548 WKT. {@link DemoFilesTest} fails when the committed files differ.
 * Run {@code mvn -q -o test -Dtest=DemoFilesTest -Ddemo.write=true} to write them again.
 */
final class DemoFiles {
    static final Path TABLES = Path.of("demo", "tables");

    private DemoFiles() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "../data").resolve(TABLES));
    }

    /** Writes every table's file into {@code dir}. */
    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : files().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** File name to content, in load order. */
    static Map<String, String> files() {
        List<CompoundData> data = DemoGenerator.generate(CompoundCsv.read());
        Map<String, List<List<String>>> rows = new LinkedHashMap<>();
        rows.put(DemoSql.SURVEY.name(), List.of(survey(data)));
        rows.put("compound", map(data, d -> List.of(d.compound()), DemoFiles::compound));
        rows.put("compound_item", map(data, d -> d.compound().items(), DemoFiles::item));
        rows.put("building", map(data, CompoundData::buildings, DemoFiles::building));
        rows.put("pipe_point", map(data, CompoundData::points, DemoFiles::point));
        rows.put("pipe", map(data, CompoundData::pipes, DemoFiles::pipe));
        rows.put("fire_lane", map(data, CompoundData::fireLanes, DemoFiles::fireLane));
        rows.put("parking_stall", map(data, CompoundData::stalls, DemoFiles::stall));
        rows.put("obstacle", map(data, CompoundData::obstacles, DemoFiles::obstacle));
        Map<String, String> files = new LinkedHashMap<>();
        List<DemoSql.Table> tables = new ArrayList<>(List.of(DemoSql.SURVEY));
        tables.addAll(DemoSql.TABLES);
        for (DemoSql.Table table : tables) {
            List<List<String>> records = rows.get(table.name());
            if (records == null) {
                throw new IllegalStateException("demo files: no rows for table " + table.name());
            }
            files.put(Path.of(table.resource()).getFileName().toString(), csv(table.header(), records));
        }
        return files;
    }

    private static <T> List<List<String>> map(List<CompoundData> data, Function<CompoundData, List<T>> rows,
                                              Function<T, List<String>> record) {
        return data.stream().flatMap(d -> rows.apply(d).stream()).map(record).toList();
    }

    private static List<String> survey(List<CompoundData> data) {
        return List.of(DemoWriter.SURVEY_TITLE, DemoWriter.SURVEYOR, DemoWriter.SURVEYED_ON.toString(), "committed",
                "EPSG:" + DemoLayout.DEMO_SRID, "UTF-8", DemoWriter.json(DemoWriter.report(data)));
    }

    private static List<String> compound(CompoundRec r) {
        return values(r.code(), r.name(), r.district(), r.households(), decimal(r.siteAreaM2()),
                r.renovationYear(), r.renovationStatus(), r.startedOn(), r.completedOn(), DemoWriter.json(r.extra()),
                r.code(), "demo", r.wkt());
    }

    private static List<String> item(ItemRec r) {
        RegisterCodes.Item item = RegisterCodes.get().item(r.item()).orElseThrow(() -> new IllegalStateException(
                "demo data: " + r.item() + " is not an item of compounds/register.json"));
        return values(r.compoundCode(), item.category(), item.code(), item.unit(), decimal(r.doneQuantity()),
                r.note(), r.source(), "demo");
    }

    private static List<String> building(BuildingRec r) {
        return values(r.compoundCode(), r.name(), r.floors(), r.hasElevator(), r.structure(), r.builtYear(),
                DemoWriter.json(r.extra()), r.sourceId(), r.wkt());
    }

    private static List<String> point(PointRec r) {
        return values(r.compoundCode(), r.pointNo(), r.network(), r.feature(), r.appurtenance(), metres(r.groundMm()),
                metres(r.wellDepthMm()), r.coverLabel(), r.visible() ? "visible" : "hidden",
                DemoWriter.json(r.extra()), r.pointNo(), r.wkt());
    }

    private static List<String> pipe(PipeRec r) {
        return values(r.compoundCode(), r.network(), r.subtype(), r.startNo(), r.endNo(), r.sizeText(), r.dnMm(),
                r.widthMm(), r.heightMm(), r.material(), metres(r.startDepthMm()), metres(r.endDepthMm()),
                metres(r.startElevationMm()), metres(r.endElevationMm()), r.depthReference(), r.burialMethod(),
                r.pressureClass(), decimal(r.voltageKv()), r.cableCount(), "forward", r.owner(), r.buildYear(),
                r.road(), "existing", r.sourceId(), r.wkt());
    }

    private static List<String> fireLane(FireLaneRec r) {
        return values(r.compoundCode(), r.name(), decimal(r.requiredWidthM()), decimal(r.carriagewayWidthM()),
                DemoWriter.json(r.extra()), r.sourceId(), r.wkt());
    }

    private static List<String> stall(StallRec r) {
        return values(r.compoundCode(), r.stallNo(), r.kind(), DemoWriter.json(r.extra()), r.stallNo(), r.wkt());
    }

    private static List<String> obstacle(ObstacleRec r) {
        return values(r.compoundCode(), r.kind(), r.note(), r.observedOn(), r.status(), DemoWriter.json(r.extra()),
                r.sourceId(), r.wkt());
    }

    /** Each value's text (null stays null): numbers, booleans and dates print as PostgreSQL reads them. */
    private static List<String> values(Object... values) {
        return Arrays.stream(values).map(v -> v == null ? null : v.toString()).toList();
    }

    /** What DemoWriter binds as BigDecimal.valueOf(double). */
    private static String decimal(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).toPlainString();
    }

    private static String metres(Long millimetres) {
        return millimetres == null ? null : BigDecimal.valueOf(millimetres, 3).toPlainString();
    }

    /** RFC 4180, one record a line: NULL as an unquoted empty field, the empty string as "". */
    static String csv(List<String> header, List<List<String>> records) {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        records.forEach(r -> line(sb, r));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        sb.append('\n');
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("demo files: a value spans lines: " + value);
        }
        if (value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
