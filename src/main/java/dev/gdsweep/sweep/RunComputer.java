package dev.gdsweep.sweep;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.LockstepDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.StepObserver;
import dev.gdsweep.grid.Grid;
import dev.gdsweep.loss.LaneLoss;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.model.MiniBatchLoss;
import dev.gdsweep.loss.model.ModelLoss;
import dev.gdsweep.spec.LossSpec;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import dev.gdsweep.optim.UpdateRule;
import dev.gdsweep.spec.SweepSpec;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Computes runs of one sweep by run id. A task makes one and reuses its losses and engine buffers for
 * all its runs; not thread-safe.
 *
 * <p>{@link #computeAll} takes many runs at once: those that can be stepped in lockstep (a loss that is
 * a {@link LaneLoss}, full batch, any optimizer and schedule) go through {@link LockstepDescent}, a
 * lockstep batch per loss setting and optimizer, the others one by one; either way each record is the
 * one {@link #compute(long)} gives, but for its timing.
 */
public final class RunComputer {

    /** How many runs the runners hand to {@link #computeAll} at a time: enough to keep lanes busy, few rows held. */
    public static final int BLOCK = 4096;

    private final SweepSpec spec;
    private final Grid grid;
    private final GradientDescent engine;
    private final double[] initial;
    /** One update rule per optimizer of the grid, made once: each holds its own state arrays. */
    private final UpdateRule[] rules;
    /** Per loss setting of the grid, made on first use (a model's share the data the spec holds). */
    private final SettingLosses[] settings;
    /** Made on first use, when a loss has a lane kernel. */
    private LockstepDescent lockstep;
    /** Called once per computed run as it finishes, before its record is made: a live progress count. */
    private final Runnable finished;

    /**
     * The losses of one loss setting.
     *
     * @param loss the loss, with this setting's known minima
     * @param validation for a model over data: the same model over the validation rows (null without them)
     * @param descended per batch size of the grid: the loss a run descends (the full loss, or its mini-batches)
     */
    private record SettingLosses(Loss loss, ModelLoss validation, Loss[] descended,
            Map<String, Double> params, String config) {

        static SettingLosses of(LossSpec spec, Grid grid, int dimension) {
            Loss loss = spec.create(dimension);
            ModelLoss validation = loss instanceof ModelLoss model && spec instanceof LossSpec.Model m
                    && m.data().validation() != null ? model.on(m.data().validation()) : null;
            Loss[] descended = new Loss[grid.batchSizes().size()];
            for (int i = 0; i < descended.length; i++) {
                int size = grid.batchSizes().get(i);
                descended[i] = size == Grid.FULL_BATCH ? loss
                        : new MiniBatchLoss((ModelLoss) loss, size, ((LossSpec.Model) spec).dataSpec().seed());
            }
            return new SettingLosses(loss, validation, descended, spec.lossParams(), spec.config());
        }
    }

    public RunComputer(SweepSpec spec) {
        this(spec, () -> { });
    }

    /**
     * @param finished called once per run as soon as it finishes (in a lockstep batch, when its lane stops,
     *     not when the batch ends); it runs in the task's hot path, so it should only count
     */
    public RunComputer(SweepSpec spec, Runnable finished) {
        this.finished = finished;
        this.spec = spec;
        this.grid = spec.grid();
        this.engine = new GradientDescent(spec.dimension());
        this.initial = new double[spec.dimension()];
        this.rules = spec.optimizers().stream().map(o -> o.create(spec.dimension())).toArray(UpdateRule[]::new);
        this.settings = new SettingLosses[grid.lossSettings()];
    }

    /** The losses of run {@code runId}'s loss setting. */
    private SettingLosses setting(long runId) {
        int i = grid.lossSettingIndex(runId);
        if (settings[i] == null) {
            settings[i] = SettingLosses.of(spec.losses().get(i), grid, spec.dimension());
        }
        return settings[i];
    }

    public RunRecord compute(long runId) {
        return compute(runId, null);
    }

    /**
     * The records of {@code runIds}, in that order. The runs that can be stepped in lockstep are; their
     * {@code elapsedMs} is then the lockstep batch's wall time shared out in proportion to each run's
     * loss evaluations (iterations + 1), as the runs cannot be timed apart.
     */
    public RunRecord[] computeAll(long[] runIds) {
        return computeAll(new Runs(runIds, runIds, null, 0), null, null);
    }

    /**
     * As {@link #computeAll(long[])}, and the runs {@code recording} selects record their paths as they run,
     * each handed to {@code paths} when its run ends. A recorded run is computed alone with an observer, not
     * in lockstep: its record is the same (lanes are bit for bit a run alone, see {@link LockstepDescent}),
     * and its path is the one {@link Trajectories#record} gives.
     */
    public RunRecord[] computeAll(long[] runIds, Trajectories.Recording recording,
            Consumer<Trajectories.RecordedPath> paths) {
        return computeAll(new Runs(runIds, runIds, null, 0), recording, paths);
    }

    /**
     * The records of refinement runs: run {@code runIds[i]} is grid run {@code gridIds[i]} (its loss setting,
     * optimizer, schedule, batch size, start and mini-batches) at learning rate {@code rates[i]}, made in
     * round {@code round}; computed as {@link #computeAll(long[])} computes grid runs.
     */
    public RunRecord[] computeRefined(long[] runIds, long[] gridIds, double[] rates, int round) {
        if (gridIds.length != runIds.length || rates.length != runIds.length || round < 1) {
            throw new IllegalArgumentException("Invalid refinement runs (need one grid id and rate per run, round >= 1): "
                    + runIds.length + " ids, " + gridIds.length + " grid ids, " + rates.length + " rates, round " + round);
        }
        return computeAll(new Runs(runIds, gridIds, rates, round), null, null);
    }

    /**
     * Runs to compute: run {@code ids[i]} is grid run {@code gridIds[i]} at {@code rates[i]} (the grid's own
     * rate when {@code rates} is null), of round {@code round}.
     */
    private record Runs(long[] ids, long[] gridIds, double[] rates, int round) {

        double rate(Grid grid, int i) {
            return rates == null ? grid.learningRate(gridIds[i]) : rates[i];
        }
    }

    /** @param recording the runs to record (grid runs only; null: none), their paths handed to {@code paths} */
    private RunRecord[] computeAll(Runs runs, Trajectories.Recording recording,
            Consumer<Trajectories.RecordedPath> paths) {
        long[] gridIds = runs.gridIds();
        RunRecord[] records = new RunRecord[gridIds.length];
        boolean[] laned = new boolean[gridIds.length];
        // A lockstep batch shares one loss and one optimizer: one batch per (loss setting, optimizer).
        Map<Long, Integer> lockstepRuns = new TreeMap<>();
        for (int i = 0; i < gridIds.length; i++) {
            long id = gridIds[i];
            laned[i] = inLockstep(id) && (recording == null || !recording.records(runs.ids()[i]));
            if (laned[i]) {
                lockstepRuns.merge(batchKey(id), 1, Integer::sum);
            }
        }
        lockstepRuns.forEach((key, count) -> computeInLockstep(runs, laned, key, count, records));
        for (int i = 0; i < gridIds.length; i++) {
            if (records[i] == null) {
                if (recording != null && recording.records(runs.ids()[i])) {
                    Trajectories.PathRecorder recorder = new Trajectories.PathRecorder(runs.ids()[i],
                            recording.every());
                    records[i] = compute(runs.ids()[i], gridIds[i], runs.rate(grid, i), runs.round(), recorder);
                    paths.accept(recorder.path());
                } else {
                    records[i] = compute(runs.ids()[i], gridIds[i], runs.rate(grid, i), runs.round(), null);
                }
            }
        }
        return records;
    }

    /** Whether run {@code runId} is one {@link LockstepDescent} can compute: a lane loss, full batch. */
    private boolean inLockstep(long runId) {
        SettingLosses setting = setting(runId);
        return setting.loss() instanceof LaneLoss
                && setting.descended()[grid.batchSizeIndex(runId)] == setting.loss();
    }

    /** The lockstep batch of run {@code runId}: its loss setting and optimizer, as one number. */
    private long batchKey(long runId) {
        return (long) grid.lossSettingIndex(runId) * grid.optimizers().size() + grid.optimizerIndex(runId);
    }

    /** The {@code count} runs of {@code runs} of lockstep batch {@code key} ({@link #batchKey}) among the {@code laned}. */
    private void computeInLockstep(Runs runs, boolean[] laned, long key, int count, RunRecord[] records) {
        int lossSetting = (int) (key / grid.optimizers().size());
        OptimizerConfig optimizer = grid.optimizers().get((int) (key % grid.optimizers().size()));
        long[] runIds = runs.gridIds();
        int d = spec.dimension();
        int[] at = new int[count];
        double[] rates = new double[count];
        Schedule[] schedules = new Schedule[count];
        double[] starts = new double[count * d];
        for (int i = 0, r = 0; i < runIds.length; i++) {
            long id = runIds[i];
            if (laned[i] && batchKey(id) == key) {
                at[r] = i;
                rates[r] = runs.rate(grid, i);
                schedules[r] = grid.schedule(id);
                grid.initialWeights(id, initial);
                System.arraycopy(initial, 0, starts, r * d, d);
                r++;
            }
        }
        if (lockstep == null) {
            lockstep = new LockstepDescent(d);
        }
        SettingLosses setting = settings[lossSetting];
        long start = System.nanoTime();
        RunResult[] results = lockstep.run((LaneLoss) setting.loss(), optimizer, spec.stopping(), rates, schedules,
                starts, finished);
        double batchMs = (System.nanoTime() - start) / 1e6;
        double evaluations = 0;
        for (RunResult result : results) {
            evaluations += result.iterations() + 1;
        }
        for (int r = 0; r < count; r++) {
            RunResult result = results[r];
            System.arraycopy(starts, r * d, initial, 0, d);
            records[at[r]] = record(runs.ids()[at[r]], runIds[at[r]], rates[r], runs.round(), result,
                    batchMs * (result.iterations() + 1) / evaluations);
        }
    }

    /** Computes run {@code runId}, showing each iteration to {@code observer} (may be null). */
    public RunRecord compute(long runId, StepObserver observer) {
        return compute(runId, runId, grid.learningRate(runId), 0, observer);
    }

    /** Computes grid run {@code gridId} at {@code learningRate}, recorded as run {@code runId} of round {@code round}. */
    private RunRecord compute(long runId, long gridId, double learningRate, int round, StepObserver observer) {
        int optimizerIndex = grid.optimizerIndex(gridId);
        Schedule schedule = grid.schedule(gridId);
        int batchIndex = grid.batchSizeIndex(gridId);
        Loss descent = setting(gridId).descended()[batchIndex];
        if (descent instanceof MiniBatchLoss batches) {
            batches.start(grid.runIdInLossSetting(gridId));
        }
        grid.initialWeights(gridId, initial);
        long start = System.nanoTime();
        RunResult result = engine.run(descent, rules[optimizerIndex], schedule, learningRate, initial,
                spec.stopping(), observer);
        finished.run();
        return record(runId, gridId, learningRate, round, result, (System.nanoTime() - start) / 1e6);
    }

    /** The row of grid run {@code gridId} at {@code learningRate} as run {@code runId}, which started at {@link #initial}. */
    private RunRecord record(long runId, long gridId, double learningRate, int round, RunResult result,
            double elapsedMs) {
        SettingLosses setting = setting(gridId);
        RunAnalysis analysis = setting.loss() instanceof ModelLoss model
                ? RunAnalysis.ofModel(model, setting.validation(), result)
                : RunAnalysis.of(setting.loss(), result);
        return new RunRecord(spec.name(), runId, round, setting.config(), setting.params(),
                grid.optimizers().get(grid.optimizerIndex(gridId)), grid.schedule(gridId), grid.batchSize(gridId),
                learningRate, initial, result, analysis, elapsedMs);
    }
}
