package cn.compoundgis.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The named-parameter binder against real PostGIS: each type round-trips, typed nulls, missing and unused names. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlTest {
    private DataSource db;

    @BeforeAll
    void startDatabase() {
        db = TestDatabase.fresh("named_sql_test");
    }

    @Test
    void everyTypeIsBoundByNameAndComesBackAsGiven() throws SQLException {
        OffsetDateTime at = OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 0, ZoneOffset.UTC);
        SqlParams p = SqlParams.of().text("t", "合肥 'x'").integer("i", 42).bigint("l", 9_000_000_000L).float8("d", 2.5)
                .bool("b", true).date("day", LocalDate.of(2026, 1, 31)).timestamp("at", at)
                .array("codes", "text", List.of("C001", "C002")).bytes("raw", new byte[] {1, 2, 3});
        String sql = "SELECT :t, :i + 1, :l, :d * 2, NOT :b, :day + 1, :at AT TIME ZONE 'UTC',"
                + " array_length(:codes, 1), :codes[2], octet_length(:raw), ':t'";
        try (Connection c = db.getConnection(); PreparedStatement ps = Sql.prepare(c, sql, p);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("合肥 'x'");
            assertThat(rs.getInt(2)).isEqualTo(43);
            assertThat(rs.getLong(3)).isEqualTo(9_000_000_000L);
            assertThat(rs.getDouble(4)).isEqualTo(5.0);
            assertThat(rs.getBoolean(5)).isFalse();
            assertThat(rs.getObject(6, LocalDate.class)).isEqualTo(LocalDate.of(2026, 2, 1));
            assertThat(rs.getString(7)).isEqualTo("2026-03-04 05:06:07");
            assertThat(rs.getInt(8)).isEqualTo(2);
            assertThat(rs.getString(9)).isEqualTo("C002");
            assertThat(rs.getInt(10)).isEqualTo(3);
            assertThat(rs.getString(11)).isEqualTo(":t");
        }
    }

    @Test
    void boxedNullsAreNullsOfTheirTypeThatPostgresqlCanUseUncast() throws SQLException {
        // without a type the "IS NULL" of a bare parameter cannot be decided; typed, each answers its type's name
        SqlParams p = SqlParams.of().bigint("l", null).integer("i", null).float8("d", null).bool("b", null)
                .date("day", null).text("t", null).array("codes", "text", (List<?>) null);
        String sql = "SELECT pg_typeof(:l)::text, pg_typeof(:i)::text, pg_typeof(:d)::text, pg_typeof(:b)::text,"
                + " pg_typeof(:day)::text, :t IS NULL AND :l IS NULL AND :codes::text[] IS NULL";
        try (Connection c = db.getConnection(); PreparedStatement ps = Sql.prepare(c, sql, p);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                    .containsExactly("bigint", "integer", "double precision", "boolean", "date");
            assertThat(rs.getBoolean(6)).isTrue();
        }
    }

    @Test
    void aMapIsTypedByItsValues() throws SQLException {
        Map<String, Object> values = new HashMap<>();
        values.put("code", "C001");
        values.put("n", 7L);
        values.put("codes", new String[] {"a", "b"});
        try (Connection c = db.getConnection()) {
            assertThat(Sql.optionalText(c, "SELECT :code || :n || array_to_string(:codes, '')", SqlParams.from(values)))
                    .contains("C0017ab");
        }
    }

    @Test
    void aMissingOrUnusedNameIsAClearError() throws SQLException {
        try (Connection c = db.getConnection()) {
            assertThatThrownBy(() -> Sql.oneLong(c, "SELECT :a + :b", SqlParams.of().bigint("a", 1L)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("SQL parameter :b has no value (given: a)");
            assertThatThrownBy(() -> Sql.oneLong(c, "SELECT :a", SqlParams.of().bigint("a", 1L).bigint("z", 2L)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a value is given for :z, which the statement does not use (its parameters: a)");
            assertThatThrownBy(() -> SqlParams.of().text("a", "x").text("a", "y"))
                    .hasMessage("SQL parameter :a is given twice");
            assertThatThrownBy(() -> SqlParams.from(Map.of("o", new Object())))
                    .hasMessageContaining(":o has a value of type java.lang.Object");
        }
    }

    @Test
    void theSingleValueHelpersAnswerTheFirstColumn() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            Sql.update(c, "CREATE TEMP TABLE kv (k text PRIMARY KEY, v bigint) ON COMMIT DROP", SqlParams.of());
            assertThat(Sql.update(c, "INSERT INTO kv VALUES (:k, :v), (:k || '2', NULL)",
                    SqlParams.of().text("k", "a").bigint("v", 5L))).isEqualTo(2);
            assertThat(Sql.oneLong(c, "SELECT count(*) FROM kv WHERE k LIKE :p", SqlParams.of().text("p", "a%"))).isEqualTo(2);
            assertThat(Sql.optionalLong(c, "SELECT v FROM kv WHERE k = :k", SqlParams.of().text("k", "a"))).contains(5L);
            assertThat(Sql.optionalLong(c, "SELECT v FROM kv WHERE k = :k", SqlParams.of().text("k", "a2"))).isEmpty();
            assertThat(Sql.optionalText(c, "SELECT k FROM kv WHERE k = :k", SqlParams.of().text("k", "none")))
                    .isEqualTo(Optional.empty());
            assertThat(Sql.exists(c, "SELECT 1 FROM kv WHERE v = :v", SqlParams.of().bigint("v", 5L))).isTrue();
            assertThat(Sql.exists(c, "SELECT 1 FROM kv WHERE v = :v", SqlParams.of().bigint("v", 6L))).isFalse();
            Sql.run(c, "SELECT pg_advisory_xact_lock(:key)", SqlParams.of().bigint("key", 12L));
            assertThat(Sql.exists(c, "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = :key AND granted",
                    SqlParams.of().bigint("key", 12L))).isTrue();
            assertThatThrownBy(() -> Sql.oneLong(c, "SELECT v FROM kv WHERE k = :k", SqlParams.of().text("k", "none")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no row");
            c.rollback();
        }
    }
}
