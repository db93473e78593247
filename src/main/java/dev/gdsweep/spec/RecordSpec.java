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

    public static final RecordSpec DEFAULT = new RecordSpec(Defaults.TRAJECTORIES, 1, List.of());

    public RecordSpec {
        runIds = List.copyOf(runIds);
    }

    /** The stride actually used, so that at most {@link #MAX_ROWS} rows are written. */
    public long effectiveEvery(int recordedRuns, long maxIterations) {
        if (recordedRuns == 0) {
            return every;
        }
        long perRun = Math.max(1, MAX_ROWS / recordedRuns);
        long needed = maxIterations == Long.MAX_VALUE ? Long.MAX_VALUE : (maxIterations + perRun) / perRun;
        return Math.max(every, needed);
    }
}
