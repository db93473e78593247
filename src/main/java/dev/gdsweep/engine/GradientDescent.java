package dev.gdsweep.engine;

import dev.gdsweep.loss.Loss;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import dev.gdsweep.optim.UpdateRule;

/**
 * The descent loop: evaluate the loss and gradient at w_k, check the {@link StoppingRule}, then let
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

        final long maxIterations = stop.maxIterations();
        final double tolerance = stop.gradientTolerance();
        final long patience = stop.patience();
        final double minDelta = stop.minDelta();
        final double divergenceLoss = stop.divergenceLoss();
        final boolean timed = stop.maxSeconds() != Double.POSITIVE_INFINITY;
        final long deadline = timed ? System.nanoTime() + (long) Math.min(stop.maxSeconds() * 1e9, 0x1p62) : 0;

        double initialLoss = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        double value;
        double improvementBest = Double.POSITIVE_INFINITY;
        long sinceImprovement = 0;
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
                // Sum of squares and finiteness of w and g in one pass.
                double squaredNorm = 0;
                boolean finite = true;
                for (int i = 0; i < d; i++) {
                    double g = gradient[i];
                    squaredNorm += g * g;
                    finite &= Double.isFinite(g) & Double.isFinite(weights[i]);
                }
                double norm = Math.sqrt(squaredNorm);
                // Squares can overflow (|g| > 1e154) or underflow (|g| < 1e-154) where g itself is fine.
                if (finite && (norm == Double.POSITIVE_INFINITY || squaredNorm < 0x1p-1000)) {
                    norm = scaledNorm(gradient);
                }
                if (observer != null) {
                    observer.observe(k, value, weights, norm);
                }

                StopReason reason = null;
                if (!finite || !Double.isFinite(value) || value > divergenceLoss) {
                    reason = StopReason.DIVERGED;
                } else if (norm <= tolerance) {
                    reason = StopReason.GRADIENT_TOLERANCE;
                } else if (patience > 0) {
                    if (value < improvementBest - minDelta) {
                        improvementBest = value;
                        sinceImprovement = 0;
                    } else if (++sinceImprovement >= patience) {
                        reason = StopReason.NO_IMPROVEMENT;
                    }
                }
                if (reason == null && k == maxIterations) {
                    reason = StopReason.MAX_ITERATIONS;
                }
                if (reason == null && timed && (k & 255) == 255 && System.nanoTime() - deadline > 0) {
                    reason = StopReason.MAX_TIME;
                }
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
}
