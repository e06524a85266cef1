package cn.compoundgis.features;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the rows of {@link FeatureQueries#features} as GeoJSON Features, byte for byte what PostgreSQL's
 * {@code to_json} of the properties would write. PostgreSQL sends each property as text ({@code ::text}, so that
 * the driver never switches a column to binary) and its GeoJSON geometry; the properties' JSON is made here because
 * PostgreSQL 15's {@code to_json} of a row costs about five times its plain text output (scripts/bench items: 150 of
 * the 10 000-feature page's 230 ms on a 2-CPU EPYC), while copying the bytes with JSON's escapes costs Java little.
 * Not thread-safe: one per response.
 */
final class FeatureJson {
    /** Columns of a row before the properties: the feature id, then its geometry as GeoJSON text (or null). */
    static final int FIRST_PROPERTY_COLUMN = 3;
    private static final int FIRST_PROPERTY = FIRST_PROPERTY_COLUMN - 1;
    private static final byte[] FEATURE_START = ascii("{\"type\":\"Feature\",\"id\":");
    private static final byte[] GEOMETRY = ascii(",\"geometry\":");
    private static final byte[] PROPERTIES = ascii(",\"properties\":{");
    private static final byte[] NULL = ascii("null");
    private static final byte[] HEX = ascii("0123456789abcdef");
    private static final int FLUSH_AT = 64 * 1024;

    /** How a property's text becomes JSON. */
    enum Kind {
        /** JSON string, escaped as PostgreSQL's escape_json does. */
        STRING,
        /** integer, or numeric whose text is a JSON number (NaN and Infinity are quoted, as to_json quotes them). */
        NUMBER,
        /** true/false ({@code boolean::text}), or JSON text: written as it is. */
        LITERAL,
        /** timestamptz: ISO 8601 with a T and a full ±HH:MM offset, as to_json writes it. */
        DATE_TIME
    }

    private final byte[][] keys;
    private final Kind[] kinds;
    private byte[] buffer = new byte[FLUSH_AT * 2];
    private int length;
    private long features;

    FeatureJson(List<Property> properties) {
        keys = new byte[properties.size()][];
        kinds = new Kind[properties.size()];
        for (int i = 0; i < properties.size(); i++) {
            Property p = properties.get(i);
            keys[i] = ((i == 0 ? "\"" : ",\"") + p.name() + "\":").getBytes(StandardCharsets.UTF_8);
            kinds[i] = kindOf(p);
        }
    }

    static Kind kindOf(Property p) {
        return switch (p.type()) {
            case "integer", "number" -> Kind.NUMBER;
            case "boolean", "object" -> Kind.LITERAL;
            default -> "date-time".equals(p.format()) ? Kind.DATE_TIME : Kind.STRING;
        };
    }

    /** Appends the feature of a row (after a comma but the first); writes to {@code out} once enough has gathered. */
    void append(TextRow row, OutputStream out) throws IOException {
        if (features++ > 0) {
            put((byte) ',');
        }
        put(FEATURE_START);
        put(row.bytes(), row.start(0), row.end(0));
        put(GEOMETRY);
        if (row.isNull(1)) {
            put(NULL);
        } else {
            put(row.bytes(), row.start(1), row.end(1));
        }
        put(PROPERTIES);
        for (int i = 0; i < kinds.length; i++) {
            put(keys[i]);
            int column = FIRST_PROPERTY + i;
            if (row.isNull(column)) {
                put(NULL);
            } else {
                value(kinds[i], row.bytes(), row.start(column), row.end(column));
            }
        }
        put((byte) '}');
        put((byte) '}');
        if (length >= FLUSH_AT) {
            flush(out);
        }
    }

    void flush(OutputStream out) throws IOException {
        out.write(buffer, 0, length);
        length = 0;
    }

    /** A property's text {@code text[from..to)} as JSON. */
    private void value(Kind kind, byte[] text, int from, int to) {
        switch (kind) {
            case NUMBER -> {
                if (isJsonNumber(text, from, to)) {
                    put(text, from, to);
                } else {
                    string(text, from, to);
                }
            }
            case LITERAL -> put(text, from, to);
            case DATE_TIME -> dateTime(text, from, to);
            case STRING -> string(text, from, to);
        }
    }

    /** PostgreSQL's numeric and integer text is a JSON number unless it is NaN or ±Infinity. */
    private static boolean isJsonNumber(byte[] text, int from, int to) {
        int first = to - from > 1 && text[from] == '-' ? from + 1 : from;
        return to > first && text[first] >= '0' && text[first] <= '9';
    }

    /**
     * timestamptz as text ({@code 2026-12-07 02:38:46.29+00}, DateStyle ISO) to what to_json writes
     * ({@code "2026-12-07T02:38:46.29+00:00"}): the first space becomes a T, an offset of whole hours gets its
     * minutes; infinity and a BC suffix stay as they are.
     */
    private void dateTime(byte[] text, int from, int to) {
        int end = to;
        if (end - from > 3 && text[end - 3] == ' ' && text[end - 2] == 'B' && text[end - 1] == 'C') {
            end -= 3;
        }
        int space = indexOf(text, (byte) ' ', from, end);
        int sign = -1;
        for (int i = end - 1; i > space && space >= 0; i--) {
            if (text[i] == '+' || text[i] == '-') {
                sign = i;
                break;
            }
        }
        ensure(to - from + 5);
        byte[] b = buffer;
        int n = length;
        b[n++] = '"';
        System.arraycopy(text, from, b, n, end - from);
        if (space >= 0) {
            b[n + space - from] = 'T';
        }
        n += end - from;
        if (sign >= 0 && end - sign == 3) {
            b[n++] = ':';
            b[n++] = '0';
            b[n++] = '0';
        }
        System.arraycopy(text, end, b, n, to - end);
        n += to - end;
        b[n++] = '"';
        length = n;
    }

    private static int indexOf(byte[] text, byte b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** A JSON string of UTF-8 text, with the escapes of PostgreSQL's escape_json (bytes of 0x80 and up pass). */
    private void string(byte[] text, int from, int to) {
        if (!needsEscapes(text, from, to)) { // most values: copied as they are
            ensure(to - from + 2);
            buffer[length++] = '"';
            System.arraycopy(text, from, buffer, length, to - from);
            length += to - from;
            buffer[length++] = '"';
            return;
        }
        ensure((to - from) * 6 + 2);
        byte[] b = buffer;
        int n = length;
        b[n++] = '"';
        for (int i = from; i < to; i++) {
            byte c = text[i];
            switch (c) {
                case '"' -> { b[n++] = '\\'; b[n++] = '"'; }
                case '\\' -> { b[n++] = '\\'; b[n++] = '\\'; }
                case '\b' -> { b[n++] = '\\'; b[n++] = 'b'; }
                case '\f' -> { b[n++] = '\\'; b[n++] = 'f'; }
                case '\n' -> { b[n++] = '\\'; b[n++] = 'n'; }
                case '\r' -> { b[n++] = '\\'; b[n++] = 'r'; }
                case '\t' -> { b[n++] = '\\'; b[n++] = 't'; }
                default -> {
                    if (c >= 0 && c < ' ') {
                        b[n++] = '\\';
                        b[n++] = 'u';
                        b[n++] = '0';
                        b[n++] = '0';
                        b[n++] = HEX[c >> 4];
                        b[n++] = HEX[c & 0xF];
                    } else {
                        b[n++] = c;
                    }
                }
            }
        }
        b[n++] = '"';
        length = n;
    }

    /** A quote, a backslash or a control character (UTF-8's bytes of multi-byte characters are all 0x80 and up). */
    private static boolean needsEscapes(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = text[i];
            if (c == '"' || c == '\\' || (c >= 0 && c < ' ')) {
                return true;
            }
        }
        return false;
    }

    private void put(byte[] bytes) {
        put(bytes, 0, bytes.length);
    }

    private void put(byte[] bytes, int from, int to) {
        ensure(to - from);
        System.arraycopy(bytes, from, buffer, length, to - from);
        length += to - from;
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
