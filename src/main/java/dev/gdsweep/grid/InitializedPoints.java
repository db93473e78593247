package dev.gdsweep.grid;

/**
 * {@code count} points from a model's own seeded initialisation (an MLP's Glorot/He scheme): point i
 * is {@code initializer.initialize(out, seed, i)}, the same on every executor.
 */
public final class InitializedPoints implements InitialPoints {

    /** Writes initial point {@code index} into {@code out}. */
    @FunctionalInterface
    public interface Initializer {
        void initialize(double[] out, long seed, long index);
    }

    private final long count;
    private final int dimension;
    private final long seed;
    private final Initializer initializer;
    private final String scheme;

    public InitializedPoints(long count, int dimension, long seed, Initializer initializer, String scheme) {
        if (count < 1 || dimension < 1) {
            throw new IllegalArgumentException("need count >= 1 and dimension >= 1");
        }
        this.count = count;
        this.dimension = dimension;
        this.seed = seed;
        this.initializer = initializer;
        this.scheme = scheme;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    public long seed() {
        return seed;
    }

    @Override
    public void fill(long index, double[] out) {
        initializer.initialize(out, seed, index);
    }

    @Override
    public String describe() {
        return count + " random points, " + scheme + ", seed " + seed;
    }
}
