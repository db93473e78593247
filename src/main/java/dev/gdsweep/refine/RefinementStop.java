package dev.gdsweep.refine;

import dev.gdsweep.spec.RefineSpec;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * Why a refinement stopped, as {@code report.yaml} names it under {@code refinement.stopped_by}: it pinned
 * everything it searched to within the tolerance, the grid left it nothing to refine, or a limit came
 * first ({@code max_rounds}, {@code max_runs}, the time budget). Limits are checked before a round, never
 * inside one.
 */
public enum RefinementStop {
    /** Every answer searched is within the tolerance, after one round or more. */
    TOLERANCE("tolerance"),
    /** The grid left nothing wider than the tolerance to refine: no round ran. */
    NOTHING_TO_REFINE("nothing_to_refine"),
    /** The next round would have been past {@code max_rounds}. */
    MAX_ROUNDS("max_rounds"),
    /** The next round would have taken the runs past {@code max_runs}. */
    MAX_RUNS("max_runs"),
    /** The time budget ({@code limits.max_seconds}) ran out before the next round. */
    MAX_SECONDS("max_seconds");

    private final String key;

    RefinementStop(String key) {
        this.key = key;
    }

    /** The name in {@code report.yaml}: "tolerance", "max_rounds", ... */
    public String key() {
        return key;
    }

    /** The reason named {@code key} in {@code report.yaml}; empty for a name this version does not know. */
    public static Optional<RefinementStop> of(Object key) {
        for (RefinementStop s : values()) {
            if (s.key.equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether a limit stopped the refinement before every answer was pinned down. */
    public boolean limit() {
        return this == MAX_ROUNDS || this == MAX_RUNS || this == MAX_SECONDS;
    }

    /**
     * The one sentence the page states: "Refinement stopped after 3 rounds: the boundary is pinned to within
     * the tolerance, a relative width of 0.001.", numbers written by {@code number}.
     */
    public String sentence(int rounds, RefineSpec spec, DoubleFunction<String> number) {
        String after = "Refinement stopped after " + rounds(rounds) + ": ";
        String width = "the tolerance, a relative width (hi/lo - 1) of " + number.apply(spec.tolerance());
        return switch (this) {
            case TOLERANCE -> after + targets(spec) + " pinned to within " + width + ".";
            case NOTHING_TO_REFINE -> "Refinement ran no round after the grid: nothing to refine, the grid's rates "
                    + "leave no answer wider than " + width + ".";
            case MAX_ROUNDS -> after + "max_rounds (" + spec.maxRounds() + ") was reached before every answer was "
                    + "pinned to within " + width + ".";
            case MAX_RUNS -> after + "the next round would have taken the runs past max_runs (" + spec.maxRuns()
                    + "), before every answer was pinned to within " + width + ".";
            case MAX_SECONDS -> after + "the time budget (limits.max_seconds) ran out before every answer was "
                    + "pinned to within " + width + ".";
        };
    }

    /** "1 round", "2 rounds". */
    public static String rounds(int n) {
        return n + (n == 1 ? " round" : " rounds");
    }

    private static String targets(RefineSpec spec) {
        boolean boundary = spec.has(RefineSpec.Target.BOUNDARY);
        boolean fastest = spec.has(RefineSpec.Target.FASTEST);
        return boundary && fastest ? "the boundary and the fastest rate are"
                : boundary ? "the boundary is" : "the fastest rate is";
    }
}
