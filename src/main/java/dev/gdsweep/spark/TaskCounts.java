package dev.gdsweep.spark;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The runs tasks have finished, counted on the driver from what their executors report: a running
 * task's count from each heartbeat, a task's final count when it succeeds. A failed or killed task's
 * count is dropped (its retry counts again), and a heartbeat that arrives after its task ended is
 * ignored, so each run of a successful task counts once. Task ids are Spark's, unique per attempt.
 * Thread-safe: Spark's listener thread writes, the progress line reads.
 */
final class TaskCounts {

    private final Map<Long, Long> running = new HashMap<>();
    private final Set<Long> ended = new HashSet<>();
    private long finished;
    private long runningSum;

    /** A heartbeat's count for a running task: its runs so far. */
    synchronized void running(long taskId, long count) {
        if (ended.contains(taskId)) {
            return;
        }
        long before = running.getOrDefault(taskId, 0L);
        if (count > before) { // heartbeats may arrive out of order; a task's count only grows
            running.put(taskId, count);
            runningSum += count - before;
            notifyAll();
        }
    }

    /** A task ended: {@code succeeded} with {@code count} runs, or failed (its count then does not matter). */
    synchronized void ended(long taskId, boolean succeeded, long count) {
        if (!ended.add(taskId)) {
            return;
        }
        Long before = running.remove(taskId);
        if (before != null) {
            runningSum -= before;
        }
        if (succeeded) {
            finished += count;
        }
        notifyAll();
    }

    /** Runs of succeeded tasks plus the runs running tasks last reported. */
    synchronized long total() {
        return finished + runningSum;
    }

    /** Waits until {@link #total()} is at least {@code n}, at most {@code timeoutNanos}; whether it got there. */
    synchronized boolean awaitTotal(long n, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (total() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
