package dev.gdsweep.engine;

import java.util.Arrays;

/**
 * What one descent ended with, all taken at the iteration where it stopped.
 *
 * @param iterations the iteration k at which it stopped (the number of updates taken)
 * @param finalWeights w_k
 * @param initialLoss the loss at w_0
 * @param finalLoss the loss at w_k
 * @param bestLoss the smallest finite loss seen, NaN when none was finite
 * @param gradientNorm ‖∇loss(w_k)‖₂ (NaN when the run failed before it was known)
 * @param error what the loss threw, for a {@link Status#FAILED} run; null otherwise
 * @param lossIncreases iterations whose loss was above the previous iteration's
 */
public record RunResult(
        long iterations,
        double[] finalWeights,
        double initialLoss,
        double finalLoss,
        double bestLoss,
        StopReason stopReason,
        double gradientNorm,
        String error,
        long lossIncreases) {

    /**
     * A run "bounces" (oscillates between the walls of a valley) when its loss rose on at least this
     * fraction of its steps, and on at least {@link #OSCILLATION_MIN_INCREASES} of them.
     */
    public static final double OSCILLATION_FRACTION = 0.25;
    public static final long OSCILLATION_MIN_INCREASES = 4;

    public RunResult(long iterations, double[] finalWeights, double initialLoss, double finalLoss, double bestLoss,
            StopReason stopReason, double gradientNorm) {
        this(iterations, finalWeights, initialLoss, finalLoss, bestLoss, stopReason, gradientNorm, null, 0);
    }

    public boolean oscillating() {
        return lossIncreases >= OSCILLATION_MIN_INCREASES && lossIncreases >= OSCILLATION_FRACTION * iterations;
    }

    public RunResult {
        finalWeights = finalWeights.clone();
    }

    public Status status() {
        return stopReason.status();
    }

    @Override
    public double[] finalWeights() {
        return finalWeights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunResult r
                && iterations == r.iterations
                && Arrays.equals(finalWeights, r.finalWeights)
                && Double.compare(initialLoss, r.initialLoss) == 0
                && Double.compare(finalLoss, r.finalLoss) == 0
                && Double.compare(bestLoss, r.bestLoss) == 0
                && stopReason == r.stopReason
                && Double.compare(gradientNorm, r.gradientNorm) == 0
                && java.util.Objects.equals(error, r.error)
                && lossIncreases == r.lossIncreases;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(iterations) * 31 + Arrays.hashCode(finalWeights) + stopReason.hashCode();
    }

    @Override
    public String toString() {
        return stopReason.status() + "(" + stopReason.label() + ") after " + iterations + " iterations at "
                + Arrays.toString(finalWeights) + ", loss " + finalLoss + " (initial " + initialLoss + ", best "
                + bestLoss + "), |g| " + gradientNorm + (error == null ? "" : ", error: " + error);
    }
}
