package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.PortableMath.E10;
import static dev.gdsweep.loss.model.PortableMath.E11;
import static dev.gdsweep.loss.model.PortableMath.E12;
import static dev.gdsweep.loss.model.PortableMath.E13;
import static dev.gdsweep.loss.model.PortableMath.E2;
import static dev.gdsweep.loss.model.PortableMath.E3;
import static dev.gdsweep.loss.model.PortableMath.E4;
import static dev.gdsweep.loss.model.PortableMath.E5;
import static dev.gdsweep.loss.model.PortableMath.E6;
import static dev.gdsweep.loss.model.PortableMath.E7;
import static dev.gdsweep.loss.model.PortableMath.E8;
import static dev.gdsweep.loss.model.PortableMath.E9;

/**
 * tanh and log(1 + x) for {@link MlpLoss}, built on {@link PortableMath}'s exp and log1p and, like
 * them, only from operations every JVM computes alike, so an MLP's values are the same bits on any
 * machine and in both {@link MlpKernel} implementations ({@code VectorMlpKernel} repeats
 * {@link #tanh}'s operations lane by lane). {@link Math#tanh} would not do: JDKs may intrinsify it.
 */
final class MlpMath {

    private MlpMath() {}

    static final long SIGN_BIT = 0x8000000000000000L;
    static final long MANTISSA_BITS = 0x000FFFFFFFFFFFFFL;
    static final long EXPONENT_OF_ONE = 0x3FF0000000000000L;

    /**
     * tanh z = |m/(2 + m)| with m = e^{−2|z|} − 1, and z's sign. m comes from PortableMath's exp with
     * its last Horner step folded into the subtraction: with k = round(a/ln 2), r = a − k·ln 2 and
     * q = (e^r − 1)/r from the polynomial, m = 2^k·e^r − 1 = fma(q, r·2^k, 2^k − 1), one rounding
     * (r·2^k and 2^k − 1 are exact), so nothing cancels for small |z| (k = 0: m = q·r) nor near the
     * switch of k. Within 3 ulps of {@link StrictMath#tanh} (the tests); ±1 from |z| ≈ 19.1 on,
     * tanh(±0) = ±0, NaN for NaN.
     */
    static double tanh(double z) {
        double a = -2 * Math.abs(z);
        double clamped = a < PortableMath.EXP_MIN_ARGUMENT ? PortableMath.EXP_MIN_ARGUMENT : a;
        double shifted = Math.fma(clamped, PortableMath.LOG2_E, PortableMath.ROUNDING_SHIFT);
        double k = shifted - PortableMath.ROUNDING_SHIFT;
        double r = Math.fma(k, -PortableMath.LN2_HI, clamped);
        r = Math.fma(k, -PortableMath.LN2_LO, r);
        double q = Math.fma(E13, r, E12);
        q = Math.fma(q, r, E11);
        q = Math.fma(q, r, E10);
        q = Math.fma(q, r, E9);
        q = Math.fma(q, r, E8);
        q = Math.fma(q, r, E7);
        q = Math.fma(q, r, E6);
        q = Math.fma(q, r, E5);
        q = Math.fma(q, r, E4);
        q = Math.fma(q, r, E3);
        q = Math.fma(q, r, E2);
        q = Math.fma(q, r, 1.0);
        double twoToK = Double.longBitsToDouble(
                (Double.doubleToRawLongBits(shifted) + PortableMath.SCALE_EXPONENT_BIAS) << 52) * PortableMath.UNSCALE;
        double m = Math.fma(q, r * twoToK, twoToK - 1);
        double t = Math.abs(m / (2 + m)); // |·| also makes tanh(+0) = +0, not the −0 of −(+0)/2
        return Double.longBitsToDouble(Double.doubleToRawLongBits(t) | (Double.doubleToRawLongBits(z) & SIGN_BIT));
    }

    /**
     * log(1 + x) for x ≥ 0 (NaN for NaN): {@link PortableMath#log1pUnit} up to 1; beyond, u = 1 + x
     * (one rounding: an absolute error ≤ 2^−53 in the result, which is ≥ ln 2 there) is split exactly
     * into 2^k·(1 + f) with f in [0, 1), and log u = k·ln 2 + log1p(f). Within 2 ulps of
     * {@link StrictMath#log1p} (the tests). For the softmax, whose log argument is the sum of up to
     * K − 1 exponentials each at most 1.
     */
    static double log1p(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        // One expression for both cases (k = 0, f = x up to 1), as the vector kernel computes it.
        boolean big = x > 1;
        long bits = Double.doubleToRawLongBits(1 + x);
        double k = big ? (bits >>> 52) - 1023 : 0.0;
        double f = big ? Double.longBitsToDouble((bits & MANTISSA_BITS) | EXPONENT_OF_ONE) - 1 : x;
        return k * PortableMath.LN2_HI + (PortableMath.log1pUnit(f) + k * PortableMath.LN2_LO);
    }
}
