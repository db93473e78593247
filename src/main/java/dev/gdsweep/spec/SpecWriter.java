package dev.gdsweep.spec;

import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.grid.InitialPoints;
import dev.gdsweep.grid.InitializedPoints;
import dev.gdsweep.grid.NormalPoints;
import dev.gdsweep.grid.ZeroPoint;
import dev.gdsweep.grid.Lattice;
import dev.gdsweep.grid.LearningRates;
import dev.gdsweep.grid.ListedPoints;
import dev.gdsweep.grid.RandomPoints;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Writes a {@link SweepSpec} back as YAML with every default filled in: loading the output gives the
 * same spec, so a report's {@code spec.yaml} reproduces its sweep.
 */
public final class SpecWriter {

    private SpecWriter() {}

    public static String toYaml(SweepSpec spec) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.AUTO).setWidth(120).build();
        return new Dump(settings).dumpToString(toMap(spec));
    }

    static Map<String, Object> toMap(SweepSpec spec) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", spec.name());

        Map<String, Object> loss = spec.loss().toYaml();
        root.put("loss", loss);

        List<Object> optimizers = new ArrayList<>();
        for (OptimizerConfig o : spec.optimizers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", o.optimizer().label());
            entry.putAll(o.params());
            optimizers.add(entry);
        }
        root.put("optimizer", optimizers);
        List<Object> schedules = new ArrayList<>();
        for (Schedule s : spec.schedules()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", s.kind().label());
            if (s.kind() == Schedule.Kind.EXPONENTIAL || s.kind() == Schedule.Kind.STEP) {
                entry.put("gamma", s.gamma());
            }
            if (s.kind() == Schedule.Kind.STEP) {
                entry.put("step_size", s.stepSize());
            }
            schedules.add(entry);
        }
        root.put("schedule", schedules);
        List<Object> batches = new ArrayList<>();
        for (int b : spec.batchSizes()) {
            batches.add(b == 0 ? "full" : (Object) b);
        }
        root.put("batch_size", batches);
        root.put("learning_rate", learningRates(spec.learningRates()));
        root.put("initial_weights", initialWeights(spec.initialPoints()));

        StoppingRule s = spec.stopping();
        Map<String, Object> stopping = new LinkedHashMap<>();
        stopping.put("max_iterations", s.maxIterations());
        stopping.put("gradient_tolerance", s.gradientTolerance());
        stopping.put("patience", s.patience());
        stopping.put("min_delta", s.minDelta());
        stopping.put("divergence_loss", s.divergenceLoss());
        stopping.put("max_seconds", s.maxSeconds());
        root.put("stopping", stopping);

        root.put("output", Map.of("path", spec.outputPath()));
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("max_runs", spec.limits().maxRuns());
        limits.put("max_seconds", spec.limits().maxSeconds());
        limits.put("chunk_runs", spec.limits().chunkRuns());
        root.put("limits", limits);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("trajectories", spec.record().trajectories());
        record.put("every", spec.record().every());
        if (!spec.record().runIds().isEmpty()) {
            record.put("run_ids", new ArrayList<Object>(spec.record().runIds()));
        }
        root.put("record", record);
        if (spec.gates().maxConvergedFractionDrop() != null || spec.gates().maxBestLossIncrease() != null) {
            Map<String, Object> gates = new LinkedHashMap<>();
            if (spec.gates().maxConvergedFractionDrop() != null) {
                gates.put("max_converged_fraction_drop", spec.gates().maxConvergedFractionDrop());
            }
            if (spec.gates().maxBestLossIncrease() != null) {
                gates.put("max_best_loss_increase", spec.gates().maxBestLossIncrease());
            }
            root.put("gates", gates);
        }
        return root;
    }

    private static Map<String, Object> learningRates(LearningRates lr) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (lr.spacing() == LearningRates.Spacing.VALUES) {
            out.put("values", list(lr.values()));
        } else {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("from", lr.from());
            range.put("to", lr.to());
            range.put("count", lr.count());
            out.put(lr.spacing() == LearningRates.Spacing.LOG ? "log" : "linear", range);
        }
        return out;
    }

    private static Map<String, Object> initialWeights(InitialPoints points) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        if (points instanceof Lattice l) {
            body.put("min", list(l.min()));
            body.put("max", list(l.max()));
            List<Object> counts = new ArrayList<>();
            for (int c : l.counts()) {
                counts.add(c);
            }
            body.put("count", counts);
            out.put("grid", body);
        } else if (points instanceof RandomPoints r) {
            body.put("count", r.count());
            body.put("min", list(r.min()));
            body.put("max", list(r.max()));
            body.put("seed", r.seed());
            out.put("random", body);
        } else if (points instanceof ZeroPoint) {
            out.put("zeros", true);
        } else if (points instanceof NormalPoints n) {
            body.put("count", n.count());
            body.put("distribution", "normal");
            body.put("scale", n.scale());
            body.put("seed", n.seed());
            out.put("random", body);
        } else if (points instanceof InitializedPoints n) {
            body.put("count", n.count());
            body.put("distribution", "default");
            body.put("seed", n.seed());
            out.put("random", body);
        } else if (points instanceof ListedPoints p) {
            List<Object> rows = new ArrayList<>();
            for (double[] point : p.points()) {
                rows.add(list(point));
            }
            out.put("points", rows);
        } else {
            throw new IllegalArgumentException("cannot write initial points of type " + points.getClass());
        }
        return out;
    }

    static List<Object> list(double[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
