package dev.gdsweep.report;

/**
 * The run with the smallest final loss among those that did not diverge.
 *
 * @param configuration its optimizer configuration and schedule, as in the summary
 */
public record BestRun(
        long runId, String configuration, double learningRate, double[] initialWeights, double[] finalWeights, double finalLoss,
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
