package dev.gdsweep.loss;

import java.util.Arrays;
import java.util.List;

/** f(w) = ½ Σ (wᵢ⁴ − 16wᵢ² + 5wᵢ): global minimum ≈ −39.166·n at wᵢ ≈ −2.9035 for every i. */
public final class StyblinskiTang implements LaneLoss {

    /** The smaller root of 4w³ − 32w + 5 = 0, refined by Newton's method. */
    static final double MINIMIZER = -2.903534027771177;

    private final int n;

    public StyblinskiTang(int n) {
        this.n = n;
    }

    @Override
    public int dimension() {
        return n;
    }

    /** The maths: coordinate i's wᵢ⁴ − 16wᵢ² + 5wᵢ (halved by the caller), ∂f/∂wᵢ into g[at]. */
    private static double term(double wi, double[] g, int at) {
        double w2 = wi * wi;
        g[at] = 2 * w2 * wi - 16 * wi + 2.5;
        return w2 * w2 - 16 * w2 + 5 * wi;
    }

    @Override
    public double value(double[] w) {
        double[] unused = new double[1];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += term(w[i], unused, 0);
        }
        return 0.5 * sum;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += term(w[i], gradient, i);
        }
        return 0.5 * sum;
    }

    @Override
    public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
        Arrays.fill(values, 0, lanes, 0.0);
        for (int i = 0; i < n; i++) {
            double[] row = w[i];
            double[] gi = gradient[i];
            for (int l = 0; l < lanes; l++) {
                values[l] += term(row[l], gi, l);
            }
        }
        for (int l = 0; l < lanes; l++) {
            values[l] = 0.5 * values[l];
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        double[] point = new double[n];
        Arrays.fill(point, MINIMIZER);
        return List.of(new Minimum(point, value(point), true));
    }
}
