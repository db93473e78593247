package dev.gdsweep.html;

import java.util.Arrays;
import java.util.Objects;

/**
 * One run of the sweep, as the pictures need it.
 *
 * @param configuration {@code optimizerConfig + ", " + schedule}, then the batch size if any (see
 *     {@link dev.gdsweep.report.SummaryRow#configuration(String, String, int)})
 * @param status {@code CONVERGED}, {@code DIVERGED}, {@code MAX_ITERATIONS} (later also {@code FAILED},
 *     {@code MAX_TIME}); any other value is drawn as "other"
 * @param finalLoss may be NaN or infinite for a diverged run
 * @param minimum index into {@link ReportData#minima()} of the known minimum the run ended at; null if none
 */
public record RunPoint(
        long runId,
        String configuration,
        double learningRate,
        double[] initialWeights,
        double[] finalWeights,
        String status,
        double finalLoss,
        long iterations,
        Integer minimum) {

    public RunPoint {
        configuration = configuration == null ? "" : configuration;
        initialWeights = Objects.requireNonNull(initialWeights, "initialWeights").clone();
        finalWeights = Objects.requireNonNull(finalWeights, "finalWeights").clone();
        status = status == null ? "" : status;
    }

    @Override
    public double[] initialWeights() {
        return initialWeights.clone();
    }

    @Override
    public double[] finalWeights() {
        return finalWeights.clone();
    }

    /** Coordinate {@code i} of the initial weights, without copying; NaN when the point has no such coordinate. */
    double initial(int i) {
        return i < initialWeights.length ? initialWeights[i] : Double.NaN;
    }

    /** Coordinate {@code i} of the final weights, without copying; NaN when the point has no such coordinate. */
    double end(int i) {
        return i < finalWeights.length ? finalWeights[i] : Double.NaN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunPoint r
                && runId == r.runId
                && configuration.equals(r.configuration)
                && Double.compare(learningRate, r.learningRate) == 0
                && Arrays.equals(initialWeights, r.initialWeights)
                && Arrays.equals(finalWeights, r.finalWeights)
                && status.equals(r.status)
                && Double.compare(finalLoss, r.finalLoss) == 0
                && iterations == r.iterations
                && Objects.equals(minimum, r.minimum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runId, configuration, learningRate, Arrays.hashCode(initialWeights),
                Arrays.hashCode(finalWeights), status, finalLoss, iterations, minimum);
    }

    @Override
    public String toString() {
        return "RunPoint[" + runId + ", " + configuration + ", lr " + learningRate + ", "
                + Arrays.toString(initialWeights) + " -> " + Arrays.toString(finalWeights) + ", " + status
                + ", loss " + finalLoss + ", " + iterations + " iterations, minimum " + minimum + "]";
    }
}
