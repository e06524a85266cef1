package cn.compoundgis.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import cn.compoundgis.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The files of data/demo/tables are what {@link DemoFiles} writes from the generator, and {@link DemoData} loading
 * them gives the same database, row by row, as the generator with {@link DemoWriter} (how the server loaded the
 * demo data before). With {@code -Ddemo.write=true} it writes the files again instead of failing on a difference.
 */
class DemoFilesTest {
    private static final Path DATA = Path.of(System.getProperty("data.dir", "../data"));

    /** Columns that hold the time of loading, not demo data. */
    private static final List<String> TIME_TYPES = List.of("timestamp with time zone", "timestamp without time zone");

    @Test
    void theCommittedFilesAreWhatTheGeneratorWrites() throws Exception {
        Path dir = DATA.resolve(DemoFiles.TABLES);
        if (Boolean.getBoolean("demo.write")) {
            DemoFiles.write(dir);
        }
        Map<String, String> fresh = DemoFiles.files();
        assertThat(fresh).hasSize(1 + DemoSql.TABLES.size());
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted())
                    .as("data/demo/tables holds exactly the table files").containsExactlyElementsOf(
                            fresh.keySet().stream().sorted().toList());
        }
        for (Map.Entry<String, String> file : fresh.entrySet()) {
            assertThat(Files.readString(dir.resolve(file.getKey()), StandardCharsets.UTF_8))
                    .as("data/demo/tables/%s: run DemoFilesTest with -Ddemo.write=true after changing the generator",
                            file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void loadingTheFilesGivesTheDatabaseTheGeneratorWrote() throws SQLException {
        // the classpath holds the files as they were before this run wrote them
        assumeFalse(Boolean.getBoolean("demo.write"), "files just written: run again without -Ddemo.write");
        DataSource generated = TestDatabase.fresh("demo_files_generated");
        try (Connection c = generated.getConnection()) {
            c.setAutoCommit(false);
            DemoWriter.write(c, 4548, DemoGenerator.generate(CompoundCsv.read()));
            c.commit();
        }
        DataSource loaded = TestDatabase.fresh("demo_files_loaded");
        assertThat(DemoData.loadIfEmpty(loaded)).isTrue();

        Map<String, List<String>> expected = tableDigests(generated);
        assertThat(expected.keySet()).contains("survey", "compound", "compound_item", "building", "pipe_point",
                "pipe", "fire_lane", "parking_stall", "obstacle");
        assertThat(expected.get("pipe").get(0)).as("rows in pipe").isNotEqualTo("0");
        assertThat(tableDigests(loaded)).isEqualTo(expected);
    }

    @Test
    void anEmptyFieldIsNullAndAQuotedEmptyFieldTheEmptyString() {
        assertThat(DemoCsv.split("t.csv", 2, "C1,,\"\",\"a, \"\"b\"\"\""))
                .containsExactly("C1", null, "", "a, \"b\"");
        List<String> record = Arrays.asList("C1", null, "", "a, \"b\"");
        String csv = DemoFiles.csv(List.of("a", "b", "c", "d"), List.of(record));
        assertThat(DemoCsv.split("t.csv", 2, csv.lines().skip(1).findFirst().orElseThrow())).isEqualTo(record);
    }

    @Test
    void aBrokenLineIsNamedByFileAndLine() {
        assertThatThrownBy(() -> DemoCsv.split("/data/demo/tables/pipe.csv", 7, "C1,\"open"))
                .hasMessageContaining("/data/demo/tables/pipe.csv line 7").hasMessageContaining("unclosed quote");
    }

    /**
     * Per table of the public schema (rows, md5 of every row's columns but the load-time ones, in row order): ids
     * included, so the rows must also come in the same order.
     */
    private static Map<String, List<String>> tableDigests(DataSource ds) throws SQLException {
        Map<String, List<String>> digests = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            for (String table : tables(c)) {
                List<String> columns = columns(c, table);
                String row = "concat_ws('|', " + String.join(", ",
                        columns.stream().map(col -> "quote_nullable(\"" + col + "\"::text)").toList()) + ")";
                String sql = "SELECT count(*)::text, coalesce(md5(string_agg(" + row + ", E'\\n' ORDER BY " + row
                        + ")), '') FROM \"" + table + "\"";
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    digests.put(table, List.of(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return digests;
    }

    private static List<String> tables(Connection c) throws SQLException {
        return strings(c, """
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                  AND table_name NOT IN ('spatial_ref_sys', 'flyway_schema_history')
                ORDER BY table_name""", null);
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (String col : strings(c, """
                SELECT column_name || ':' || data_type FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position""", table)) {
            String[] nameAndType = col.split(":", 2);
            if (!TIME_TYPES.contains(nameAndType[1])) {
                columns.add(nameAndType[0]);
            }
        }
        return columns;
    }

    private static List<String> strings(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }
}
