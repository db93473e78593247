package dev.gdsweep.grid;

/**
 * SplitMix64's pieces (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * 2014): the golden-ratio increment γ and the finaliser that turns a 64-bit key into 64 well-mixed
 * bits. The one copy behind every seeded draw: the grid's {@link SeededUniform}, the models'
 * counter-based generator (data split, initialisation, mini-batches) and the report's sampling.
 * Only 64-bit integer arithmetic, so every JVM draws the same numbers.
 */
public final class SplitMix64 {

    /** 2⁶⁴/φ, odd: SplitMix64's increment. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {}

    /** The finaliser (Stafford's variant 13 of MurmurHash3's): a bijection on 64-bit values. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
