package dev.gdsweep.spark;

/**
 * How many tasks a sweep is cut into. Runs are spread (see {@code Spread}) so every task gets a
 * fair mix of slow and fast runs; the count then only trades per-task overhead (~1 ms, plus a
 * Parquet file each) against balance. Measured here: 2–8 tasks on 2 cores were equally fast for a
 * 10,000-run grid, one run per task was 7x slower, and 64 Parquet files cost twice as much as 8.
 */
public final class Partitioning {

    /** Enough runs per task that the task overhead is negligible even for the cheapest runs. */
    static final long MIN_RUNS_PER_TASK = 1_000;
    /** Few enough rows per task that a retried task repeats little work. */
    static final long MAX_RUNS_PER_TASK = 2_000_000;
    static final int TASKS_PER_CORE = 4;

    private Partitioning() {}

    public static int partitions(long runs, int parallelism) {
        long wanted = Math.min((long) parallelism * TASKS_PER_CORE, ceilDiv(runs, MIN_RUNS_PER_TASK));
        wanted = Math.max(wanted, Math.min(parallelism, runs));
        wanted = Math.max(wanted, ceilDiv(runs, MAX_RUNS_PER_TASK));
        return (int) Math.max(1, Math.min(wanted, Integer.MAX_VALUE));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
