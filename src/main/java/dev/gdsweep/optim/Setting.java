package dev.gdsweep.optim;

/**
 * A numeric setting of an optimizer, with its default and its valid range.
 *
 * @param minInclusive whether {@code min} itself is allowed
 * @param maxExclusive whether values must stay strictly below {@code max}
 */
public record Setting(String name, double defaultValue, double min, boolean minInclusive, double max,
        boolean maxExclusive, String description) {

    /** A setting in [0, 1), such as a momentum or a decay rate. */
    static Setting fraction(String name, double defaultValue, String description) {
        return new Setting(name, defaultValue, 0, true, 1, true, description);
    }

    /** A setting > 0, such as a smoothing epsilon. */
    static Setting positive(String name, double defaultValue, String description) {
        return new Setting(name, defaultValue, 0, false, Double.POSITIVE_INFINITY, false, description);
    }

    /** Null when {@code v} is valid, else the rule it breaks. */
    public String violation(double v) {
        boolean aboveMin = minInclusive ? v >= min : v > min;
        boolean belowMax = maxExclusive ? v < max : v <= max;
        if (Double.isFinite(v) && aboveMin && belowMax) {
            return null;
        }
        String low = minInclusive ? ">= " + format(min) : "> " + format(min);
        return Double.isInfinite(max) ? "must be a finite number " + low
                : "must be " + low + " and " + (maxExclusive ? "< " : "<= ") + format(max);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
