package dev.gdsweep.grid;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The values of a log or linear range as a user reads them and types them back. Each value between the
 * ends is the double nearest to a short decimal: the exact point rounded to {@link #MIN_DIGITS} significant
 * digits (more when the points are so close that 6 digits could not tell neighbours apart), then parsed
 * from its decimal string. The ends are the user's own values, and a log range's powers of ten are exact.
 * So a log range from 1e-4 to 1 holds 0.01, not 0.010000000000000004, and {@code learning_rate = 0.01}
 * finds it; {@link #text} prints each value in the fewest digits that parse back to it.
 */
public final class ReadableSpacing {

    /** Significant digits of a value between the ends, at least. */
    public static final int MIN_DIGITS = 6;

    private ReadableSpacing() {}

    /**
     * The i-th of {@code count} values from {@code from} to {@code to}, both included, spaced evenly
     * ({@code log} false) or geometrically, each rounded as the class says.
     */
    public static double point(boolean log, double from, double to, int count, int i) {
        if (count == 1 || i == 0 || from == to) {
            return from;
        }
        if (i == count - 1) {
            return to;
        }
        double t = (double) i / (count - 1);
        if (log) {
            double lo = Math.log10(from);
            double hi = Math.log10(to);
            double exponent = lo + t * (hi - lo);
            double decade = Math.rint(exponent);
            // A power of ten up to a small fraction of the exponent's step is that power, exactly.
            if (Math.abs(exponent - decade) < 1e-6 * (hi - lo) / (count - 1)) {
                return Double.parseDouble("1e" + (long) decade);
            }
            double exact = Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from)));
            return round(exact, digits(Math.expm1((Math.log(to) - Math.log(from)) / (count - 1))));
        }
        double exact = Interpolation.between(from, to, t);
        double largest = Math.max(Math.abs(from), Math.abs(to));
        return round(exact, digits((to - from) / (count - 1) / largest));
    }

    /**
     * Enough significant digits that rounding moves a value by at most 1/2000 of the gap to its neighbour
     * (relative to the value): 4 more than the decades below 1 of {@code relativeStep}, between
     * {@link #MIN_DIGITS} and 17 (where every double is its own decimal).
     */
    static int digits(double relativeStep) {
        if (!(relativeStep > 0) || !Double.isFinite(relativeStep)) {
            return 17;
        }
        double d = Math.ceil(4 - Math.log10(relativeStep));
        return (int) Math.max(MIN_DIGITS, Math.min(17, d));
    }

    /** The double nearest to {@code v} rounded to {@code digits} significant decimal digits. */
    static double round(double v, int digits) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return Double.parseDouble(new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).toString());
    }

    /**
     * The shortest decimal that parses back to {@code v}: plain between 1e-4 and 1e7 ("0.01", "0.00316228",
     * "250"), else with an exponent ("3.16228e-5", "1e-6"); NaN and infinities as Java spells them.
     */
    public static String text(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        BigDecimal shortest = null;
        for (int d = 1; d <= 17 && shortest == null; d++) {
            BigDecimal b = new BigDecimal(v).round(new MathContext(d, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(b.toString()) == v) {
                shortest = b.stripTrailingZeros();
            }
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-4 && magnitude < 1e7) {
            return shortest.toPlainString();
        }
        // unscaledValue · 10^-scale as d.ddd e±x
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v < 0 ? "-" : "") + mantissa + "e" + exponent;
    }
}
