package cn.compoundgis.compounds;

import cn.compoundgis.http.ApiError;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV table (RFC 4180: comma separated, fields in double quotes may hold commas, quotes doubled and line breaks;
 * CRLF or LF) read record by record from decoded text. Records are counted while reading: one more than
 * {@code maxRecords} stops the reading with a 422, so a long file is never turned into rows entirely.
 */
final class CsvTable {
    private final String text;
    private final int maxRecords;
    private final int maxColumns;
    private int at;
    private int line = 1;

    CsvTable(String text, int maxRecords, int maxColumns) {
        this.text = text;
        this.maxRecords = maxRecords;
        this.maxColumns = maxColumns;
    }

    /** A record and the line it starts on (1 = the first line of the file). */
    record Record(int line, List<String> cells) {
        boolean blank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    /** The header and then every record, blank lines left out. */
    List<Record> records() {
        List<Record> records = new ArrayList<>();
        while (at < text.length()) {
            Record r = next();
            if (r.blank()) {
                continue;
            }
            if (records.size() > maxRecords) { // the header plus maxRecords rows are allowed
                throw ApiError.overLimit("the table has more than " + maxRecords + " rows (at line " + r.line()
                        + "); split it into several imports");
            }
            records.add(r);
        }
        return records;
    }

    private Record next() {
        int start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (at < text.length()) {
            char ch = text.charAt(at++);
            if (quoted) {
                if (ch == '"') {
                    if (at < text.length() && text.charAt(at) == '"') {
                        cell.append('"');
                        at++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cell.append(ch);
                }
            } else if (ch == '"') {
                if (cell.length() > 0 && !cell.toString().isBlank() || wasQuoted) {
                    throw ApiError.badParameter("line " + line + ": a double quote inside an unquoted field; quote the"
                            + " whole field and double the quote (\"\")");
                }
                cell.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                addCell(cells, cell, start);
                wasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && at < text.length() && text.charAt(at) == '\n') {
                    at++;
                }
                line++;
                addCell(cells, cell, start);
                return new Record(start, cells);
            } else if (!wasQuoted || !Character.isWhitespace(ch)) {
                if (wasQuoted) {
                    throw ApiError.badParameter("line " + line + ": text after the closing quote of a field");
                }
                cell.append(ch);
            }
        }
        if (quoted) {
            throw ApiError.badParameter("line " + start + ": a quoted field is not closed before the end of the file");
        }
        addCell(cells, cell, start);
        return new Record(start, cells);
    }

    private void addCell(List<String> cells, StringBuilder cell, int start) {
        if (cells.size() >= maxColumns) {
            throw ApiError.overLimit("line " + start + " has more than " + maxColumns + " columns");
        }
        cells.add(cell.toString().strip());
        cell.setLength(0);
    }
}
