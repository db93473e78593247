package dev.gdsweep.html;

/**
 * One row of the sweep summary: one optimizer configuration, schedule and learning rate (the
 * {@code summary/} table of the report; see README.md for the definitions of the columns).
 *
 * @param medianIterations over converged runs; null when none converged
 * @param minFinalLoss over runs that did not diverge; null when all diverged
 * @param medianFinalLoss over runs that did not diverge; null when all diverged
 * @param bestRunId the run that did not diverge with the smallest final loss; null when all diverged
 */
public record SummaryEntry(
        String optimizerConfig,
        String schedule,
        double learningRate,
        long runs,
        long converged,
        long diverged,
        long maxIterations,
        double convergedFraction,
        Double medianIterations,
        Double minFinalLoss,
        Double medianFinalLoss,
        Long bestRunId) {

    public SummaryEntry {
        optimizerConfig = optimizerConfig == null ? "" : optimizerConfig;
        schedule = schedule == null ? "" : schedule;
    }

    /** The configuration as {@link RunPoint#configuration()} spells it: optimizer config, comma, schedule. */
    public String configuration() {
        return configurationOf(optimizerConfig, schedule);
    }

    /** {@code optimizerConfig + ", " + schedule}, the one spelling of a configuration in this package. */
    public static String configurationOf(String optimizerConfig, String schedule) {
        return optimizerConfig + ", " + schedule;
    }
}
