package dev.gdsweep.loss;

import java.util.List;

/** f(x, y) = (4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y²: two global and four local minima. */
public final class SixHumpCamel extends PlaneLoss {

    // Refined by Newton's method to machine precision; the tests check the gradient vanishes there.
    private static final List<Minimum> MINIMA = List.of(
            minimum(0.08984201310031807, -0.7126564030207396, true),
            minimum(-0.08984201310031807, 0.7126564030207396, true),
            minimum(-1.703606714969981, 0.7960835686726251, false),
            minimum(1.703606714969981, -0.7960835686726251, false),
            minimum(1.6071047529201974, 0.5686514548841313, false),
            minimum(-1.6071047529201974, -0.5686514548841313, false));

    private static Minimum minimum(double x, double y, boolean global) {
        double[] point = {x, y};
        return new Minimum(point, new SixHumpCamel().value(point), global);
    }

    /** The maths: f(x, y), with ∂f/∂x into gx[ix] and ∂f/∂y into gy[iy]. */
    private static double valueAndGradient(double x, double y, double[] gx, int ix, double[] gy, int iy) {
        double x2 = x * x;
        double y2 = y * y;
        gx[ix] = 8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y;
        gy[iy] = x - 8 * y + 16 * y * y * y;
        return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
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
