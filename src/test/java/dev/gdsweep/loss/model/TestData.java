package dev.gdsweep.loss.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random data sets and weights for the model tests (SplittableRandom: a specified, stable stream). */
final class TestData {

    private TestData() {}

    static List<String> names(String prefix, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    /** Features N(0, 1); targets a random linear function of them plus N(0, 0.1²) noise. */
    static DenseData regression(int m, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = gaussian(rnd, m * d);
        double[] beta = gaussian(rnd, d);
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double z = 0.7;
            for (int j = 0; j < d; j++) {
                z += x[i * d + j] * beta[j];
            }
            y[i] = z + 0.1 * nextGaussian(rnd);
        }
        return DenseData.regression(x, y, names("f", d));
    }

    /** Features N(0, 1); labels uniform over k classes (every class present when m ≥ k). */
    static DenseData classification(int m, int d, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = gaussian(rnd, m * d);
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = i < k ? i : rnd.nextInt(k);
        }
        return DenseData.classification(x, y, names("f", d), names("c", k));
    }

    static double[] gaussian(SplittableRandom rnd, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = nextGaussian(rnd);
        }
        return out;
    }

    static double[] uniform(SplittableRandom rnd, int n, double halfWidth) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = rnd.nextDouble(-halfWidth, halfWidth);
        }
        return out;
    }

    /** Box–Muller, so the stream depends only on SplittableRandom's specified nextDouble. */
    static double nextGaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static double maxAbs(double[] a) {
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    static double norm(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
