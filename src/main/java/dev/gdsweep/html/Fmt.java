package dev.gdsweep.html;

import dev.gdsweep.grid.ReadableSpacing;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Number formatting for the report: the console summary's style, locale-independent. */
final class Fmt {

    private Fmt() {}

    /** Six significant digits for ordinary magnitudes, else scientific with four decimals; NaN and ±∞ spelled out. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+\u221e" : "\u2212\u221e";
        }
        if (v == 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) {
            return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        return String.format(Locale.ROOT, "%.4e", v);
    }

    /** A learning rate as the console prints it: the fewest digits that read back as the same double ("0.0001", "1e-6"). */
    static String rate(double lr) {
        return ReadableSpacing.text(lr);
    }

    static String rate(Double lr) {
        return lr == null ? "\u2013" : rate(lr.doubleValue());
    }

    /** Shorter, for chart titles and legends: three significant digits. */
    static String shortNumber(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return number(v);
        }
        if (v == 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) {
            return String.format(Locale.ROOT, "%.3g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }

    static String number(Double v) {
        return v == null ? "\u2013" : number(v.doubleValue());
    }

    static String vector(double[] v) {
        return Arrays.stream(v).mapToObj(Fmt::number).collect(Collectors.joining(", ", "(", ")"));
    }

    static String shortVector(double[] v) {
        return Arrays.stream(v).mapToObj(Fmt::shortNumber).collect(Collectors.joining(", ", "(", ")"));
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "\u2013" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
