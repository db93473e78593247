package dev.gdsweep.bench;

import dev.gdsweep.loss.model.DenseData;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Writes B2 as a gdsweep spec, for timing {@code bin/gdsweep run} on it: the data as a CSV (every
 * value printed so it reads back to the same double), the 64 learning rates and 4 starts listed
 * exactly, B2's stopping rule, no standardisation and no validation split, so the runs are the ones
 * {@code Sweeps b2} computes in-process. Also a start-up spec on the same data: one run, one
 * iteration, so that reading the data, Spark and the report are all it measures.
 *
 * <p>Usage: {@code B2Spec DIR} writes DIR/b2.csv, DIR/b2.yaml and DIR/b2-startup.yaml.
 */
public final class B2Spec {

    private B2Spec() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        DenseData data = B2.data(B2.ROWS, B2.FEATURES);
        Path csv = dir.resolve("b2.csv");
        writeCsv(csv, data);
        StringJoiner rates = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < B2.RATES; i++) {
            rates.add(Double.toString(B2.learningRate(i)));
        }
        StringJoiner starts = new StringJoiner(",\n    ", "[\n    ", "]");
        for (int k = 0; k < B2.STARTS; k++) {
            starts.add(list(B2.start(k, data.featureCount() + 1)));
        }
        Files.writeString(dir.resolve("b2.yaml"), spec("bench-b2", csv, "values: " + rates, "points: " + starts,
                B2.STOP.maxIterations()));
        Files.writeString(dir.resolve("b2-startup.yaml"), spec("bench-b2-startup", csv,
                "values: [" + B2.learningRate(0) + "]", "points: [" + list(B2.start(0, data.featureCount() + 1)) + "]",
                1));
    }

    private static String spec(String name, Path csv, String rates, String starts, long maxIterations) {
        return String.format(Locale.ROOT, """
                # Benchmark B2 as a sweep (written by dev.gdsweep.bench.B2Spec; see bench/README.md).
                name: %s
                loss:
                  model: logistic_regression
                  data:
                    path: %s
                    label: y
                    standardize: false
                    validation_fraction: 0
                  l2: 0
                learning_rate:
                  %s
                initial_weights:
                  %s
                stopping:
                  max_iterations: %d
                  gradient_tolerance: %s
                  patience: %d
                  min_delta: %s
                  divergence_loss: %s
                """, name, csv, rates, starts, maxIterations, B2.STOP.gradientTolerance(), B2.STOP.patience(),
                B2.STOP.minDelta(), B2.STOP.divergenceLoss());
    }

    private static String list(double[] values) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (double v : values) {
            j.add(Double.toString(v));
        }
        return j.toString();
    }

    private static void writeCsv(Path csv, DenseData data) throws IOException {
        int m = data.rowCount();
        int d = data.featureCount();
        double[] x = data.featureArray();
        double[] y = data.labelArray();
        try (Writer out = Files.newBufferedWriter(csv)) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < d; j++) {
                line.append('f').append(j).append(',');
            }
            out.write(line.append("y\n").toString());
            for (int i = 0; i < m; i++) {
                line.setLength(0);
                for (int j = 0; j < d; j++) {
                    line.append(x[i * d + j]).append(',');
                }
                out.write(line.append((int) y[i]).append('\n').toString());
            }
        }
    }
}
