package cn.compoundgis.db;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.postgresql.core.Utils;

/**
 * A statement's {@code ?} parameters written into its text as typed literals, for {@code COPY (query) TO STDOUT},
 * which takes no bind parameters. Each value becomes {@code (E'text'::type)}: its text escaped by pgjdbc's own
 * {@link Utils#escapeLiteral} in the {@code E''} form, which means the same whatever
 * {@code standard_conforming_strings} is, and which refuses a NUL. So a value can never end its literal, and a
 * statement sent this way means what the same statement with bind parameters means. Only the types below are taken;
 * anything else is a programming error, refused.
 */
public final class InlineParameters {
    /** The SQL type of each Java class a value may be; the exact class (a subclass of BigDecimal is refused). */
    private static final Map<Class<?>, String> TYPES = Map.of(String.class, "text", Integer.class, "integer",
            Long.class, "bigint", Double.class, "double precision", BigDecimal.class, "numeric", Boolean.class, "boolean",
            LocalDate.class, "date", OffsetDateTime.class, "timestamptz");

    private InlineParameters() {
    }

    /**
     * {@code sql} with its {@code ?}s (outside quoted literals and identifiers) replaced, in order, by
     * {@code parameters}: String, Integer, Long, Double (finite), BigDecimal, Boolean, LocalDate, OffsetDateTime, or
     * a Collection of Strings (a text[]). A null is refused: its type would be unknown.
     */
    public static String render(String sql, List<?> parameters) throws SQLException {
        StringBuilder out = new StringBuilder(sql.length() + parameters.size() * 24);
        int next = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
                out.append(ch);
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                out.append(ch);
            } else if (ch == '?') {
                if (next == parameters.size()) {
                    throw new IllegalArgumentException("more ? than the " + parameters.size() + " parameters in: " + sql);
                }
                literal(out, parameters.get(next++));
            } else {
                out.append(ch);
            }
        }
        if (quote != 0 || next != parameters.size()) {
            throw new IllegalArgumentException(quote != 0 ? "an unclosed quote in: " + sql
                    : next + " ? for " + parameters.size() + " parameters in: " + sql);
        }
        return out.toString();
    }

    private static void literal(StringBuilder out, Object value) throws SQLException {
        if (value instanceof Collection<?> texts) {
            out.append("(ARRAY[");
            String comma = "";
            for (Object text : texts) {
                out.append(comma);
                quoted(out, requireText(text));
                comma = ",";
            }
            out.append("]::text[])");
            return;
        }
        out.append('(');
        quoted(out, text(value));
        out.append("::").append(type(value)).append(')');
    }

    private static String requireText(Object element) {
        if (element instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("a text array holds only strings, not " + element);
    }

    private static String text(Object value) {
        if (value == null || !TYPES.containsKey(value.getClass())) {
            throw new IllegalArgumentException("no SQL literal for " + (value == null ? "null" : value.getClass().getName()));
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            throw new IllegalArgumentException("a non-finite number is never written into SQL: " + d);
        }
        // Double.toString round-trips: float8in reads back the same double
        return value instanceof BigDecimal n ? n.toPlainString() : value.toString();
    }

    private static String type(Object value) {
        return TYPES.get(value.getClass());
    }

    private static void quoted(StringBuilder out, String text) throws SQLException {
        out.append("E'");
        Utils.escapeLiteral(out, text, false);
        out.append('\'');
    }
}
