package dev.gdsweep.spark;

import dev.gdsweep.console.ProgressDisplay;
import java.util.function.LongSupplier;

/**
 * A sweep's progress display that keeps how many paths its chunk tasks recorded: the {@code paths} phase
 * counts them as already done (-1 before that phase).
 */
final class RecordedPaths implements ProgressDisplay {

    private volatile long recorded = -1;

    @Override
    public void runs(String phase, long total, long alreadyDone, LongSupplier doneHere) {
        if (phase.equals("paths")) {
            recorded = alreadyDone;
        }
    }

    @Override
    public void phase(String name) {}

    long recorded() {
        return recorded;
    }
}
