package dev.gdsweep.refine;

/**
 * What the refinement found for one start of one configuration: a row of the {@code refinement} table.
 *
 * @param configuration the configuration's index (loss setting × optimizer × schedule × batch size, grid order)
 * @param gridRunId a grid run of this configuration and start (its rate aside), for its columns
 * @param boundaryLo the largest rate at which the start converged (null without a bracket)
 * @param boundaryHi the next greater rate tried, at which it did not (null without a bracket)
 * @param boundaryHiStatus how the run at {@code boundaryHi} ended
 * @param boundaryNote why there is no bracket, or why it is wider than the tolerance; null when pinned down
 * @param fastestRate the converging rate with the fewest iterations found (null if it converged nowhere)
 * @param fastestIterations its iterations
 * @param rounds rounds that placed runs for this start
 * @param runs its runs, all rounds together
 */
public record StartResult(int configuration, long start, long gridRunId, Double boundaryLo, Double boundaryHi,
        String boundaryHiStatus, String boundaryNote, Double fastestRate, Long fastestIterations, int rounds,
        long runs) {}
