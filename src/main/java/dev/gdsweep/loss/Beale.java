package dev.gdsweep.loss;

import java.util.List;

/**
 * f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²: minimum 0 at (3, 0.5).
 *
 * <p>{@link #value} keeps its own formula, so that it gives the bits it always has: it multiplies
 * x·y·y·y from the left, where the kernel takes x·y³ with y³ = y²·y shared with the gradient, and
 * the two round differently (at about 4 points in 10 of the usual domain).
 */
public final class Beale extends PlaneLoss {

    private static final List<Minimum> MINIMA = List.of(new Minimum(new double[] {3, 0.5}, 0.0, true));

    /** The maths of a descent: f(x, y), with ∂f/∂x into gx[ix] and ∂f/∂y into gy[iy]. */
    private static double valueAndGradient(double x, double y, double[] gx, int ix, double[] gy, int iy) {
        double y2 = y * y;
        double y3 = y2 * y;
        double t1 = 1.5 - x + x * y;
        double t2 = 2.25 - x + x * y2;
        double t3 = 2.625 - x + x * y3;
        gx[ix] = 2 * (t1 * (y - 1) + t2 * (y2 - 1) + t3 * (y3 - 1));
        gy[iy] = 2 * x * (t1 + 2 * y * t2 + 3 * y2 * t3);
        return t1 * t1 + t2 * t2 + t3 * t3;
    }

    @Override
    public double value(double[] w) {
        double x = w[0];
        double y = w[1];
        double t1 = 1.5 - x + x * y;
        double t2 = 2.25 - x + x * y * y;
        double t3 = 2.625 - x + x * y * y * y;
        return t1 * t1 + t2 * t2 + t3 * t3;
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
