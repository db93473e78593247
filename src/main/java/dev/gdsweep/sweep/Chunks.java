package dev.gdsweep.sweep;

import java.util.Collection;

/**
 * A sweep's spread positions [0, runs) cut into {@code count} chunks of about {@code chunk_runs} runs. Each
 * chunk is one Spark job whose rows are committed when it succeeds, so an interrupted sweep resumes from the
 * chunks it committed; the report's store names its commit markers by the same cut. {@link #partStart} is
 * the one formula for cutting a range into parts: chunks here, and a chunk into Spark tasks.
 */
public record Chunks(long runs, int count) {

    public static Chunks of(long runs, long chunkRuns) {
        return new Chunks(runs, (int) Math.min(Integer.MAX_VALUE, (runs + chunkRuns - 1) / chunkRuns));
    }

    /** floor(total·p / parts), without overflow: where part p of [0, total) cut into {@code parts} parts starts. */
    public static long partStart(long total, long parts, long p) {
        long quotient = total / parts;
        long remainder = total % parts;
        return quotient * p + remainder * p / parts;
    }

    /** Where chunk {@code c} starts. */
    public long start(long c) {
        return partStart(runs, count, c);
    }

    /** Where chunk {@code c} ends (exclusive). */
    public long end(long c) {
        return partStart(runs, count, c + 1L);
    }

    /** How many runs the given chunks hold. */
    public long runsIn(Collection<Integer> chunks) {
        long total = 0;
        for (int c : chunks) {
            total += end(c) - start(c);
        }
        return total;
    }
}
