package cn.compoundgis.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Values written into a statement's text for COPY, against real PostgreSQL: each comes back exactly as given and
 * typed as a bind parameter would be, hostile text stays text under either standard_conforming_strings, and what
 * cannot be written safely is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InlineParametersTest {
    private static final String HOSTILE = "合肥 ' \\' \\\\ \"x\" ?'); DROP TABLE survey; -- \t\n$$";
    private DataSource db;

    @BeforeAll
    void startDatabase() {
        db = TestDatabase.fresh("inline_parameters_test");
    }

    @Test
    void everyTypeComesBackAsGivenAndTyped() throws SQLException {
        OffsetDateTime at = OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 123_456_000, ZoneOffset.ofHours(8));
        String sql = InlineParameters.render("SELECT ?, ? + 1, ?, ?, ?, NOT ?, ? + 1, ? AT TIME ZONE 'UTC', ?,"
                + " pg_typeof(?)::text, pg_typeof(?)::text, '?', \"?column?\" FROM (SELECT 1 AS \"?column?\") x",
                List.of(HOSTILE, 42, 9_000_000_000L, 117.2622644, new BigDecimal("1.250"), true, LocalDate.of(2026, 1, 31),
                        at, List.of("C001", HOSTILE), 0.1, 7L));
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(HOSTILE);
            assertThat(rs.getInt(2)).isEqualTo(43);
            assertThat(rs.getLong(3)).isEqualTo(9_000_000_000L);
            assertThat(rs.getDouble(4)).isEqualTo(117.2622644);
            assertThat(rs.getBigDecimal(5)).isEqualTo(new BigDecimal("1.250"));
            assertThat(rs.getBoolean(6)).isFalse();
            assertThat(rs.getObject(7, LocalDate.class)).isEqualTo(LocalDate.of(2026, 2, 1));
            assertThat(rs.getString(8)).isEqualTo("2026-03-03 21:06:07.123456");
            assertThat(Arrays.asList((Object[]) rs.getArray(9).getArray())).containsExactly("C001", HOSTILE);
            assertThat(rs.getString(10)).isEqualTo("double precision");
            assertThat(rs.getString(11)).isEqualTo("bigint");
            assertThat(rs.getString(12)).isEqualTo("?");
            assertThat(rs.getInt(13)).isEqualTo(1);
        }
    }

    @Test
    void hostileTextStaysTextWhateverStandardConformingStringsIs() throws SQLException {
        String sql = InlineParameters.render("SELECT ?", List.of(HOSTILE));
        for (String setting : List.of("on", "off")) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("SET standard_conforming_strings = " + setting);
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    assertThat(rs.getString(1)).as("standard_conforming_strings " + setting).isEqualTo(HOSTILE);
                }
                s.execute("RESET standard_conforming_strings");
            }
        }
    }

    @Test
    void anEmptyTextArrayIsATextArray() throws SQLException {
        String sql = InlineParameters.render("SELECT cardinality(?::bigint[])", List.of(List.of()));
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void whatCannotBeWrittenSafelyIsRefused() {
        assertThatThrownBy(() -> InlineParameters.render("SELECT ?", List.of(Double.NaN)))
                .hasMessageContaining("non-finite");
        assertThatThrownBy(() -> InlineParameters.render("SELECT ?", List.of(Double.POSITIVE_INFINITY)))
                .hasMessageContaining("non-finite");
        assertThatThrownBy(() -> InlineParameters.render("SELECT ?", List.of("a\0b"))).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> InlineParameters.render("SELECT ?", Arrays.asList((Object) null)))
                .hasMessageContaining("null");
        assertThatThrownBy(() -> InlineParameters.render("SELECT ?", List.of(new Object())))
                .hasMessageContaining("no SQL literal");
        assertThatThrownBy(() -> InlineParameters.render("SELECT ?, ?", List.of(1))).hasMessageContaining("more ?");
        assertThatThrownBy(() -> InlineParameters.render("SELECT ?", List.of(1, 2))).hasMessageContaining("2 parameters");
        assertThatThrownBy(() -> InlineParameters.render("SELECT 'x", List.of())).hasMessageContaining("unclosed");
    }
}
