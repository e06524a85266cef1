package cn.compoundgis.features;

import cn.compoundgis.db.StatementTimeout;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The rows of a query read through {@code COPY (query) TO STDOUT}, each as its columns' text ({@link TextRow}).
 * PostgreSQL sends the rows of a COPY without waiting to be asked, held back only by the socket, while a cursor
 * stops after each batch until the client has read it and asked for the next: on this project's 2-CPU benchmark
 * machine a 10 000-feature page spent 10 to 20 ms more in pgjdbc through a cursor of 500-row batches than through
 * COPY. The heap holds one row at a time: pgjdbc reads one CopyData message, which is one row, and its columns are
 * marked in that array, not copied out.
 */
final class CopyRows implements RowPipeline.RowSource {
    private final PGConnection connection;
    private final CopyOut copy;
    private final int columns;

    private CopyRows(PGConnection connection, CopyOut copy, int columns) {
        this.connection = connection;
        this.copy = copy;
        this.columns = columns;
    }

    /** Starts {@code COPY (query) TO STDOUT} on {@code conn}; {@code query} has its values written in already. */
    static CopyRows start(Connection conn, String query, int columns) throws SQLException {
        PGConnection pg = conn.unwrap(PGConnection.class);
        return new CopyRows(pg, pg.getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT"), columns);
    }

    @Override
    public TextRow next() throws SQLException {
        byte[] line = copy.readFromCopy();
        return line == null ? null : parse(line, columns);
    }

    /**
     * Stops a COPY not read to its end: PostgreSQL is asked to cancel it, and what it sent before it stopped is read
     * and dropped, up to its answer to the cancel, so that the connection is ready for its next statement. (pgjdbc's
     * own {@code cancelCopy} of a COPY TO leaves those messages unread, for the next statement to trip over.) A
     * cancel that arrives after the COPY has ended finds the connection idle, where PostgreSQL ignores it.
     */
    @Override
    public void close() throws SQLException {
        if (!copy.isActive()) {
            return;
        }
        connection.cancelQuery();
        try {
            while (copy.readFromCopy() != null) {
                // dropped: the answer to the cancel, query_canceled, ends it
            }
        } catch (SQLException e) {
            if (!StatementTimeout.QUERY_CANCELED.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /**
     * One line of COPY's text format: columns separated by tabs, {@code \N} for NULL, and backslash escapes for a
     * backslash and the control characters (COPY TO writes {@code \b \f \n \r \t \v \\}; the octal and
     * {@code \x} forms are read too). An escaped column is decoded where it lies: its bytes only get fewer.
     */
    static TextRow parse(byte[] line, int columns) {
        int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
        int[] starts = new int[columns];
        int[] ends = new int[columns];
        int column = 0;
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i <= end; i++) {
            if (i == end || line[i] == '\t') {
                if (column == columns) {
                    throw new IllegalStateException("a COPY row with more than " + columns + " columns");
                }
                starts[column] = start;
                ends[column] = i;
                if (escaped) {
                    decode(line, starts, ends, column);
                }
                column++;
                start = i + 1;
                escaped = false;
            } else if (line[i] == '\\') {
                escaped = true;
                i++; // the escaped byte is never a separator
            }
        }
        if (column != columns) {
            throw new IllegalStateException("a COPY row of " + column + " columns, not " + columns);
        }
        return new TextRow(line, starts, ends);
    }

    /** Column {@code c} of {@code line} decoded in place: {@code \N} marks it NULL, escapes become their bytes. */
    private static void decode(byte[] line, int[] starts, int[] ends, int c) {
        int start = starts[c];
        int end = ends[c];
        if (end - start == 2 && line[start + 1] == 'N') {
            starts[c] = -1;
            return;
        }
        int n = start;
        for (int i = start; i < end; i++) {
            byte b = line[i];
            if (b != '\\' || i + 1 == end) {
                line[n++] = b;
                continue;
            }
            byte e = line[++i];
            switch (e) {
                case 'b' -> line[n++] = '\b';
                case 'f' -> line[n++] = '\f';
                case 'n' -> line[n++] = '\n';
                case 'r' -> line[n++] = '\r';
                case 't' -> line[n++] = '\t';
                case 'v' -> line[n++] = 0x0B;
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < end && Character.digit(line[i + 1], 16) >= 0) {
                        value = value * 16 + Character.digit(line[++i], 16);
                        digits++;
                    }
                    line[n++] = digits == 0 ? (byte) 'x' : (byte) value;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int digits = 1; digits < 3 && i + 1 < end && line[i + 1] >= '0' && line[i + 1] <= '7'; digits++) {
                            value = value * 8 + line[++i] - '0';
                        }
                        line[n++] = (byte) value;
                    } else {
                        line[n++] = e; // \\ and any other escaped byte stand for themselves
                    }
                }
            }
        }
        ends[c] = n;
    }
}
