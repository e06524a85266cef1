package cn.compoundgis.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the seed's published numbers from the classpath resource {@value #RESOURCE} (UTF-8 CSV with header). */
final class CompoundCsv {
    static final String RESOURCE = "/data/demo/compounds.csv";

    private CompoundCsv() {
    }

    static List<CompoundRow> read() {
        try (InputStream in = CompoundCsv.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo data: " + RESOURCE + " is not on the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("demo data: cannot read " + RESOURCE, e);
        }
    }

    static List<CompoundRow> parse(BufferedReader reader) throws IOException {
        List<String> header = null;
        List<CompoundRow> rows = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = splitLine(line.startsWith("\uFEFF") ? line.substring(1) : line);
            if (header == null) {
                header = fields;
                continue;
            }
            Map<String, String> byName = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                byName.put(header.get(i), i < fields.size() ? fields.get(i) : "");
            }
            rows.add(CompoundRow.of(byName));
        }
        return rows;
    }

    /** RFC 4180 fields of one line: commas separate, double quotes enclose, "" is a quote (no line breaks). */
    static List<String> splitLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
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
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
