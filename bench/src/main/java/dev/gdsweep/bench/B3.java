package dev.gdsweep.bench;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.Status;
import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.grid.SeededUniform;
import dev.gdsweep.grid.Spread;
import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.loss.model.SoftmaxRegressionLoss;
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
 * Benchmark B3: full-batch softmax regression, 10 classes, on a seeded synthetic data set.
 *
 * <ul>
 *   <li>Data: m rows × d features, x_ij standard normal as in {@link B2} (same generator and seed,
 *       so B3's features are B2's); labels drawn from softmax(W*x + b*) by the Gumbel-max trick
 *       (argmax_c of z*_c − log(−log u_c), u uniform, seed {@value #LABEL_SEED}), with
 *       W*_cj = 0.4·cos(1.3c + 0.7j), b*_c = 0.1c. Not standardised further.</li>
 *   <li>Loss: {@link SoftmaxRegressionLoss}, l2 = 0; K·(d + 1) = 210 weights, class-major.</li>
 *   <li>Grid: {@value #RATES} learning rates log-spaced 1e-2..1e1 × {@value #STARTS} initial weight
 *       vectors (zero, then 3 uniform in [−0.5, 0.5]^210, seed {@value #START_SEED}); configuration
 *       id = rate index · 4 + start index.</li>
 *   <li>Stopping: B2's ({@link B2#STOP}): max 2000 iterations, gradient tolerance 1e-6, patience 10,
 *       min_delta 1e-9 absolute, divergence 1e12.</li>
 * </ul>
 * {@code bench/b3_numpy.py} reads the same data, rates and starts from the file {@link #write} makes.
 */
public final class B3 {

    public static final int ROWS = 10_000;
    public static final int FEATURES = 20;
    public static final int CLASSES = 10;
    public static final int RATES = 16;
    public static final int STARTS = 4;
    public static final long LABEL_SEED = 3033;
    public static final long START_SEED = 12;
    public static final StoppingRule STOP = B2.STOP;

    private B3() {}

    public static DenseData data(int rows, int features) {
        double[] x = B2.data(rows, features).featureArray();
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                double z = 0.1 * c;
                for (int j = 0; j < features; j++) {
                    z += x[i * features + j] * 0.4 * Math.cos(1.3 * c + 0.7 * j);
                }
                double u = SeededUniform.at(LABEL_SEED, i, c);
                double score = z - Math.log(-Math.log1p(-u) + 1e-300);
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            y[i] = best;
        }
        List<String> featureNames = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            featureNames.add("f" + j);
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            classes.add("c" + c);
        }
        return DenseData.classification(x, y, featureNames, classes);
    }

    public static SoftmaxRegressionLoss loss(DenseData data) {
        return new SoftmaxRegressionLoss(data, 0.0);
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

    public static double[] start(int k, int dimension) {
        double[] w = new double[dimension];
        if (k > 0) {
            for (int j = 0; j < dimension; j++) {
                w[j] = -0.5 + SeededUniform.at(START_SEED, k, j);
            }
        }
        return w;
    }

    /** The first k configurations in spread order (a mix of rates and starts). */
    static List<Integer> sampleIds(int k) {
        Spread spread = new Spread((long) RATES * STARTS);
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < k; p++) {
            ids.add((int) spread.runId(p));
        }
        return ids;
    }

    static String ids(int k) {
        return sampleIds(k).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * Little-endian float64: X (rows·features, row-major), y (rows, class indexes), the learning
     * rates (RATES), the starts (STARTS·CLASSES·(features+1)), for np.fromfile.
     */
    public static void write(Path file, DenseData data) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        int dimension = CLASSES * (data.featureCount() + 1);
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
                for (double v : start(k, dimension)) {
                    out.write(b.clear().putDouble(v).array());
                }
            }
        }
    }

    /**
     * {@code Sweeps b3 [--threads N] [--repeat R] [--configs all|IDS]}: the configurations shared by
     * N threads, each with its own loss and engine, after an untimed warm-up; one RESULT line per
     * repeat. 4·m·d·K flop-equivalents per iteration (logits and gradient).
     */
    static void sweep(String[] args) throws Exception {
        int threads = Integer.parseInt(Sweeps.option(args, "--threads", "2"));
        int repeat = Integer.parseInt(Sweeps.option(args, "--repeat", "1"));
        String configs = Sweeps.option(args, "--configs", "all");
        int[] ids = configs.equals("all")
                ? sampleIds(RATES * STARTS).stream().mapToInt(Integer::intValue).toArray()
                : Arrays.stream(configs.split(",")).mapToInt(Integer::parseInt).toArray();
        DenseData data = data(ROWS, FEATURES);
        int dim = CLASSES * (FEATURES + 1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            new GradientDescent(dim).run(loss(data), 0.1, start(0, dim), new StoppingRule(200, 0, 0, 0, 1e12));
            System.out.printf("warmup bench=b3 iterations=200 seconds=%.3f%n", (System.nanoTime() - t0) / 1e9);
            for (int r = 0; r < repeat; r++) {
                AtomicInteger next = new AtomicInteger();
                List<Future<long[]>> futures = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        SoftmaxRegressionLoss loss = loss(data);
                        GradientDescent engine = new GradientDescent(dim);
                        long[] totals = new long[3];
                        for (int i; (i = next.getAndIncrement()) < ids.length; ) {
                            int id = ids[i];
                            RunResult result = engine.run(loss, learningRate(id / STARTS), start(id % STARTS, dim), STOP);
                            totals[0] += result.iterations();
                            totals[1]++;
                            totals[2] += result.status() == Status.CONVERGED ? 1 : 0;
                        }
                        return totals;
                    }));
                }
                long[] sum = new long[3];
                for (Future<long[]> f : futures) {
                    long[] v = f.get();
                    for (int k = 0; k < 3; k++) {
                        sum[k] += v[k];
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double flops = 4.0 * ROWS * FEATURES * CLASSES * sum[0];
                System.out.printf("RESULT bench=b3 impl=engine threads=%d rows=%d features=%d classes=%d runs=%d "
                                + "iterations=%d seconds=%.4f iters_per_s=%.2f gflops=%.3f converged=%d%n",
                        threads, ROWS, FEATURES, CLASSES, sum[1], sum[0], seconds, sum[0] / seconds,
                        flops / seconds / 1e9, sum[2]);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
