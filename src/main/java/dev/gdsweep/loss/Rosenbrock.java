package dev.gdsweep.loss;

import java.util.Arrays;
import java.util.List;

/** f(w) = Σ_{i<n−1} [ b (w_{i+1} − wᵢ²)² + (a − wᵢ)² ], the curved valley. */
public final class Rosenbrock implements LaneLoss {

    private final int n;
    private final double a;
    private final double b;

    public Rosenbrock(int n, double a, double b) {
        this.n = n;
        this.a = a;
        this.b = b;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] w) {
        double sum = 0;
        for (int i = 0; i < n - 1; i++) {
            double valley = w[i + 1] - w[i] * w[i];
            double offset = a - w[i];
            sum += b * valley * valley + offset * offset;
        }
        return sum;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        Arrays.fill(gradient, 0.0);
        double sum = 0;
        for (int i = 0; i < n - 1; i++) {
            double valley = w[i + 1] - w[i] * w[i];
            double offset = a - w[i];
            sum += b * valley * valley + offset * offset;
            gradient[i] += -4 * b * w[i] * valley - 2 * offset;
            gradient[i + 1] += 2 * b * valley;
        }
        return sum;
    }

    /**
     * (a, a²) in two dimensions; (1, …, 1) in more when a = 1 (for other a the chain has no closed form).
     */
    @Override
    public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
        if (n == 2) {
            double[] w0 = w[0];
            double[] w1 = w[1];
            double[] g0 = gradient[0];
            double[] g1 = gradient[1];
            for (int l = 0; l < lanes; l++) {
                double x = w0[l];
                double y = w1[l];
                double valley = y - x * x;
                double offset = a - x;
                // 0.0 + …: the scalar form adds into a zeroed sum and gradient, which turns −0 into +0.
                values[l] = 0.0 + (b * valley * valley + offset * offset);
                g0[l] = 0.0 + (-4 * b * x * valley - 2 * offset);
                g1[l] = 0.0 + 2 * b * valley;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            Arrays.fill(gradient[i], 0, lanes, 0.0);
        }
        Arrays.fill(values, 0, lanes, 0.0);
        for (int i = 0; i < n - 1; i++) {
            double[] here = w[i];
            double[] above = w[i + 1];
            double[] gHere = gradient[i];
            double[] gAbove = gradient[i + 1];
            for (int l = 0; l < lanes; l++) {
                double wi = here[l];
                double valley = above[l] - wi * wi;
                double offset = a - wi;
                values[l] += b * valley * valley + offset * offset;
                gHere[l] += -4 * b * wi * valley - 2 * offset;
                gAbove[l] += 2 * b * valley;
            }
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        if (n == 2) {
            return List.of(new Minimum(new double[] {a, a * a}, 0.0, true));
        }
        if (a == 1.0 && b > 0) {
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            return List.of(new Minimum(ones, 0.0, true));
        }
        return List.of();
    }
}
