package cn.compoundgis.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL text with {@code :name} parameters, turned into JDBC's positional {@code ?} once. A name is a letter or
 * underscore followed by letters, digits or underscores; it may stand several times. Not parameters: casts
 * ({@code ::int}), anything inside string literals ({@code '…'}, {@code E'…'}), quoted identifiers, comments
 * ({@code --}, nested {@code /* *}{@code /}) and dollar-quoted bodies ({@code $$…$$}, {@code $tag$…$tag$}). A bare
 * {@code ?} outside those is refused, so positional and named parameters are never mixed.
 */
public record NamedSql(String jdbc, List<String> positions, Set<String> names) {
    private static final Map<String, NamedSql> PARSED = new ConcurrentHashMap<>();

    /**
     * @param jdbc      the text for {@code Connection.prepareStatement}: each {@code :name} replaced by {@code ?}
     * @param positions the parameter name at each {@code ?}, in order (a repeated name stands at each of its places)
     * @param names     the distinct parameter names, in order of first appearance
     */
    public NamedSql {
        positions = List.copyOf(positions);
        names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /**
     * The parsed form of {@code sql}, parsed on first use and kept: statements are constants of the code or built from
     * fixed parts (tables, the CRS registry's CRSs), never from request values, so there are boundedly many.
     */
    public static NamedSql of(String sql) {
        return PARSED.computeIfAbsent(sql, NamedSql::parse);
    }

    public static NamedSql parse(String sql) {
        return new Parser(sql).parse();
    }

    private static final class Parser {
        private final String sql;
        private final StringBuilder out;
        private final List<String> positions = new ArrayList<>();
        private int i;

        Parser(String sql) {
            this.sql = sql;
            this.out = new StringBuilder(sql.length());
        }

        NamedSql parse() {
            while (i < sql.length()) {
                char ch = sql.charAt(i);
                if (ch == '\'') {
                    copyQuoted('\'', isEscapeString());
                } else if (ch == '"') {
                    copyQuoted('"', false);
                } else if (ch == '-' && next() == '-') {
                    copyLineComment();
                } else if (ch == '/' && next() == '*') {
                    copyBlockComment();
                } else if (ch == '$' && dollarTag() != null) {
                    copyDollarBody(dollarTag());
                } else if (ch == ':' && next() == ':') {
                    out.append("::");
                    i += 2;
                } else if (ch == ':' && isNameStart(next())) {
                    readName();
                } else if (ch == '?') {
                    if (next() != '?') {
                        throw new IllegalArgumentException("SQL has a positional ? at offset " + i
                                + "; use :name parameters (or ?? for the JSON operator): " + shown());
                    }
                    out.append("??");
                    i += 2;
                } else {
                    out.append(ch);
                    i++;
                }
            }
            return new NamedSql(out.toString(), positions, new LinkedHashSet<>(positions));
        }

        private char next() {
            return i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
        }

        /** E'…' (or e'…'): backslash escapes; the E must not end a longer word (such as a column named "type"). */
        private boolean isEscapeString() {
            if (i == 0 || Character.toLowerCase(sql.charAt(i - 1)) != 'e') {
                return false;
            }
            return i < 2 || !isNamePart(sql.charAt(i - 2));
        }

        private void copyQuoted(char quote, boolean backslashEscapes) {
            int start = i;
            i++;
            while (i < sql.length()) {
                char ch = sql.charAt(i);
                if (backslashEscapes && ch == '\\') {
                    i += 2;
                } else if (ch == quote && next() == quote) {
                    i += 2;
                } else if (ch == quote) {
                    i++;
                    out.append(sql, start, i);
                    return;
                } else {
                    i++;
                }
            }
            throw new IllegalArgumentException("SQL has an unterminated " + quote + " at offset " + start + ": " + shown());
        }

        private void copyLineComment() {
            int end = sql.indexOf('\n', i);
            end = end < 0 ? sql.length() : end;
            out.append(sql, i, end);
            i = end;
        }

        private void copyBlockComment() {
            int start = i;
            int depth = 0;
            while (i < sql.length()) {
                if (sql.startsWith("/*", i)) {
                    depth++;
                    i += 2;
                } else if (sql.startsWith("*/", i)) {
                    depth--;
                    i += 2;
                    if (depth == 0) {
                        out.append(sql, start, i);
                        return;
                    }
                } else {
                    i++;
                }
            }
            throw new IllegalArgumentException("SQL has an unterminated /* comment at offset " + start + ": " + shown());
        }

        /** The {@code $tag$} starting at i, or null when the $ starts none (such as the $1 of a positional parameter). */
        private String dollarTag() {
            if (i > 0 && isNamePart(sql.charAt(i - 1))) {
                return null;
            }
            int j = i + 1;
            if (j < sql.length() && Character.isDigit(sql.charAt(j))) {
                return null;
            }
            while (j < sql.length() && isNamePart(sql.charAt(j))) {
                j++;
            }
            return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
        }

        private void copyDollarBody(String tag) {
            int end = sql.indexOf(tag, i + tag.length());
            if (end < 0) {
                throw new IllegalArgumentException("SQL has an unterminated " + tag + " body at offset " + i + ": " + shown());
            }
            end += tag.length();
            out.append(sql, i, end);
            i = end;
        }

        private void readName() {
            int start = ++i;
            while (i < sql.length() && isNamePart(sql.charAt(i))) {
                i++;
            }
            positions.add(sql.substring(start, i));
            out.append('?');
        }

        private String shown() {
            return sql.length() <= 200 ? sql : sql.substring(0, 200) + "…";
        }

        private static boolean isNameStart(char ch) {
            return Character.isLetter(ch) || ch == '_';
        }

        private static boolean isNamePart(char ch) {
            return Character.isLetterOrDigit(ch) || ch == '_';
        }
    }
}
