package com.example.gdsweep;

import dev.gdsweep.loss.Loss;
import java.util.Map;

/**
 * A bowl, f = x² + y², that refuses to be evaluated outside a radius (default 3): a stand-in for a
 * loss with a bug or a domain check. Runs that wander outside end as FAILED with this exception's
 * message in the report's {@code error} column; the sweep goes on.
 */
public final class Fragile implements Loss {

    private final double radius;

    public Fragile(int dimension, Map<String, Double> params) {
        if (dimension != 2) {
            throw new IllegalArgumentException("Fragile is 2-D, got dimension " + dimension);
        }
        this.radius = params.getOrDefault("radius", 3.0);
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double value(double[] w) {
        double r2 = w[0] * w[0] + w[1] * w[1];
        if (r2 > radius * radius) {
            throw new IllegalArgumentException("outside the radius " + radius + ": (" + w[0] + ", " + w[1] + ")");
        }
        return r2;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double v = value(w);
        gradient[0] = 2 * w[0];
        gradient[1] = 2 * w[1];
        return v;
    }
}
