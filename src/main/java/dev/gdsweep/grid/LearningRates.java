package dev.gdsweep.grid;

import java.util.Arrays;

/**
 * The learning-rate axis: {@code count} values from {@code from} to {@code to}, both included,
 * spaced evenly ({@link Spacing#LINEAR}) or geometrically ({@link Spacing#LOG}), or an explicit list.
 * With {@code count} = 1 the axis is just {@code from}.
 */
public final class LearningRates {

    public enum Spacing { LINEAR, LOG, VALUES }

    private final Spacing spacing;
    private final double from;
    private final double to;
    private final int count;
    private final double[] values;

    private LearningRates(Spacing spacing, double from, double to, int count, double[] values) {
        this.spacing = spacing;
        this.from = from;
        this.to = to;
        this.count = count;
        this.values = values;
    }

    public static LearningRates linear(double from, double to, int count) {
        requireRange(from, to, count);
        return new LearningRates(Spacing.LINEAR, from, to, count, null);
    }

    public static LearningRates log(double from, double to, int count) {
        requireRange(from, to, count);
        if (!(from > 0)) {
            throw new IllegalArgumentException("a log range needs from > 0, got " + from);
        }
        return new LearningRates(Spacing.LOG, from, to, count, null);
    }

    public static LearningRates values(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("at least one learning rate is needed");
        }
        for (double v : values) {
            requireRate(v);
        }
        return new LearningRates(Spacing.VALUES, values[0], values[values.length - 1], values.length, values.clone());
    }

    private static void requireRange(double from, double to, int count) {
        requireRate(from);
        requireRate(to);
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (from > to) {
            throw new IllegalArgumentException("from must be <= to, got from " + from + " > to " + to);
        }
    }

    private static void requireRate(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("a learning rate must be finite and > 0, got " + v);
        }
    }

    public Spacing spacing() {
        return spacing;
    }

    public double from() {
        return from;
    }

    public double to() {
        return to;
    }

    public int count() {
        return count;
    }

    /** The explicit list for {@link Spacing#VALUES}, else {@code null}. */
    public double[] values() {
        return values == null ? null : values.clone();
    }

    /** The i-th learning rate, 0 ≤ i &lt; count; the ends of a range are exactly {@code from} and {@code to}. */
    public double get(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("learning rate index " + i + " outside [0, " + count + ")");
        }
        if (spacing == Spacing.VALUES) {
            return values[i];
        }
        return point(spacing, from, to, count, i);
    }

    /**
     * The i-th of {@code count} values from {@code from} to {@code to}, both included, spaced evenly or
     * geometrically, each one a short decimal ({@link ReadableSpacing}): the one spacing of every range of a
     * spec (learning rates, a loss setting's axis).
     */
    public static double point(Spacing spacing, double from, double to, int count, int i) {
        return ReadableSpacing.point(spacing == Spacing.LOG, from, to, count, i);
    }

    @Override
    public String toString() {
        return switch (spacing) {
            case VALUES -> "values " + Arrays.toString(values);
            case LINEAR -> "linear from " + from + " to " + to + ", " + count + " values";
            case LOG -> "log from " + from + " to " + to + ", " + count + " values";
        };
    }
}
