package dev.gdsweep.loss;

import java.util.List;

/**
 * f(w) = −a exp(−b √(Σwᵢ²/n)) − exp(Σ cos(c wᵢ)/n) + a + e: global minimum 0 at the origin.
 *
 * <p>The first term is a cone at the origin, not differentiable there; its gradient is taken as 0
 * at exactly w = 0 (a valid subgradient), so a run that lands on the minimum converges.
 */
public final class Ackley implements LaneLoss {

    private final int n;
    private final double a;
    private final double b;
    private final double c;

    public Ackley(int n, double a, double b, double c) {
        this.n = n;
        this.a = a;
        this.b = b;
        this.c = c;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] w) {
        return valueAndGradient(w, new double[n]);
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double squares = 0;
        double cosines = 0;
        for (int i = 0; i < n; i++) {
            squares += w[i] * w[i];
            cosines += Math.cos(c * w[i]);
        }
        double radius = Math.sqrt(squares / n);
        double cone = Math.exp(-b * radius);
        double ripple = Math.exp(cosines / n);
        double coneScale = radius > 0 ? a * b * cone / (n * radius) : 0.0;
        double rippleScale = ripple * c / n;
        for (int i = 0; i < n; i++) {
            gradient[i] = coneScale * w[i] + rippleScale * Math.sin(c * w[i]);
        }
        return -a * cone - ripple + a + Math.E;
    }

    /**
     * {@link #valueAndGradient}'s steps on lane l's column, in its order. Written out again rather
     * than copying each column into a scratch vector for it: the copies cost about 6% here.
     */
    @Override
    public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
        for (int l = 0; l < lanes; l++) {
            double squares = 0;
            double cosines = 0;
            for (int i = 0; i < n; i++) {
                double wi = w[i][l];
                squares += wi * wi;
                cosines += Math.cos(c * wi);
            }
            double radius = Math.sqrt(squares / n);
            double cone = Math.exp(-b * radius);
            double ripple = Math.exp(cosines / n);
            double coneScale = radius > 0 ? a * b * cone / (n * radius) : 0.0;
            double rippleScale = ripple * c / n;
            for (int i = 0; i < n; i++) {
                double wi = w[i][l];
                gradient[i][l] = coneScale * wi + rippleScale * Math.sin(c * wi);
            }
            values[l] = -a * cone - ripple + a + Math.E;
        }
    }

    @Override
    public List<Minimum> knownMinima() {
        // The published value; evaluating at the origin gives 0 up to rounding (−a − e + a + e).
        return List.of(new Minimum(new double[n], 0.0, true));
    }
}
