package dev.gdsweep.grid;

/**
 * {@code count} points with independent N(0, scale²) coordinates, from the counter-based generator:
 * coordinate j of point i is a Box–Muller draw from the uniforms of (seed, i, 2j) and (seed, i, 2j+1),
 * so every point is the same on any executor.
 */
public final class NormalPoints implements InitialPoints {

    private final long count;
    private final int dimension;
    private final double scale;
    private final long seed;

    public NormalPoints(long count, int dimension, double scale, long seed) {
        if (count < 1 || dimension < 1 || !(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("need count >= 1, dimension >= 1 and a finite scale >= 0");
        }
        this.count = count;
        this.dimension = dimension;
        this.scale = scale;
        this.seed = seed;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    public double scale() {
        return scale;
    }

    public long seed() {
        return seed;
    }

    @Override
    public void fill(long index, double[] out) {
        for (int j = 0; j < dimension; j++) {
            // 1 − u is in (0, 1], so the logarithm is finite.
            double u1 = 1 - SeededUniform.at(seed, index, 2 * j);
            double u2 = SeededUniform.at(seed, index, 2 * j + 1);
            out[j] = scale * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
    }

    @Override
    public String describe() {
        return count + " random points, normal with scale " + scale + ", seed " + seed;
    }
}
