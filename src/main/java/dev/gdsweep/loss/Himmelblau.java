package dev.gdsweep.loss;

import java.util.List;

/** f(x, y) = (x² + y − 11)² + (x + y² − 7)²: four minima of equal value 0, four basins. */
public final class Himmelblau extends PlaneLoss {

    private static final List<Minimum> MINIMA = List.of(
            new Minimum(new double[] {3.0, 2.0}, 0.0, true),
            new Minimum(new double[] {-2.805118086952745, 3.131312518250573}, 0.0, true),
            new Minimum(new double[] {-3.779310253377747, -3.2831859912861696}, 0.0, true),
            new Minimum(new double[] {3.5844283403304917, -1.8481265269644034}, 0.0, true));

    /** The maths: f(x, y), with ∂f/∂x into gx[ix] and ∂f/∂y into gy[iy]. */
    private static double valueAndGradient(double x, double y, double[] gx, int ix, double[] gy, int iy) {
        double p = x * x + y - 11;
        double q = x + y * y - 7;
        gx[ix] = 4 * x * p + 2 * q;
        gy[iy] = 2 * p + 4 * y * q;
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
