package dev.gdsweep.grid;

/**
 * A counter-based generator: the uniform number for (seed, index, coordinate) is a pure function of
 * the three, built from {@link SplitMix64}'s finaliser. No state, so any run can be recomputed alone;
 * the stream is fixed by this code, not by a JDK version.
 */
public final class SeededUniform {

    private SeededUniform() {}

    /** A double uniform in [0, 1). */
    public static double at(long seed, long index, int coordinate) {
        long h = SplitMix64.mix(seed * SplitMix64.GOLDEN_GAMMA + 0x632BE59BD9B4E019L);
        h = SplitMix64.mix(h ^ (index * SplitMix64.GOLDEN_GAMMA));
        h = SplitMix64.mix(h + (coordinate + 1) * SplitMix64.GOLDEN_GAMMA);
        return (h >>> 11) * 0x1.0p-53;
    }
}
