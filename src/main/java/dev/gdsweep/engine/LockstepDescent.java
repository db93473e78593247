package dev.gdsweep.engine;

import dev.gdsweep.loss.LaneLoss;
import dev.gdsweep.optim.LaneUpdateRule;
import dev.gdsweep.optim.Optimizer;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import dev.gdsweep.optim.UpdateRule;

/**
 * Gradient descent with any optimizer and any {@link Schedule} for a batch of independent runs,
 * stepped in lockstep: a number of "lanes" each hold one run, and one iteration evaluates the loss
 * for all lanes in one {@link LaneLoss#valuesAndGradients} call and updates them in loops over lanes
 * (plain GD here, the others through their {@link LaneUpdateRule}, whose state is per lane).
 * A 2-D iteration is a short chain of dependent floating-point operations; one run at a time leaves
 * the core waiting on its latency, while many lanes overlap their chains (and, where the JIT can,
 * share vector instructions).
 *
 * <p>Each run's {@link RunResult} is bit for bit what {@link GradientDescent#run} gives for that run
 * alone: every lane goes through the same operations in the same order, and its stopping rules are
 * decided by the same {@link StopCheck}. To keep the common iteration cheap, a branch-free pre-check
 * first asks whether any lane might stop (a superset of the rules: gradient norm near the tolerance,
 * a non-finite or too-large value, weights or squares out of range, the iteration cap, a clock check
 * or a run's first iteration due, no improvement under patience); only then are the exact rules and
 * bookkeeping run lane by lane.
 * A lane whose run stopped takes the batch's next run, so lanes stay busy; when none is left it is
 * parked (learning rate 0, its optimizer state cleared) at a point where nothing stops: with a zero
 * rate every update rule leaves it where it is.
 *
 * <p>Plain GD on the 2-D built-ins (rosenbrock, himmelblau, quadratic) runs on the Vector API when the
 * JVM has the module {@code jdk.incubator.vector} ({@link PlaneLanes}): one loop over vectors of lanes
 * evaluates, pre-checks, bookkeeps and steps every vector none of whose lanes is flagged; only the
 * vectors with a flagged lane go through the exact rules below, lane by lane. A lane that passes the
 * pre-check would have come out of the exact rules with that same bookkeeping and step, so every run
 * is bit for bit what the plain-Java loops give. (Only parked lanes may sit elsewhere: their donor is
 * the last continuing lane the exact rules looked at, or else any live lane; no run depends on it.)
 * Without the module, with patience, with another optimizer, or for a lane count that is not a
 * multiple of the vector width, the plain-Java loops run.
 *
 * <p>If the loss's {@code valuesAndGradients} throws (a plugin's bug), the runs not yet finished are
 * computed one by one with {@link GradientDescent}, which records what the loss throws as
 * {@link StopReason#FAILED}.
 *
 * <p>Allocates its lane arrays once (a {@link StopCheck} when the stopping rule changes, a lane rule the
 * first time an optimizer comes); the loop allocates only each run's {@link RunResult}. Not thread-safe; use one per thread.
 *
 * <p>Kept whole on purpose, though long: every step of an iteration (evaluate, pre-check, exact rules,
 * refill, park, update) reads and writes the same per-lane arrays, the hot ones as loops over lanes the JIT
 * vectorises; split into types, that state would be shared across objects in the hot loop, and the order
 * of operations that makes a lane bit for bit its run alone would no longer be readable in one place.
 */
public final class LockstepDescent {

    /**
     * Lanes per instance unless told otherwise. The B1 grids, two threads, steady state, 32 against 64
     * lanes (M iterations/s, medians of 6): quadratic 545 against 600, rosenbrock 585 against 610,
     * himmelblau 345 against 325 (its few long runs finish last, with the other lanes idle); one run
     * at a time ≈ 96 per thread.
     */
    public static final int DEFAULT_LANES = 64;

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
    private final double[] initialLoss;
    private final double[] bestLoss;
    private final double[] previous;
    private final double[] increases;
    private final boolean[] parked;
    /** Lanes whose run stopped at this iteration and that take the next run after the update step. */
    private final boolean[] refill;
    /** One lane's weights and gradient, copied out (for the exact rules, a result, a run alone). */
    private final double[] laneWeights;
    private final double[] laneGradient;
    /** The stopping rule of the current batch, one slot per lane. */
    private StopCheck check;
    /** In the Vector API's iteration: which vectors of lanes had a flagged lane, left to the exact rules. */
    private boolean[] flaggedVector;

    private final GradientDescent scalar;
    /** The lane rules made so far, one per optimizer configuration (a grid has few). */
    private final java.util.Map<OptimizerConfig, LaneUpdateRule> laneRules = new java.util.HashMap<>();
    /** The current batch's update rule; null for plain GD, which {@link #stepLanes} takes itself. */
    private LaneUpdateRule rule;
    /** Whether plain GD on a 2-D built-in may run on the Vector API ({@link PlaneLanes}). */
    private final boolean vectorLanes;
    /** The last loss {@link #run} was given, and its Vector API lanes (null when it has none). */
    private LaneLoss planeLoss;
    private PlaneLanes plane;

    public LockstepDescent(int dimension) {
        this(dimension, DEFAULT_LANES);
    }

    public LockstepDescent(int dimension, int lanes) {
        this(dimension, lanes, true);
    }

    /**
     * @param vectorApi whether plain GD on the 2-D built-in losses (rosenbrock, himmelblau, quadratic)
     *     may take the Vector API's lanes ({@link PlaneLanes}) when this JVM has them; false keeps the
     *     plain-Java lanes, which give the same results
     */
    public LockstepDescent(int dimension, int lanes, boolean vectorApi) {
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
        this.initialLoss = new double[lanes];
        this.bestLoss = new double[lanes];
        this.previous = new double[lanes];
        this.increases = new double[lanes];
        this.parked = new boolean[lanes];
        this.refill = new boolean[lanes];
        this.laneWeights = new double[dimension];
        this.laneGradient = new double[dimension];
        this.scalar = new GradientDescent(dimension);
        this.vectorLanes = vectorApi && dimension == 2 && PlaneLanes.vectorApi();
    }

    public int dimension() {
        return dimension;
    }

    public int lanes() {
        return capacity;
    }

    /**
     * Whether plain GD on {@code loss} runs on the Vector API here (for batches whose lane count is a
     * multiple of the vector width; others, and other optimizers, take the plain-Java lanes).
     */
    public boolean vectorLanes(LaneLoss loss) {
        return planeLanes(loss) != null;
    }

    private PlaneLanes planeLanes(LaneLoss loss) {
        if (!vectorLanes) {
            return null;
        }
        if (loss != planeLoss) {
            plane = PlaneLanes.vectorFor(loss);
            planeLoss = loss;
        }
        return plane;
    }

    /**
     * Runs {@code learningRates.length} runs: run r starts at {@code initialWeights[r·d .. r·d + d)}
     * with learning rate {@code learningRates[r]} and schedule {@code schedules[r]}. Returns their
     * results in the same order.
     */
    public RunResult[] run(LaneLoss loss, StoppingRule stop, double[] learningRates, Schedule[] schedules,
            double[] initialWeights) {
        return run(loss, stop, learningRates, schedules, initialWeights, () -> { });
    }

    /**
     * {@link #run(LaneLoss, StoppingRule, double[], Schedule[], double[])}, calling {@code finished} once
     * per run as soon as that run stops (runs stop in any order), so a progress count moves while a batch
     * is still stepping.
     */
    public RunResult[] run(LaneLoss loss, StoppingRule stop, double[] learningRates, Schedule[] schedules,
            double[] initialWeights, Runnable finished) {
        return run(loss, OptimizerConfig.PLAIN, stop, learningRates, schedules, initialWeights, finished);
    }

    /**
     * {@link #run(LaneLoss, StoppingRule, double[], Schedule[], double[], Runnable)} with {@code optimizer}
     * instead of plain GD: each run's result is the one {@link GradientDescent#run} gives with the rule
     * {@code optimizer.create(dimension)}.
     */
    public RunResult[] run(LaneLoss loss, OptimizerConfig optimizer, StoppingRule stop, double[] learningRates,
            Schedule[] schedules, double[] initialWeights, Runnable finished) {
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
        rule = optimizer.optimizer() == Optimizer.GD ? null
                : laneRules.computeIfAbsent(optimizer, o -> o.createLanes(dimension, capacity));
        if (!descend(loss, stop, learningRates, schedules, initialWeights, results, Math.min(capacity, runs),
                finished)) {
            // A buggy lane kernel threw: redo every unfinished run alone, where the scalar loop records
            // what the loss throws as that run's failure.
            UpdateRule alone = optimizer.create(dimension);
            for (int r = 0; r < runs; r++) {
                if (results[r] == null) {
                    results[r] = scalarRun(loss, alone, stop, learningRates[r], schedules[r], initialWeights, r);
                    finished.run();
                }
            }
        }
        return results;
    }

    private RunResult scalarRun(LaneLoss loss, UpdateRule alone, StoppingRule stop, double learningRate,
            Schedule schedule, double[] initialWeights, int r) {
        System.arraycopy(initialWeights, r * dimension, laneWeights, 0, dimension);
        return scalar.run(loss, alone, schedule, learningRate, laneWeights, stop);
    }

    /**
     * The lockstep loop: fills {@code results}, or returns false as soon as the loss's lane kernel
     * throws (the results of runs that had finished stay).
     */
    private boolean descend(LaneLoss loss, StoppingRule stop, double[] learningRates, Schedule[] schedules,
            double[] initialWeights, RunResult[] results, int lanes, Runnable finished) {
        final int d = dimension;
        final int runs = learningRates.length;
        if (check == null || !check.rule().equals(stop)) {
            check = new StopCheck(stop, capacity);
        }
        final double tolerance = stop.gradientTolerance();
        // Pre-check bounds: a squared norm above `smallestMovingSquare` has a norm above the tolerance
        // (the factor covers sqrt's rounding) and needs no rescaling; a value in
        // [−MAX_VALUE, largestValue] is finite and not diverged.
        final double smallestMovingSquare = Math.max(tolerance * tolerance * (1 + 1e-12),
                StopCheck.SMALLEST_SAFE_SQUARE);
        final double largestValue = Math.min(stop.divergenceLoss(), Double.MAX_VALUE);
        // Plain GD on a 2-D built-in without patience: the Vector API's iteration, when there is one.
        PlaneLanes fused = rule == null && !check.patient() ? planeLanes(loss) : null;
        if (fused != null && lanes % fused.width() != 0) {
            fused = null;
        }
        final int width = fused == null ? 1 : fused.width();
        final int vectors = lanes / width;
        if (fused != null && (flaggedVector == null || flaggedVector.length < vectors)) {
            flaggedVector = new boolean[vectors];
        }

        int next = 0;
        for (int l = 0; l < lanes; l++) {
            fill(l, next++, learningRates, schedules, initialWeights);
        }
        int live = lanes;
        int unplaced = 0;
        int scheduled = countScheduled(lanes);

        java.util.Arrays.fill(refill, false);
        while (true) {
            int flagged = fused != null
                    ? fused.iterate(lanes, w[0], w[1], g[0], g[1], values, rates(lanes, scheduled), k, limit, increases,
                            bestLoss, previous, flaggedVector, smallestMovingSquare, largestValue)
                    : iterate(loss, lanes, scheduled, smallestMovingSquare, largestValue);
            if (flagged == 0) {
                continue;
            }
            if (flagged < 0) {
                return false;
            }

            int refills = 0;
            int donor = -1;
            for (int l = 0; l < lanes; l++) {
                if (fused != null && !flaggedVector[l / width]) {
                    l += width - 1; // a vector without a flagged lane: the kernel took its iteration
                    continue;
                }
                if (parked[l]) {
                    continue;
                }
                bookkeepExactly(l);
                StopReason reason = exactRule(l);
                if (reason == null) {
                    limit[l] = nextLimit((long) k[l] + 1);
                    donor = l;
                    continue;
                }
                results[run[l]] = result(l, reason);
                finished.run();
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
            if (unplaced > 0 && donor < 0 && fused != null) {
                donor = liveLane(lanes);
            }
            if (unplaced > 0 && donor >= 0) {
                for (int l = 0; l < lanes; l++) {
                    if (parked[l] && limit[l] != PARKED) {
                        park(l, donor);
                    }
                }
                unplaced = 0;
            }
            if (fused != null) {
                stepFlagged(lanes, width, scheduled);
            } else {
                stepLanes(lanes, d, scheduled);
            }
            if (refills > 0) {
                for (int l = 0; l < lanes; l++) {
                    if (refill[l]) {
                        refill[l] = false;
                        fill(l, next++, learningRates, schedules, initialWeights);
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
    private int iterate(LaneLoss loss, int lanes, int scheduled, double smallestMovingSquare, double largestValue) {
        if (!evaluate(loss, lanes)) {
            return -1;
        }
        int d = dimension;
        int flagged = d == 2
                ? flagged2(lanes, smallestMovingSquare, largestValue)
                : flagged(lanes, d, smallestMovingSquare, largestValue);
        if (check.patient()) {
            flagged += check.notImproving(lanes, values);
        }
        if (flagged > 0) {
            return flagged;
        }
        bookkeep(lanes);
        if (check.patient()) {
            // Every lane improved (the pre-check asked), so each resets its patience; parked lanes
            // keep passing.
            check.improved(lanes, values, parked);
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

    /** The stopping rules for lane l, as {@link GradientDescent#run} asks them; null to go on. */
    private StopReason exactRule(int l) {
        for (int i = 0; i < dimension; i++) {
            laneWeights[i] = w[i][l];
            laneGradient[i] = g[i][l];
        }
        check.measure(l, laneWeights, laneGradient);
        return check.reason(l, (long) k[l], values[l]);
    }

    private RunResult result(int l, StopReason reason) {
        for (int i = 0; i < dimension; i++) {
            laneWeights[i] = w[i][l];
        }
        double best = bestLoss[l];
        return new RunResult((long) k[l], laneWeights, initialLoss[l], values[l],
                best == Double.POSITIVE_INFINITY ? Double.NaN : best, reason, check.norm(l), null, (long) increases[l]);
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
        parked[l] = false;
        check.start(l);
        if (rule != null) {
            rule.start(l);
        }
    }

    /**
     * Moves an emptied lane to a continuing lane's weights (where no rule fired, so the pre-check
     * passes there from now on), with a zero gradient and rate so the update leaves it in place, and
     * nothing remembered for patience.
     */
    private void park(int l, int donor) {
        for (int i = 0; i < dimension; i++) {
            w[i][l] = w[i][donor];
            g[i][l] = 0;
        }
        learningRate[l] = 0;
        schedule[l] = Schedule.CONSTANT;
        limit[l] = PARKED; // k never reaches it
        check.start(l);
        if (rule != null) {
            rule.start(l); // no velocity or moment left: with rate 0 the rule does not move it
        }
    }

    /**
     * In the Vector API's iteration, when no lane the exact rules looked at continues: the last lane
     * that continues, its weights those of its next iteration (where a lane parked there stops only
     * when it would), or −1.
     */
    private int liveLane(int lanes) {
        for (int l = lanes - 1; l >= 0; l--) {
            if (!parked[l] && !refill[l]) {
                return l;
            }
        }
        return -1;
    }

    /**
     * In the Vector API's iteration, {@link #stepLanes} for the lanes of the flagged vectors, which the
     * kernel left to the exact rules; their rates as {@link #rates} gives them now (a lane parked since
     * has rate 0).
     */
    private void stepFlagged(int lanes, int width, int scheduled) {
        final double[] wx = w[0];
        final double[] wy = w[1];
        final double[] gx = g[0];
        final double[] gy = g[1];
        for (int l = 0; l < lanes; l++) {
            if (!flaggedVector[l / width]) {
                l += width - 1;
                continue;
            }
            Schedule sl = schedule[l];
            double s = scheduled == 0 || sl.kind() == Schedule.Kind.CONSTANT ? learningRate[l]
                    : sl.rate(learningRate[l], (long) k[l]);
            wx[l] -= s * gx[l];
            wy[l] -= s * gy[l];
            k[l]++;
        }
    }

    /**
     * The first iteration ≥ from at which the cap or the clock is due ({@link StopCheck#nextLimit});
     * beyond 2^53, where doubles stop counting, never.
     */
    private double nextLimit(long from) {
        long due = check.nextLimit(from);
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
     * The update step for every lane (w ← w − rate·g for plain GD, the optimizer's {@link LaneUpdateRule}
     * otherwise), then k ← k + 1. The rate of a constant schedule is the learning rate; others ask their
     * schedule, as the scalar loop does.
     */
    private void stepLanes(int lanes, int d, int scheduled) {
        final double[] step = rates(lanes, scheduled);
        if (rule != null) {
            rule.step(lanes, w, g, k, step);
            for (int l = 0; l < lanes; l++) {
                k[l]++;
            }
            return;
        }
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
