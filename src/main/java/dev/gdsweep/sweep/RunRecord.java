package dev.gdsweep.sweep;

import dev.gdsweep.engine.RunResult;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the report's {@code runs} table: a configuration and what its descent ended with.
 *
 * @param round 0 for a run of the spec's grid, k for one placed by round k of the refinement
 * @param lossConfig the loss setting as one string, "rosenbrock(a=1, b=100)" (see {@code LossSpec.config})
 * @param lossParams the loss setting's numeric settings by name, vectors flattened (see {@code LossSpec.lossParams})
 * @param elapsedMs wall time of the descent alone; for a run stepped in lockstep with others
 *     ({@link RunComputer#computeAll}), the batch's wall time shared out in proportion to each run's
 *     loss evaluations (iterations + 1)
 */
public record RunRecord(
        String sweep,
        long runId,
        int round,
        String lossConfig,
        Map<String, Double> lossParams,
        OptimizerConfig optimizer,
        Schedule schedule,
        int batchSize,
        double learningRate,
        double[] initialWeights,
        RunResult result,
        RunAnalysis analysis,
        double elapsedMs) {

    /** A run of the spec's grid (round 0). */
    public RunRecord(String sweep, long runId, String lossConfig, Map<String, Double> lossParams,
            OptimizerConfig optimizer, Schedule schedule, int batchSize, double learningRate, double[] initialWeights,
            RunResult result, RunAnalysis analysis, double elapsedMs) {
        this(sweep, runId, 0, lossConfig, lossParams, optimizer, schedule, batchSize, learningRate, initialWeights,
                result, analysis, elapsedMs);
    }

    public RunRecord {
        lossParams = Collections.unmodifiableMap(new LinkedHashMap<>(lossParams));
        initialWeights = initialWeights.clone();
    }

    @Override
    public double[] initialWeights() {
        return initialWeights.clone();
    }

    /** Equal in every column but the timing, which differs from run to run. */
    public boolean sameOutcome(RunRecord other) {
        return sweep.equals(other.sweep)
                && runId == other.runId
                && round == other.round
                && lossConfig.equals(other.lossConfig)
                && lossParams.equals(other.lossParams)
                && optimizer.equals(other.optimizer)
                && schedule.equals(other.schedule)
                && batchSize == other.batchSize
                && Double.compare(learningRate, other.learningRate) == 0
                && Arrays.equals(initialWeights, other.initialWeights)
                && result.equals(other.result)
                && analysis.equals(other.analysis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunRecord r && sameOutcome(r) && Double.compare(elapsedMs, r.elapsedMs) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(runId) * 31 + result.hashCode();
    }
}
