package dev.gdsweep.html;

import java.util.List;

/**
 * What the refinement of the learning-rate axis found, as the page shows it: read from the
 * {@code refinement} and {@code refinement_summary} tables and the runs of every round. Plain data, lists
 * copied on the way in.
 *
 * @param rounds rounds after the spec's grid (the largest {@code round} of the runs)
 * @param runs runs of all rounds, the grid included
 * @param tolerance the relative bracket width asked for ({@code refine.tolerance})
 * @param configurations one per configuration, in grid order
 * @param brackets the boundary bracket of each start that has one (a deterministic sample when there are
 *     very many: compare with {@link Configuration#bracketed()})
 * @param rates the runs at each rate of each configuration, grid rates and refined rates (a sample of the
 *     refined ones when there are very many)
 * @param stopped why the refinement stopped, in one sentence; null for a report that does not say
 */
public record RefinementData(int rounds, long runs, double tolerance, List<Configuration> configurations,
        List<Bracket> brackets, List<RateOutcome> rates, String stopped) {

    public RefinementData {
        configurations = List.copyOf(configurations);
        brackets = List.copyOf(brackets);
        rates = List.copyOf(rates);
    }

    /** The data of a report that does not say why its refinement stopped. */
    public RefinementData(int rounds, long runs, double tolerance, List<Configuration> configurations,
            List<Bracket> brackets, List<RateOutcome> rates) {
        this(rounds, runs, tolerance, configurations, brackets, rates, null);
    }

    /**
     * One configuration over its starts: a row of {@code refinement_summary} with counts of the
     * {@code refinement} rows and of the runs.
     *
     * @param name the configuration as the rest of the page names it
     * @param bracketed starts with a boundary bracket
     * @param pinned of those, brackets within the tolerance
     * @param everywhere starts without a bracket because they converged at every rate tried
     * @param nowhere starts without a bracket because they converged at no rate tried
     * @param widerNote why some bracket is wider than the tolerance (its {@code boundary_note}), or null
     * @param everyStartRate the rate up to which every start converges (null: some start converges nowhere)
     * @param criticalRate the median 2/λ_max of its converged grid runs, where the stability analysis knows it
     * @param rounds rounds that placed runs of this configuration
     * @param runs its runs of all rounds
     * @param uniformRuns the runs of a uniform log grid over the spec's range of rates with neighbours the
     *     tolerance apart, from the same starts; null when the range is a single rate
     */
    public record Configuration(String name, long starts, long bracketed, long pinned, long everywhere,
            long nowhere, String widerNote, Double everyStartRate, Double rate90, Double rate50,
            Double fastestMedianRate, Double fastestMedianIterations, Double criticalRate, int rounds, long runs,
            Long uniformRuns) {}

    /** A start's boundary bracket: it converged at {@code lo}, not at {@code hi}. */
    public record Bracket(String configuration, double lo, double hi) {

        /** The bracket's geometric midpoint: the boundary's estimate on a log axis. */
        public double middle() {
            return Math.sqrt(lo * hi);
        }
    }

    /**
     * The runs of one configuration at one rate.
     *
     * @param round the first round that ran this rate: 0 for a rate of the spec's grid
     * @param converged of those runs, those that stopped by the gradient criterion (the refinement's "converged")
     */
    public record RateOutcome(String configuration, double learningRate, int round, long runs, long converged) {

        public boolean refined() {
            return round > 0;
        }
    }

    /**
     * The runs of a uniform log grid from {@code from} to {@code to} whose neighbours are at most
     * {@code tolerance} apart (relatively), from {@code starts} starts; null unless {@code 0 < from < to}.
     */
    public static Long uniformRuns(double from, double to, double tolerance, long starts) {
        if (!(from > 0) || !(to > from) || !Double.isFinite(to) || !(tolerance > 0)) {
            return null;
        }
        long gaps = (long) Math.ceil(Math.log(to / from) / Math.log1p(tolerance));
        return (gaps + 1) * starts;
    }
}
