package dev.gdsweep.spec;

import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.grid.Grid;
import dev.gdsweep.grid.InitialPoints;
import dev.gdsweep.grid.LearningRates;

/**
 * A validated sweep: every value checked and every default filled in. Built by {@link SpecLoader};
 * written back, defaults included, by {@link SpecWriter}.
 */
public record SweepSpec(
        String name,
        LossSpec loss,
        LearningRates learningRates,
        InitialPoints initialPoints,
        StoppingRule stopping,
        String outputPath,
        long maxRuns) {

    public Grid grid() {
        return new Grid(learningRates, initialPoints);
    }

    public int dimension() {
        return initialPoints.dimension();
    }

    public SweepSpec withOutputPath(String path) {
        return new SweepSpec(name, loss, learningRates, initialPoints, stopping, path, maxRuns);
    }
}
