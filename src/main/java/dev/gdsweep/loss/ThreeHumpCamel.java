package dev.gdsweep.loss;

import java.util.List;

/** f(x, y) = 2x² − 1.05x⁴ + x⁶/6 + xy + y²: global minimum 0 at the origin, two local minima. */
public final class ThreeHumpCamel extends PlaneLoss {

    // Local minima: y = −x/2 and x⁴ − 4.2x² + 3.5 = 0, the larger root x² = 2.1 + √0.91.
    private static final double LOCAL_X = Math.sqrt(2.1 + Math.sqrt(0.91));

    private static final List<Minimum> MINIMA = List.of(
            new Minimum(new double[] {0, 0}, 0.0, true),
            local(LOCAL_X, -LOCAL_X / 2),
            local(-LOCAL_X, LOCAL_X / 2));

    private static Minimum local(double x, double y) {
        double[] point = {x, y};
        return new Minimum(point, new ThreeHumpCamel().value(point), false);
    }

    /** The maths: f(x, y), with ∂f/∂x into gx[ix] and ∂f/∂y into gy[iy]. */
    private static double valueAndGradient(double x, double y, double[] gx, int ix, double[] gy, int iy) {
        double x2 = x * x;
        gx[ix] = 4 * x - 4.2 * x2 * x + x2 * x2 * x + y;
        gy[iy] = x + 2 * y;
        return 2 * x2 - 1.05 * x2 * x2 + x2 * x2 * x2 / 6 + x * y + y * y;
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
