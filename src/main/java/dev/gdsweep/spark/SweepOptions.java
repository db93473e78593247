package dev.gdsweep.spark;

import dev.gdsweep.console.ProgressDisplay;

/**
 * How {@link SparkSweep#run} runs a sweep, beside its spec and where its report goes. Start from
 * {@link #defaults()} and change what differs: {@code SweepOptions.defaults().withPartitions(4).withResume(true)}.
 *
 * @param partitions tasks per chunk, or 0 to choose from the chunk size and the parallelism
 * @param resume continue from the chunks an interrupted sweep committed
 * @param html renders report.html before the report is published; null for none
 * @param progress told the sweep's phases and live run counts; {@link ProgressDisplay#NONE} for none
 */
public record SweepOptions(int partitions, boolean resume, PageRenderer html, ProgressDisplay progress) {

    public SweepOptions {
        if (partitions < 0) {
            throw new IllegalArgumentException("Invalid partitions (negative; 0 chooses them): " + partitions);
        }
        progress = progress == null ? ProgressDisplay.NONE : progress;
    }

    /** A fresh sweep, tasks chosen per chunk, no page, no progress. */
    public static SweepOptions defaults() {
        return new SweepOptions(0, false, null, null);
    }

    public SweepOptions withPartitions(int partitions) {
        return new SweepOptions(partitions, resume, html, progress);
    }

    public SweepOptions withResume(boolean resume) {
        return new SweepOptions(partitions, resume, html, progress);
    }

    public SweepOptions withHtml(PageRenderer html) {
        return new SweepOptions(partitions, resume, html, progress);
    }

    public SweepOptions withProgress(ProgressDisplay progress) {
        return new SweepOptions(partitions, resume, html, progress);
    }
}
