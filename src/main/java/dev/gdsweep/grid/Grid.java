package dev.gdsweep.grid;

import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import java.util.List;

/**
 * The sweep's configurations, addressed by index and never listed. The axes, slowest first:
 * optimizer (each entry with its settings fixed), schedule, learning rate, initial point. So run i has
 * initial point i mod n_init and learning rate (i / n_init) mod n_lr; with one optimizer and one
 * schedule, i = lr_index·n_init + init_index.
 */
public record Grid(
        List<OptimizerConfig> optimizers, List<Schedule> schedules, LearningRates learningRates,
        InitialPoints initialPoints) {

    public Grid {
        optimizers = List.copyOf(optimizers);
        schedules = List.copyOf(schedules);
        if (optimizers.isEmpty() || schedules.isEmpty()) {
            throw new IllegalArgumentException("at least one optimizer and one schedule are needed");
        }
    }

    /** Plain gradient descent with a constant rate. */
    public Grid(LearningRates learningRates, InitialPoints initialPoints) {
        this(List.of(OptimizerConfig.PLAIN), List.of(Schedule.CONSTANT), learningRates, initialPoints);
    }

    /** Number of configurations; throws ArithmeticException when it does not fit a long. */
    public long size() {
        return Math.multiplyExact(configurations(), Math.multiplyExact((long) learningRates.count(),
                initialPoints.count()));
    }

    /** Optimizer × schedule combinations. */
    public long configurations() {
        return (long) optimizers.size() * schedules.size();
    }

    private long runsPerConfiguration() {
        return learningRates.count() * initialPoints.count();
    }

    public int optimizerIndex(long runId) {
        return (int) (runId / runsPerConfiguration() / schedules.size());
    }

    public int scheduleIndex(long runId) {
        return (int) (runId / runsPerConfiguration() % schedules.size());
    }

    public int learningRateIndex(long runId) {
        return (int) (runId / initialPoints.count() % learningRates.count());
    }

    public long initialPointIndex(long runId) {
        return runId % initialPoints.count();
    }

    public OptimizerConfig optimizer(long runId) {
        return optimizers.get(optimizerIndex(runId));
    }

    public Schedule schedule(long runId) {
        return schedules.get(scheduleIndex(runId));
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
