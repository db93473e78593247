package dev.gdsweep.loss;

import java.util.List;

/** f(x, y) = (x + 2y − 7)² + (2x + y − 5)²: a tilted bowl, minimum 0 at (1, 3). */
public final class Booth implements LaneLoss {

    private static final List<Minimum> MINIMA = List.of(new Minimum(new double[] {1, 3}, 0.0, true));

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double value(double[] w) {
        double p = w[0] + 2 * w[1] - 7;
        double q = 2 * w[0] + w[1] - 5;
        return p * p + q * q;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double p = w[0] + 2 * w[1] - 7;
        double q = 2 * w[0] + w[1] - 5;
        gradient[0] = 2 * p + 4 * q;
        gradient[1] = 4 * p + 2 * q;
        return p * p + q * q;
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
            double p = x + 2 * y - 7;
            double q = 2 * x + y - 5;
            g0[l] = 2 * p + 4 * q;
            g1[l] = 4 * p + 2 * q;
            values[l] = p * p + q * q;
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        return MINIMA;
    }
}
