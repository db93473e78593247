package dev.gdsweep.loss;

import java.util.List;

/** f(x, y) = (x² + y − 11)² + (x + y² − 7)²: four minima of equal value 0, four basins. */
public final class Himmelblau implements LaneLoss {

    private static final List<Minimum> MINIMA = List.of(
            new Minimum(new double[] {3.0, 2.0}, 0.0, true),
            new Minimum(new double[] {-2.805118086952745, 3.131312518250573}, 0.0, true),
            new Minimum(new double[] {-3.779310253377747, -3.2831859912861696}, 0.0, true),
            new Minimum(new double[] {3.5844283403304917, -1.8481265269644034}, 0.0, true));

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double value(double[] w) {
        double p = w[0] * w[0] + w[1] - 11;
        double q = w[0] + w[1] * w[1] - 7;
        return p * p + q * q;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double x = w[0];
        double y = w[1];
        double p = x * x + y - 11;
        double q = x + y * y - 7;
        gradient[0] = 4 * x * p + 2 * q;
        gradient[1] = 2 * p + 4 * y * q;
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
            double p = x * x + y - 11;
            double q = x + y * y - 7;
            g0[l] = 4 * x * p + 2 * q;
            g1[l] = 2 * p + 4 * y * q;
            values[l] = p * p + q * q;
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        return MINIMA;
    }
}
