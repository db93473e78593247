package dev.gdsweep.bench;

import dev.gdsweep.loss.model.DenseData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.SimpleUpdater;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The Spark-native baseline for B2: MLlib's {@code GradientDescent.runMiniBatchSGD}, called once
 * per configuration, on B2's data (features plus a constant 1 column for the intercept, so 21
 * weights as the engine's), with {@link LogisticGradient}, {@link SimpleUpdater} (step
 * lr/√iteration: gdsweep's inverse_sqrt schedule), miniBatchFraction 1.0 (full batch), regParam 0
 * and convergenceTol 0 (so each call runs exactly {@code --iterations} iterations). The data RDD is
 * cached and counted, and one short call warms up, before the clock starts.
 *
 * <p>An MLlib iteration is a Spark job (broadcast the weights, treeAggregate the gradient and loss
 * over the partitions); its cost per iteration is what is measured, and bench/run projects it to
 * all 256 configurations with the engine's iteration count.
 *
 * <pre>
 *   MllibBaseline [--master local[2]] [--configs ID,ID,...] [--iterations N]
 * </pre>
 * Run with Spark on the classpath (bench/target/classpath.txt) and Spark's JVM flags.
 */
public final class MllibBaseline {

    private MllibBaseline() {}

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String master = option(args, "--master", "local[2]");
        int iterations = Integer.parseInt(option(args, "--iterations", "20"));
        String configs = option(args, "--configs", "0,159,62,221");
        int[] ids = java.util.Arrays.stream(configs.split(",")).mapToInt(Integer::parseInt).toArray();

        long t0 = System.nanoTime();
        SparkSession spark = SparkSession.builder().master(master).appName("gdsweep-bench-mllib")
                .config("spark.ui.enabled", "false").getOrCreate();
        double startup = (System.nanoTime() - t0) / 1e9;
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int m = B2.ROWS;
            int d = B2.FEATURES;
            int partitions = jsc.defaultParallelism();
            List<Integer> parts = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                parts.add(p);
            }
            // Each partition makes its rows on the executor (the data is a pure function of the seed),
            // so the cached RDD's tasks carry no data: parallelize()'d rows would be re-shipped inside
            // every task of every iteration (~1 MB each), a cost MLlib users would not pay.
            JavaRDD<Tuple2<Object, Vector>> rdd = jsc.parallelize(parts, partitions)
                    .flatMap(p -> rows(m, d, p, partitions).iterator()).cache();
            rdd.count();
            LogisticGradient gradient = new LogisticGradient();
            SimpleUpdater updater = new SimpleUpdater();
            long w0 = System.nanoTime();
            GradientDescent.runMiniBatchSGD(rdd.rdd(), gradient, updater, 0.1, 5, 0.0, 1.0,
                    Vectors.dense(B2.start(0, d + 1)), 0.0);
            double warm = (System.nanoTime() - w0) / 1e9;
            long start = System.nanoTime();
            double lastLoss = Double.NaN;
            for (int id : ids) {
                Tuple2<Vector, double[]> result = GradientDescent.runMiniBatchSGD(rdd.rdd(), gradient, updater,
                        B2.learningRate(id / B2.STARTS), iterations, 0.0, 1.0,
                        Vectors.dense(B2.start(id % B2.STARTS, d + 1)), 0.0);
                double[] losses = result._2();
                lastLoss = losses.length == 0 ? Double.NaN : losses[losses.length - 1];
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long total = (long) ids.length * iterations;
            System.out.printf("RESULT bench=b2 impl=mllib master=%s rows=%d features=%d runs=%d iterations=%d "
                            + "seconds=%.4f iters_per_s=%.2f s_per_iter=%.5f gflops=%.4f spark_startup_s=%.2f "
                            + "warmup_s=%.2f last_loss=%.5f%n",
                    master, m, d, ids.length, total, seconds, total / seconds, seconds / total,
                    4.0 * m * d * total / seconds / 1e9, startup, warm, lastLoss);
        } finally {
            spark.stop();
        }
    }

    /** Rows [m·p/P, m·(p+1)/P) of B2's data with a constant 1 appended (the intercept). */
    static List<Tuple2<Object, Vector>> rows(int m, int d, int p, int partitions) {
        DenseData data = B2.data(m, d);
        int from = (int) ((long) m * p / partitions);
        int to = (int) ((long) m * (p + 1) / partitions);
        List<Tuple2<Object, Vector>> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            double[] row = new double[d + 1];
            for (int j = 0; j < d; j++) {
                row[j] = data.feature(i, j);
            }
            row[d] = 1.0;
            out.add(new Tuple2<>(data.label(i), Vectors.dense(row)));
        }
        return out;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
