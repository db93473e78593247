package dev.gdsweep.engine;

/**
 * The {@link StoppingRule} applied, in its order, written once for both loops: at iteration k,
 * {@link #measure} the weights and gradient, then ask {@link #reason}. {@link GradientDescent} asks
 * for its one run, {@link LockstepDescent} for each lane its pre-check flags, so a run stops at the
 * same iteration for the same reason whichever loop computes it.
 *
 * <p>What the rule remembers is kept here per run slot (the scalar loop uses slot 0, the lockstep
 * loop one slot per lane): the last measure, for patience the best value so far and the iterations
 * since it improved, and the clock's deadline. The arrays are allocated once; no call allocates.
 * Not thread-safe.
 */
final class StopCheck {

    /** Below this the squared gradient norm may have underflowed, and the norm is computed again scaled. */
    static final double SMALLEST_SAFE_SQUARE = 0x1p-1000;

    /** The clock is read when k &amp; CLOCK_EVERY = CLOCK_EVERY: every 256 iterations. */
    private static final long CLOCK_EVERY = 255;

    private final StoppingRule rule;
    private final long maxIterations;
    private final double tolerance;
    private final long patience;
    private final double minDelta;
    private final double divergenceLoss;
    private final boolean timed;
    private final long timeLimit;

    // Per run slot.
    private final double[] norm;
    private final boolean[] finite;
    private final double[] improvementBest;
    private final long[] sinceImprovement;
    private final long[] deadline;

    StopCheck(StoppingRule rule, int runs) {
        this.rule = rule;
        this.maxIterations = rule.maxIterations();
        this.tolerance = rule.gradientTolerance();
        this.patience = rule.patience();
        this.minDelta = rule.minDelta();
        this.divergenceLoss = rule.divergenceLoss();
        this.timed = rule.maxSeconds() != Double.POSITIVE_INFINITY;
        this.timeLimit = timed ? (long) Math.min(rule.maxSeconds() * 1e9, 0x1p62) : 0;
        this.norm = new double[runs];
        this.finite = new boolean[runs];
        this.improvementBest = new double[runs];
        this.sinceImprovement = new long[runs];
        this.deadline = new long[runs];
    }

    StoppingRule rule() {
        return rule;
    }

    boolean patient() {
        return patience > 0;
    }

    /** A new run in slot {@code run}: nothing seen yet, and its clock starts now. */
    void start(int run) {
        improvementBest[run] = Double.POSITIVE_INFINITY;
        sinceImprovement[run] = 0;
        deadline[run] = timed ? System.nanoTime() + timeLimit : 0;
    }

    /**
     * Measures w_k and its gradient g for the run in slot {@code run}: returns ‖g‖₂ and remembers it,
     * with whether every wᵢ and gᵢ is finite, for {@link #reason}. Squares can overflow (|gᵢ| &gt;
     * 1e154) or underflow (|gᵢ| &lt; 1e-154) where gᵢ itself is fine; then, when every entry is
     * finite, the norm is computed again scaled.
     */
    double measure(int run, double[] w, double[] g) {
        double squaredNorm = 0;
        boolean allFinite = true;
        for (int i = 0; i < g.length; i++) {
            double gi = g[i];
            squaredNorm += gi * gi;
            allFinite &= Double.isFinite(gi) & Double.isFinite(w[i]);
        }
        double n = Math.sqrt(squaredNorm);
        if (allFinite && (n == Double.POSITIVE_INFINITY || squaredNorm < SMALLEST_SAFE_SQUARE)) {
            n = scaledNorm(g);
        }
        norm[run] = n;
        finite[run] = allFinite;
        return n;
    }

    /** The last {@link #measure} of slot {@code run}. */
    double norm(int run) {
        return norm[run];
    }

    /**
     * Why the run in slot {@code run} stops at iteration k, where the loss is {@code value} and the
     * weights and gradient are those of the last {@link #measure}; null to take the step. Counts the
     * iteration towards patience.
     */
    StopReason reason(int run, long k, double value) {
        if (!finite[run] || !Double.isFinite(value) || value > divergenceLoss) {
            return StopReason.DIVERGED;
        }
        if (norm[run] <= tolerance) {
            return StopReason.GRADIENT_TOLERANCE;
        }
        if (patience > 0) {
            if (value < improvementBest[run] - minDelta) {
                improvementBest[run] = value;
                sinceImprovement[run] = 0;
            } else if (++sinceImprovement[run] >= patience) {
                return StopReason.NO_IMPROVEMENT;
            }
        }
        if (k == maxIterations) {
            return StopReason.MAX_ITERATIONS;
        }
        if (timed && (k & CLOCK_EVERY) == CLOCK_EVERY && System.nanoTime() - deadline[run] > 0) {
            return StopReason.MAX_TIME;
        }
        return null;
    }

    /** ‖g‖₂ without overflow or underflow of the squares, for finite entries. */
    private static double scaledNorm(double[] g) {
        double largest = 0;
        for (double v : g) {
            largest = Math.max(largest, Math.abs(v));
        }
        if (largest == 0) {
            return 0;
        }
        double sum = 0;
        for (double v : g) {
            double r = v / largest;
            sum += r * r;
        }
        return largest * Math.sqrt(sum);
    }

    /**
     * The first iteration ≥ {@code from} at which the iteration cap or the clock may stop a run: the
     * rules that do not look at the loss.
     */
    long nextLimit(long from) {
        return timed ? Math.min(maxIterations, from | CLOCK_EVERY) : maxIterations;
    }

    /**
     * For the lockstep pre-check, with patience: how many of the slots [0, runs) would not improve on
     * their best by more than minDelta with these values.
     */
    int notImproving(int runs, double[] values) {
        int count = 0;
        for (int r = 0; r < runs; r++) {
            count += values[r] < improvementBest[r] - minDelta ? 0 : 1;
        }
        return count;
    }

    /**
     * For the lockstep fast path, with patience, when {@link #notImproving} counted none: every slot
     * improved, so each takes its value as its best and restarts its count, as {@link #reason} would.
     * Slots marked {@code idle} keep no best (+∞), so that they keep passing.
     */
    void improved(int runs, double[] values, boolean[] idle) {
        for (int r = 0; r < runs; r++) {
            improvementBest[r] = idle[r] ? Double.POSITIVE_INFINITY : values[r];
            sinceImprovement[r] = 0;
        }
    }
}
