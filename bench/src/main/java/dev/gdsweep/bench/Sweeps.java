package dev.gdsweep.bench;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.LockstepDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.grid.Spread;
import dev.gdsweep.data.LocalDataResolver;
import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.loss.model.LogisticRegressionLoss;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The engine alone, in this process, on the benchmark sweeps; bench/run runs it side by side with
 * the numpy baselines. Each command prints one {@code RESULT key=value ...} line per timed repeat
 * (what bench/run parses), after an untimed warm-up that lets the JIT compile the loop.
 *
 * <pre>
 *   Sweeps b1 SPEC [--threads N] [--repeat R] [--warmup-iterations K] [--warmup-rounds W]
 *            [--with-analysis] [--scalar] [--lanes L]
 *       the whole grid of SPEC (plain GD, constant rate), run ids split over N threads as the Spark
 *       runner splits them, each task's runs in blocks stepped in lockstep (L lanes per thread); the
 *       warm-up runs the same grid capped at K iterations (default 2000), W times (default 3), then
 *       the whole grid once.
 *       --with-analysis: each block through RunComputer.computeAll (engine + per-run analysis +
 *       RunRecord), as a Spark task computes it, without the row conversion and Parquet.
 *       --scalar: one run at a time (GradientDescent / RunComputer.compute), the loop before lanes;
 *       reported as impl=engine-scalar / runcomputer-scalar
 *   Sweeps b2 [--threads N] [--repeat R] [--configs all|ID,ID,...] [--rows M] [--features D]
 *       the B2 logistic regression sweep (see {@link B2}), configurations shared by N threads
 *   Sweeps b2-ids K          the first K configurations of B2 in spread order (a mix of rates/starts)
 *   Sweeps b2-data FILE      writes B2's data, rates and starts for bench/b2_numpy.py
 *   Sweeps b3 [--threads N] [--repeat R] [--configs all|ID,ID,...]
 *       the B3 softmax regression sweep (see {@link B3}), configurations shared by N threads
 *   Sweeps b3-ids K, Sweeps b3-data FILE   as for B2 (bench/b3_numpy.py reads the file)
 *   Sweeps b4 ... | b4-ids K | b4-data FILE   the MLP benchmark, B2's commands for it (see {@link B4})
 * </pre>
 */
public final class Sweeps {

    private Sweeps() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (args.length == 0) {
            System.err.println("usage: Sweeps b1 SPEC [--threads N] [--repeat R] [--warmup-iterations K] | "
                    + "b2 [--threads N] [--repeat R] [--configs all|IDS] | b2-ids K | b2-data FILE");
            System.exit(2);
        }
        switch (args[0]) {
            case "b1" -> b1(args);
            case "b2" -> b2(args);
            case "b2-ids" -> System.out.println(sampleIds(Integer.parseInt(args[1])).stream()
                    .map(String::valueOf).collect(Collectors.joining(",")));
            case "b2-data" -> B2.write(Path.of(args[1]), B2.data(B2.ROWS, B2.FEATURES));
            case "b3" -> B3.sweep(args);
            case "b3-ids" -> System.out.println(B3.ids(Integer.parseInt(args[1])));
            case "b3-data" -> B3.write(Path.of(args[1]), B3.data(B3.ROWS, B3.FEATURES));
            case "b4", "b4-ids", "b4-data" -> B4.command(args); // the MLP sweep: see B4
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static void b1(String[] args) throws Exception {
        Path specFile = Path.of(args[1]);
        int threads = Integer.parseInt(option(args, "--threads", "2"));
        int repeat = Integer.parseInt(option(args, "--repeat", "1"));
        long warmup = Long.parseLong(option(args, "--warmup-iterations", "2000"));
        int warmupRounds = Integer.parseInt(option(args, "--warmup-rounds", "3"));
        boolean analysis = List.of(args).contains("--with-analysis");
        boolean scalar = List.of(args).contains("--scalar");
        int lanes = Integer.parseInt(option(args, "--lanes", String.valueOf(LockstepDescent.DEFAULT_LANES)));
        String impl = (analysis ? "runcomputer" : "engine") + (scalar ? "-scalar" : "");
        SweepSpec spec = SpecLoader.load(specFile, List.of(), new LocalDataResolver());
        StoppingRule s = spec.stopping();
        try (GridRunner runner = new GridRunner(spec, threads, analysis, scalar, lanes)) {
            if (warmup > 0) {
                long t0 = System.nanoTime();
                long cap = Math.min(warmup, s.maxIterations());
                GridRunner.Totals w = null;
                // Several rounds: one short sweep can end before the JIT has compiled the lockstep loop.
                for (int round = 0; round < warmupRounds; round++) {
                    if (analysis) { // RunComputer takes the spec's own rule: warm up on a capped copy of the spec
                        try (GridRunner capped = new GridRunner(
                                SpecLoader.load(specFile, List.of("stopping.max_iterations=" + cap), new LocalDataResolver()), threads, true,
                                scalar, lanes)) {
                            w = capped.run(null);
                        }
                    } else {
                        w = runner.run(new StoppingRule(cap, s.gradientTolerance(), s.patience(), s.minDelta(),
                                s.divergenceLoss()));
                    }
                }
                // Then the whole sweep once, untimed: the first uncapped sweep still runs partly in code the
                // JIT has not finished optimising (~25% slower here), which JMH's GridBench never times.
                w = runner.run(null);
                System.out.printf("warmup bench=b1 spec=%s iterations=%d seconds=%.3f%n", spec.name(), w.iterations(),
                        (System.nanoTime() - t0) / 1e9);
            }
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                GridRunner.Totals t = runner.run(null);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("RESULT bench=b1 impl=%s lanes=%d spec=%s loss=%s threads=%d runs=%d iterations=%d "
                                + "seconds=%.4f iters_per_s=%.4e runs_per_s=%.1f converged=%d diverged=%d "
                                + "max_iterations=%d%n",
                        impl, scalar ? 1 : lanes, spec.name(), spec.loss().name(), threads, t.runs(), t.iterations(), seconds,
                        t.iterations() / seconds, t.runs() / seconds, t.converged(), t.diverged(), t.maxIterations());
            }
        }
    }

    /** The first k configurations of B2 in spread order. */
    static List<Integer> sampleIds(int k) {
        Spread spread = new Spread((long) B2.RATES * B2.STARTS);
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < k; p++) {
            ids.add((int) spread.runId(p));
        }
        return ids;
    }

    private static void b2(String[] args) throws Exception {
        int threads = Integer.parseInt(option(args, "--threads", "2"));
        int repeat = Integer.parseInt(option(args, "--repeat", "1"));
        int rows = Integer.parseInt(option(args, "--rows", String.valueOf(B2.ROWS)));
        int features = Integer.parseInt(option(args, "--features", String.valueOf(B2.FEATURES)));
        String configs = option(args, "--configs", "all");
        int[] ids = configs.equals("all")
                ? sampleIds(B2.RATES * B2.STARTS).stream().mapToInt(Integer::intValue).toArray()
                : Arrays.stream(configs.split(",")).mapToInt(Integer::parseInt).toArray();
        DenseData data = B2.data(rows, features);
        int dim = features + 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Warm-up: a few hundred full-batch evaluations compile valueAndGradient and the loop.
            GradientDescent warm = new GradientDescent(dim);
            LogisticRegressionLoss warmLoss = B2.loss(data);
            long t0 = System.nanoTime();
            warm.run(warmLoss, 0.1, B2.start(0, dim), new StoppingRule(300, 0, 0, 0, 1e12));
            System.out.printf("warmup bench=b2 iterations=300 seconds=%.3f%n", (System.nanoTime() - t0) / 1e9);
            for (int r = 0; r < repeat; r++) {
                AtomicInteger next = new AtomicInteger();
                List<Future<long[]>> futures = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        LogisticRegressionLoss loss = B2.loss(data);
                        GradientDescent engine = new GradientDescent(dim);
                        long iterations = 0;
                        long runs = 0;
                        long converged = 0;
                        for (int i; (i = next.getAndIncrement()) < ids.length; ) {
                            int id = ids[i];
                            RunResult result = engine.run(loss, B2.learningRate(id / B2.STARTS),
                                    B2.start(id % B2.STARTS, dim), B2.STOP);
                            iterations += result.iterations();
                            runs++;
                            converged += result.status() == dev.gdsweep.engine.Status.CONVERGED ? 1 : 0;
                        }
                        return new long[] {iterations, runs, converged};
                    }));
                }
                long iterations = 0;
                long runs = 0;
                long converged = 0;
                for (Future<long[]> f : futures) {
                    long[] v = f.get();
                    iterations += v[0];
                    runs += v[1];
                    converged += v[2];
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                // One full-batch iteration: z = Xw (2md), the gradient X^T r (2md): 4md flop-equivalents.
                double flops = 4.0 * rows * features * iterations;
                System.out.printf("RESULT bench=b2 impl=engine threads=%d rows=%d features=%d runs=%d iterations=%d "
                                + "seconds=%.4f iters_per_s=%.2f gflops=%.3f converged=%d%n",
                        threads, rows, features, runs, iterations, seconds, iterations / seconds,
                        flops / seconds / 1e9, converged);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
