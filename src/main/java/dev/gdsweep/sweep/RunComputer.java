package dev.gdsweep.sweep;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.StepObserver;
import dev.gdsweep.grid.Grid;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.model.MiniBatchLoss;
import dev.gdsweep.loss.model.ModelLoss;
import dev.gdsweep.spec.LossSpec;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import dev.gdsweep.optim.UpdateRule;
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
    /** One update rule per optimizer of the grid, made once: each holds its own state arrays. */
    private final UpdateRule[] rules;
    /** For a model over data: the same model over the validation rows (null without them). */
    private final ModelLoss validation;
    /** Per batch size of the grid: the loss a run descends (the full loss, or its mini-batches). */
    private final Loss[] descended;

    public RunComputer(SweepSpec spec) {
        this.spec = spec;
        this.grid = spec.grid();
        this.loss = spec.loss().create(spec.dimension());
        this.engine = new GradientDescent(spec.dimension());
        this.initial = new double[spec.dimension()];
        this.rules = spec.optimizers().stream().map(o -> o.create(spec.dimension())).toArray(UpdateRule[]::new);
        this.validation = loss instanceof ModelLoss model && spec.loss() instanceof LossSpec.Model m
                && m.data().validation() != null ? model.on(m.data().validation()) : null;
        this.descended = new Loss[grid.batchSizes().size()];
        for (int i = 0; i < descended.length; i++) {
            int size = grid.batchSizes().get(i);
            descended[i] = size == Grid.FULL_BATCH ? loss
                    : new MiniBatchLoss((ModelLoss) loss, size, ((LossSpec.Model) spec.loss()).dataSpec().seed());
        }
    }

    public RunRecord compute(long runId) {
        return compute(runId, null);
    }

    /** Computes run {@code runId}, showing each iteration to {@code observer} (may be null). */
    public RunRecord compute(long runId, StepObserver observer) {
        int optimizerIndex = grid.optimizerIndex(runId);
        OptimizerConfig optimizer = grid.optimizers().get(optimizerIndex);
        Schedule schedule = grid.schedule(runId);
        double learningRate = grid.learningRate(runId);
        int batchIndex = grid.batchSizeIndex(runId);
        Loss descent = descended[batchIndex];
        if (descent instanceof MiniBatchLoss batches) {
            batches.start(runId);
        }
        grid.initialWeights(runId, initial);
        long start = System.nanoTime();
        RunResult result = engine.run(descent, rules[optimizerIndex], schedule, learningRate, initial,
                spec.stopping(), observer);
        double elapsedMs = (System.nanoTime() - start) / 1e6;
        RunAnalysis analysis = loss instanceof ModelLoss model
                ? RunAnalysis.ofModel(model, validation, result)
                : RunAnalysis.of(loss, result);
        return new RunRecord(spec.name(), runId, optimizer, schedule, grid.batchSizes().get(batchIndex), learningRate,
                initial, result, analysis, elapsedMs);
    }
}
