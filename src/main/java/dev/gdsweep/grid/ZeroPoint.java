package dev.gdsweep.grid;

/** One starting point: all weights zero (a model's usual start). */
public final class ZeroPoint implements InitialPoints {

    private final int dimension;

    public ZeroPoint(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.dimension = dimension;
    }

    @Override
    public long count() {
        return 1;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void fill(long index, double[] out) {
        java.util.Arrays.fill(out, 0, dimension, 0.0);
    }

    @Override
    public String describe() {
        return "zeros (" + dimension + " weights)";
    }
}
