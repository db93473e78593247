package dev.gdsweep.grid;

/**
 * The sweep's configurations, addressed by index and never listed: run i has learning rate
 * {@code i / n_initial} and initial point {@code i % n_initial} (learning-rate-major).
 */
public record Grid(LearningRates learningRates, InitialPoints initialPoints) {

    /** Number of configurations; throws when it does not fit a long. */
    public long size() {
        return Math.multiplyExact((long) learningRates.count(), initialPoints.count());
    }

    public int learningRateIndex(long runId) {
        return (int) (runId / initialPoints.count());
    }

    public long initialPointIndex(long runId) {
        return runId % initialPoints.count();
    }

    public double learningRate(long runId) {
        return learningRates.get(learningRateIndex(runId));
    }

    public void initialWeights(long runId, double[] out) {
        initialPoints.fill(initialPointIndex(runId), out);
    }

    public int dimension() {
        return initialPoints.dimension();
    }
}
