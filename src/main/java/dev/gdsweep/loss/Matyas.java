package dev.gdsweep.loss;

import java.util.List;

/** f(x, y) = 0.26 (x² + y²) − 0.48 xy: a flat, elongated bowl, minimum 0 at the origin. */
public final class Matyas implements LaneLoss {

    private static final List<Minimum> MINIMA = List.of(new Minimum(new double[] {0, 0}, 0.0, true));

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double value(double[] w) {
        return 0.26 * (w[0] * w[0] + w[1] * w[1]) - 0.48 * w[0] * w[1];
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        gradient[0] = 0.52 * w[0] - 0.48 * w[1];
        gradient[1] = 0.52 * w[1] - 0.48 * w[0];
        return value(w);
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
            g0[l] = 0.52 * x - 0.48 * y;
            g1[l] = 0.52 * y - 0.48 * x;
            values[l] = 0.26 * (x * x + y * y) - 0.48 * x * y;
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        return MINIMA;
    }
}
