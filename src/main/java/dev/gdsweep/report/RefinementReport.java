package dev.gdsweep.report;

import java.util.List;

/**
 * What the refinement of the learning-rate axis found, for the console and the page.
 *
 * @param rounds rounds after the spec's grid
 * @param runs runs of all rounds, the grid included
 * @param stoppedBy why it stopped before every answer was pinned down (max_rounds, max_runs, the time
 *     budget), or null
 * @param configurations one line per configuration, in grid order
 */
public record RefinementReport(int rounds, long runs, String stoppedBy, List<Configuration> configurations) {

    public RefinementReport {
        configurations = List.copyOf(configurations);
    }

    /**
     * One configuration over its starts.
     *
     * @param label the configuration as the console names it
     * @param starts its starts
     * @param bracketed starts with a boundary bracket
     * @param pinned of those, brackets within the tolerance
     * @param everyStart the rate up to which every start converges (null: some start converges nowhere)
     * @param rate90 the rate up to which 90% of the starts converge
     * @param rate50 the same for 50%
     * @param fastestMedianRate the rate with the lowest median iterations over all starts
     * @param fastestMedianIterations that median
     * @param criticalRate the median 2/λ_max of its runs, where the stability analysis knows it
     */
    public record Configuration(String label, long starts, long bracketed, long pinned, Double everyStart,
            Double rate90, Double rate50, Double fastestMedianRate, Double fastestMedianIterations,
            Double criticalRate) {}
}
