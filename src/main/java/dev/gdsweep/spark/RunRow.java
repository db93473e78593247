package dev.gdsweep.spark;

import java.util.Objects;

/**
 * The columns of a row of the {@code runs} table that the report's readers use (the best run, the HTML
 * report's pictures), read by {@link RunSchema#fromRow}. Arrays are copied in and out.
 *
 * @param batchSize the minibatch size; 0 for the full batch
 * @param status the run's status, as written ({@code CONVERGED}, {@code DIVERGED}, …)
 * @param minimum the known minimum the run ended at (an index into the loss's known minima); null if none
 */
public record RunRow(
        long runId,
        String lossConfig,
        String optimizerConfig,
        String schedule,
        int batchSize,
        double learningRate,
        double[] initialWeights,
        double[] finalWeights,
        String status,
        double finalLoss,
        long iterations,
        Integer minimum) {

    public RunRow {
        initialWeights = Objects.requireNonNull(initialWeights, "initialWeights").clone();
        finalWeights = Objects.requireNonNull(finalWeights, "finalWeights").clone();
    }

    @Override
    public double[] initialWeights() {
        return initialWeights.clone();
    }

    @Override
    public double[] finalWeights() {
        return finalWeights.clone();
    }
}
