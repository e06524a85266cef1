package cn.compoundgis.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.db.StatementTimeout;
import cn.compoundgis.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rows read through COPY against real PostgreSQL: each column's text exactly as a result set's, NULL apart from the
 * text "\N", and a COPY stopped early leaves its connection ready for the next statement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CopyRowsTest {
    private static final String VALUES = "SELECT * FROM (VALUES (1, E'tab\\there', E'line\\nbreak\\r\\b\\f\\x0b', E'back\\\\slash \\\\N'),"
            + " (2, NULL, '', '\\N'), (3, '合肥 \"引号\"', E'\\x01\\x1f', 'N')) v(id, a, b, c) ORDER BY id";
    private DataSource db;

    @BeforeAll
    void startDatabase() {
        db = TestDatabase.fresh("copy_rows_test");
    }

    @Test
    void everyColumnIsTheTextAResultSetGives() throws SQLException {
        List<String[]> expected = new ArrayList<>();
        List<String[]> copied = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(VALUES)) {
                while (rs.next()) {
                    expected.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            try (CopyRows rows = CopyRows.start(c, VALUES, 4)) {
                for (TextRow row = rows.next(); row != null; row = rows.next()) {
                    String[] text = new String[row.columns()];
                    for (int i = 0; i < row.columns(); i++) {
                        text[i] = row.isNull(i) ? null : new String(row.copy(i), StandardCharsets.UTF_8);
                    }
                    copied.add(text);
                }
            }
        }
        assertThat(copied).containsExactlyElementsOf(expected);
        assertThat(copied.get(1)[1]).isNull();
        assertThat(copied.get(1)[3]).isEqualTo("\\N");
    }

    @Test
    void octalAndHexEscapesAreRead() {
        TextRow row = CopyRows.parse("a\\101\\x42\\7\tb\\\\c\t\\N\n".getBytes(StandardCharsets.US_ASCII), 3);
        assertThat(new String(row.copy(0), StandardCharsets.US_ASCII)).isEqualTo("aAB\u0007");
        assertThat(new String(row.copy(1), StandardCharsets.US_ASCII)).isEqualTo("b\\c");
        assertThat(row.isNull(2)).isTrue();
    }

    @Test
    void columnsAreFoundAtEveryPositionInTheRow() {
        // COPY's text form of random columns: tabs, newlines, backslashes and bytes of 0x80 and up anywhere in a row
        byte[] alphabet = "ab\t\\\nN{\u00e9".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(13);
        for (int trial = 0; trial < 2_000; trial++) {
            int columns = 1 + random.nextInt(6);
            List<byte[]> values = new ArrayList<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    line.write('\t');
                }
                if (random.nextInt(8) == 0) {
                    values.add(null);
                    line.writeBytes("\\N".getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                byte[] value = new byte[random.nextInt(20)];
                for (int i = 0; i < value.length; i++) {
                    value[i] = alphabet[random.nextInt(alphabet.length)];
                }
                values.add(value);
                for (byte b : value) {
                    switch (b) {
                        case '\t' -> line.writeBytes(new byte[]{'\\', 't'});
                        case '\n' -> line.writeBytes(new byte[]{'\\', 'n'});
                        case '\\' -> line.writeBytes(new byte[]{'\\', '\\'});
                        default -> line.write(b);
                    }
                }
            }
            line.write('\n');
            TextRow row = CopyRows.parse(line.toByteArray(), columns);
            for (int c = 0; c < columns; c++) {
                assertThat(row.copy(c)).as("trial %d column %d", trial, c).isEqualTo(values.get(c));
            }
        }
    }

    @Test
    void aRowOfTheWrongWidthIsAnError() {
        assertThatThrownBy(() -> CopyRows.parse("a\tb\n".getBytes(StandardCharsets.US_ASCII), 3))
                .hasMessageContaining("2 columns, not 3");
        assertThatThrownBy(() -> CopyRows.parse("a\tb\tc\n".getBytes(StandardCharsets.US_ASCII), 2))
                .hasMessageContaining("more than 2");
    }

    @Test
    void aCopyStoppedEarlyLeavesTheConnectionReady() throws SQLException {
        try (Connection c = db.getConnection()) {
            for (int i = 0; i < 3; i++) {
                try (CopyRows rows = CopyRows.start(c, "SELECT g, repeat('x', 100) FROM generate_series(1, 1000000) g", 2)) {
                    assertThat(rows.next().asLong(0)).isEqualTo(1);
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 'next'")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("next");
                }
            }
            try (CopyRows rows = CopyRows.start(c, "SELECT 1", 1)) {
                assertThat(rows.next()).isNotNull();
                assertThat(rows.next()).isNull();
            } // read to its end: nothing to stop
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 2")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void aCopyCutOffByTheStatementTimeoutIsACancelledStatementAndLeavesTheConnectionReady() throws SQLException {
        try (Connection c = db.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET statement_timeout = 200");
            }
            try (CopyRows rows = CopyRows.start(c, "SELECT g, pg_sleep(0.01) FROM generate_series(1, 100000) g", 2)) {
                assertThatThrownBy(() -> {
                    while (rows.next() != null) {
                        // reading until PostgreSQL cuts the statement off
                    }
                }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(StatementTimeout.cancelled(e)).isTrue());
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 'next'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("next");
                s.execute("RESET statement_timeout");
            }
        }
    }
}
