package dev.gdsweep.loss;

import java.util.List;

/** f(x, y) = (x + 2y − 7)² + (2x + y − 5)²: a tilted bowl, minimum 0 at (1, 3). */
public final class Booth extends PlaneLoss {

    private static final List<Minimum> MINIMA = List.of(new Minimum(new double[] {1, 3}, 0.0, true));

    /** The maths: f(x, y), with ∂f/∂x into gx[ix] and ∂f/∂y into gy[iy]. */
    private static double valueAndGradient(double x, double y, double[] gx, int ix, double[] gy, int iy) {
        double p = x + 2 * y - 7;
        double q = 2 * x + y - 5;
        gx[ix] = 2 * p + 4 * q;
        gy[iy] = 4 * p + 2 * q;
        return p * p + q * q;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        return valueAndGradient(w[0], w[1], gradient, 0, gradient, 1);
    }

    @Override
    public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
        double[] x = w[0];
        double[] y = w[1];
        double[] gx = gradient[0];
        double[] gy = gradient[1];
        for (int l = 0; l < lanes; l++) {
            values[l] = valueAndGradient(x[l], y[l], gx, l, gy, l);
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        return MINIMA;
    }
}
