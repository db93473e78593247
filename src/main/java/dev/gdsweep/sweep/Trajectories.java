package dev.gdsweep.sweep;

import dev.gdsweep.grid.Grid;
import dev.gdsweep.spec.RecordSpec;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.engine.StepObserver;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which runs get their paths recorded, and recording one. */
public final class Trajectories {

    /** One recorded iteration. */
    public record Step(long runId, long iteration, double loss, double[] weights, double gradientNorm) {
        public Step {
            weights = weights.clone();
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }
    }

    private Trajectories() {}

    /**
     * The run ids to record: the spec's {@code run_ids}, or else {@code trajectories} runs spread so
     * that every loss setting, optimizer configuration, schedule and learning rate gets the same starting points
     * (evenly spaced over the initial points), so their paths can be compared side by side. When
     * there are more (configuration, learning rate) pairs than trajectories, evenly spaced pairs get
     * one path each, from the middle initial point.
     */
    public static List<Long> select(Grid grid, RecordSpec record) {
        if (!record.runIds().isEmpty()) {
            return List.copyOf(new LinkedHashSet<>(record.runIds()));
        }
        int k = record.trajectories();
        long pairs = grid.lossSettings() * grid.configurations() * grid.learningRates().count();
        long points = grid.initialPoints().count();
        Set<Long> ids = new LinkedHashSet<>();
        if (k == 0) {
            return List.of();
        }
        if (k < pairs) {
            for (int i = 0; i < k; i++) {
                long pair = k == 1 ? 0 : Math.round((double) i * (pairs - 1) / (k - 1));
                ids.add(pair * points + points / 2);
            }
            return List.copyOf(ids);
        }
        long perPair = Math.min(points, k / pairs);
        for (long pair = 0; pair < pairs; pair++) {
            for (long j = 0; j < perPair; j++) {
                long point = perPair == 1 ? points / 2 : Math.round((double) j * (points - 1) / (perPair - 1));
                ids.add(pair * points + point);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The path of run {@code runId}, computed again on its own: every {@code every}-th iteration and the
     * last one. What {@link RunComputer#computeAll(long[], Recording, java.util.function.Consumer)} records while the run runs.
     */
    public static List<Step> record(RunComputer computer, long runId, long every) {
        PathRecorder recorder = new PathRecorder(runId, every);
        computer.compute(runId, recorder);
        return recorder.path().steps();
    }

    /**
     * A recorded path, held compactly (one array per column, the weights one after the other), so that a
     * task can hand it to the driver: step i is iteration {@code iterations[i]}, and so on.
     */
    public record RecordedPath(long runId, long[] iterations, double[] losses, double[] weights,
            double[] gradientNorms) implements Serializable {

        public int size() {
            return iterations.length;
        }

        /** The steps, in order of iteration. */
        public List<Step> steps() {
            int d = iterations.length == 0 ? 0 : weights.length / iterations.length;
            List<Step> steps = new ArrayList<>(iterations.length);
            for (int i = 0; i < iterations.length; i++) {
                steps.add(new Step(runId, iterations[i], losses[i], Arrays.copyOfRange(weights, i * d, (i + 1) * d),
                        gradientNorms[i]));
            }
            return steps;
        }
    }

    /**
     * Records one run's path as it runs: every {@code every}-th iteration, and the last one. Only a recorded
     * run carries one; the others pass no observer and pay nothing.
     */
    public static final class PathRecorder implements StepObserver {

        private final long runId;
        private final long every;
        private int size;
        private long[] iterations = new long[16];
        private double[] losses = new double[16];
        private double[] gradientNorms = new double[16];
        private double[] weights;
        private final Latest latest = new Latest();

        public PathRecorder(long runId, long every) {
            if (every < 1) {
                throw new IllegalArgumentException("every must be >= 1, got " + every);
            }
            this.runId = runId;
            this.every = every;
        }

        @Override
        public void observe(long k, double loss, double[] w, double norm) {
            if (k % every == 0) {
                add(k, loss, w, norm);
                latest.iteration = -1;
            } else {
                latest.hold(k, loss, w, norm);
            }
        }

        private void add(long k, double loss, double[] w, double norm) {
            int d = w.length;
            if (weights == null) {
                weights = new double[iterations.length * d];
            }
            if (size == iterations.length) {
                int n = 2 * size;
                iterations = Arrays.copyOf(iterations, n);
                losses = Arrays.copyOf(losses, n);
                gradientNorms = Arrays.copyOf(gradientNorms, n);
                weights = Arrays.copyOf(weights, n * d);
            }
            iterations[size] = k;
            losses[size] = loss;
            gradientNorms[size] = norm;
            System.arraycopy(w, 0, weights, size * d, d);
            size++;
        }

        /** The path of the run that ended: its strided steps and its last one. */
        public RecordedPath path() {
            if (latest.iteration >= 0) {
                add(latest.iteration, latest.loss, latest.weights, latest.gradientNorm);
                latest.iteration = -1;
            }
            int d = size == 0 ? 0 : weights.length / iterations.length;
            return new RecordedPath(runId, Arrays.copyOf(iterations, size), Arrays.copyOf(losses, size),
                    weights == null ? new double[0] : Arrays.copyOf(weights, size * d),
                    Arrays.copyOf(gradientNorms, size));
        }
    }

    /**
     * Which runs a task records while it computes them, and with which stride: the sweep's selection
     * ({@link #select}) and {@link #every}.
     */
    public static final class Recording implements Serializable {

        private static final long serialVersionUID = 1L;

        private final long[] sorted;
        private final long every;

        public Recording(List<Long> runIds, long every) {
            this.sorted = runIds.stream().mapToLong(Long::longValue).sorted().toArray();
            this.every = every;
        }

        /** The recording of {@code spec}'s selected runs. */
        public static Recording of(SweepSpec spec) {
            List<Long> ids = select(spec.grid(), spec.record());
            return new Recording(ids, Trajectories.every(spec, ids.size()));
        }

        public boolean records(long runId) {
            return sorted.length > 0 && Arrays.binarySearch(sorted, runId) >= 0;
        }

        public long every() {
            return every;
        }

        /**
         * At most how many bytes the recorded paths take (8 per number of every step, at most
         * {@code max_iterations / every + 2} steps a path); {@link Long#MAX_VALUE} without an iteration cap.
         */
        public static long maxBytes(SweepSpec spec, int recorded, long every) {
            long maxIterations = spec.stopping().maxIterations();
            if (maxIterations == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            double bytes = (double) recorded * (maxIterations / every + 2) * 8.0 * (spec.dimension() + 3);
            return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
        }
    }

    /**
     * The latest iteration not on the stride: the run's last iteration is only known when it ends, and
     * copying into one buffer spares a step object per iteration.
     */
    private static final class Latest {
        long iteration = -1;
        double loss;
        double gradientNorm;
        double[] weights;

        void hold(long k, double value, double[] w, double norm) {
            if (weights == null) {
                weights = new double[w.length];
            }
            System.arraycopy(w, 0, weights, 0, w.length);
            iteration = k;
            loss = value;
            gradientNorm = norm;
        }
    }

    /**
     * {@code ids} reordered so that cutting the list into {@code tasks} contiguous slices, as Spark's
     * {@code parallelize} does, deals them out round robin: slice t holds ids t, t + tasks, t + 2·tasks,
     * ... of the original order. The selection runs in grid order, learning rate by learning rate, and
     * runs at small rates are the long ones: contiguous slices would give one task all of them.
     */
    public static List<Long> dealt(List<Long> ids, int tasks) {
        List<Long> out = new ArrayList<>(ids.size());
        for (int t = 0; t < tasks; t++) {
            for (int i = t; i < ids.size(); i += tasks) {
                out.add(ids.get(i));
            }
        }
        return out;
    }

    /** The stride for this spec's recorded runs (see {@link RecordSpec#effectiveEvery}). */
    public static long every(SweepSpec spec, int recorded) {
        return spec.record().effectiveEvery(recorded, spec.stopping().maxIterations());
    }
}
