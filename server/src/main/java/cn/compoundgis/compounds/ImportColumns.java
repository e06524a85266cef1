package cn.compoundgis.compounds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The column names and limits of a compound list import, read once from {@value #RESOURCE}: each field of a POST
 * /api/compounds body (and {@code boundary}) with the names a register table gives it, in English and Chinese; the
 * words a yes/no cell may hold; how many rows and bytes one import may have.
 */
final class ImportColumns {
    static final String RESOURCE = "/compounds/import-columns.json";
    /** A unit after the name, e.g. 户数(户), 占地面积（㎡）, site_area [m2]. */
    private static final Pattern UNIT = Pattern.compile("\\s*[(（\\[【].*[)）\\]】]\\s*$");

    /** What one import may carry (the file's "limits"). */
    record Limits(int maxRows, long maxFileBytes, int maxColumns, int maxReportedErrors, int stagedImportHours) {
    }

    private static final ImportColumns LOADED = load();

    private final Map<String, String> fieldByName = new HashMap<>();
    private final Map<String, Boolean> flags = new HashMap<>();
    private final Limits limits;

    private ImportColumns(JsonNode root) {
        root.path("columns").fields().forEachRemaining(e -> e.getValue().forEach(name -> {
            String previous = fieldByName.put(normal(name.asText()), e.getKey());
            if (previous != null && !previous.equals(e.getKey())) {
                throw new IllegalStateException(RESOURCE + ": column " + name + " names both " + previous + " and " + e.getKey());
            }
        }));
        root.path("flags").path("true").forEach(w -> flags.put(normal(w.asText()), true));
        root.path("flags").path("false").forEach(w -> flags.put(normal(w.asText()), false));
        JsonNode l = root.path("limits");
        limits = new Limits(l.path("max_rows").asInt(), l.path("max_file_bytes").asLong(), l.path("max_columns").asInt(),
                l.path("max_reported_errors").asInt(), l.path("staged_import_hours").asInt());
        if (limits.maxRows() <= 0 || limits.maxFileBytes() <= 0 || limits.maxColumns() <= 0 || limits.maxReportedErrors() <= 0
                || limits.stagedImportHours() <= 0) {
            throw new IllegalStateException(RESOURCE + ": every limit must be positive");
        }
    }

    static ImportColumns get() {
        return LOADED;
    }

    private static ImportColumns load() {
        try (InputStream in = ImportColumns.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new ImportColumns(new ObjectMapper().readTree(in));
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

    /** A yes/no cell (是/否, true/false, 有/无 ...), if it is one of the known words. */
    Optional<Boolean> flag(String cell) {
        return Optional.ofNullable(flags.get(normal(cell)));
    }

    Limits limits() {
        return limits;
    }
}
