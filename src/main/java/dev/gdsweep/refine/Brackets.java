package dev.gdsweep.refine;

import dev.gdsweep.grid.ReadableSpacing;

/** The arithmetic of brackets of learning rates, all on a log scale. */
final class Brackets {

    /**
     * New rates placed in each bracket a round refines: the bracket's log-width shrinks by a factor
     * {@code POINTS + 1} per round, and a round has enough runs to be worth a Spark job.
     */
    static final int POINTS = 3;

    private Brackets() {}

    /** Whether [lo, hi] is at most {@code tolerance} wide, relatively: hi/lo - 1 <= tolerance. */
    static boolean narrow(double lo, double hi, double tolerance) {
        return hi / lo - 1 <= tolerance;
    }

    /**
     * {@code count} rates strictly inside (lo, hi), evenly spaced in log(rate): the inner points of a log
     * range, so short decimals a user can type back as the grid's rates are ({@link ReadableSpacing}).
     */
    static double[] inside(double lo, double hi, int count) {
        double[] out = new double[count];
        for (int j = 0; j < count; j++) {
            out[j] = ReadableSpacing.point(true, lo, hi, count + 2, j + 1);
        }
        return out;
    }

    /** Rounds a search needs to narrow a bracket {@code ratio} wide (hi/lo) to {@code tolerance}. */
    static int roundsFor(double ratio, double tolerance) {
        int rounds = 0;
        double width = Math.log(ratio);
        double target = Math.log1p(tolerance);
        while (width > target) {
            width /= POINTS + 1;
            rounds++;
        }
        return rounds;
    }
}
