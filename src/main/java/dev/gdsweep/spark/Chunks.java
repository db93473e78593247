package dev.gdsweep.spark;

import java.util.Collection;

/**
 * A sweep's spread positions [0, runs) cut into {@code count} chunks of about {@code chunk_runs} runs. Each
 * chunk is one Spark job whose rows are committed when it succeeds, so an interrupted sweep resumes from the
 * chunks it committed.
 */
record Chunks(long runs, int count) {

    static Chunks of(long runs, long chunkRuns) {
        return new Chunks(runs, (int) Math.min(Integer.MAX_VALUE, (runs + chunkRuns - 1) / chunkRuns));
    }

    /** Where chunk {@code c} starts. */
    long start(int c) {
        return Partitioning.partStart(runs, count, c);
    }

    /** Where chunk {@code c} ends (exclusive). */
    long end(int c) {
        return Partitioning.partStart(runs, count, c + 1L);
    }

    /** How many runs the given chunks hold. */
    long runsIn(Collection<Integer> chunks) {
        long total = 0;
        for (int c : chunks) {
            total += end(c) - start(c);
        }
        return total;
    }
}
