package cn.compoundgis.survey.shapefile;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decimal numbers as a DBF numeric field holds them: sign, digits, one decimal point, an exponent. Java's
 * {@link Double#parseDouble} also takes {@code 400d}, {@code 0x1p3}, {@code NaN} and {@code Infinity}; a
 * survey value like that is a mistake, not a number.
 */
public final class StrictNumber {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d{1,3})?");
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d{1,18}");

    private StrictNumber() {
    }

    /** A Long for a whole number of up to 18 digits, a finite Double otherwise; empty when it is not a number. */
    public static Optional<Number> parse(String text) {
        if (WHOLE.matcher(text).matches()) {
            return Optional.of(Long.parseLong(text));
        }
        if (!DECIMAL.matcher(text).matches()) {
            return Optional.empty();
        }
        double d = Double.parseDouble(text);
        return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    }
}
