package cn.compoundgis.compounds;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The column names and limits of a compound list import, read once from {@value #RESOURCE}: each field of a POST
 * /api/compounds body (and {@code boundary}) with the names a register table gives it, in English and Chinese; the
 * words a yes/no cell may hold; how many rows and bytes one import may have. The renovation items of register.json are
 * columns too, one per item and quantity ("item_columns"): such a column gives the body field
 * {@code items.<item code>.<quantity>} ({@link #itemField}).
 */
final class ImportColumns {
    static final String RESOURCE = "/compounds/import-columns.json";
    /** A unit after the name, e.g. 户数(户), 占地面积（㎡）, site_area [m2]. */
    private static final Pattern UNIT = Pattern.compile("\\s*[(（\\[【].*[)）\\]】]\\s*$");

    /** What one import may carry (the file's "limits"). */
    record Limits(int maxRows, long maxFileBytes, int maxColumns, int maxReportedErrors, int stagedImportHours) {
    }

    /** How a zipped shapefile may unpack ("limits.zip"), for the survey upload's SafeZip. */
    record ZipLimits(int maxEntries, long maxUnpackedBytes, double maxCompressionRatio, long ratioFloorBytes,
                     int maxEntryNameBytes) {
    }

    /** POI's zip-bomb guard for an XLSX workbook ("limits.xlsx"). */
    record XlsxLimits(double minInflateRatio, long maxEntryBytes) {
    }

    /** The start of the body field an item column gives: items.rain_pipe_m.planned_quantity. */
    static final String ITEM_FIELD_PREFIX = CompoundInput.ITEMS + ".";
    /** A dBASE III field name holds at most 10 bytes (the header's 11-byte name slot ends in NUL). */
    static final int DBF_NAME_BYTES = 10;

    private static final ImportColumns LOADED = load();

    private final Map<String, String> fieldByName = new HashMap<>();
    private final Map<String, Boolean> flags = new HashMap<>();
    /** Per .dbf charset: the cut (to DBF_NAME_BYTES) of every longer name, to its field; null where two fields meet. */
    private final Map<Charset, Map<String, String>> fieldByCutName = new ConcurrentHashMap<>();
    private final Limits limits;
    private final ZipLimits zipLimits;
    private final XlsxLimits xlsxLimits;

    private ImportColumns(JsonNode root, RegisterCodes codes) {
        root.path("columns").fields().forEachRemaining(e -> e.getValue().forEach(name -> name(name.asText(), e.getKey())));
        itemColumns(root.path("item_columns"), codes);
        root.path("flags").path("true").forEach(w -> flags.put(normal(w.asText()), true));
        root.path("flags").path("false").forEach(w -> flags.put(normal(w.asText()), false));
        JsonNode l = root.path("limits");
        limits = new Limits(l.path("max_rows").asInt(), l.path("max_file_bytes").asLong(), l.path("max_columns").asInt(),
                l.path("max_reported_errors").asInt(), l.path("staged_import_hours").asInt());
        if (limits.maxRows() <= 0 || limits.maxFileBytes() <= 0 || limits.maxColumns() <= 0 || limits.maxReportedErrors() <= 0
                || limits.stagedImportHours() <= 0) {
            throw new IllegalStateException(RESOURCE + ": every limit must be positive");
        }
        JsonNode z = l.path("zip");
        zipLimits = new ZipLimits(z.path("max_entries").asInt(), z.path("max_unpacked_bytes").asLong(),
                z.path("max_compression_ratio").asDouble(), z.path("ratio_floor_bytes").asLong(),
                z.path("max_entry_name_bytes").asInt());
        JsonNode x = l.path("xlsx");
        xlsxLimits = new XlsxLimits(x.path("min_inflate_ratio").asDouble(), x.path("max_entry_bytes").asLong());
        if (zipLimits.maxEntries() <= 0 || zipLimits.maxUnpackedBytes() <= 0 || zipLimits.maxCompressionRatio() <= 0
                || zipLimits.ratioFloorBytes() <= 0 || zipLimits.maxEntryNameBytes() <= 0
                || xlsxLimits.minInflateRatio() <= 0 || xlsxLimits.maxEntryBytes() <= 0) {
            throw new IllegalStateException(RESOURCE + ": every zip and xlsx limit must be positive");
        }
    }

    private void name(String name, String field) {
        String previous = fieldByName.put(normal(name), field);
        if (previous != null && !previous.equals(field)) {
            throw new IllegalStateException(RESOURCE + ": column " + name + " names both " + previous + " and " + field);
        }
    }

    /**
     * Every item of register.json by its code, zh-CN label and short name, each followed by each suffix of a quantity.
     * Every item needs a short name that, with an ASCII suffix, fits a .dbf field name.
     */
    private void itemColumns(JsonNode table, RegisterCodes codes) {
        JsonNode shortNames = table.path("short_names");
        for (String code : codes.itemCodes()) {
            RegisterCodes.Item item = codes.item(code).orElseThrow();
            String shortName = shortNames.path(code).asText("");
            if (shortName.isEmpty()) {
                throw new IllegalStateException(RESOURCE + ": item " + code + " has no short name (item_columns.short_names)");
            }
            table.path("quantities").fields().forEachRemaining(q -> {
                if (!CompoundInput.ITEM_QUANTITIES.contains(q.getKey())) {
                    throw new IllegalStateException(RESOURCE + ": " + q.getKey() + " is not an item quantity");
                }
                boolean fitsDbf = false;
                for (JsonNode suffix : q.getValue()) {
                    String field = itemField(code, q.getKey());
                    for (String itemName : new String[] {code, item.zh(), shortName}) {
                        name(itemName + suffix.asText(), field);
                    }
                    fitsDbf |= (shortName + suffix.asText()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                            <= DBF_NAME_BYTES;
                }
                if (!fitsDbf) {
                    throw new IllegalStateException(RESOURCE + ": item " + code + " " + q.getKey() + " has no column name"
                            + " of at most " + DBF_NAME_BYTES + " bytes for a .dbf");
                }
            });
        }
        shortNames.fieldNames().forEachRemaining(code -> {
            if (codes.item(code).isEmpty()) {
                throw new IllegalStateException(RESOURCE + ": short name of " + code + ", which is not an item");
            }
        });
    }

    /** The body field of an item column: items.rain_pipe_m.planned_quantity. */
    static String itemField(String itemCode, String quantity) {
        return ITEM_FIELD_PREFIX + itemCode + "." + quantity;
    }

    static ImportColumns get() {
        return LOADED;
    }

    private static ImportColumns load() {
        try (InputStream in = ImportColumns.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new ImportColumns(Json.MAPPER.readTree(in), RegisterCodes.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static String normal(String name) {
        return UNIT.matcher(name.strip()).replaceFirst("").toLowerCase(Locale.ROOT);
    }

    /** The body field a column (or GeoJSON property) stands for, if it is a known one. */
    Optional<String> field(String columnName) {
        return Optional.ofNullable(fieldByName.get(normal(columnName)));
    }

    /**
     * The body field of a .dbf field name (decoded in {@code charset}): by its name, or, when no name is the same, as
     * the cut of a longer name to the 10 bytes a .dbf keeps, made in the same charset (UTF-8 小区编码 is kept as 小区编).
     * A cut that two fields' names share names neither.
     */
    Optional<String> dbfField(String dbfName, Charset charset) {
        Optional<String> exact = field(dbfName);
        if (exact.isPresent()) {
            return exact;
        }
        Map<String, String> cuts = fieldByCutName.computeIfAbsent(charset, this::cutNames);
        return Optional.ofNullable(cuts.get(normal(dbfName)));
    }

    private Map<String, String> cutNames(Charset charset) {
        Map<String, String> cuts = new HashMap<>();
        Map<String, Boolean> shared = new HashMap<>();
        fieldByName.forEach((name, field) -> {
            if (!charset.newEncoder().canEncode(name)) {
                return;
            }
            byte[] bytes = name.getBytes(charset);
            if (bytes.length <= DBF_NAME_BYTES) {
                return;
            }
            String cut = normal(decodedPrefix(Arrays.copyOf(bytes, DBF_NAME_BYTES), charset));
            String other = cuts.putIfAbsent(cut, field);
            if (other != null && !other.equals(field)) {
                shared.put(cut, true);
            }
        });
        shared.keySet().forEach(cuts::remove);
        fieldByName.keySet().forEach(cuts::remove); // a whole name is never read as another's cut
        return Map.copyOf(cuts);
    }

    /** What decodes of the bytes, a character cut in two at the end dropped (as the shapefile reader decodes names). */
    private static String decodedPrefix(byte[] bytes, Charset charset) {
        for (int end = bytes.length; end > 0; end--) {
            try {
                return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end)).toString();
            } catch (CharacterCodingException e) {
                // one byte less
            }
        }
        return "";
    }

    /** A yes/no cell (是/否, true/false, 有/无 ...), if it is one of the known words. */
    Optional<Boolean> flag(String cell) {
        return Optional.ofNullable(flags.get(normal(cell)));
    }

    Limits limits() {
        return limits;
    }

    ZipLimits zipLimits() {
        return zipLimits;
    }

    XlsxLimits xlsxLimits() {
        return xlsxLimits;
    }
}
