package dev.gdsweep.spec;

import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.grid.Grid;
import dev.gdsweep.grid.InitialPoints;
import dev.gdsweep.grid.LearningRates;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import java.util.List;

/**
 * A validated sweep: every value checked and every default filled in. Built by {@link SpecLoader};
 * written back, defaults included, by {@link SpecWriter}.
 */
public record SweepSpec(
        String name,
        LossSettings losses,
        List<OptimizerConfig> optimizers,
        List<Schedule> schedules,
        List<Integer> batchSizes,
        LearningRates learningRates,
        InitialPoints initialPoints,
        StoppingRule stopping,
        String outputPath,
        Limits limits,
        RecordSpec record,
        Gates gates,
        RefineSpec refine,
        RecommendSpec recommend) {

    /**
     * Regression gates for {@code gdsweep compare} (null: no gate): the largest allowed drop of a
     * learning rate's converged fraction, and the largest allowed increase of its best (smallest)
     * final loss, both absolute.
     */
    public record Gates(Double maxConvergedFractionDrop, Double maxBestLossIncrease) {
        public static final Gates NONE = new Gates(null, null);
    }

    /**
     * Limits on the sweep as a whole.
     *
     * @param maxRuns largest grid accepted
     * @param maxSeconds time budget: when it runs out no new chunk starts, and the finished ones are
     *     published as a partial report
     * @param chunkRuns runs per committed chunk
     */
    public record Limits(long maxRuns, double maxSeconds, long chunkRuns) {
        public static final Limits DEFAULT = new Limits(Defaults.MAX_RUNS, Defaults.SWEEP_MAX_SECONDS,
                Defaults.CHUNK_RUNS);
    }

    public SweepSpec {
        optimizers = List.copyOf(optimizers);
        schedules = List.copyOf(schedules);
        batchSizes = List.copyOf(batchSizes);
        recommend = recommend == null ? RecommendSpec.DEFAULT : recommend;
    }

    /** Whether the sweep refines its learning-rate axis in rounds after its own grid. */
    public boolean refines() {
        return refine != null;
    }

    public Grid grid() {
        return new Grid(Math.toIntExact(losses.count()), optimizers, schedules, batchSizes, learningRates,
                initialPoints);
    }

    /** The loss of the first loss setting: the sweep's one loss when it has no loss axis. */
    public LossSpec loss() {
        return losses.first();
    }

    public int dimension() {
        return initialPoints.dimension();
    }

    /**
     * Whether {@code other} computes the same runs: everything but where the report goes, the
     * limits on the whole sweep, the gates and how the recommendation is chosen. A sweep may be resumed under another time budget, not another grid.
     */
    public boolean sameRunsAs(SweepSpec other) {
        return SpecWriter.toYaml(normalized()).equals(SpecWriter.toYaml(other.normalized()));
    }

    private SweepSpec normalized() {
        return new SweepSpec(name, losses, optimizers, schedules, batchSizes, learningRates, initialPoints, stopping,
                "", Limits.DEFAULT, record, Gates.NONE, refine, RecommendSpec.DEFAULT);
    }

    public SweepSpec withOutputPath(String path) {
        return new SweepSpec(name, losses, optimizers, schedules, batchSizes, learningRates, initialPoints, stopping,
                path, limits, record, gates, refine, recommend);
    }
}
