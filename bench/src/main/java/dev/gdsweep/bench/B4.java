package dev.gdsweep.bench;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.Status;
import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.grid.SeededUniform;
import dev.gdsweep.grid.Spread;
import dev.gdsweep.loss.model.Activation;
import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.loss.model.MlpLoss;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Benchmark B4: full-batch gradient descent on an MLP, 10 classes, on a seeded synthetic data set.
 *
 * <ul>
 *   <li>Data: {@value #ROWS} rows × {@value #FEATURES} features, x_ij standard normal (Box–Muller
 *       over {@link SeededUniform}, seed {@value #DATA_SEED}, as B2); labels drawn from a teacher
 *       network's softmax, p(c | x) ∝ exp(3·Σ_h V_ch·tanh(x·U_h)) with 16 teacher units and U, V
 *       uniform in ±1/√fan-in, by the Gumbel-max trick: classes that need a hidden layer to separate,
 *       and a loss that keeps falling for hundreds of iterations.</li>
 *   <li>Loss: {@link MlpLoss} with one hidden layer of {@value #HIDDEN} tanh units and a softmax over
 *       {@value #CLASSES} classes, l2 = 0: 1,002 weights. Per row and iteration about 4·(20·32 + 32·10)
 *       flops forward and back, 32 tanh and 10 exp: the shape of a small classifier.</li>
 *   <li>Grid: {@value #RATES} learning rates log-spaced 1e-2..1e1 × {@value #STARTS} starts, start k
 *       being {@link MlpLoss#initialize} with seed {@value #START_SEED} and index k (Glorot, as a
 *       sweep's {@code initial_weights: random}); run id = rate index · 4 + start index.</li>
 *   <li>Stopping: max {@value #MAX_ITERATIONS} iterations, gradient tolerance 1e-6, patience 10,
 *       min_delta 1e-9 absolute, divergence 1e12 (B2's rule, fewer iterations: an MLP iteration costs
 *       ~50x a B2 one).</li>
 * </ul>
 * The numpy baseline (bench/b4_numpy.py) reads the same data, rates and starts from the file
 * {@link #write} makes.
 *
 * <pre>
 *   Sweeps b4 [--threads N] [--repeat R] [--configs all|ID,ID,...]   the sweep, configurations shared by N threads
 *   Sweeps b4-ids K          the first K configurations in spread order (a mix of rates and starts)
 *   Sweeps b4-data FILE      writes the data, rates and starts for bench/b4_numpy.py
 * </pre>
 */
public final class B4 {

    public static final int ROWS = 10_000;
    public static final int FEATURES = 20;
    public static final int HIDDEN = 32;
    public static final int CLASSES = 10;
    public static final int TEACHER_UNITS = 16;
    public static final int RATES = 16;
    public static final int STARTS = 4;
    public static final long DATA_SEED = 2025;
    public static final long START_SEED = 11;
    public static final int MAX_ITERATIONS = 300;
    public static final StoppingRule STOP = new StoppingRule(MAX_ITERATIONS, 1e-6, 10, 1e-9, 1e12);

    private B4() {}

    public static DenseData data() {
        double[] x = new double[ROWS * FEATURES];
        double[] y = new double[ROWS];
        double[] h = new double[TEACHER_UNITS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < FEATURES; j++) {
                double u1 = SeededUniform.at(DATA_SEED, i, 2 * j);
                double u2 = SeededUniform.at(DATA_SEED, i, 2 * j + 1);
                x[i * FEATURES + j] = Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
            }
            for (int t = 0; t < TEACHER_UNITS; t++) {
                double z = 0;
                for (int j = 0; j < FEATURES; j++) {
                    z += x[i * FEATURES + j] * teacher(0, t * FEATURES + j, FEATURES);
                }
                h[t] = Math.tanh(z);
            }
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                double logit = 0;
                for (int t = 0; t < TEACHER_UNITS; t++) {
                    logit += h[t] * teacher(1, c * TEACHER_UNITS + t, TEACHER_UNITS);
                }
                // Gumbel-max: argmax of logit + Gumbel noise is a draw from softmax(logits).
                double gumbel = -Math.log(-Math.log1p(-SeededUniform.at(DATA_SEED + 1, i, c)));
                double score = 3 * logit + gumbel;
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            y[i] = best;
        }
        List<String> features = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            features.add("f" + j);
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            classes.add("c" + c); // c0 … c9 sort as their indexes
        }
        return DenseData.classification(x, y, features, classes);
    }

    /** Teacher weight k of layer l, uniform in ±1/√fanIn. */
    private static double teacher(int layer, int k, int fanIn) {
        return (2 * SeededUniform.at(DATA_SEED + 2 + layer, k, 0) - 1) * Math.sqrt(3.0 / fanIn);
    }

    public static MlpLoss loss(DenseData data) {
        return new MlpLoss(data, new int[] {HIDDEN}, Activation.TANH, 0.0);
    }

    public static double learningRate(int i) {
        if (i == 0) {
            return 1e-2;
        }
        if (i == RATES - 1) {
            return 1e1;
        }
        double t = (double) i / (RATES - 1);
        return Math.exp(Math.log(1e-2) + t * (Math.log(1e1) - Math.log(1e-2)));
    }

    public static double[] start(MlpLoss loss, int k) {
        double[] w = new double[loss.dimension()];
        loss.initialize(w, START_SEED, k);
        return w;
    }

    /** The first k configurations in spread order. */
    static List<Integer> sampleIds(int k) {
        Spread spread = new Spread((long) RATES * STARTS);
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < k; p++) {
            ids.add((int) spread.runId(p));
        }
        return ids;
    }

    /** The commands above; {@code args[0]} is the command's name. */
    static void command(String[] args) throws Exception {
        switch (args[0]) {
            case "b4" -> sweep(args);
            case "b4-ids" -> System.out.println(sampleIds(Integer.parseInt(args[1])).stream()
                    .map(String::valueOf).collect(Collectors.joining(",")));
            case "b4-data" -> write(Path.of(args[1]), data());
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static void sweep(String[] args) throws Exception {
        int threads = Integer.parseInt(option(args, "--threads", "2"));
        int repeat = Integer.parseInt(option(args, "--repeat", "1"));
        String configs = option(args, "--configs", "all");
        int[] ids = configs.equals("all")
                ? sampleIds(RATES * STARTS).stream().mapToInt(Integer::intValue).toArray()
                : Arrays.stream(configs.split(",")).mapToInt(Integer::parseInt).toArray();
        DenseData data = data();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Warm-up: enough full-batch evaluations for C2 to compile the kernel and the loop.
            MlpLoss warmLoss = loss(data);
            long t0 = System.nanoTime();
            new GradientDescent(warmLoss.dimension()).run(warmLoss, 0.1, start(warmLoss, 0),
                    new StoppingRule(60, 0, 0, 0, 1e12));
            System.out.printf("warmup bench=b4 iterations=60 seconds=%.3f%n", (System.nanoTime() - t0) / 1e9);
            for (int r = 0; r < repeat; r++) {
                AtomicInteger next = new AtomicInteger();
                List<Future<long[]>> futures = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        MlpLoss loss = loss(data);
                        GradientDescent engine = new GradientDescent(loss.dimension());
                        long[] totals = new long[5]; // iterations, runs, converged, diverged, plateau
                        for (int i; (i = next.getAndIncrement()) < ids.length; ) {
                            int id = ids[i];
                            RunResult result = engine.run(loss, learningRate(id / STARTS), start(loss, id % STARTS),
                                    STOP);
                            totals[0] += result.iterations();
                            totals[1]++;
                            totals[2] += result.status() == Status.CONVERGED ? 1 : 0;
                            totals[3] += result.status() == Status.DIVERGED ? 1 : 0;
                            totals[4] += result.status() == Status.PLATEAU ? 1 : 0;
                        }
                        return totals;
                    }));
                }
                long[] sum = new long[5];
                for (Future<long[]> f : futures) {
                    long[] v = f.get();
                    for (int k = 0; k < sum.length; k++) {
                        sum[k] += v[k];
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                // Forward 2·(d·H + H·K) per row, back twice that: 6·m·(d·H + H·K) flop-equivalents per iteration.
                double flops = 6.0 * ROWS * (FEATURES * HIDDEN + HIDDEN * CLASSES) * sum[0];
                System.out.printf("RESULT bench=b4 impl=engine threads=%d rows=%d features=%d hidden=%d classes=%d "
                                + "runs=%d iterations=%d seconds=%.4f iters_per_s=%.2f gflops=%.3f converged=%d "
                                + "plateau=%d diverged=%d%n",
                        threads, ROWS, FEATURES, HIDDEN, CLASSES, sum[1], sum[0], seconds, sum[0] / seconds,
                        flops / seconds / 1e9, sum[2], sum[4], sum[3]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Writes little-endian float64: X (rows·features, row-major), y (rows, class indexes), the
     * learning rates (RATES), the starts (STARTS·dimension, MlpLoss's layout: hidden layer [H][d + 1],
     * then output layer [K][H + 1], each unit's bias last). bench/b4_numpy.py reads it with np.fromfile.
     */
    public static void write(Path file, DenseData data) throws IOException {
        MlpLoss loss = loss(data);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : data.featureArray()) {
                out.write(b.clear().putDouble(v).array());
            }
            for (double v : data.labelArray()) {
                out.write(b.clear().putDouble(v).array());
            }
            for (int i = 0; i < RATES; i++) {
                out.write(b.clear().putDouble(learningRate(i)).array());
            }
            for (int k = 0; k < STARTS; k++) {
                for (double v : start(loss, k)) {
                    out.write(b.clear().putDouble(v).array());
                }
            }
        }
    }
}
