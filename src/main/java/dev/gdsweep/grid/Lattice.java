package dev.gdsweep.grid;

import java.util.Arrays;

/**
 * A regular lattice in a box, endpoints included: coordinate j takes {@code counts[j]} evenly spaced
 * values from {@code min[j]} to {@code max[j]} (just {@code min[j]} when the count is 1). Index order
 * is mixed-radix with the last coordinate varying fastest.
 */
public final class Lattice implements InitialPoints {

    private final double[] min;
    private final double[] max;
    private final int[] counts;
    private final long size;

    public Lattice(double[] min, double[] max, int[] counts) {
        if (min.length == 0 || min.length != max.length || min.length != counts.length) {
            throw new IllegalArgumentException("min, max and count need the same, non-zero length");
        }
        long n = 1;
        for (int j = 0; j < min.length; j++) {
            if (!Double.isFinite(min[j]) || !Double.isFinite(max[j]) || min[j] > max[j]) {
                throw new IllegalArgumentException("coordinate " + j + " needs finite min <= max");
            }
            if (counts[j] < 1) {
                throw new IllegalArgumentException("count must be >= 1, got " + counts[j]);
            }
            n = Math.multiplyExact(n, counts[j]);
        }
        this.min = min.clone();
        this.max = max.clone();
        this.counts = counts.clone();
        this.size = n;
    }

    @Override
    public long count() {
        return size;
    }

    @Override
    public int dimension() {
        return min.length;
    }

    @Override
    public void fill(long index, double[] out) {
        long rest = index;
        for (int j = min.length - 1; j >= 0; j--) {
            int c = counts[j];
            int k = (int) (rest % c);
            rest /= c;
            out[j] = c == 1 ? min[j] : k == c - 1 ? max[j] : Interpolation.between(min[j], max[j], (double) k / (c - 1));
        }
    }

    public double[] min() {
        return min.clone();
    }

    public double[] max() {
        return max.clone();
    }

    public int[] counts() {
        return counts.clone();
    }

    @Override
    public String describe() {
        return "grid " + Arrays.toString(counts) + " from " + Arrays.toString(min) + " to " + Arrays.toString(max);
    }
}
