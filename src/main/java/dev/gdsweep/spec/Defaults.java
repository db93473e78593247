package dev.gdsweep.spec;

/** Every default of the sweep spec, in one place; the README's spec reference lists the same values. */
public final class Defaults {

    private Defaults() {}

    public static final long MAX_ITERATIONS = 10_000;
    public static final double GRADIENT_TOLERANCE = 1e-6;
    /** 0 turns the no-improvement rule off. */
    public static final long PATIENCE = 0;
    public static final double MIN_DELTA = 0.0;
    public static final double DIVERGENCE_LOSS = 1e12;

    /** No time limit per run unless {@code stopping.max_seconds} sets one. */
    public static final double RUN_MAX_SECONDS = Double.POSITIVE_INFINITY;

    /** No time budget for the whole sweep unless {@code limits.max_seconds} sets one. */
    public static final double SWEEP_MAX_SECONDS = Double.POSITIVE_INFINITY;

    /**
     * Runs per committed chunk: a crashed sweep resumes from its last committed chunk, and a sweep
     * out of time publishes the chunks it finished.
     */
    public static final long CHUNK_RUNS = 50_000;

    /** Runs whose paths are recorded for the report's pictures, unless {@code record.trajectories} says otherwise. */
    public static final int TRAJECTORIES = 64;

    /** Seed of {@code initial_weights.random} when none is given. */
    public static final long RANDOM_SEED = 0;

    /** The report goes to {@code reports/<name>} unless {@code output.path} says otherwise. */
    public static final String OUTPUT_PARENT = "reports";

    /** Largest grid a spec may define unless {@code limits.max_runs} raises it. */
    public static final long MAX_RUNS = 1_000_000_000L;
}
