package dev.gdsweep.grid;

import java.util.Arrays;

/**
 * {@code count} points uniform in a box. Point i depends only on (seed, i): the same on every
 * executor, however often a task is retried, and whichever other points are computed.
 */
public final class RandomPoints implements InitialPoints {

    private final long count;
    private final double[] min;
    private final double[] max;
    private final long seed;

    public RandomPoints(long count, double[] min, double[] max, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (min.length == 0 || min.length != max.length) {
            throw new IllegalArgumentException("min and max need the same, non-zero length");
        }
        for (int j = 0; j < min.length; j++) {
            if (!Double.isFinite(min[j]) || !Double.isFinite(max[j]) || min[j] > max[j]) {
                throw new IllegalArgumentException("coordinate " + j + " needs finite min <= max");
            }
        }
        this.count = count;
        this.min = min.clone();
        this.max = max.clone();
        this.seed = seed;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int dimension() {
        return min.length;
    }

    @Override
    public void fill(long index, double[] out) {
        for (int j = 0; j < min.length; j++) {
            double u = SeededUniform.at(seed, index, j);
            out[j] = Interpolation.between(min[j], max[j], u);
        }
    }

    public double[] min() {
        return min.clone();
    }

    public double[] max() {
        return max.clone();
    }

    public long seed() {
        return seed;
    }

    @Override
    public String describe() {
        return count + " random points, uniform in " + Arrays.toString(min) + " .. " + Arrays.toString(max)
                + ", seed " + seed;
    }
}
