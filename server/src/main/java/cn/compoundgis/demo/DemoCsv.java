package cn.compoundgis.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one demo table file: UTF-8 CSV, one record a line, header first. Fields as in RFC 4180 (commas separate,
 * double quotes enclose, "" is a quote); an unquoted empty field is NULL, a quoted one ("") the empty string, as
 * in PostgreSQL's COPY ... CSV.
 */
final class DemoCsv {
    private DemoCsv() {
    }

    /** The records of {@code resource} (null = NULL) after checking its header and every record's field count. */
    static List<List<String>> read(String resource, List<String> header) throws IOException {
        try (InputStream in = DemoCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("demo data: " + resource + " is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String first = reader.readLine();
            List<String> found = first == null ? List.of() : split(resource, 1, first);
            if (!found.equals(header)) {
                throw new IllegalStateException("demo data: " + resource + " line 1: header " + found
                        + " is not " + header);
            }
            List<List<String>> records = new ArrayList<>();
            int lineNo = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                List<String> fields = split(resource, lineNo, line);
                if (fields.size() != header.size()) {
                    throw new IllegalStateException("demo data: " + resource + " line " + lineNo + ": "
                            + fields.size() + " fields, the header has " + header.size());
                }
                records.add(fields);
            }
            return records;
        }
    }

    /** The fields of one line; null for an unquoted empty field. */
    static List<String> split(String resource, int lineNo, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                fields.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalStateException("demo data: " + resource + " line " + lineNo + ": unclosed quote");
        }
        fields.add(value(field, wasQuoted));
        return fields;
    }

    private static String value(StringBuilder field, boolean wasQuoted) {
        return field.isEmpty() && !wasQuoted ? null : field.toString();
    }
}
