package cn.compoundgis.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * The one strict reader of numbers and dates sent in requests (query and path parameters, form fields,
 * JSON fields). Java's own parsers accept {@code 400d}, {@code 0x1p3}, {@code NaN}, {@code Infinity} and
 * years like {@code +999999999}, which PostgreSQL then refuses with a 500; here anything but plain
 * decimal text is a 400 that names the parameter.
 */
public final class Params {
    /** Dates in requests lie in these years: older surveys do not exist, later ones are typing errors. */
    public static final int MIN_YEAR = 1800;
    public static final int MAX_YEAR = 9999;
    /** Longer numbers are not measurements; the bound keeps the regular expressions cheap. */
    private static final int MAX_NUMBER_CHARS = 40;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private Params() {
    }

    /** A finite decimal number such as {@code 400}, {@code -1.25} or {@code 2.5e3}. */
    public static double decimal(String name, String text) {
        String t = trimmed(name, text);
        if (t.length() > MAX_NUMBER_CHARS || !DECIMAL.matcher(t).matches()) {
            throw ApiError.badParameter(name + "=" + shown(text) + " is not a decimal number (like 400 or 0.35)")
                    .says("value.not_decimal", "name", name, "value", shown(text));
        }
        double value = Double.parseDouble(t);
        if (!Double.isFinite(value)) {
            throw ApiError.badParameter(name + "=" + shown(text) + " is too large").says("value.too_large", "name", name, "value", shown(text));
        }
        return value;
    }

    /** A whole number such as {@code 42} (no decimals, no exponent, at most 18 digits). */
    public static long whole(String name, String text) {
        String t = trimmed(name, text);
        if (!WHOLE.matcher(t).matches()) {
            throw ApiError.badParameter(name + "=" + shown(text) + " is not a whole number")
                    .says("value.not_whole", "name", name, "value", shown(text));
        }
        return Long.parseLong(t);
    }

    /** A whole number that fits an {@code int}. */
    public static int wholeInt(String name, String text) {
        long value = whole(name, text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw ApiError.badParameter(name + "=" + shown(text) + " is out of range").says("value.out_of_range", "name", name, "value", shown(text));
        }
        return (int) value;
    }

    /** A page size: {@code fallback} when not given, else a whole number from 1 to {@code max}. */
    public static int pageLimit(String text, int fallback, int max) {
        if (text == null) {
            return fallback;
        }
        int limit = wholeInt("limit", text);
        if (limit < 1 || limit > max) {
            throw ApiError.badParameter("limit=" + shown(text) + " is outside 1-" + max);
        }
        return limit;
    }

    /** A page's offset: 0 when not given, else a whole number of at least 0. */
    public static long pageOffset(String text) {
        if (text == null) {
            return 0;
        }
        long offset = wholeInt("offset", text);
        if (offset < 0) {
            throw ApiError.badParameter("offset=" + shown(text) + " is negative");
        }
        return offset;
    }

    /** A calendar date {@code yyyy-mm-dd} between {@link #MIN_YEAR} and {@link #MAX_YEAR}. */
    public static LocalDate date(String name, String text) {
        String t = trimmed(name, text);
        if (!DATE.matcher(t).matches()) {
            throw ApiError.badParameter(name + "=" + shown(text) + " is not a date like 2024-05-01").says("value.not_date", "name", name, "value", shown(text));
        }
        try {
            return inRange(name, text, LocalDate.parse(t));
        } catch (DateTimeException e) {
            throw ApiError.badParameter(name + "=" + shown(text) + " is not a date like 2024-05-01").says("value.not_date", "name", name, "value", shown(text));
        }
    }

    /** An RFC 3339 date-time with offset ({@code 2024-05-01T08:00:00Z}) in the year range. */
    public static OffsetDateTime dateTime(String name, String text) {
        String t = trimmed(name, text);
        if (!DATE_TIME.matcher(t).matches()) {
            throw ApiError.badParameter(name + "=" + shown(text) + " is not an RFC 3339 date-time like 2024-05-01T08:00:00Z")
                    .says("value.not_date_time", "name", name, "value", shown(text));
        }
        try {
            OffsetDateTime value = OffsetDateTime.parse(t.toUpperCase(java.util.Locale.ROOT));
            inRange(name, text, value.toLocalDate());
            return value;
        } catch (DateTimeException e) {
            throw ApiError.badParameter(name + "=" + shown(text) + " is not an RFC 3339 date-time like 2024-05-01T08:00:00Z")
                    .says("value.not_date_time", "name", name, "value", shown(text));
        }
    }

    /**
     * A number in a JSON body: a JSON number, or decimal text ({@code "0.35"}); never NaN or Infinity, whether
     * sent as text or as a non-standard literal. {@code field} names it in the message.
     */
    public static double jsonNumber(String field, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ApiError.badParameter(field + " is required (a number)").says("value.required_number", "name", field);
        }
        if (node.isNumber()) {
            double value = node.asDouble();
            if (!Double.isFinite(value)) {
                throw ApiError.badParameter(field + " must be a finite number, got " + node).says("value.not_finite", "name", field);
            }
            return value;
        }
        if (node.isTextual()) {
            return decimal(field, node.asText());
        }
        throw ApiError.badParameter(field + " must be a number, got " + shown(node.toString()))
                .says("value.not_number", "name", field, "value", shown(node.toString()));
    }

    /** Free text from a form field or a JSON string, which may be null; refused when it holds a NUL character. */
    public static String text(String name, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw ApiError.badParameter(name + " contains a NUL byte").says("value.nul", "name", name);
        }
        return value;
    }

    private static String trimmed(String name, String text) {
        if (text == null || text.isBlank()) {
            throw ApiError.badParameter(name + " needs a value").says("value.needs_value", "name", name);
        }
        return text.trim();
    }

    private static LocalDate inRange(String name, String text, LocalDate date) {
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            throw ApiError.badParameter(name + "=" + shown(text) + " is outside the years " + MIN_YEAR + "-" + MAX_YEAR)
                    .says("value.year_outside", "name", name, "value", shown(text), "min", MIN_YEAR, "max", MAX_YEAR);
        }
        return date;
    }

    /** The value as the client sent it, cut short so that an error message stays readable. */
    static String shown(String text) {
        String t = text.replace("\u0000", "\\u0000");
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
    }
}
