package dev.gdsweep.spark;

import java.util.function.LongSupplier;

/** Starts the progress display of a sweep; closing what it returns stops it. */
@FunctionalInterface
public interface ProgressFactory {

    /**
     * @param total the sweep's runs
     * @param resumed the runs committed by an earlier, interrupted attempt
     * @param doneHere a live count of the runs done since this attempt started
     */
    AutoCloseable start(long total, long resumed, LongSupplier doneHere);
}
