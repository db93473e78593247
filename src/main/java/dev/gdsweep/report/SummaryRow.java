package dev.gdsweep.report;

import java.util.Collection;

/**
 * One row of the summary table: one loss setting, optimizer configuration, schedule, batch size and learning rate,
 * with the columns the console, the comparison and the HTML report read (see
 * {@code dev.gdsweep.spark.Summary} for their definitions, and {@code Summary.fromRow} for the reading).
 *
 * @param lossConfig the loss setting, "rosenbrock(a=1, b=100)"; "" in a report written before loss settings
 *     were an axis
 * @param batchSize the minibatch size; 0 for the full batch
 * @param converged runs with status CONVERGED (the gradient criterion)
 * @param plateaued runs with status PLATEAU (stopped for lack of improvement); 0 in a report written before
 *     that status existed
 * @param medianIterations over converged runs; null when none converged
 * @param minFinalLoss over runs that did not diverge or fail; null when there are none
 * @param medianFinalLoss over runs that did not diverge or fail; null when there are none
 * @param bestRunId the run that did not diverge with the smallest final loss; null when all diverged
 * @param largestStableRate the largest learning rate of this configuration at which no run diverged; null if
 *     none (the same on every row of the configuration)
 * @param smallestDivergingRate the smallest learning rate of this configuration at which some run diverged;
 *     null if none (the same on every row of the configuration)
 * @param medianCriticalRate the median of 2/λ_max over the configuration's converged and plateaued runs,
 *     the theoretical boundary where they stopped; null when no run converged or none had a known λ_max (the same on
 *     every row of the configuration)
 */
public record SummaryRow(
        String lossConfig,
        String optimizerConfig,
        String schedule,
        int batchSize,
        double learningRate,
        long runs,
        long converged,
        long plateaued,
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
        Double medianCriticalRate) {

    public SummaryRow {
        lossConfig = lossConfig == null ? "" : lossConfig;
        optimizerConfig = optimizerConfig == null ? "" : optimizerConfig;
        schedule = schedule == null ? "" : schedule;
    }

    /** The schedule with the batch size, as the report's tables show it: "constant", "constant, batch 32". */
    public String scheduleLabel() {
        return schedule + SweepReport.batchLabel(batchSize);
    }

    /**
     * This row's configuration with its loss setting first when {@code withLoss} (a sweep with a loss
     * axis): "rosenbrock(a=1, b=10), gd, constant".
     */
    public String configuration(boolean withLoss) {
        return withLoss ? lossConfig + ", " + configuration() : configuration();
    }

    /** Whether {@code rows} hold more than one loss setting: then a configuration is named with its setting. */
    public static boolean severalLossSettings(Collection<SummaryRow> rows) {
        return rows.stream().map(SummaryRow::lossConfig).distinct().limit(2).count() > 1;
    }

    /** This row's configuration, spelled as {@link #configuration(String, String, int)} says. */
    public String configuration() {
        return configuration(optimizerConfig, schedule, batchSize);
    }

    /**
     * {@code optimizerConfig + ", " + schedule}, then the batch size if any: "gd, constant",
     * "adam(beta1=0.9, …), constant, batch 32". The one spelling of a configuration outside the console.
     */
    public static String configuration(String optimizerConfig, String schedule, int batchSize) {
        return optimizerConfig + ", " + schedule + SweepReport.batchLabel(batchSize);
    }
}
