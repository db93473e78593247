package dev.gdsweep.html;

import dev.gdsweep.engine.Status;
import java.util.Arrays;
import java.util.Objects;

/**
 * One run of the sweep, as the pictures need it.
 *
 * @param configuration {@code optimizerConfig + ", " + schedule}, then the batch size if any (see
 *     {@link dev.gdsweep.report.SummaryRow#configuration(String, String, int)})
 * @param status how the run ended
 * @param finalLoss may be NaN or infinite for a diverged run
 * @param minimum index into {@link ReportData#minima()} of the known minimum the run ended at; null if none
 */
public record RunPoint(
        long runId,
        String configuration,
        double learningRate,
        double[] initialWeights,
        double[] finalWeights,
        Status status,
        double finalLoss,
        long iterations,
        Integer minimum) {

    public RunPoint {
        configuration = configuration == null ? "" : configuration;
        initialWeights = Objects.requireNonNull(initialWeights, "initialWeights").clone();
        finalWeights = Objects.requireNonNull(finalWeights, "finalWeights").clone();
        Objects.requireNonNull(status, "status");
    }

    /**
     * A run whose status is spelled as in the runs table's {@code status} column ({@link Status#name()}),
     * read there: the one place the report turns the stored text into a {@link Status}.
     */
    public RunPoint(long runId, String configuration, double learningRate, double[] initialWeights,
            double[] finalWeights, String status, double finalLoss, long iterations, Integer minimum) {
        this(runId, configuration, learningRate, initialWeights, finalWeights, Status.valueOf(status), finalLoss,
                iterations, minimum);
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
                && status == r.status
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
