package dev.gdsweep.loss;

import java.util.List;

/** f(w) = ½ Σ dᵢ wᵢ²: gradient descent contracts coordinate i by (1 − lr·dᵢ) each step. */
public final class Quadratic implements LaneLoss {

    private final double[] diag;

    public Quadratic(double[] diag) {
        this.diag = diag.clone();
    }

    @Override
    public int dimension() {
        return diag.length;
    }

    /** The curvature dᵢ of coordinate i. */
    public double curvature(int i) {
        return diag[i];
    }

    /** The maths: coordinate i's dᵢwᵢ² (the caller halves the sum), with ∂/∂wᵢ of the half into g[at]. */
    private static double term(double d, double wi, double[] g, int at) {
        double dw = d * wi;
        g[at] = dw;
        return dw * wi;
    }

    @Override
    public double value(double[] w) {
        double[] unused = new double[1];
        double sum = 0;
        for (int i = 0; i < diag.length; i++) {
            sum += term(diag[i], w[i], unused, 0);
        }
        return 0.5 * sum;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double sum = 0;
        for (int i = 0; i < diag.length; i++) {
            sum += term(diag[i], w[i], gradient, i);
        }
        return 0.5 * sum;
    }

    /** The origin, when every curvature is positive; otherwise there is no minimum. */
    @Override
    public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
        java.util.Arrays.fill(values, 0, lanes, 0.0);
        for (int i = 0; i < diag.length; i++) {
            double d = diag[i];
            double[] row = w[i];
            double[] gi = gradient[i];
            for (int l = 0; l < lanes; l++) {
                values[l] += term(d, row[l], gi, l);
            }
        }
        for (int l = 0; l < lanes; l++) {
            values[l] = 0.5 * values[l];
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        for (double d : diag) {
            if (!(d > 0)) {
                return List.of();
            }
        }
        return List.of(new Minimum(new double[diag.length], 0.0, true));
    }
}
