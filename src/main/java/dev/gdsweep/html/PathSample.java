package dev.gdsweep.html;

/**
 * Which recorded steps of one path report.html reads, so that a long path costs the report a bounded
 * number of rows: every step before iteration {@code head} (where paths bounce most, kept dense so a
 * zig-zag is not aliased away), then every {@code keepEvery}-th iteration, and always the last one.
 */
record PathSample(long runId, long head, long keepEvery, long last) {

    /**
     * @param rows the path's recorded rows
     * @param stride the recording stride (iterations between consecutive rows before the last)
     * @param last the last recorded iteration
     * @param budget how many rows to keep, give or take two (at least 8)
     */
    static PathSample of(long runId, long rows, long stride, long last, long budget) {
        if (rows <= budget) {
            return new PathSample(runId, last + 1, 1, last);
        }
        long headRows = budget / 4;
        long head = headRows * stride;
        long tailRows = (last - head) / stride;
        long factor = Math.max(1, (tailRows + budget - headRows - 1) / (budget - headRows));
        return new PathSample(runId, head, factor * stride, last);
    }

    boolean keeps(long iteration) {
        return iteration < head || iteration % keepEvery == 0 || iteration == last;
    }
}
