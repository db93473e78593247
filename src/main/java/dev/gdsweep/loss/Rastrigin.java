package dev.gdsweep.loss;

import java.util.List;

/** f(w) = A·n + Σ (wᵢ² − A cos 2πwᵢ): a bowl covered in local minima; global minimum 0 at 0. */
public final class Rastrigin implements LaneLoss {

    private static final double TWO_PI = 2 * Math.PI;

    private final int n;
    private final double amplitude;

    public Rastrigin(int n, double amplitude) {
        this.n = n;
        this.amplitude = amplitude;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] w) {
        double sum = amplitude * n;
        for (int i = 0; i < n; i++) {
            sum += w[i] * w[i] - amplitude * Math.cos(TWO_PI * w[i]);
        }
        return sum;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double sum = amplitude * n;
        for (int i = 0; i < n; i++) {
            double angle = TWO_PI * w[i];
            sum += w[i] * w[i] - amplitude * Math.cos(angle);
            gradient[i] = 2 * w[i] + TWO_PI * amplitude * Math.sin(angle);
        }
        return sum;
    }

    @Override
    public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
        java.util.Arrays.fill(values, 0, lanes, amplitude * n);
        for (int i = 0; i < n; i++) {
            double[] row = w[i];
            double[] gi = gradient[i];
            for (int l = 0; l < lanes; l++) {
                double wi = row[l];
                double angle = TWO_PI * wi;
                values[l] += wi * wi - amplitude * Math.cos(angle);
                gi[l] = 2 * wi + TWO_PI * amplitude * Math.sin(angle);
            }
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        return List.of(new Minimum(new double[n], 0.0, true));
    }
}
