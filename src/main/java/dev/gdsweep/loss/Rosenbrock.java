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

    /** The parameter a: the valley's floor passes through (a, a²). */
    public double a() {
        return a;
    }

    /** The parameter b: the steepness of the valley's walls. */
    public double b() {
        return b;
    }

    /**
     * The maths: term i of the sum at (wᵢ, wᵢ₊₁) = (x, y); adds its partial derivatives to gx[ix]
     * (∂/∂wᵢ) and gy[iy] (∂/∂wᵢ₊₁) and returns its value.
     */
    private static double term(double x, double y, double a, double b, double[] gx, int ix, double[] gy, int iy) {
        double valley = y - x * x;
        double offset = a - x;
        gx[ix] += -4 * b * x * valley - 2 * offset;
        gy[iy] += 2 * b * valley;
        return b * valley * valley + offset * offset;
    }

    @Override
    public double value(double[] w) {
        double[] unused = new double[2];
        double sum = 0;
        for (int i = 0; i < n - 1; i++) {
            sum += term(w[i], w[i + 1], a, b, unused, 0, unused, 1);
        }
        return sum;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        Arrays.fill(gradient, 0.0);
        double sum = 0;
        for (int i = 0; i < n - 1; i++) {
            sum += term(w[i], w[i + 1], a, b, gradient, i, gradient, i + 1);
        }
        return sum;
    }

    /**
     * As {@link #valueAndGradient}, lane by lane: into a zeroed sum and gradient, which turns a −0
     * term into +0 as the scalar form does.
     */
    @Override
    public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
        if (n == 2) {
            double[] x = w[0];
            double[] y = w[1];
            double[] gx = gradient[0];
            double[] gy = gradient[1];
            for (int l = 0; l < lanes; l++) {
                gx[l] = 0.0;
                gy[l] = 0.0;
                values[l] = 0.0 + term(x[l], y[l], a, b, gx, l, gy, l);
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
                values[l] += term(here[l], above[l], a, b, gHere, l, gAbove, l);
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
