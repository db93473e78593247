package dev.gdsweep.spec;

import java.util.List;

/**
 * Which runs have their path recorded into {@code trajectories/}: {@code trajectories} runs spread
 * over the optimizer configurations, schedules, learning rates and starting points, or exactly
 * {@code runIds} when given; every {@code every}-th iteration and the last one.
 */
public record RecordSpec(int trajectories, long every, List<Long> runIds) {

    /** Recorded rows are capped: {@code every} is raised for the sweep so that paths fit. */
    public static final long MAX_ROWS = 2_000_000;

    /**
     * And so is each path: a picture or a table of a path gains nothing from more points, while
     * writing them is most of what recording costs.
     */
    public static final long MAX_ROWS_PER_PATH = 10_000;

    public static final RecordSpec DEFAULT = new RecordSpec(Defaults.TRAJECTORIES, 1, List.of());

    public RecordSpec {
        runIds = List.copyOf(runIds);
    }

    /**
     * The stride actually used: a path of {@code maxIterations} steps gets at most
     * {@link #MAX_ROWS_PER_PATH} + 2 rows (its strided steps, iteration 0 and the last), and all paths
     * together at most {@link #MAX_ROWS}.
     */
    public long effectiveEvery(int recordedRuns, long maxIterations) {
        if (recordedRuns == 0) {
            return every;
        }
        long perRun = Math.max(1, MAX_ROWS / recordedRuns);
        long needed = maxIterations == Long.MAX_VALUE ? Long.MAX_VALUE : (maxIterations + perRun) / perRun;
        long perPath = maxIterations == Long.MAX_VALUE ? Long.MAX_VALUE
                : (maxIterations + MAX_ROWS_PER_PATH - 1) / MAX_ROWS_PER_PATH;
        return Math.max(every, Math.max(needed, perPath));
    }
}
