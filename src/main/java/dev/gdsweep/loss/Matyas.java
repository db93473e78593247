package dev.gdsweep.loss;

import java.util.List;

/** f(x, y) = 0.26 (x² + y²) − 0.48 xy: a flat, elongated bowl, minimum 0 at the origin. */
public final class Matyas extends PlaneLoss {

    private static final List<Minimum> MINIMA = List.of(new Minimum(new double[] {0, 0}, 0.0, true));

    /** The maths: f(x, y), with ∂f/∂x into gx[ix] and ∂f/∂y into gy[iy]. */
    private static double valueAndGradient(double x, double y, double[] gx, int ix, double[] gy, int iy) {
        gx[ix] = 0.52 * x - 0.48 * y;
        gy[iy] = 0.52 * y - 0.48 * x;
        return 0.26 * (x * x + y * y) - 0.48 * x * y;
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
