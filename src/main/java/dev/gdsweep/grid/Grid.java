package dev.gdsweep.grid;

import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import java.util.List;

/**
 * The sweep's configurations, addressed by index and never listed. The axes, slowest first: loss
 * setting (a loss with every setting fixed, see {@code SweepSpec.losses}), optimizer (each entry with
 * its settings fixed), schedule, batch size, learning rate, initial point. So run i has initial point
 * i mod n_init and learning rate (i / n_init) mod n_lr; with one loss setting, one optimizer, one
 * schedule and one batch size, i = lr_index·n_init + init_index.
 *
 * @param lossSettings how many loss settings: the grid only counts them, the spec holds them
 * @param batchSizes rows per mini-batch, 0 for the full batch (every training row)
 */
public record Grid(
        int lossSettings, List<OptimizerConfig> optimizers, List<Schedule> schedules, List<Integer> batchSizes,
        LearningRates learningRates, InitialPoints initialPoints) {

    /** The full batch: one iteration is one step over every training row. */
    public static final int FULL_BATCH = 0;

    public Grid {
        optimizers = List.copyOf(optimizers);
        schedules = List.copyOf(schedules);
        batchSizes = List.copyOf(batchSizes);
        if (lossSettings < 1 || optimizers.isEmpty() || schedules.isEmpty() || batchSizes.isEmpty()) {
            throw new IllegalArgumentException("at least one loss setting, optimizer, schedule and batch size are needed");
        }
    }

    /** One loss setting. */
    public Grid(List<OptimizerConfig> optimizers, List<Schedule> schedules, List<Integer> batchSizes,
            LearningRates learningRates, InitialPoints initialPoints) {
        this(1, optimizers, schedules, batchSizes, learningRates, initialPoints);
    }

    /** One loss setting, the full batch. */
    public Grid(List<OptimizerConfig> optimizers, List<Schedule> schedules, LearningRates learningRates,
            InitialPoints initialPoints) {
        this(optimizers, schedules, List.of(FULL_BATCH), learningRates, initialPoints);
    }

    /** Plain gradient descent with a constant rate and the full batch. */
    public Grid(LearningRates learningRates, InitialPoints initialPoints) {
        this(List.of(OptimizerConfig.PLAIN), List.of(Schedule.CONSTANT), learningRates, initialPoints);
    }

    /** Number of configurations; throws ArithmeticException when it does not fit a long. */
    public long size() {
        return Math.multiplyExact(Math.multiplyExact(lossSettings, configurations()),
                Math.multiplyExact((long) learningRates.count(), initialPoints.count()));
    }

    /** Optimizer × schedule × batch size combinations (of one loss setting). */
    public long configurations() {
        return (long) optimizers.size() * schedules.size() * batchSizes.size();
    }

    private long runsPerConfiguration() {
        return learningRates.count() * initialPoints.count();
    }

    /** The configuration's index among all loss settings' configurations. */
    private long configuration(long runId) {
        return runId / runsPerConfiguration();
    }

    /**
     * The id run {@code runId} has in the sweep of its loss setting alone: what a run's own random
     * stream (its mini-batches) is keyed by, so that it does not depend on the other loss settings.
     */
    public long runIdInLossSetting(long runId) {
        return runId % (configurations() * runsPerConfiguration());
    }

    public int lossSettingIndex(long runId) {
        return (int) (configuration(runId) / configurations());
    }

    public int optimizerIndex(long runId) {
        return (int) (configuration(runId) / batchSizes.size() / schedules.size() % optimizers.size());
    }

    public int scheduleIndex(long runId) {
        return (int) (configuration(runId) / batchSizes.size() % schedules.size());
    }

    public int batchSizeIndex(long runId) {
        return (int) (configuration(runId) % batchSizes.size());
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

    public int batchSize(long runId) {
        return batchSizes.get(batchSizeIndex(runId));
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
