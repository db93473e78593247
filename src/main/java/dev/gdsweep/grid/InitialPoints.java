package dev.gdsweep.grid;

/**
 * The initial-weights axis: {@code count()} starting points of one dimension, addressed by index.
 * Implementations compute a point from its index alone, so no list of points is ever built.
 */
public interface InitialPoints {

    long count();

    int dimension();

    /** Writes point {@code index} (0 ≤ index &lt; count) into {@code out}. */
    void fill(long index, double[] out);

    /** A short description for {@code validate}. */
    String describe();
}
