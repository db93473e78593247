package dev.gdsweep.loss;

import java.util.List;

/**
 * f(x, y) = [1 + (x+y+1)² (19 − 14x + 3x² − 14y + 6xy + 3y²)]
 *         · [30 + (2x−3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²)]: global minimum 3 at (0, −1).
 */
public final class GoldsteinPrice extends PlaneLoss {

    private static final List<Minimum> MINIMA = List.of(
            new Minimum(new double[] {0, -1}, 3.0, true),
            new Minimum(new double[] {-0.6, -0.4}, 30.0, false),
            new Minimum(new double[] {1.8, 0.2}, 84.0, false),
            new Minimum(new double[] {1.2, 0.8}, 840.0, false));

    /** The maths: f(x, y), with ∂f/∂x into gx[ix] and ∂f/∂y into gy[iy]. */
    private static double valueAndGradient(double x, double y, double[] gx, int ix, double[] gy, int iy) {
        double a = x + y + 1;
        double p = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
        double b = 2 * x - 3 * y;
        double q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
        double left = 1 + a * a * p;
        double right = 30 + b * b * q;
        // ∂p/∂x = ∂p/∂y and ∂a/∂x = ∂a/∂y, so both partials of the left factor are equal.
        double dLeft = 2 * a * p + a * a * (-14 + 6 * x + 6 * y);
        double dRightDx = 4 * b * q + b * b * (-32 + 24 * x - 36 * y);
        double dRightDy = -6 * b * q + b * b * (48 - 36 * x + 54 * y);
        gx[ix] = dLeft * right + left * dRightDx;
        gy[iy] = dLeft * right + left * dRightDy;
        return left * right;
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
