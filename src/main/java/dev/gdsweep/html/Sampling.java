package dev.gdsweep.html;

import dev.gdsweep.grid.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/** Deterministic sampling: the same input gives the same sample, whatever its order. */
final class Sampling {

    private Sampling() {}

    /**
     * At most {@code max} of the items: all of them when there are no more, else those whose key has the
     * smallest hash (a uniform, order-independent choice), returned in their original order.
     */
    static <T> List<T> sample(List<T> items, ToLongFunction<T> key, int max) {
        if (items.size() <= max) {
            return items;
        }
        int n = items.size();
        long[] hashes = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = mix(key.applyAsLong(items.get(i)));
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> hashes[i]).thenComparingInt(i -> i));
        int[] chosen = new int[max];
        for (int i = 0; i < max; i++) {
            chosen[i] = order[i];
        }
        Arrays.sort(chosen);
        List<T> out = new ArrayList<>(max);
        for (int i : chosen) {
            out.add(items.get(i));
        }
        return out;
    }

    /** Uniform in [0, 1), from a key: for deterministic jitter. */
    static double unit(long key) {
        return (mix(key ^ 0x5DEECE66DL) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's step: the increment, then the finaliser. */
    static long mix(long z) {
        return SplitMix64.mix(z + SplitMix64.GOLDEN_GAMMA);
    }

    /** {@code k} indices spread evenly over {@code 0..n-1}, first and last included. */
    static int[] evenly(int n, int k) {
        if (n <= k) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = k == 1 ? 0 : (int) Math.round(i * (n - 1) / (double) (k - 1));
        }
        return out;
    }
}
