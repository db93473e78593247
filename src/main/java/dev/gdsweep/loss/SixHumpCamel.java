package dev.gdsweep.loss;

import java.util.List;

/** f(x, y) = (4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y²: two global and four local minima. */
public final class SixHumpCamel implements LaneLoss {

    // Refined by Newton's method to machine precision; the tests check the gradient vanishes there.
    private static final List<Minimum> MINIMA = List.of(
            minimum(0.08984201310031807, -0.7126564030207396, true),
            minimum(-0.08984201310031807, 0.7126564030207396, true),
            minimum(-1.703606714969981, 0.7960835686726251, false),
            minimum(1.703606714969981, -0.7960835686726251, false),
            minimum(1.6071047529201974, 0.5686514548841313, false),
            minimum(-1.6071047529201974, -0.5686514548841313, false));

    private static Minimum minimum(double x, double y, boolean global) {
        return new Minimum(new double[] {x, y}, valueAt(x, y), global);
    }

    private static double valueAt(double x, double y) {
        double x2 = x * x;
        double y2 = y * y;
        return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
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
        gradient[0] = 8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y;
        gradient[1] = x - 8 * y + 16 * y * y * y;
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
            g0[l] = 8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y;
            g1[l] = x - 8 * y + 16 * y * y * y;
            values[l] = valueAt(x, y);
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        return MINIMA;
    }
}
