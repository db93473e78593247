package dev.gdsweep.plugin;

import dev.gdsweep.loss.Loss;

/** A test plugin with a bug: it throws once any weight leaves [−1, 1]. Fixed dimension 2. */
public final class ThrowsBeyondOne implements Loss {

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double value(double[] w) {
        if (Math.abs(w[0]) > 1 || Math.abs(w[1]) > 1) {
            throw new IllegalStateException("weights outside [-1, 1]: " + w[0] + ", " + w[1]);
        }
        return w[0] * w[0] + w[1] * w[1];
    }

    @Override
    public double valueAndGradient(double[] w, double[] g) {
        double v = value(w);
        g[0] = 2 * w[0];
        g[1] = 2 * w[1];
        return v;
    }
}
