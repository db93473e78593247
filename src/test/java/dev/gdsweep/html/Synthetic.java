package dev.gdsweep.html;

import dev.gdsweep.engine.Status;
import dev.gdsweep.report.SummaryRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic sweeps for the report tests, computed here with a small descent loop (no Spark, no engine):
 * Himmelblau in 2-D with its four minima, and a 3-D quadratic.
 */
final class Synthetic {

    private Synthetic() {}

    static final double[][] HIMMELBLAU_MINIMA = {
        {3.0, 2.0},
        {-2.805118086952745, 3.131312518250573},
        {-3.779310253377747, -3.2831859912861696},
        {3.5844283403304917, -1.8481265269644034},
    };

    static double himmelblau(double[] w) {
        double p = w[0] * w[0] + w[1] - 11;
        double q = w[0] + w[1] * w[1] - 7;
        return p * p + q * q;
    }

    static double[] himmelblauGradient(double[] w) {
        double x = w[0];
        double y = w[1];
        double p = x * x + y - 11;
        double q = x + y * y - 7;
        return new double[] {4 * x * p + 2 * q, 2 * p + 4 * y * q};
    }

    /** f = ½ Σ dᵢ wᵢ² in 3-D with d = (1, 4, 10). */
    static double quadratic(double[] w) {
        return 0.5 * (w[0] * w[0] + 4 * w[1] * w[1] + 10 * w[2] * w[2]);
    }

    static double[] quadraticGradient(double[] w) {
        return new double[] {w[0], 4 * w[1], 10 * w[2]};
    }

    interface Gradient {
        double[] at(double[] w);
    }

    interface Value {
        double at(double[] w);
    }

    /** One optimizer configuration: plain GD (momentum 0) or heavy ball. */
    record Optimizer(String config, double momentum) {}

    static final Optimizer GD = new Optimizer("gd", 0);
    static final Optimizer MOMENTUM = new Optimizer("momentum(momentum=0.5)", 0.5);

    /** Himmelblau from a perSide × perSide lattice on [-5, 5]², at the given rates. */
    static ReportData himmelblau(String name, double[] rates, int perSide, int maxIterations, int tracesPerRate,
            Optimizer... optimizers) {
        List<double[]> starts = new ArrayList<>();
        for (int i = 0; i < perSide; i++) {
            for (int j = 0; j < perSide; j++) {
                starts.add(new double[] {-5 + 10.0 * i / (perSide - 1), -5 + 10.0 * j / (perSide - 1)});
            }
        }
        List<KnownMinimum> minima = new ArrayList<>();
        for (double[] m : HIMMELBLAU_MINIMA) {
            minima.add(new KnownMinimum("global minimum", m));
        }
        return sweep(name, "himmelblau", 2, new double[] {-5, -5}, new double[] {5, 5}, minima,
                Synthetic::himmelblau, Synthetic::himmelblauGradient, rates, starts, maxIterations, tracesPerRate,
                true, optimizers);
    }

    /** A 3-D quadratic from a 4 × 4 × 4 lattice on [-2, 2]³, without a loss evaluator. */
    static ReportData quadratic3d(double[] rates) {
        List<double[]> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 4; k++) {
                    starts.add(new double[] {-2 + 4.0 * i / 3, -2 + 4.0 * j / 3, -2 + 4.0 * k / 3});
                }
            }
        }
        return sweep("quadratic-3d", "quadratic", 3, new double[] {-2, -2, -2}, new double[] {2, 2, 2},
                List.of(new KnownMinimum("global minimum", new double[] {0, 0, 0})), Synthetic::quadratic,
                Synthetic::quadraticGradient, rates, starts, 500, 3, false, GD);
    }

    static ReportData sweep(String name, String loss, int dimension, double[] lo, double[] hi, List<KnownMinimum> minima,
            Value f, Gradient grad, double[] rates, List<double[]> starts, int maxIterations, int tracesPerRate,
            boolean withEvaluator, Optimizer... optimizers) {
        List<RunPoint> runs = new ArrayList<>();
        List<SummaryRow> summary = new ArrayList<>();
        Map<Long, List<TrajectoryStep>> trajectories = new LinkedHashMap<>();
        long id = 0;
        for (Optimizer o : optimizers) {
            for (double lr : rates) {
                List<RunPoint> atRate = new ArrayList<>();
                for (int s = 0; s < starts.size(); s++) {
                    boolean traced = tracesPerRate > 0 && s % Math.max(1, starts.size() / tracesPerRate) == 3
                            % Math.max(1, starts.size() / tracesPerRate);
                    List<TrajectoryStep> steps = traced ? new ArrayList<>() : null;
                    RunPoint p = descend(id, o, lr, starts.get(s), f, grad, maxIterations, minima, steps);
                    runs.add(p);
                    atRate.add(p);
                    if (traced) {
                        trajectories.put(id, steps);
                    }
                    id++;
                }
                summary.add(summarise(o.config(), "constant", lr, atRate));
            }
        }
        String yaml = "name: " + name + "\nloss:\n  function: " + loss + "\n  params: {}\nlearning_rate:\n  values: "
                + Arrays.toString(rates) + "\n";
        return new ReportData(name, loss, dimension, lo, hi, minima, withEvaluator ? f::at : null, summary, runs,
                trajectories, yaml, List.of());
    }

    static RunPoint descend(long id, Optimizer o, double lr, double[] start, Value f, Gradient grad, int maxIterations,
            List<KnownMinimum> minima, List<TrajectoryStep> steps) {
        double[] w = start.clone();
        double[] v = new double[w.length];
        Status status;
        double loss;
        long k = 0;
        while (true) {
            loss = f.at(w);
            double[] g = grad.at(w);
            double norm = 0;
            boolean finite = Double.isFinite(loss);
            for (int i = 0; i < w.length; i++) {
                norm += g[i] * g[i];
                finite &= Double.isFinite(g[i]) && Double.isFinite(w[i]);
            }
            norm = Math.sqrt(norm);
            if (steps != null) {
                steps.add(new TrajectoryStep(k, loss, w, norm));
            }
            if (!finite || loss > 1e12) {
                status = Status.DIVERGED;
                break;
            }
            if (norm <= 1e-6) {
                status = Status.CONVERGED;
                break;
            }
            if (k == maxIterations) {
                status = Status.MAX_ITERATIONS;
                break;
            }
            for (int i = 0; i < w.length; i++) {
                v[i] = o.momentum() * v[i] + lr * g[i];
                w[i] -= v[i];
            }
            k++;
        }
        Integer minimum = null;
        if (status != Status.DIVERGED) {
            for (int m = 0; m < minima.size(); m++) {
                double[] p = minima.get(m).point();
                double d = 0;
                for (int i = 0; i < p.length; i++) {
                    d += (p[i] - w[i]) * (p[i] - w[i]);
                }
                if (Math.sqrt(d) < 1e-2) {
                    minimum = m;
                }
            }
        }
        return new RunPoint(id, SummaryRow.configuration(o.config(), "constant", 0), lr, start, w, status, loss, k,
                minimum);
    }

    static SummaryRow summarise(String config, String schedule, double lr, List<RunPoint> runs) {
        long converged = runs.stream().filter(p -> p.status() == Status.CONVERGED).count();
        long diverged = runs.stream().filter(p -> p.status() == Status.DIVERGED).count();
        long max = runs.stream().filter(p -> p.status() == Status.MAX_ITERATIONS).count();
        double[] its = runs.stream().filter(p -> p.status() == Status.CONVERGED).mapToDouble(RunPoint::iterations)
                .sorted().toArray();
        List<RunPoint> ok = runs.stream().filter(p -> p.status() != Status.DIVERGED).toList();
        double[] losses = ok.stream().mapToDouble(RunPoint::finalLoss).sorted().toArray();
        Long best = ok.stream()
                .min((a, b) -> a.finalLoss() != b.finalLoss() ? Double.compare(a.finalLoss(), b.finalLoss())
                        : Long.compare(a.runId(), b.runId()))
                .map(RunPoint::runId).orElse(null);
        return new SummaryRow("", config, schedule, 0, lr, runs.size(), converged, 0, diverged, max, 0, 0,
                converged / (double) runs.size(), median(its), losses.length == 0 ? null : losses[0], median(losses),
                best, null, null, null);
    }

    static Double median(double[] sorted) {
        if (sorted.length == 0) {
            return null;
        }
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Writes a fuller sample report: {@code Synthetic DIR}. */
    public static void main(String[] args) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(args.length > 0 ? args[0] : "sample-report");
        double[] rates = new double[10];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 1e-4 * Math.pow(400, i / (double) (rates.length - 1));
        }
        boolean two = args.length > 1 && args[1].equals("two");
        ReportData d = two
                ? himmelblau("himmelblau-<sample> & \"co\"", rates, 21, 10000, 6, GD, MOMENTUM)
                : himmelblau("himmelblau-<sample> & \"co\"", rates, 21, 10000, 6, GD);
        long t = System.nanoTime();
        List<java.nio.file.Path> files = HtmlReport.write(d, dir);
        System.out.printf("%d runs, %d files in %.1f s%n", d.runs().size(), files.size(), (System.nanoTime() - t) / 1e9);
        files.forEach(System.out::println);
    }
}
