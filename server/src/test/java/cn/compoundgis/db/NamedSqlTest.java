package cn.compoundgis.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The :name parser: what is a parameter and what is not (casts, literals, comments, dollar bodies). */
class NamedSqlTest {
    @Test
    void namesBecomePositionsInOrderAndARepeatedNameStandsAtEachPlace() {
        NamedSql sql = NamedSql.parse("SELECT code FROM compound WHERE (:code::text IS NULL OR code = :code) AND id > :min_id");
        assertThat(sql.jdbc()).isEqualTo("SELECT code FROM compound WHERE (?::text IS NULL OR code = ?) AND id > ?");
        assertThat(sql.positions()).containsExactly("code", "code", "min_id");
        assertThat(sql.names()).containsExactly("code", "min_id");
    }

    @Test
    void castsAreNotParameters() {
        NamedSql sql = NamedSql.parse("SELECT x::bigint, '{}'::jsonb, (o.extra ->> 'photo_id')::bigint FROM t WHERE a = :a::int");
        assertThat(sql.jdbc()).isEqualTo("SELECT x::bigint, '{}'::jsonb, (o.extra ->> 'photo_id')::bigint FROM t WHERE a = ?::int");
        assertThat(sql.positions()).containsExactly("a");
    }

    @Test
    void stringLiteralsAndQuotedIdentifiersAreLeftAlone() {
        NamedSql sql = NamedSql.parse("SELECT ':not', 'it''s :not', E'\\' :not', \"col:not\" FROM t WHERE b = :b");
        assertThat(sql.jdbc()).isEqualTo("SELECT ':not', 'it''s :not', E'\\' :not', \"col:not\" FROM t WHERE b = ?");
        assertThat(sql.positions()).containsExactly("b");
    }

    @Test
    void anEndingInEBeforeAQuoteIsNotAnEscapeString() {
        // "type" ends in e: the literal after it is a plain one, where a backslash is an ordinary character
        NamedSql sql = NamedSql.parse("SELECT 1 WHERE type='a\\' AND t = :t");
        assertThat(sql.positions()).containsExactly("t");
    }

    @Test
    void commentsAreLeftAlone() {
        NamedSql sql = NamedSql.parse("-- reads :nothing\nSELECT /* :no /* nested :no */ still :no */ :yes");
        assertThat(sql.jdbc()).isEqualTo("-- reads :nothing\nSELECT /* :no /* nested :no */ still :no */ ?");
        assertThat(sql.positions()).containsExactly("yes");
    }

    @Test
    void dollarQuotedBodiesAreLeftAlone() {
        NamedSql sql = NamedSql.parse("DO $$ BEGIN x := :no; END $$; SELECT $f$ :no $f$, :yes");
        assertThat(sql.jdbc()).isEqualTo("DO $$ BEGIN x := :no; END $$; SELECT $f$ :no $f$, ?");
        assertThat(sql.positions()).containsExactly("yes");
    }

    @Test
    void aSliceBoundThatIsANumberIsNotAName() {
        assertThat(NamedSql.parse("SELECT a[1:2] FROM t").positions()).isEmpty();
    }

    @Test
    void aPositionalQuestionMarkIsRefusedButTheEscapedJsonOperatorPasses() {
        assertThatThrownBy(() -> NamedSql.parse("SELECT 1 WHERE a = ? AND b = :b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positional ? at offset 19");
        assertThat(NamedSql.parse("SELECT extra ?? 'k' WHERE id = :id").jdbc()).isEqualTo("SELECT extra ?? 'k' WHERE id = ?");
        assertThat(NamedSql.parse("SELECT '?' WHERE id = :id").positions()).containsExactly("id");
    }

    @Test
    void anUnterminatedLiteralIsRefused() {
        assertThatThrownBy(() -> NamedSql.parse("SELECT 'open")).hasMessageContaining("unterminated '");
        assertThatThrownBy(() -> NamedSql.parse("SELECT $$ open")).hasMessageContaining("unterminated $$");
        assertThatThrownBy(() -> NamedSql.parse("SELECT /* open")).hasMessageContaining("unterminated /*");
    }

    @Test
    void theParsedFormIsKept() {
        String text = "SELECT :kept";
        assertThat(NamedSql.of(text)).isSameAs(NamedSql.of(text));
    }
}
