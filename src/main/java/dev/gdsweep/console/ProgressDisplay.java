package dev.gdsweep.console;

import java.util.function.LongSupplier;

/**
 * What a long command tells its progress line: the phase it is in, and for a phase of runs their live
 * count. Each call starts a new phase, which ends the one before.
 */
public interface ProgressDisplay {

    /** Shows nothing. */
    ProgressDisplay NONE = new ProgressDisplay() {
        @Override
        public void runs(String phase, long total, long alreadyDone, LongSupplier doneHere) {}

        @Override
        public void phase(String name) {}
    };

    /**
     * A phase that computes runs, e.g. "grid" or "refinement round 2".
     *
     * @param alreadyDone runs of this phase taken over from an interrupted attempt
     * @param doneHere a live count of the runs this attempt finished in this phase, read from any thread
     */
    void runs(String phase, long total, long alreadyDone, LongSupplier doneHere);

    /** A phase with no count, e.g. "summary" or "report". */
    void phase(String name);
}
