package cn.compoundgis.survey.crs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Small numeric helpers shared by the CRS readers. */
final class Numbers {
    /** Parameters in .prj files are written with at most a dozen significant digits. */
    private static final double WHOLE_TOLERANCE = 1e-9;

    private Numbers() {
    }

    static boolean isWhole(double value) {
        return Math.abs(value - Math.rint(value)) < WHOLE_TOLERANCE;
    }

    static boolean near(double a, double b, double tolerance) {
        return Math.abs(a - b) <= tolerance;
    }

    /** Digits after the point shown in messages: enough for any .prj parameter, none of the binary noise. */
    private static final int SHOWN_DECIMALS = 9;

    /** 117.0 → "117", 0.9996 → "0.9996", 39500000.0 → "39500000", 117.00000000000003 → "117". */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(Double.toString(value)).setScale(SHOWN_DECIMALS, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
    }
}
