package dev.gdsweep.loss;

import java.util.List;

/** f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²: minimum 0 at (3, 0.5). */
public final class Beale implements LaneLoss {

    private static final List<Minimum> MINIMA = List.of(new Minimum(new double[] {3, 0.5}, 0.0, true));

    @Override
    public int dimension() {
        return 2;
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
        double x = w[0];
        double y = w[1];
        double y2 = y * y;
        double y3 = y2 * y;
        double t1 = 1.5 - x + x * y;
        double t2 = 2.25 - x + x * y2;
        double t3 = 2.625 - x + x * y3;
        gradient[0] = 2 * (t1 * (y - 1) + t2 * (y2 - 1) + t3 * (y3 - 1));
        gradient[1] = 2 * x * (t1 + 2 * y * t2 + 3 * y2 * t3);
        return t1 * t1 + t2 * t2 + t3 * t3;
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
            double y2 = y * y;
            double y3 = y2 * y;
            double t1 = 1.5 - x + x * y;
            double t2 = 2.25 - x + x * y2;
            double t3 = 2.625 - x + x * y3;
            g0[l] = 2 * (t1 * (y - 1) + t2 * (y2 - 1) + t3 * (y3 - 1));
            g1[l] = 2 * x * (t1 + 2 * y * t2 + 3 * y2 * t3);
            values[l] = t1 * t1 + t2 * t2 + t3 * t3;
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        return MINIMA;
    }
}
