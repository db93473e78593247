package dev.gdsweep.loss;

import java.util.Arrays;
import java.util.List;

/** f(w) = Σ_{i<n−1} [ b (w_{i+1} − wᵢ²)² + (a − wᵢ)² ], the curved valley. */
public final class Rosenbrock implements Loss {

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
