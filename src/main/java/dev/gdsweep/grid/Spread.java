package dev.gdsweep.grid;

import java.math.BigInteger;

/**
 * A bijection of [0, n) that scatters neighbouring run ids far apart: position p maps to
 * p·stride mod n with stride coprime to n and near n/φ. Cutting the positions into
 * contiguous partitions then mixes slow and fast runs (small and large learning rates) in every
 * partition, while each run id still appears exactly once.
 */
public final class Spread {

    private final long n;
    private final long stride;

    public Spread(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        this.n = n;
        long s = Math.max(1, (long) (n * 0.6180339887498949));
        while (gcd(s, n) != 1) {
            s++;
        }
        this.stride = s % n == 0 ? 1 : s % n;
    }

    public long size() {
        return n;
    }

    /** The run id at position p. */
    public long runId(long position) {
        if (position < 0 || position >= n) {
            throw new IndexOutOfBoundsException("position " + position + " outside [0, " + n + ")");
        }
        return multiplyMod(position, stride, n);
    }

    /** a·b mod m for 0 ≤ a, b &lt; m, exact also when the product overflows a long. */
    private static long multiplyMod(long a, long b, long m) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) {
            return low % m;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(BigInteger.valueOf(m)).longValueExact();
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
