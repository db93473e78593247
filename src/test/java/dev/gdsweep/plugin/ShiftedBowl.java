package dev.gdsweep.plugin;

import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Minimum;
import java.util.List;
import java.util.Map;

/** A test plugin: f(w) = ½ Σ (wᵢ − c)², with c from its params (default 0). */
public final class ShiftedBowl implements Loss {

    private final int dimension;
    private final double centre;

    public ShiftedBowl(int dimension, Map<String, Double> params) {
        for (String key : params.keySet()) {
            if (!key.equals("centre")) {
                throw new IllegalArgumentException("unknown param '" + key + "'; known: centre");
            }
        }
        this.dimension = dimension;
        this.centre = params.getOrDefault("centre", 0.0);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double value(double[] w) {
        double sum = 0;
        for (double x : w) {
            sum += (x - centre) * (x - centre);
        }
        return 0.5 * sum;
    }

    @Override
    public double valueAndGradient(double[] w, double[] g) {
        for (int i = 0; i < dimension; i++) {
            g[i] = w[i] - centre;
        }
        return value(w);
    }

    @Override
    public List<Minimum> knownMinima() {
        double[] p = new double[dimension];
        java.util.Arrays.fill(p, centre);
        return List.of(new Minimum(p, 0.0, true));
    }
}
