package dev.gdsweep.data;

import dev.gdsweep.spec.SpecException;

/** The cell rules both readers share: numbers, missing markers, quoting values in messages, sizes. */
final class Cells {

    /** The largest array the JVM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Cells() {}

    /** 10^0 … 10^22, every one exact as a double. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int k = 1; k < POWERS_OF_TEN.length; k++) {
            POWERS_OF_TEN[k] = POWERS_OF_TEN[k - 1] * 10;
        }
    }

    /**
     * Parses a decimal number: optional sign, digits with an optional decimal point (at least one
     * digit), optional exponent ({@code e} or {@code E}, optional sign, digits). Anything else,
     * including {@code Infinity}, hexadecimal and Java's {@code d}/{@code f} suffixes, gives NaN; a
     * number too large for a double gives an infinity. Correctly rounded, like
     * {@link Double#parseDouble}: numbers of at most 15 significant digits and a decimal exponent
     * within ±22 (most data) are one exact integer times or divided by an exact power of ten, a
     * single rounding (Clinger's fast path); the others go to {@link Double#parseDouble}.
     */
    static double parseNumber(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0; // digits in the mantissa from the first non-zero one
        int scale = 0; // value = mantissa · 10^scale, while significant <= 18
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            int digit = s.charAt(i) - '0';
            if (significant > 0 || digit != 0) {
                significant++;
                if (significant <= 18) {
                    mantissa = mantissa * 10 + digit;
                }
            }
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                int digit = s.charAt(i) - '0';
                if (significant > 0 || digit != 0) {
                    significant++;
                    if (significant <= 18) {
                        mantissa = mantissa * 10 + digit;
                    }
                }
                if (significant <= 18) {
                    scale--;
                }
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                negativeExponent = s.charAt(i) == '-';
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                exponent = Math.min(exponent * 10 + (s.charAt(i) - '0'), 100_000);
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != n) {
            return Double.NaN;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        int power = scale + exponent;
        if (significant <= 15 && power >= -22 && power <= 22) {
            double value = power >= 0 ? mantissa * POWERS_OF_TEN[power] : mantissa / POWERS_OF_TEN[-power];
            return negative ? -value : value;
        }
        return Double.parseDouble(s);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** An empty cell, {@code NA}, {@code NaN} or {@code null}, in any case (the cell is trimmed). */
    static boolean isMissing(String s) {
        switch (s.length()) {
            case 0:
                return true;
            case 2:
                return s.equalsIgnoreCase("NA");
            case 3:
                return s.equalsIgnoreCase("NaN");
            case 4:
                return s.equalsIgnoreCase("null");
            default:
                return false;
        }
    }

    /**
     * The error for a cell that should hold a number: {@code not a number, got "abc"} or, for a
     * number beyond the double range, {@code not a finite number, got "1e999"}.
     */
    static SpecException notANumber(String source, int line, String key, String text, double parsed) {
        return new SpecException(source, line, key,
                (Double.isNaN(parsed) ? "not a number" : "not a finite number") + ", got " + quote(text));
    }

    /** A value as the user wrote it, in double quotes, shortened past 60 characters. */
    static String quote(String text) {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return '"' + shown.replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
    }

    /** Bytes for messages: {@code 512 MiB}, {@code 1.5 MiB}, or {@code 320 bytes} below 1 MiB. */
    static String mib(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + " MiB";
        }
        if (bytes < 1L << 20) {
            return bytes + " bytes";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    /**
     * Throws when {@code rows} rows of {@code features} features (plus one label each) exceed the
     * limit, or would not fit in one Java array.
     *
     * @param line the line being read when the limit is reached (0 at the end)
     * @param what describes the shape, e.g. {@code "5 features"} or {@code "12 features (largest index so far)"}
     */
    static void checkSize(String source, int line, long rows, long features, long maxBytes, String what) {
        long bytes = saturatingMultiply(saturatingMultiply(rows, features + 1), 8);
        if (bytes > maxBytes) {
            throw new SpecException(source, line, null, "data set too large: " + rows + " rows x " + what
                    + " = " + mib(bytes) + " with the labels" + (line > 0 ? " by this line" : "")
                    + ", over the limit of " + mib(maxBytes) + " (data.max_mb). Each Spark task runs a whole"
                    + " descent over its own copy of the data, so the data set must fit in an executor's memory;"
                    + " raise data.max_mb if the executors have room, or use fewer rows or features");
        }
        if (saturatingMultiply(rows, features) > MAX_ARRAY) {
            throw new SpecException(source, line, null, "data set too large: " + rows + " rows x " + what
                    + " is more than " + MAX_ARRAY + " values, the most one Java array holds");
        }
    }

    private static long saturatingMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }
}
