package dev.gdsweep.cli;

import dev.gdsweep.spec.RecordSpec;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.Trajectories;
import java.util.Locale;

/**
 * How large a sweep's report will be, estimated before it runs, so that a sweep whose limits were
 * raised shows what it will write. The bytes per row are measured on the example reports (Parquet
 * with Snappy, conf/examples, d = 2 to 67 weights): a run takes about 64 + 10·d bytes (its settings,
 * results and its initial and final weights), a recorded step about 20 + 8·d bytes (weights barely
 * compress); the summary, report.html and its pictures take about 1 MB whatever the size.
 * Trajectories are counted at their longest, every recorded run going to max_iterations; paths that
 * stop earlier are shorter, so that part is an upper bound.
 *
 * @param dimension the weights of a run
 * @param runs the runs in the grid
 * @param runBytes the runs table
 * @param paths the runs whose paths are recorded
 * @param rowsPerPath the most rows one path can have
 * @param trajectoryBytes the trajectories table at its largest
 */
record ReportSize(int dimension, long runs, long runBytes, long paths, long rowsPerPath, long trajectoryBytes) {

    static final long FIXED_BYTES = 1_000_000;

    static long bytesPerRun(int dimension) {
        return 64 + 10L * dimension;
    }

    static long bytesPerStep(int dimension) {
        return 20 + 8L * dimension;
    }

    static ReportSize of(SweepSpec spec) {
        long runs = spec.grid().size();
        int d = spec.dimension();
        int paths = Trajectories.select(spec.grid(), spec.record()).size();
        long maxIterations = spec.stopping().maxIterations();
        long every = Trajectories.every(spec, paths);
        long rowsPerPath = maxIterations == Long.MAX_VALUE || every == Long.MAX_VALUE
                ? RecordSpec.MAX_ROWS_PER_PATH + 2 : maxIterations / every + 2;
        long rows = Math.min(multiply(paths, rowsPerPath), RecordSpec.MAX_ROWS + 2L * paths);
        return new ReportSize(d, runs, multiply(runs, bytesPerRun(d)), paths, rowsPerPath,
                multiply(rows, bytesPerStep(d)));
    }

    long totalBytes() {
        return add(add(runBytes, trajectoryBytes), FIXED_BYTES);
    }

    /** The estimate and how it is made, for {@code validate}: two lines, the second indented by {@code indent}. */
    String describe(String indent) {
        return "up to ~" + bytes(totalBytes()) + ": runs ~" + bytes(runBytes) + " (" + runs + " x ~"
                + bytesPerRun(dimension) + " bytes), trajectories up to " + bytes(trajectoryBytes) + " (" + paths
                + " paths x up to " + rowsPerPath + " rows x ~" + bytesPerStep(dimension) + " bytes), summary, page"
                + " and pictures ~" + bytes(FIXED_BYTES) + System.lineSeparator() + indent
                + "(from the bytes per row of the example reports; paths that stop early are shorter)";
    }

    /** Decimal units: {@code 840 bytes}, {@code 3.8 KB}, {@code 84.0 GB}. */
    static String bytes(long n) {
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        if (n < 1000) {
            return n + " bytes";
        }
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }
}
