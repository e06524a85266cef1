package cn.compoundgis.features;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * One row of a statement as its columns' text (UTF-8), kept in one array: column i is
 * {@code bytes[start(i)..end(i))}, or SQL NULL. A COPY row is read into one array already, so its columns are
 * marked in it rather than copied out one by one.
 */
final class TextRow {
    private final byte[] bytes;
    private final int[] starts;
    private final int[] ends;

    /** {@code starts[i]} below 0 marks column i NULL. */
    TextRow(byte[] bytes, int[] starts, int[] ends) {
        this.bytes = bytes;
        this.starts = starts;
        this.ends = ends;
    }

    /** The first {@code columns} columns of the result set's current row, as the database sent their text. */
    static TextRow of(ResultSet rs, int columns) throws SQLException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int[] starts = new int[columns];
        int[] ends = new int[columns];
        for (int i = 0; i < columns; i++) {
            byte[] text = rs.getBytes(i + 1);
            starts[i] = text == null ? -1 : all.size();
            if (text != null) {
                all.writeBytes(text);
            }
            ends[i] = all.size();
        }
        return new TextRow(all.toByteArray(), starts, ends);
    }

    int columns() {
        return starts.length;
    }

    boolean isNull(int column) {
        return starts[column] < 0;
    }

    byte[] bytes() {
        return bytes;
    }

    int start(int column) {
        return starts[column];
    }

    int end(int column) {
        return ends[column];
    }

    /** A copy of the column's text, or null. */
    byte[] copy(int column) {
        return isNull(column) ? null : Arrays.copyOfRange(bytes, starts[column], ends[column]);
    }

    long asLong(int column) {
        return Long.parseLong(new String(bytes, starts[column], ends[column] - starts[column], StandardCharsets.US_ASCII));
    }
}
