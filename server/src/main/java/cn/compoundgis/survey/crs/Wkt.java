package cn.compoundgis.survey.crs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A small, tolerant reader of Well-Known Text for coordinate reference systems: WKT1 in its OGC and ESRI
 * flavours ({@code PROJCS}, {@code GEOGCS}, {@code DATUM}, {@code PROJECTION}, {@code PARAMETER},
 * {@code AUTHORITY}, {@code UNIT}) and WKT2 ({@code PROJCRS}, {@code GEOGCRS}, {@code BASEGEOGCRS},
 * {@code CONVERSION}, {@code METHOD}, {@code ID}).
 *
 * <p>It does not know the grammar of any keyword: it reads the generic shape
 * {@code KEYWORD[arg, arg, ...]} (or round brackets) where an argument is a quoted string, a number, a bare
 * word such as {@code NORTH}, or another node. A byte-order mark, line breaks, indentation and anything after
 * the first complete node (a trailing newline, a NUL byte) are ignored. Doubled quotes inside a string
 * ({@code ""}) are read as one quote, as WKT2 says.
 */
public final class Wkt {
    private final String text;
    private int pos;

    private Wkt(String text) {
        this.text = text;
    }

    /** One argument of a node. */
    public sealed interface Element permits Text, Number, Word, Node {
    }

    /** A quoted string, without its quotes. */
    public record Text(String value) implements Element {
    }

    /** A number, with the literal as written. */
    public record Number(double value, String literal) implements Element {
    }

    /** An unquoted word that is not followed by brackets: an enumeration such as {@code NORTH} or {@code Cartesian}. */
    public record Word(String value) implements Element {
    }

    /** An authority citation: {@code AUTHORITY["EPSG","4548"]} (WKT1) or {@code ID["EPSG",4548]} (WKT2). */
    public record Authority(String name, String code) {
        public boolean isEpsg() {
            return "EPSG".equalsIgnoreCase(name);
        }

        /** The code as a number, if it is one. */
        public Optional<Integer> numericCode() {
            try {
                return Optional.of(Integer.parseInt(code.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** {@code KEYWORD[args]}; the keyword is kept upper-case. */
    public record Node(String keyword, List<Element> args) implements Element {
        public Node {
            keyword = keyword.toUpperCase(Locale.ROOT);
            args = List.copyOf(args);
        }

        public boolean is(String... keywords) {
            for (String k : keywords) {
                if (keyword.equalsIgnoreCase(k)) {
                    return true;
                }
            }
            return false;
        }

        /** The first quoted string: the name of a CRS, datum, parameter or unit; "" if there is none. */
        public String name() {
            return args.stream().filter(Text.class::isInstance).map(e -> ((Text) e).value()).findFirst().orElse("");
        }

        /** The {@code index}-th number among the arguments (0 = the first number). */
        public OptionalDouble number(int index) {
            int seen = 0;
            for (Element e : args) {
                if (e instanceof Number n) {
                    if (seen == index) {
                        return OptionalDouble.of(n.value());
                    }
                    seen++;
                }
            }
            return OptionalDouble.empty();
        }

        /** Direct children that are nodes. */
        public List<Node> children() {
            return args.stream().filter(Node.class::isInstance).map(Node.class::cast).toList();
        }

        /** Direct children with one of the keywords. */
        public List<Node> children(String... keywords) {
            return children().stream().filter(c -> c.is(keywords)).toList();
        }

        /** The first direct child with one of the keywords. */
        public Optional<Node> child(String... keywords) {
            return children().stream().filter(c -> c.is(keywords)).findFirst();
        }

        /** The first node with one of the keywords at any depth below this one (depth-first, in order). */
        public Optional<Node> find(String... keywords) {
            for (Node c : children()) {
                if (c.is(keywords)) {
                    return Optional.of(c);
                }
                Optional<Node> deeper = c.find(keywords);
                if (deeper.isPresent()) {
                    return deeper;
                }
            }
            return Optional.empty();
        }

        /** This node's own {@code AUTHORITY} or {@code ID} (not one of a child's). */
        public Optional<Authority> authority() {
            return child("AUTHORITY", "ID").map(Node::toAuthority);
        }

        private Authority toAuthority() {
            String authorityName = name();
            String code = "";
            for (Element e : args.subList(Math.min(1, args.size()), args.size())) {
                if (e instanceof Text t) {
                    code = t.value();
                    break;
                }
                if (e instanceof Number n) {
                    code = n.literal();
                    break;
                }
            }
            return new Authority(authorityName, code);
        }
    }

    /** Thrown when the text is not WKT; the message says where and what was expected. */
    public static final class ParseException extends Exception {
        public ParseException(String message) {
            super(message);
        }
    }

    /** Reads the first node of the text. */
    public static Node parse(String text) throws ParseException {
        if (text == null || text.isBlank()) {
            throw new ParseException("the WKT is empty");
        }
        Wkt reader = new Wkt(text);
        reader.skipSpace();
        Element root = reader.element();
        if (!(root instanceof Node node)) {
            throw new ParseException("the WKT does not start with a keyword such as PROJCS[ or GEOGCS[");
        }
        return node;
    }

    private Element element() throws ParseException {
        skipSpace();
        if (atEnd()) {
            throw error("unexpected end of text");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return new Text(quoted());
        }
        if (c == '+' || c == '-' || c == '.' || Character.isDigit(c)) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            return wordOrNode();
        }
        throw error("unexpected character '" + c + "'");
    }

    private Element wordOrNode() throws ParseException {
        int start = pos;
        while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String word = text.substring(start, pos);
        skipSpace();
        if (atEnd() || !isOpening(text.charAt(pos))) {
            return new Word(word);
        }
        char closing = text.charAt(pos) == '[' ? ']' : ')';
        pos++;
        List<Element> args = new ArrayList<>();
        skipSpace();
        if (!atEnd() && text.charAt(pos) == closing) {
            pos++;
            return new Node(word, args);
        }
        while (true) {
            args.add(element());
            skipSpace();
            if (atEnd()) {
                throw error(word + "[ is not closed");
            }
            char c = text.charAt(pos++);
            if (c == closing) {
                return new Node(word, args);
            }
            if (c != ',') {
                throw error("expected ',' or '" + closing + "' in " + word + " but found '" + c + "'");
            }
        }
    }

    private String quoted() throws ParseException {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c != '"') {
                sb.append(c);
            } else if (!atEnd() && text.charAt(pos) == '"') {
                sb.append('"');
                pos++;
            } else {
                return sb.toString();
            }
        }
        throw error("a quoted string is not closed");
    }

    private Number number() throws ParseException {
        int start = pos;
        while (!atEnd() && isNumberChar(text.charAt(pos))) {
            pos++;
        }
        String literal = text.substring(start, pos);
        try {
            return new Number(Double.parseDouble(literal), literal);
        } catch (NumberFormatException e) {
            throw error("'" + literal + "' is not a number");
        }
    }

    private static boolean isNumberChar(char c) {
        return Character.isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }

    private static boolean isOpening(char c) {
        return c == '[' || c == '(';
    }

    private void skipSpace() {
        while (!atEnd() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == '\uFEFF')) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private ParseException error(String what) {
        return new ParseException(what + " at character " + pos);
    }
}
