package dev.gdsweep.report;

/** One row of the summary table (see {@code dev.gdsweep.spark.Summary} for the definitions). */
public record SummaryRow(
        String optimizerConfig,
        String schedule,
        int batchSize,
        double learningRate,
        long runs,
        long converged,
        long diverged,
        long maxIterations,
        long maxTime,
        long failed,
        double convergedFraction,
        Double medianIterations,
        Double minFinalLoss,
        Double medianFinalLoss,
        Long bestRunId,
        Double largestStableRate,
        Double smallestDivergingRate,
        Double medianCriticalRate) {}
