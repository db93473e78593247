package dev.gdsweep.html;

import java.util.Arrays;
import java.util.Objects;

/** One recorded iteration of a run: the loss, weights and gradient norm at iteration {@code iteration}. */
public record TrajectoryStep(long iteration, double loss, double[] weights, double gradientNorm) {

    public TrajectoryStep {
        weights = Objects.requireNonNull(weights, "weights").clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** Coordinate {@code i} of the weights, without copying; NaN when there is no such coordinate. */
    double weight(int i) {
        return i < weights.length ? weights[i] : Double.NaN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrajectoryStep s
                && iteration == s.iteration
                && Double.compare(loss, s.loss) == 0
                && Arrays.equals(weights, s.weights)
                && Double.compare(gradientNorm, s.gradientNorm) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(iteration, loss, Arrays.hashCode(weights), gradientNorm);
    }

    @Override
    public String toString() {
        return "TrajectoryStep[" + iteration + ", loss " + loss + ", " + Arrays.toString(weights) + ", |g| "
                + gradientNorm + "]";
    }
}
