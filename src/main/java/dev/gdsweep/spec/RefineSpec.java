package dev.gdsweep.spec;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code refine:} what adaptive refinement of the learning-rate axis pins down, and how far.
 *
 * @param targets what is searched: the convergence boundary, the fastest rate, or both
 * @param tolerance relative width of each final bracket, {@code hi/lo - 1}, in (0, 1)
 * @param maxRounds rounds after the spec's own grid (round 0), at least 1
 * @param maxRuns runs of all rounds together, the spec's grid included; a round that would cross it does not start
 */
public record RefineSpec(Set<Target> targets, double tolerance, int maxRounds, long maxRuns) {

    public static final double DEFAULT_TOLERANCE = 1e-3;
    public static final int DEFAULT_MAX_ROUNDS = 40;
    public static final long DEFAULT_MAX_RUNS = 1_000_000;

    /** What a refinement pins down. */
    public enum Target {
        /** Per start, the bracket [lo, hi] of rates where convergence (by the gradient criterion) ends. */
        BOUNDARY,
        /** Per start, and for all starts by median, the converging rate with the fewest iterations. */
        FASTEST;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RefineSpec {
        targets = targets.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(targets));
        if (targets.isEmpty() || !(tolerance > 0 && tolerance < 1) || maxRounds < 1 || maxRuns < 1) {
            throw new IllegalArgumentException("Invalid refinement (need a target, 0 < tolerance < 1, max_rounds >= 1,"
                    + " max_runs >= 1): " + targets + ", " + tolerance + ", " + maxRounds + ", " + maxRuns);
        }
    }

    public boolean has(Target target) {
        return targets.contains(target);
    }
}
