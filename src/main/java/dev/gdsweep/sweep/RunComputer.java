package dev.gdsweep.sweep;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.grid.Grid;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.spec.SweepSpec;

/**
 * Computes runs of one sweep by run id. A task makes one and reuses its loss and engine buffers for
 * all its runs; not thread-safe.
 */
public final class RunComputer {

    private final SweepSpec spec;
    private final Grid grid;
    private final Loss loss;
    private final GradientDescent engine;
    private final double[] initial;

    public RunComputer(SweepSpec spec) {
        this.spec = spec;
        this.grid = spec.grid();
        this.loss = spec.loss().create(spec.dimension());
        this.engine = new GradientDescent(spec.dimension());
        this.initial = new double[spec.dimension()];
    }

    public RunRecord compute(long runId) {
        double learningRate = grid.learningRate(runId);
        grid.initialWeights(runId, initial);
        long start = System.nanoTime();
        RunResult result = engine.run(loss, learningRate, initial, spec.stopping());
        double elapsedMs = (System.nanoTime() - start) / 1e6;
        return new RunRecord(spec.name(), runId, learningRate, initial, result, elapsedMs);
    }
}
