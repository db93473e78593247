package dev.gdsweep.sweep;

import dev.gdsweep.grid.Grid;
import dev.gdsweep.spec.RecordSpec;
import dev.gdsweep.spec.SweepSpec;
import java.util.ArrayList;
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

    /** The path of run {@code runId}: every {@code every}-th iteration and the last one. */
    public static List<Step> record(RunComputer computer, long runId, long every) {
        List<Step> steps = new ArrayList<>();
        Latest latest = new Latest();
        computer.compute(runId, (k, loss, w, norm) -> {
            if (k % every == 0) {
                steps.add(new Step(runId, k, loss, w, norm));
                latest.iteration = -1;
            } else {
                latest.hold(k, loss, w, norm);
            }
        });
        if (latest.iteration >= 0) {
            steps.add(new Step(runId, latest.iteration, latest.loss, latest.weights, latest.gradientNorm));
        }
        return steps;
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
