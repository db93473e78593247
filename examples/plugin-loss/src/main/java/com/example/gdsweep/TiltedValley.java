package com.example.gdsweep;

import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Minimum;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * f(x, y) = (x − 1)² + s·(y − t·x)²: a straight valley along y = t·x, steep across (s) and gentle
 * along, with its minimum at (1, t). Params: {@code steepness} s > 0 (default 50), {@code tilt} t
 * (default 0.5).
 *
 * <p>What gdsweep asks of a loss: a public class implementing {@link Loss} with a public constructor
 * {@code (int dimension, Map<String, Double> params)}; {@link #valueAndGradient} writes the gradient
 * into the array it is given and allocates nothing (it runs once per iteration); an exception it
 * throws fails that run (status FAILED), not the sweep.
 */
public final class TiltedValley implements Loss {

    private static final Set<String> PARAMS = Set.of("steepness", "tilt");

    private final double steepness;
    private final double tilt;

    public TiltedValley(int dimension, Map<String, Double> params) {
        if (dimension != 2) {
            throw new IllegalArgumentException("TiltedValley is 2-D, got dimension " + dimension);
        }
        for (String key : params.keySet()) {
            if (!PARAMS.contains(key)) {
                throw new IllegalArgumentException("unknown param '" + key + "'; known: steepness, tilt");
            }
        }
        this.steepness = params.getOrDefault("steepness", 50.0);
        this.tilt = params.getOrDefault("tilt", 0.5);
        if (!(steepness > 0)) {
            throw new IllegalArgumentException("steepness must be > 0, got " + steepness);
        }
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double value(double[] w) {
        double along = w[0] - 1;
        double across = w[1] - tilt * w[0];
        return along * along + steepness * across * across;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double along = w[0] - 1;
        double across = w[1] - tilt * w[0];
        gradient[0] = 2 * along - 2 * steepness * tilt * across;
        gradient[1] = 2 * steepness * across;
        return along * along + steepness * across * across;
    }

    @Override
    public List<Minimum> knownMinima() {
        return List.of(new Minimum(new double[] {1, tilt}, 0.0, true));
    }
}
