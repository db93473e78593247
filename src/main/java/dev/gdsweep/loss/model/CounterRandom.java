package dev.gdsweep.loss.model;

import dev.gdsweep.grid.SplitMix64;

/**
 * Counter-based pseudo-random numbers: each draw is a pure function of (domain, seed, stream,
 * counter), with no state, so any draw can be recomputed alone, on any executor and any JVM (only
 * 64-bit integer arithmetic; no JDK generator whose stream could change).
 *
 * <p>The four keys are folded in one at a time, each fold being h ← mix(h + (key + 1)·γ) with γ the
 * golden-ratio increment and mix the finaliser of {@link SplitMix64}. The domain keeps independent
 * uses (the data split, the MLP initialisation) from drawing the same numbers for the same user seed.
 */
final class CounterRandom {

    /** Domain of {@link DenseData#split}'s shuffle. */
    static final long SPLIT = 1;
    /** Domain of {@link MlpLoss#initialize}. */
    static final long MLP_INIT = 2;
    /** Domain of {@link MiniBatchLoss}'s shuffles. */
    static final long BATCHES = 3;

    private static final long TWO_TO_32 = 1L << 32;

    private CounterRandom() {}

    /** 64 random bits for (domain, seed, stream, counter). */
    static long bits(long domain, long seed, long stream, long counter) {
        long h = fold(0x632BE59BD9B4E019L, domain);
        h = fold(h, seed);
        h = fold(h, stream);
        return fold(h, counter);
    }

    /** A double uniform in [0, 1): the top 53 of {@link #bits}. */
    static double uniform(long domain, long seed, long stream, long counter) {
        return (bits(domain, seed, stream, counter) >>> 11) * 0x1.0p-53;
    }

    /**
     * An int uniform in [0, bound), exactly (no modulo bias): Lemire's multiply-and-reject
     * ("Fast random integer generation in an interval", 2019) on 32-bit draws; draw number a uses
     * counter a, so the result is still a pure function of (domain, seed, stream).
     */
    static int below(long domain, long seed, long stream, int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be >= 1, got " + bound);
        }
        long threshold = (TWO_TO_32 - bound) % bound; // 2^32 mod bound: the low products to reject
        for (long attempt = 0; ; attempt++) {
            long r = bits(domain, seed, stream, attempt) >>> 32;
            long product = r * bound; // < 2^63: no overflow
            if ((product & 0xFFFFFFFFL) >= threshold) {
                return (int) (product >>> 32);
            }
        }
    }

    private static long fold(long h, long key) {
        return SplitMix64.mix(h + (key + 1) * SplitMix64.GOLDEN_GAMMA);
    }
}
