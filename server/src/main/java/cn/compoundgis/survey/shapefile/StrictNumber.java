package cn.compoundgis.survey.shapefile;

import java.util.Optional;

/**
 * Decimal numbers as a DBF numeric field holds them: sign, digits, one decimal point, an exponent of up to three
 * digits ({@code [-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?}, ASCII digits). Java's {@link Double#parseDouble}
 * also takes {@code 400d}, {@code 0x1p3}, {@code NaN} and {@code Infinity}; a survey value like that is a mistake,
 * not a number. Scanned by hand, not by that regular expression: every numeric value of an upload passes here.
 */
public final class StrictNumber {
    /** Whole numbers of up to this many digits are Longs (a Long holds 18 digits whatever they are). */
    private static final int MAX_WHOLE_DIGITS = 18;
    private static final int MAX_EXPONENT_DIGITS = 3;

    private StrictNumber() {
    }

    /** A Long for a whole number of up to 18 digits, a finite Double otherwise; empty when it is not a number. */
    public static Optional<Number> parse(String text) {
        int n = text.length();
        int i = skipSign(text, 0);
        int wholeDigits = skipDigits(text, i) - i;
        i += wholeDigits;
        if (i == n) {
            if (wholeDigits == 0) {
                return Optional.empty();
            }
            return wholeDigits <= MAX_WHOLE_DIGITS ? Optional.of(Long.parseLong(text)) : finite(text);
        }
        int fractionDigits = 0;
        if (text.charAt(i) == '.') {
            fractionDigits = skipDigits(text, i + 1) - (i + 1);
            i += 1 + fractionDigits;
        }
        if (wholeDigits == 0 && fractionDigits == 0) {
            return Optional.empty();
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int digitsAt = skipSign(text, i + 1);
            int exponentDigits = skipDigits(text, digitsAt) - digitsAt;
            if (exponentDigits < 1 || exponentDigits > MAX_EXPONENT_DIGITS) {
                return Optional.empty();
            }
            i = digitsAt + exponentDigits;
        }
        return i == n ? finite(text) : Optional.empty();
    }

    private static Optional<Number> finite(String text) {
        double d = Double.parseDouble(text);
        return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    }

    private static int skipSign(String text, int at) {
        return at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-') ? at + 1 : at;
    }

    private static int skipDigits(String text, int at) {
        int i = at;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
