package dev.gdsweep.report;

/**
 * The run with the smallest final loss among those that did not diverge or fail and took at least one step: a
 * start already at a minimum (0 iterations) says nothing about the learning rate, and would win at every rate.
 *
 * @param configuration its optimizer configuration and schedule, as in the summary
 * @param startsAtMinimum runs left out for that: they stopped at iteration 0, where they started
 */
public record BestRun(
        long runId, String configuration, double learningRate, double[] initialWeights, double[] finalWeights, double finalLoss,
        long iterations, String status, long startsAtMinimum) {

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
