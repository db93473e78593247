package dev.gdsweep.engine;

import dev.gdsweep.loss.Loss;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import dev.gdsweep.optim.UpdateRule;

/**
 * The descent loop: evaluate the loss and gradient at w_k, check the {@link StoppingRule} (through
 * {@link StopCheck}, which {@link LockstepDescent} asks too), then let
 * an {@link UpdateRule} (plain gradient descent unless told otherwise) take the step with the
 * learning rate the {@link Schedule} gives for iteration k.
 *
 * <p>One instance serves many runs of one dimension: its weight and gradient buffers are allocated
 * once, so the loop allocates nothing. Not thread-safe; use one per thread.
 */
public final class GradientDescent {

    private final double[] weights;
    private final double[] gradient;
    private final UpdateRule plain;
    private StopCheck check;

    public GradientDescent(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.weights = new double[dimension];
        this.gradient = new double[dimension];
        this.plain = OptimizerConfig.PLAIN.create(dimension);
    }

    public int dimension() {
        return weights.length;
    }

    /** Plain gradient descent, w ← w − lr·g, from {@code initialWeights} (not modified). */
    public RunResult run(Loss loss, double learningRate, double[] initialWeights, StoppingRule stop) {
        return run(loss, plain, Schedule.CONSTANT, learningRate, initialWeights, stop);
    }

    /**
     * Runs from {@code initialWeights} (not modified). {@code rule} must have been made for this
     * dimension; it is reset first.
     */
    public RunResult run(Loss loss, UpdateRule rule, Schedule schedule, double learningRate, double[] initialWeights,
            StoppingRule stop) {
        return run(loss, rule, schedule, learningRate, initialWeights, stop, null);
    }

    /** As {@link #run(Loss, UpdateRule, Schedule, double, double[], StoppingRule)}, showing each iteration to {@code observer}. */
    public RunResult run(Loss loss, UpdateRule rule, Schedule schedule, double learningRate, double[] initialWeights,
            StoppingRule stop, StepObserver observer) {
        int d = weights.length;
        if (initialWeights.length != d || loss.dimension() != d) {
            throw new IllegalArgumentException("dimension mismatch: engine " + d + ", loss " + loss.dimension()
                    + ", initial weights " + initialWeights.length);
        }
        System.arraycopy(initialWeights, 0, weights, 0, d);
        rule.reset();
        final boolean constantRate = schedule.kind() == Schedule.Kind.CONSTANT;
        final StopCheck check = stopCheck(stop);
        check.start(0);

        double initialLoss = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        double value;
        double previous = Double.POSITIVE_INFINITY;
        long increases = 0;
        long k = 0;
        // A loss that throws (a plugin's bug) fails this run, not the sweep. The handler costs nothing
        // per iteration: the JVM only consults it when something is thrown.
        try {
            for (; ; k++) {
                value = loss.valueAndGradient(weights, gradient);
                if (k == 0) {
                    initialLoss = value;
                }
                if (value < bestLoss && value != Double.NEGATIVE_INFINITY) {
                    bestLoss = value;
                }
                if (value > previous) {
                    increases++;
                }
                previous = value;
                double norm = check.measure(0, weights, gradient);
                if (observer != null) {
                    observer.observe(k, value, weights, norm);
                }
                StopReason reason = check.reason(0, k, value);
                if (reason != null) {
                    return new RunResult(k, weights, initialLoss, value,
                            bestLoss == Double.POSITIVE_INFINITY ? Double.NaN : bestLoss, reason, norm, null, increases);
                }

                rule.step(weights, gradient, k, constantRate ? learningRate : schedule.rate(learningRate, k));
            }
        } catch (RuntimeException | StackOverflowError e) {
            String message = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            // The loss at w_k is unknown: the call that would have computed it threw.
            return new RunResult(k, weights, k == 0 ? Double.NaN : initialLoss, Double.NaN,
                    bestLoss == Double.POSITIVE_INFINITY ? Double.NaN : bestLoss, StopReason.FAILED, Double.NaN,
                    message, increases);
        }
    }

    /** The check for {@code stop}, kept while runs come with the same rule. */
    private StopCheck stopCheck(StoppingRule stop) {
        if (check == null || !check.rule().equals(stop)) {
            check = new StopCheck(stop, 1);
        }
        return check;
    }
}
