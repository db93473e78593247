package dev.gdsweep.refine;

/**
 * What the refinement found for one configuration over all its starts: a row of {@code refinement_summary}.
 *
 * @param gridRunId a grid run of the configuration, for its columns
 * @param everyStartRate the largest rate up to which every start converges: the smallest {@code boundary_lo}
 *     (the largest rate tried for a start that converged at every rate); null if some start converged nowhere
 * @param rate90 the rate up to which at least 90% of the starts converge (by their brackets), or null
 * @param rate50 the same for 50%
 * @param fastestMedianRate the rate with the lowest median iterations over all starts (a start that did not
 *     converge counted as never converging); null without the fastest target or if no rate has half converging
 * @param fastestMedianIterations that median
 */
public record ConfigurationResult(int configuration, long gridRunId, long starts, Double everyStartRate,
        Double rate90, Double rate50, Double fastestMedianRate, Double fastestMedianIterations) {}
