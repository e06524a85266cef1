package cn.compoundgis.compounds;

import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * A compound list as rows: a CSV table (UTF-8 with or without BOM, or GBK), a GeoJSON FeatureCollection, a zipped
 * shapefile ({@link ShapefileImport}) or an XLSX sheet ({@link XlsxImport}), each row turned into a JSON object of the
 * names of a POST /api/compounds body (the columns of {@link ImportColumns}; an item column fills
 * {@code items.<code>.<quantity>}), its boundary as GeoJSON (a CSV or XLSX cell holds WKT). Nothing is checked here
 * beyond the file's form; the register rules are {@link CompoundInput}'s.
 */
final class ImportFile {
    static final Charset GBK = Charset.forName("GBK");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    enum Format { CSV, GEOJSON, SHAPEFILE, XLSX }

    /**
     * A file to read: its bytes, format and name (for messages), the encoding asked for (CSV, GeoJSON, .dbf; null to
     * detect) and the sheet asked for (XLSX; null for the first).
     */
    record Source(byte[] bytes, Format format, String fileName, String encoding, String sheet) {
    }

    /**
     * One row: its number as a person finds it (CSV: the line, the header being line 1; GeoJSON: feature 1, 2 ...;
     * shapefile: the .dbf record; XLSX: the row as Excel shows it).
     */
    record Row(int number, ObjectNode values) {
    }

    /**
     * The rows read, the encoding used, columns that were left out as unknown, whether any row has WKT, and the SRIDs
     * its EWKT cells name ({@code SRID=4548;POLYGON(...)}; null stands for a cell without one). A shapefile also gives
     * the CRS its .prj names ({@code fileSrid}, null when it names none) and how it was told or why not
     * ({@code fileCrsNote}); {@code columns} is the column (or property, .dbf field) each body field came from.
     */
    record Rows(Format format, String encoding, List<Row> rows, List<String> ignoredColumns, boolean hasWkt,
                Set<Integer> wktSrids, Integer fileSrid, String fileCrsNote, Map<String, String> columns) {
        Rows(Format format, String encoding, List<Row> rows, List<String> ignoredColumns, boolean hasWkt,
             Set<Integer> wktSrids, Map<String, String> columns) {
            this(format, encoding, rows, ignoredColumns, hasWkt, wktSrids, null, null, columns);
        }

        /** Positions are x first (easting, longitude): WKT, and shapefiles. */
        boolean eastingFirst() {
            return hasWkt || format == Format.SHAPEFILE;
        }
    }

    static final Pattern EWKT_SRID = Pattern.compile("(?i)^SRID=(\\d{1,9});");

    private final ImportColumns columns;
    /** Status and category labels (zh-CN and lower-case en) to their codes, per field kind. */
    private final Map<RegisterField.Kind, Map<String, String>> codeByLabel = new EnumMap<>(RegisterField.Kind.class);

    ImportFile(ImportColumns columns) {
        this.columns = columns;
        JsonNode document = RegisterCodes.get().document();
        codeByLabel.put(RegisterField.Kind.STATUS, labels(document.path("statuses")));
        codeByLabel.put(RegisterField.Kind.CATEGORY, labels(document.path("renovation_categories")));
    }

    private static Map<String, String> labels(JsonNode table) {
        Map<String, String> labels = new HashMap<>();
        for (JsonNode c : table) {
            labels.put(c.path("zh-CN").asText(), c.path("code").asText());
            labels.put(c.path("en").asText().toLowerCase(Locale.ROOT), c.path("code").asText());
        }
        return labels;
    }

    Rows read(byte[] bytes, Format format, String encoding) {
        return read(new Source(bytes, format, "", encoding, null));
    }

    Rows read(Source source) {
        byte[] bytes = source.bytes();
        if (bytes.length == 0) {
            throw ApiError.badParameter("the file " + named(source.fileName()) + "is empty");
        }
        if (source.format() == Format.SHAPEFILE) {
            return new ShapefileImport(columns, this).read(source);
        }
        if (source.format() == Format.XLSX) {
            return new XlsxImport(columns, this).read(source);
        }
        String encoding = source.encoding();
        Format format = source.format();
        Decoded text = decode(bytes, encoding);
        int nul = text.text().indexOf('\u0000');
        if (nul >= 0) {
            throw ApiError.badParameter("the file contains a NUL byte (at line " + lineAt(text.text(), nul) + ")");
        }
        return format == Format.CSV ? csv(text) : geoJson(text);
    }

    /** A file name for a message ("'register.zip' "), or nothing when the file came as a raw body. */
    static String named(String fileName) {
        return fileName == null || fileName.isBlank() ? "" : "'" + CompoundInput.shown(fileName) + "' ";
    }

    /**
     * The header's columns as body fields (null for an unknown one), refusing two columns of one field and a header
     * without the code column; {@code ignored} gets the unknown ones, {@code used} each field's column.
     */
    List<String> headerFields(List<String> header, Function<String, Optional<String>> fieldOf,
                              List<String> ignored, Map<String, String> used) {
        List<String> fields = new ArrayList<>();
        for (String name : header) {
            String field = fieldOf.apply(name).orElse(null);
            if (field != null && fields.contains(field)) {
                throw ApiError.badParameter("columns " + header.get(fields.indexOf(field)) + " and " + name
                        + " both give " + field + "; keep one");
            }
            fields.add(field);
            if (field == null) {
                ignored.add(name);
            } else {
                used.put(field, name);
            }
        }
        if (!fields.contains(CompoundInput.CODE)) {
            throw ApiError.badParameter("the header has no code column (code, 小区编码 or XQBM); it has " + header);
        }
        return fields;
    }

    /** A value set in a row: a register field by its name, an item quantity under items.<code>.<quantity>. */
    static void put(ObjectNode values, String field, JsonNode value) {
        if (field.startsWith(ImportColumns.ITEM_FIELD_PREFIX)) {
            String[] path = field.substring(ImportColumns.ITEM_FIELD_PREFIX.length()).split("\\.", 2);
            values.with(CompoundInput.ITEMS).with(path[0]).set(path[1], value);
        } else {
            values.set(field, value);
        }
    }

    private record Decoded(String text, String encoding) {
    }

    /** The given encoding, or UTF-8 when the bytes are valid UTF-8 and GBK otherwise. A BOM is dropped. */
    static Decoded decode(byte[] bytes, String encoding) {
        boolean bom = bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
        ByteBuffer body = bom ? ByteBuffer.wrap(bytes, 3, bytes.length - 3) : ByteBuffer.wrap(bytes);
        if (encoding != null) {
            Charset charset = switch (encoding.strip().toLowerCase(Locale.ROOT)) {
                case "utf-8", "utf8" -> StandardCharsets.UTF_8;
                case "gbk", "cp936", "gb2312" -> GBK;
                case "gb18030" -> Charset.forName("GB18030");
                default -> throw ApiError.badParameter("encoding '" + CompoundInput.shown(encoding)
                        + "' is not offered; use utf-8, gbk or gb18030 (or leave it out to detect UTF-8 or GBK)");
            };
            return new Decoded(strict(body, charset, "the file is not valid " + charset.name()), charset.name());
        }
        try {
            return new Decoded(strictOrThrow(body.duplicate(), StandardCharsets.UTF_8), "UTF-8");
        } catch (CharacterCodingException notUtf8) {
            return new Decoded(strict(body, GBK, "the file is neither UTF-8 nor GBK; say encoding="), "GBK");
        }
    }

    private static String strict(ByteBuffer bytes, Charset charset, String refusal) {
        try {
            return strictOrThrow(bytes, charset);
        } catch (CharacterCodingException e) {
            throw ApiError.badParameter(refusal);
        }
    }

    private static String strictOrThrow(ByteBuffer bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
    }

    private static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private Rows csv(Decoded text) {
        ImportColumns.Limits limits = columns.limits();
        List<CsvTable.Record> records = new CsvTable(text.text(), limits.maxRows(), limits.maxColumns()).records();
        if (records.isEmpty()) {
            throw ApiError.badParameter("the table has no header line");
        }
        List<String> header = records.get(0).cells();
        List<String> ignored = new ArrayList<>();
        Map<String, String> used = new LinkedHashMap<>();
        List<String> fields = headerFields(header, columns::field, ignored, used);
        List<Row> rows = new ArrayList<>();
        boolean hasWkt = false;
        Set<Integer> srids = new HashSet<>();
        for (CsvTable.Record r : records.subList(1, records.size())) {
            if (r.cells().size() > header.size()) {
                throw ApiError.badParameter("line " + r.line() + " has " + r.cells().size() + " cells; the header has "
                        + header.size());
            }
            ObjectNode values = Json.MAPPER.createObjectNode();
            for (int i = 0; i < r.cells().size(); i++) {
                String field = fields.get(i);
                String cell = r.cells().get(i);
                if (field == null || cell.isEmpty()) {
                    continue;
                }
                if (field.equals(CompoundInput.BOUNDARY)) {
                    hasWkt = true;
                    Matcher srid = EWKT_SRID.matcher(cell);
                    srids.add(srid.find() ? Integer.valueOf(srid.group(1)) : null);
                    values.set(field, wkt(srid.replaceFirst("")));
                } else {
                    put(values, field, cellValue(field, cell));
                }
            }
            rows.add(new Row(r.line(), values));
        }
        return new Rows(Format.CSV, text.encoding(), rows, ignored, hasWkt, srids, used);
    }

    /** A cell as the JSON value a POST body would hold: a yes/no word as a boolean, everything else as text. */
    JsonNode cellValue(String field, String cell) {
        RegisterField f = RegisterField.byJson(field).orElse(null);
        if (f != null && f.kind == RegisterField.Kind.FLAG) {
            return columns.flag(cell).map(b -> (JsonNode) Json.MAPPER.getNodeFactory().booleanNode(b))
                    .orElse(Json.MAPPER.getNodeFactory().textNode(cell));
        }
        if (f != null && (f.kind == RegisterField.Kind.STATUS || f.kind == RegisterField.Kind.CATEGORY)) {
            return Json.MAPPER.getNodeFactory().textNode(codeForLabel(f, cell));
        }
        return Json.MAPPER.getNodeFactory().textNode(cell);
    }

    /**
     * A typed cell (XLSX, .dbf) as a POST body holds it: text through {@link #cellValue}; a number where text is meant
     * (a code, a name, an address, a status) as its plain digits (7001, not 7001.0); anything else as it is.
     */
    JsonNode typedValue(String field, JsonNode value) {
        if (value.isTextual()) {
            return cellValue(field, value.asText().strip());
        }
        if (value.isNumber() && isText(field)) {
            return Json.MAPPER.getNodeFactory().textNode(value.decimalValue().stripTrailingZeros().toPlainString());
        }
        return value;
    }

    private static boolean isText(String field) {
        if (field.equals(CompoundInput.CODE)) {
            return true;
        }
        return RegisterField.byJson(field).map(f -> f.kind == RegisterField.Kind.NAME || f.kind == RegisterField.Kind.TEXT
                || f.kind == RegisterField.Kind.STATUS || f.kind == RegisterField.Kind.CATEGORY).orElse(false);
    }

    /** A status or category written as its Chinese or English label (已完工, 基础类) is taken as its code. */
    private String codeForLabel(RegisterField f, String cell) {
        Map<String, String> labels = codeByLabel.get(f.kind);
        String code = labels.get(cell);
        return code != null ? code : labels.getOrDefault(cell.toLowerCase(Locale.ROOT), cell);
    }

    /**
     * A WKT cell as a GeoJSON geometry, read strictly by JTS: text JTS cannot read, or a type other than POLYGON or
     * MULTIPOLYGON, is left as a geometry of no allowed type so that the row's boundary error says what was found.
     */
    ObjectNode wkt(String cell) {
        Geometry geometry;
        try {
            geometry = new WKTReader().read(cell);
        } catch (ParseException | IllegalArgumentException e) {
            ObjectNode g = Json.MAPPER.createObjectNode();
            g.put("type", "unreadable WKT (" + CompoundInput.shown(String.valueOf(e.getMessage())) + ")");
            return g;
        }
        return geoJson(geometry);
    }

    /**
     * A JTS geometry (x first) as GeoJSON; a type other than Polygon or MultiPolygon, or an empty one, is left as a
     * geometry of no allowed type so that the row's boundary error says what was found.
     */
    static ObjectNode geoJson(Geometry geometry) {
        ObjectNode g = Json.MAPPER.createObjectNode();
        if (geometry.isEmpty()) {
            g.put("type", "an empty " + geometry.getGeometryType());
            return g;
        }
        if (geometry instanceof Polygon p) {
            g.put("type", "Polygon");
            g.set("coordinates", polygon(p));
        } else if (geometry instanceof MultiPolygon mp) {
            g.put("type", "MultiPolygon");
            ArrayNode polygons = g.putArray("coordinates");
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                polygons.add(polygon((Polygon) mp.getGeometryN(i)));
            }
        } else {
            g.put("type", geometry.getGeometryType());
        }
        return g;
    }

    private static ArrayNode polygon(Polygon p) {
        ArrayNode rings = Json.MAPPER.createArrayNode();
        rings.add(ring(p.getExteriorRing()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(ring(p.getInteriorRingN(i)));
        }
        return rings;
    }

    private static ArrayNode ring(LineString ring) {
        ArrayNode positions = Json.MAPPER.createArrayNode();
        for (Coordinate c : ring.getCoordinates()) {
            ArrayNode position = positions.addArray().add(c.getX()).add(c.getY());
            if (!Double.isNaN(c.getZ())) {
                position.add(c.getZ());
            }
        }
        return positions;
    }

    private Rows geoJson(Decoded text) {
        JsonNode root;
        try {
            root = Json.STRICT_READER.readTree(text.text());
        } catch (JsonProcessingException e) {
            throw ApiError.badParameter("the file is not valid JSON: " + CompoundInput.shown(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ApiError.badParameter("the file cannot be read as JSON");
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
            throw ApiError.badParameter("a GeoJSON import must be a FeatureCollection");
        }
        JsonNode features = root.get("features");
        if (features == null || !features.isArray()) {
            throw ApiError.badParameter("the FeatureCollection has no features array");
        }
        if (features.size() > columns.limits().maxRows()) {
            throw ApiError.overLimit("the FeatureCollection has " + features.size() + " features; at most "
                    + columns.limits().maxRows() + " per import: split it");
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Boolean> ignored = new LinkedHashMap<>();
        Map<String, String> used = new LinkedHashMap<>();
        int number = 0;
        for (JsonNode feature : features) {
            number++;
            if (!feature.isObject() || !"Feature".equals(feature.path("type").asText())) {
                throw ApiError.badParameter("feature " + number + " is not a GeoJSON Feature");
            }
            ObjectNode values = Json.MAPPER.createObjectNode();
            Map<String, String> seen = new HashMap<>();
            JsonNode properties = feature.path("properties");
            if (properties.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    String field = columns.field(p.getKey()).orElse(null);
                    if (field == null || field.equals(CompoundInput.BOUNDARY)) {
                        ignored.put(p.getKey(), true);
                    } else if (seen.putIfAbsent(field, p.getKey()) != null) {
                        throw ApiError.badParameter("feature " + number + ": properties " + seen.get(field) + " and "
                                + p.getKey() + " both give " + field + "; keep one");
                    } else {
                        used.putIfAbsent(field, p.getKey());
                        if (!p.getValue().isNull() && !(p.getValue().isTextual() && p.getValue().asText().isBlank())) {
                            put(values, field, propertyValue(field, p.getValue()));
                        }
                    }
                }
            }
            JsonNode geometry = feature.get("geometry");
            if (geometry != null && !geometry.isNull()) {
                values.set(CompoundInput.BOUNDARY, geometry);
            }
            rows.add(new Row(number, values));
        }
        return new Rows(Format.GEOJSON, text.encoding(), rows, List.copyOf(ignored.keySet()), false, Set.of(), used);
    }

    /** A property as a POST body holds it; a code given as a number (1001) is its text, a yes/no word a boolean. */
    JsonNode propertyValue(String field, JsonNode value) {
        if (field.equals(CompoundInput.CODE) && value.isIntegralNumber()) {
            return Json.MAPPER.getNodeFactory().textNode(value.asText());
        }
        return value.isTextual() ? cellValue(field, value.asText().strip()) : value;
    }
}
