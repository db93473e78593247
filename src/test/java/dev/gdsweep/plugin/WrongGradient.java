package dev.gdsweep.plugin;

import dev.gdsweep.loss.Loss;

/** A test plugin whose gradient has a sign error in y: f = x² + y², but it reports (2x, −2y). */
public final class WrongGradient implements Loss {

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double value(double[] w) {
        return w[0] * w[0] + w[1] * w[1];
    }

    @Override
    public double valueAndGradient(double[] w, double[] g) {
        g[0] = 2 * w[0];
        g[1] = -2 * w[1];
        return value(w);
    }
}
