package dev.gdsweep.loss;

import java.util.List;

/** f(x, y) = 2x² − 1.05x⁴ + x⁶/6 + xy + y²: global minimum 0 at the origin, two local minima. */
public final class ThreeHumpCamel implements LaneLoss {

    // Local minima: y = −x/2 and x⁴ − 4.2x² + 3.5 = 0, the larger root x² = 2.1 + √0.91.
    private static final double LOCAL_X = Math.sqrt(2.1 + Math.sqrt(0.91));

    private static final List<Minimum> MINIMA = List.of(
            new Minimum(new double[] {0, 0}, 0.0, true),
            new Minimum(new double[] {LOCAL_X, -LOCAL_X / 2}, valueAt(LOCAL_X, -LOCAL_X / 2), false),
            new Minimum(new double[] {-LOCAL_X, LOCAL_X / 2}, valueAt(-LOCAL_X, LOCAL_X / 2), false));

    private static double valueAt(double x, double y) {
        double x2 = x * x;
        return 2 * x2 - 1.05 * x2 * x2 + x2 * x2 * x2 / 6 + x * y + y * y;
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double value(double[] w) {
        return valueAt(w[0], w[1]);
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double x = w[0];
        double y = w[1];
        double x2 = x * x;
        gradient[0] = 4 * x - 4.2 * x2 * x + x2 * x2 * x + y;
        gradient[1] = x + 2 * y;
        return valueAt(x, y);
    }

    @Override
    public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
        double[] w0 = w[0];
        double[] w1 = w[1];
        double[] g0 = gradient[0];
        double[] g1 = gradient[1];
        for (int l = 0; l < lanes; l++) {
            double x = w0[l];
            double y = w1[l];
            double x2 = x * x;
            g0[l] = 4 * x - 4.2 * x2 * x + x2 * x2 * x + y;
            g1[l] = x + 2 * y;
            values[l] = valueAt(x, y);
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        return MINIMA;
    }
}
