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

    /** The maths: coordinate i's wᵢ² − A cos 2πwᵢ, with ∂f/∂wᵢ into g[at]. */
    private static double term(double wi, double amplitude, double[] g, int at) {
        double angle = TWO_PI * wi;
        g[at] = 2 * wi + TWO_PI * amplitude * Math.sin(angle);
        return wi * wi - amplitude * Math.cos(angle);
    }

    @Override
    public double value(double[] w) {
        double[] unused = new double[1];
        double sum = amplitude * n;
        for (int i = 0; i < n; i++) {
            sum += term(w[i], amplitude, unused, 0);
        }
        return sum;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double sum = amplitude * n;
        for (int i = 0; i < n; i++) {
            sum += term(w[i], amplitude, gradient, i);
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
                values[l] += term(row[l], amplitude, gi, l);
            }
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        return List.of(new Minimum(new double[n], 0.0, true));
    }
}
