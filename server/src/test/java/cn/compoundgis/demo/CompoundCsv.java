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

    /**
     * RFC 4180 fields of one line: commas separate, double quotes enclose, "" is a quote (no line breaks). The
     * reader of the committed tables (DemoCsv) does the splitting; here an empty field is just empty.
     */
    static List<String> splitLine(String line) {
        return DemoCsv.split("compounds.csv", 0, line).stream().map(f -> f == null ? "" : f).toList();
    }
}
