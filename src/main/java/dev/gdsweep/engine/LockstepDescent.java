package dev.gdsweep.engine;

import dev.gdsweep.loss.LaneLoss;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import dev.gdsweep.optim.UpdateRule;

/**
 * Plain gradient descent (w ← w − lr·g, any {@link Schedule}) for a batch of independent runs,
 * stepped in lockstep: a number of "lanes" each hold one run, and one iteration evaluates the loss
 * for all lanes in one {@link LaneLoss#valuesAndGradients} call and updates them in loops over lanes.
 * A 2-D iteration is a short chain of dependent floating-point operations; one run at a time leaves
 * the core waiting on its latency, while many lanes overlap their chains (and, where the JIT can,
 * share vector instructions).
 *
 * <p>Each run's {@link RunResult} is bit for bit what {@link GradientDescent#run} gives for that run
 * alone: every lane goes through the same operations in the same order, and the stopping rules are
 * those of {@link StoppingRule}, applied exactly. To keep the common iteration cheap, a branch-free
 * pre-check first asks whether any lane might stop (a superset of the rules: gradient norm near the
 * tolerance, a non-finite or too-large value, weights or squares out of range, the iteration cap, a
 * clock check or a run's first iteration due, no improvement under patience); only then are the
 * exact rules and bookkeeping run lane by lane.
 * A lane whose run stopped takes the batch's next run, so lanes stay busy; when none is left it is
 * parked (learning rate 0) at a point where nothing stops.
 *
 * <p>If the loss's {@code valuesAndGradients} throws (a plugin's bug), the runs not yet finished are
 * computed one by one with {@link GradientDescent}, which records what the loss throws as
 * {@link StopReason#FAILED}.
 *
 * <p>Allocates its lane arrays once; the loop allocates only each run's {@link RunResult}. Not
 * thread-safe; use one per thread.
 */
public final class LockstepDescent {

    /**
     * Lanes per instance unless told otherwise. The B1 grids, two threads, steady state, 32 against 64
     * lanes (M iterations/s, medians of 6): quadratic 545 against 600, rosenbrock 585 against 610,
     * himmelblau 345 against 325 (its few long runs finish last, with the other lanes idle); one run
     * at a time ≈ 96 per thread.
     */
    public static final int DEFAULT_LANES = 64;

    /** Below this the squared gradient norm may have underflowed: the exact rule rescales (see GradientDescent). */
    private static final double SMALLEST_SAFE_SQUARE = 0x1p-1000;

    /** The {@link #limit} of a parked lane, which its k never reaches. */
    private static final double PARKED = Double.POSITIVE_INFINITY;

    private final int dimension;
    private final int capacity;

    // Structure of arrays, one per coordinate: coordinate i of lane l at [i][l].
    private final double[][] w;
    private final double[][] g;
    private final double[] values;
    // Per lane.
    private final int[] run;
    private final double[] learningRate;
    private final double[] rate;
    private final Schedule[] schedule;
    // Counters are doubles (exact up to 2^53) so that the hot loops handle one type and vectorise.
    private final double[] k;
    /** The next iteration at which the lane needs the exact rules: cap or clock due, or k = 0. */
    private final double[] limit;
    private final long[] deadline;
    private final double[] initialLoss;
    private final double[] bestLoss;
    private final double[] previous;
    private final double[] increases;
    private final double[] improvementBest;
    private final long[] sinceImprovement;
    private final boolean[] parked;
    /** Lanes whose run stopped at this iteration and that take the next run after the update step. */
    private final boolean[] refill;
    /** ‖g‖ per lane as the exact rules computed it. */
    private final double[] norm;
    private final double[] finalWeights;

    private final GradientDescent scalar;
    private final UpdateRule plain;

    public LockstepDescent(int dimension) {
        this(dimension, DEFAULT_LANES);
    }

    public LockstepDescent(int dimension, int lanes) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be >= 1, got " + lanes);
        }
        this.dimension = dimension;
        this.capacity = lanes;
        this.w = new double[dimension][lanes];
        this.g = new double[dimension][lanes];
        this.values = new double[lanes];
        this.run = new int[lanes];
        this.learningRate = new double[lanes];
        this.rate = new double[lanes];
        this.schedule = new Schedule[lanes];
        this.k = new double[lanes];
        this.limit = new double[lanes];
        this.deadline = new long[lanes];
        this.initialLoss = new double[lanes];
        this.bestLoss = new double[lanes];
        this.previous = new double[lanes];
        this.increases = new double[lanes];
        this.improvementBest = new double[lanes];
        this.sinceImprovement = new long[lanes];
        this.parked = new boolean[lanes];
        this.refill = new boolean[lanes];
        this.norm = new double[lanes];
        this.finalWeights = new double[dimension];
        this.scalar = new GradientDescent(dimension);
        this.plain = OptimizerConfig.PLAIN.create(dimension);
    }

    public int dimension() {
        return dimension;
    }

    public int lanes() {
        return capacity;
    }

    /**
     * Runs {@code learningRates.length} runs: run r starts at {@code initialWeights[r·d .. r·d + d)}
     * with learning rate {@code learningRates[r]} and schedule {@code schedules[r]}. Returns their
     * results in the same order.
     */
    public RunResult[] run(LaneLoss loss, StoppingRule stop, double[] learningRates, Schedule[] schedules,
            double[] initialWeights) {
        int runs = learningRates.length;
        if (loss.dimension() != dimension || schedules.length != runs
                || initialWeights.length != (long) runs * dimension) {
            throw new IllegalArgumentException("mismatch: engine dimension " + dimension + ", loss "
                    + loss.dimension() + ", " + runs + " learning rates, " + schedules.length + " schedules, "
                    + initialWeights.length + " initial weights");
        }
        RunResult[] results = new RunResult[runs];
        if (runs == 0) {
            return results;
        }
        if (!descend(loss, stop, learningRates, schedules, initialWeights, results, Math.min(capacity, runs))) {
            // A buggy lane kernel threw: redo every unfinished run alone, where the scalar loop records
            // what the loss throws as that run's failure.
            for (int r = 0; r < runs; r++) {
                if (results[r] == null) {
                    results[r] = scalarRun(loss, stop, learningRates[r], schedules[r], initialWeights, r);
                }
            }
        }
        return results;
    }

    private RunResult scalarRun(LaneLoss loss, StoppingRule stop, double learningRate, Schedule schedule,
            double[] initialWeights, int r) {
        System.arraycopy(initialWeights, r * dimension, finalWeights, 0, dimension);
        return scalar.run(loss, plain, schedule, learningRate, finalWeights, stop);
    }

    /**
     * The lockstep loop: fills {@code results}, or returns false as soon as the loss's lane kernel
     * throws (the results of runs that had finished stay).
     */
    private boolean descend(LaneLoss loss, StoppingRule stop, double[] learningRates, Schedule[] schedules,
            double[] initialWeights, RunResult[] results, int lanes) {
        final int d = dimension;
        final int runs = learningRates.length;
        final long maxIterations = stop.maxIterations();
        final double tolerance = stop.gradientTolerance();
        final long patience = stop.patience();
        final double minDelta = stop.minDelta();
        final double divergenceLoss = stop.divergenceLoss();
        final boolean timed = stop.maxSeconds() != Double.POSITIVE_INFINITY;
        final long timeLimit = timed ? (long) Math.min(stop.maxSeconds() * 1e9, 0x1p62) : 0;
        // Pre-check bounds: a squared norm above `smallestMovingSquare` has a norm above the tolerance
        // (the factor covers sqrt's rounding) and needs no rescaling; a value in
        // [−MAX_VALUE, largestValue] is finite and not diverged.
        final double smallestMovingSquare = Math.max(tolerance * tolerance * (1 + 1e-12), SMALLEST_SAFE_SQUARE);
        final double largestValue = Math.min(divergenceLoss, Double.MAX_VALUE);

        int next = 0;
        for (int l = 0; l < lanes; l++) {
            fill(l, next++, learningRates, schedules, initialWeights);
            deadline[l] = timed ? System.nanoTime() + timeLimit : 0;
        }
        int live = lanes;
        int unplaced = 0;
        int scheduled = countScheduled(lanes);

        java.util.Arrays.fill(refill, false);
        while (true) {
            int flagged = iterate(loss, lanes, scheduled, smallestMovingSquare, largestValue, patience, minDelta);
            if (flagged == 0) {
                continue;
            }
            if (flagged < 0) {
                return false;
            }

            int refills = 0;
            int donor = -1;
            for (int l = 0; l < lanes; l++) {
                if (parked[l]) {
                    continue;
                }
                bookkeepExactly(l);
                StopReason reason = exactRule(l, maxIterations, tolerance, patience, minDelta,
                        divergenceLoss, timed);
                if (reason == null) {
                    limit[l] = nextLimit((long) k[l] + 1, maxIterations, timed);
                    donor = l;
                    continue;
                }
                results[run[l]] = result(l, reason);
                if (next + refills < runs) {
                    refill[l] = true; // filled after the update step, which would move it
                    refills++;
                } else {
                    parked[l] = true;
                    unplaced++;
                    live--;
                }
            }
            if (live == 0) {
                return true;
            }
            if (unplaced > 0 && donor >= 0) {
                for (int l = 0; l < lanes; l++) {
                    if (parked[l] && limit[l] != PARKED) {
                        park(l, donor);
                    }
                }
                unplaced = 0;
            }
            stepLanes(lanes, d, scheduled);
            if (refills > 0) {
                for (int l = 0; l < lanes; l++) {
                    if (refill[l]) {
                        refill[l] = false;
                        fill(l, next++, learningRates, schedules, initialWeights);
                        deadline[l] = timed ? System.nanoTime() + timeLimit : 0;
                    }
                }
            }
            scheduled = countScheduled(lanes);
        }
    }

    /**
     * Evaluates the loss for all lanes and, unless the pre-check flags a lane, takes the iteration:
     * bookkeeping and update step. Returns the number of flagged lanes (the caller then applies the
     * exact rules), or −1 when the loss's lane kernel threw.
     */
    private int iterate(LaneLoss loss, int lanes, int scheduled, double smallestMovingSquare, double largestValue,
            long patience, double minDelta) {
        if (!evaluate(loss, lanes)) {
            return -1;
        }
        int d = dimension;
        int flagged = d == 2
                ? flagged2(lanes, smallestMovingSquare, largestValue)
                : flagged(lanes, d, smallestMovingSquare, largestValue);
        if (patience > 0) {
            flagged += notImproving(lanes, minDelta);
        }
        if (flagged > 0) {
            return flagged;
        }
        bookkeep(lanes);
        if (patience > 0) {
            // Every lane improved (the pre-check asked), so each resets its patience; parked lanes
            // keep +inf so that they keep passing.
            for (int l = 0; l < lanes; l++) {
                improvementBest[l] = parked[l] ? Double.POSITIVE_INFINITY : values[l];
                sinceImprovement[l] = 0;
            }
        }
        stepLanes(lanes, d, scheduled);
        return 0;
    }

    /** The loss at every lane; false when the loss's lane kernel threw. */
    private boolean evaluate(LaneLoss loss, int lanes) {
        try {
            loss.valuesAndGradients(lanes, w, g, values);
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    /**
     * The pre-check for two dimensions: how many lanes might stop at this iteration or need the exact
     * bookkeeping. A lane passes when its squared norm is above the tolerance's (and safe from
     * underflow) and finite, its value within the divergence bound and finite, its weights finite, and
     * no cap, clock check or first iteration is due. Comparisons combined with {@code &}, no branches.
     */
    private int flagged2(int lanes, double smallestMovingSquare, double largestValue) {
        final double[] gx = g[0];
        final double[] gy = g[1];
        final double[] wx = w[0];
        final double[] wy = w[1];
        int flagged = 0;
        for (int l = 0; l < lanes; l++) {
            double v = values[l];
            double g0 = gx[l];
            double g1 = gy[l];
            double w0 = wx[l];
            double w1 = wy[l];
            double square = g0 * g0 + g1 * g1; // the scalar loop's 0 + g0² + g1², same bits
            double weights = w0 * w0 + w1 * w1;
            boolean passes = square > smallestMovingSquare & square < Double.POSITIVE_INFINITY
                    & v <= largestValue & v >= -Double.MAX_VALUE & weights < Double.POSITIVE_INFINITY
                    & k[l] < limit[l];
            flagged += passes ? 0 : 1;
        }
        return flagged;
    }

    /** {@link #flagged2} for any dimension. */
    private int flagged(int lanes, int d, double smallestMovingSquare, double largestValue) {
        int flagged = 0;
        for (int l = 0; l < lanes; l++) {
            double v = values[l];
            double square = 0;
            double weights = 0;
            for (int i = 0; i < d; i++) {
                double gi = g[i][l];
                double wi = w[i][l];
                square += gi * gi;
                weights += wi * wi;
            }
            boolean passes = square > smallestMovingSquare & square < Double.POSITIVE_INFINITY
                    & v <= largestValue & v >= -Double.MAX_VALUE & weights < Double.POSITIVE_INFINITY
                    & k[l] < limit[l];
            flagged += passes ? 0 : 1;
        }
        return flagged;
    }

    /** With patience: how many lanes do not improve on their best by more than minDelta. */
    private int notImproving(int lanes, double minDelta) {
        int count = 0;
        for (int l = 0; l < lanes; l++) {
            count += values[l] < improvementBest[l] - minDelta ? 0 : 1;
        }
        return count;
    }

    /**
     * The iteration's bookkeeping when no lane is flagged: values finite and k ≥ 1, so the initial
     * loss is set and the best loss needs no check for −∞.
     */
    private void bookkeep(int lanes) {
        for (int l = 0; l < lanes; l++) {
            double v = values[l];
            increases[l] += v > previous[l] ? 1 : 0;
            bestLoss[l] = v < bestLoss[l] ? v : bestLoss[l];
            previous[l] = v;
        }
    }

    /** The bookkeeping of {@link GradientDescent#run}, as it is written, for lane l. */
    private void bookkeepExactly(int l) {
        double value = values[l];
        if (k[l] == 0) {
            initialLoss[l] = value;
        }
        if (value < bestLoss[l] && value != Double.NEGATIVE_INFINITY) {
            bestLoss[l] = value;
        }
        if (value > previous[l]) {
            increases[l]++;
        }
        previous[l] = value;
    }

    /** The stopping rules of {@link GradientDescent#run} for lane l, in its order; null to go on. */
    private StopReason exactRule(int l, long maxIterations, double tolerance, long patience,
            double minDelta, double divergenceLoss, boolean timed) {
        double value = values[l];
        double squaredNorm = 0;
        boolean finite = true;
        for (int i = 0; i < dimension; i++) {
            double gi = g[i][l];
            squaredNorm += gi * gi;
            finite &= Double.isFinite(gi) & Double.isFinite(w[i][l]);
        }
        double norm = Math.sqrt(squaredNorm);
        if (finite && (norm == Double.POSITIVE_INFINITY || squaredNorm < SMALLEST_SAFE_SQUARE)) {
            norm = scaledNorm(l);
        }
        long kl = (long) k[l];
        StopReason reason = null;
        if (!finite || !Double.isFinite(value) || value > divergenceLoss) {
            reason = StopReason.DIVERGED;
        } else if (norm <= tolerance) {
            reason = StopReason.GRADIENT_TOLERANCE;
        } else if (patience > 0) {
            if (value < improvementBest[l] - minDelta) {
                improvementBest[l] = value;
                sinceImprovement[l] = 0;
            } else if (++sinceImprovement[l] >= patience) {
                reason = StopReason.NO_IMPROVEMENT;
            }
        }
        if (reason == null && kl == maxIterations) {
            reason = StopReason.MAX_ITERATIONS;
        }
        if (reason == null && timed && (kl & 255) == 255 && System.nanoTime() - deadline[l] > 0) {
            reason = StopReason.MAX_TIME;
        }
        this.norm[l] = norm;
        return reason;
    }

    private RunResult result(int l, StopReason reason) {
        for (int i = 0; i < dimension; i++) {
            finalWeights[i] = w[i][l];
        }
        double best = bestLoss[l];
        return new RunResult((long) k[l], finalWeights, initialLoss[l], values[l],
                best == Double.POSITIVE_INFINITY ? Double.NaN : best, reason, norm[l], null, (long) increases[l]);
    }

    /** ‖g‖₂ of lane l without overflow or underflow of the squares, as GradientDescent's. */
    private double scaledNorm(int l) {
        double largest = 0;
        for (int i = 0; i < dimension; i++) {
            largest = Math.max(largest, Math.abs(g[i][l]));
        }
        if (largest == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            double r = g[i][l] / largest;
            sum += r * r;
        }
        return largest * Math.sqrt(sum);
    }

    /** Puts run r in lane l at k = 0; its first iteration takes the exact rules (limit 0). */
    private void fill(int l, int r, double[] learningRates, Schedule[] schedules, double[] initialWeights) {
        for (int i = 0; i < dimension; i++) {
            w[i][l] = initialWeights[r * dimension + i];
        }
        run[l] = r;
        learningRate[l] = learningRates[r];
        schedule[l] = schedules[r];
        k[l] = 0;
        limit[l] = 0;
        initialLoss[l] = Double.NaN;
        bestLoss[l] = Double.POSITIVE_INFINITY;
        previous[l] = Double.POSITIVE_INFINITY;
        increases[l] = 0;
        improvementBest[l] = Double.POSITIVE_INFINITY;
        sinceImprovement[l] = 0;
        parked[l] = false;
    }

    /**
     * Moves an emptied lane to a continuing lane's weights (where no rule fired, so the pre-check
     * passes there from now on), with a zero gradient and rate so the update leaves it in place.
     */
    private void park(int l, int donor) {
        for (int i = 0; i < dimension; i++) {
            w[i][l] = w[i][donor];
            g[i][l] = 0;
        }
        learningRate[l] = 0;
        schedule[l] = Schedule.CONSTANT;
        limit[l] = PARKED; // k never reaches it
        improvementBest[l] = Double.POSITIVE_INFINITY;
    }

    /**
     * The first iteration ≥ from at which the cap or (every 256 iterations) the clock is due; beyond
     * 2^53, where doubles stop counting, never.
     */
    private static double nextLimit(long from, long maxIterations, boolean timed) {
        long due = timed ? Math.min(maxIterations, from | 255) : maxIterations;
        return due < 0x1p53 ? due : Double.POSITIVE_INFINITY;
    }

    private int countScheduled(int lanes) {
        int count = 0;
        for (int l = 0; l < lanes; l++) {
            if (schedule[l].kind() != Schedule.Kind.CONSTANT) {
                count++;
            }
        }
        return count;
    }

    /** Each lane's learning rate for this step: the learning rate itself unless a schedule says otherwise. */
    private double[] rates(int lanes, int scheduled) {
        if (scheduled == 0) {
            return learningRate;
        }
        for (int l = 0; l < lanes; l++) {
            Schedule s = schedule[l];
            rate[l] = s.kind() == Schedule.Kind.CONSTANT ? learningRate[l] : s.rate(learningRate[l], (long) k[l]);
        }
        return rate;
    }

    /**
     * w ← w − rate·g for every lane, k ← k + 1. The rate of a constant schedule is the learning rate;
     * others ask their schedule, as the scalar loop does.
     */
    private void stepLanes(int lanes, int d, int scheduled) {
        final double[] step = rates(lanes, scheduled);
        if (d == 2) {
            final double[] wx = w[0];
            final double[] wy = w[1];
            final double[] gx = g[0];
            final double[] gy = g[1];
            for (int l = 0; l < lanes; l++) {
                double s = step[l];
                wx[l] -= s * gx[l];
                wy[l] -= s * gy[l];
                k[l]++;
            }
            return;
        }
        for (int i = 0; i < d; i++) {
            final double[] wi = w[i];
            final double[] gi = g[i];
            for (int l = 0; l < lanes; l++) {
                wi[l] -= step[l] * gi[l];
            }
        }
        for (int l = 0; l < lanes; l++) {
            k[l]++;
        }
    }
}
