package dev.gdsweep.grid;

/**
 * A counter-based generator: the uniform number for (seed, index, coordinate) is a pure function of
 * the three, built from SplitMix64's finaliser. No state, so any run can be recomputed alone; the
 * stream is fixed by this code, not by a JDK version.
 */
public final class SeededUniform {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SeededUniform() {}

    /** A double uniform in [0, 1). */
    public static double at(long seed, long index, int coordinate) {
        long h = mix(seed * GOLDEN_GAMMA + 0x632BE59BD9B4E019L);
        h = mix(h ^ (index * GOLDEN_GAMMA));
        h = mix(h + (coordinate + 1) * GOLDEN_GAMMA);
        return (h >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
