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
        LossSpec loss,
        List<OptimizerConfig> optimizers,
        List<Schedule> schedules,
        LearningRates learningRates,
        InitialPoints initialPoints,
        StoppingRule stopping,
        String outputPath,
        long maxRuns) {

    public SweepSpec {
        optimizers = List.copyOf(optimizers);
        schedules = List.copyOf(schedules);
    }

    public Grid grid() {
        return new Grid(optimizers, schedules, learningRates, initialPoints);
    }

    public int dimension() {
        return initialPoints.dimension();
    }

    public SweepSpec withOutputPath(String path) {
        return new SweepSpec(name, loss, optimizers, schedules, learningRates, initialPoints, stopping, path, maxRuns);
    }
}
