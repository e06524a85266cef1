package cn.compoundgis.survey.stage;

import cn.compoundgis.http.Message;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What each numeric column can hold, from /survey/column-capacity.json: a staged value beyond it would make
 * PostgreSQL refuse the whole COPY (numeric field overflow, a CHECK constraint), so it is caught here as an
 * error of its record and field.
 */
final class ColumnCapacity {
    private record Range(String field, double min, double max) {
    }

    private static final Map<String, Range> COLUMNS = load();

    private ColumnCapacity() {
    }

    /** Notes on {@code r} every number of {@code row} its column cannot hold. */
    static void check(Map<String, Object> row, RecordReader r) {
        row.forEach((column, value) -> {
            Range range = COLUMNS.get(column);
            if (range != null && value instanceof Number n && !(n.doubleValue() >= range.min() && n.doubleValue() <= range.max())) {
                r.error(range.field(), "out_of_range", "gives " + column + " = " + n + ", outside what it can hold ("
                        + plain(range.min()) + " to " + plain(range.max()) + ")",
                        Message.params("column", column, "min", plain(range.min()), "max", plain(range.max())));
            }
        });
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static Map<String, Range> load() {
        try (InputStream in = ColumnCapacity.class.getResourceAsStream("/survey/column-capacity.json")) {
            Map<String, Range> columns = new HashMap<>();
            Json.MAPPER.readTree(in).get("columns").fields().forEachRemaining(e -> {
                JsonNode c = e.getValue();
                columns.put(e.getKey(), new Range(c.get("field").asText(), c.get("min").asDouble(), c.get("max").asDouble()));
            });
            return Map.copyOf(columns);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("/survey/column-capacity.json is missing or incomplete", e));
        }
    }
}
