package dev.gdsweep.report;

/** The run with the smallest final loss among those that did not diverge. */
public record BestRun(
        long runId, double learningRate, double[] initialWeights, double[] finalWeights, double finalLoss,
        long iterations, String status) {

    public BestRun {
        initialWeights = initialWeights.clone();
        finalWeights = finalWeights.clone();
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
