package dev.gdsweep.spark;

/**
 * How {@link SparkSweep#run} runs a sweep, beside its spec and where its report goes. Start from
 * {@link #defaults()} and change what differs: {@code SweepOptions.defaults().withPartitions(4).withResume(true)}.
 *
 * @param partitions tasks per chunk, or 0 to choose from the chunk size and the parallelism
 * @param resume continue from the chunks an interrupted sweep committed
 * @param html renders report.html before the report is published; null for none
 * @param progress shows progress while the chunks run; null for none
 */
public record SweepOptions(int partitions, boolean resume, PageRenderer html, ProgressFactory progress) {

    public SweepOptions {
        if (partitions < 0) {
            throw new IllegalArgumentException("Invalid partitions (negative; 0 chooses them): " + partitions);
        }
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

    public SweepOptions withProgress(ProgressFactory progress) {
        return new SweepOptions(partitions, resume, html, progress);
    }
}
