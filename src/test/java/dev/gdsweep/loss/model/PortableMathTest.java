package dev.gdsweep.loss.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link PortableMath}'s exp and log1p against {@link StrictMath} (fdlibm, itself within 1 ulp):
 * at most 1 ulp apart over their whole domains, and equal for most arguments (neither is correctly
 * rounded: both misround 5-9% of arguments, by under 0.81 ulp); the special values; and the Vector
 * API kernel's versions give the same bits lane by lane.
 */
class PortableMathTest {

    private static final int SAMPLES = 400_000;

    /** |a − b| in units of b's ulp (the smallest subnormal for results near 0). */
    private static double ulps(double a, double b) {
        return Math.abs(a - b) / Math.ulp(b);
    }

    private record Error(double maxUlps, double fractionEqual) {}

    private static Error compare(DoubleUnaryOperator mine, DoubleUnaryOperator strict, double[] arguments) {
        double max = 0;
        int equal = 0;
        for (double a : arguments) {
            double m = mine.applyAsDouble(a);
            double s = strict.applyAsDouble(a);
            max = Math.max(max, ulps(m, s));
            equal += m == s ? 1 : 0;
        }
        return new Error(max, (double) equal / arguments.length);
    }

    private static double[] uniform(long seed, double from, double to) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] out = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            out[i] = rnd.nextDouble(from, to);
        }
        return out;
    }

    /** Magnitudes spread over [2^lowExponent, 2^highExponent], so tiny arguments are tested as much as large ones. */
    private static double[] logUniform(long seed, int lowExponent, int highExponent, double sign) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] out = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            out[i] = sign * Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(lowExponent, highExponent));
        }
        return out;
    }

    @Test
    void expIsWithinOneUlpOfStrictMathDownToTheSubnormals() {
        for (double[] arguments : new double[][] {uniform(1, -746, 0), uniform(2, -1, 0), uniform(3, -745.2, -700),
                logUniform(4, -1074, 9, -1)}) {
            Error error = compare(PortableMath::expNonPositive, StrictMath::exp, arguments);
            assertThat(error.maxUlps()).isLessThanOrEqualTo(1.0);
            assertThat(error.fractionEqual()).isGreaterThan(0.85);
        }
    }

    @Test
    void log1pIsWithinOneUlpOfStrictMathOnTheUnitInterval() {
        for (double[] arguments : new double[][] {uniform(5, 0, 1), uniform(6, 0.49, 0.51),
                logUniform(7, -1074, 0, 1)}) {
            Error error = compare(PortableMath::log1pUnit, StrictMath::log1p, arguments);
            assertThat(error.maxUlps()).isLessThanOrEqualTo(1.0);
            assertThat(error.fractionEqual()).isGreaterThan(0.85);
        }
    }

    @Test
    void generalLog1pIsWithinOneUlpOfStrictMathUpToLargeArguments() {
        // The softmax cross-entropy's log1p(s), s = Σ e^{z_c − z_max} in [0, K − 1]: both sides of the
        // reduction's threshold √2 − 1, the binades above, and magnitudes from the subnormals to 2^40.
        for (double[] arguments : new double[][] {uniform(10, 0, 1), uniform(11, 0.40, 0.43), uniform(12, 0, 10),
                uniform(13, 1, 1000), logUniform(14, -1074, 40, 1)}) {
            Error error = compare(PortableMath::log1p, StrictMath::log1p, arguments);
            assertThat(error.maxUlps()).isLessThanOrEqualTo(1.0);
            assertThat(error.fractionEqual()).isGreaterThan(0.85);
        }
        assertThat(PortableMath.log1p(0.0)).isEqualTo(0.0);
        assertThat(PortableMath.log1p(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
        assertThat(PortableMath.log1p(1.0)).isEqualTo(StrictMath.log(2));
        assertThat(PortableMath.log1p(9.0)).isCloseTo(StrictMath.log(10), org.assertj.core.api.Assertions.within(
                Math.ulp(StrictMath.log(10))));
        assertThat(PortableMath.log1p(Double.NaN)).isNaN();
    }

    @Test
    void theVectorSoftmaxLossStageComputesLog1psBitsLaneByLane() {
        // With z_max = z_y = 0 and s = x, fresh loss lanes gain 0 + log1p(x) = log1p(x) exactly.
        double[][] argumentSets = {uniform(15, 0, 10), logUniform(16, -1074, 12, 1),
                {0.0, Double.MIN_VALUE, 0.41421356237309503, 0.4142135623730951, 1.0, 2.0, 9.0, Double.NaN}};
        int k = 2;
        double[] scratch = new double[SoftmaxKernel.scratchLength(k)];
        double[] lanes = new double[4];
        for (double[] arguments : argumentSets) {
            for (int i = 0; i + 4 <= arguments.length; i += 4) {
                java.util.Arrays.fill(lanes, 0.0);
                System.arraycopy(arguments, i, scratch, SoftmaxKernel.sums(k), 4);
                VectorSoftmaxKernel.addLossLanes(4, k, lanes, scratch);
                for (int j = 0; j < 4; j++) {
                    assertSameBits(lanes[j], PortableMath.log1p(arguments[i + j]));
                }
            }
        }
    }

    @Test
    void specialValues() {
        assertThat(PortableMath.expNonPositive(0.0)).isEqualTo(1.0);
        assertThat(PortableMath.expNonPositive(-0.0)).isEqualTo(1.0);
        assertThat(PortableMath.expNonPositive(-745.2)).isEqualTo(0.0);
        assertThat(PortableMath.expNonPositive(-745.1)).isEqualTo(Double.MIN_VALUE);
        assertThat(PortableMath.expNonPositive(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(PortableMath.expNonPositive(-Double.MAX_VALUE)).isEqualTo(0.0);
        assertThat(PortableMath.expNonPositive(Double.NaN)).isNaN();
        assertThat(PortableMath.log1pUnit(0.0)).isEqualTo(0.0);
        assertThat(PortableMath.log1pUnit(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
        assertThat(PortableMath.log1pUnit(1e-300)).isEqualTo(1e-300);
        assertThat(PortableMath.log1pUnit(1.0)).isEqualTo(StrictMath.log(2));
        assertThat(PortableMath.log1pUnit(Double.NaN)).isNaN();
    }

    @Test
    void theVectorKernelsStagesComputeTheSameBitsLaneByLane() {
        // exps stage: e = exp(−|t|), so margins t = a ≤ 0 give exp(a). Loss stage: with t = 0 and
        // e = x, fresh lanes gain 0 + log1p(x) = log1p(x) exactly.
        double[][] argumentSets = {uniform(8, -746, 0), logUniform(9, -1074, 10, -1),
                {0.0, -0.0, Double.NEGATIVE_INFINITY, Double.NaN, -745.2, -745.1, -708.5, -1e-300}};
        double[] scratch = new double[LogisticKernel.SCRATCH_LENGTH];
        double[] lanes = new double[LogisticKernel.lanesLength(1)];
        for (double[] arguments : argumentSets) {
            for (int i = 0; i + 4 <= arguments.length; i += 4) {
                System.arraycopy(arguments, i, scratch, LogisticKernel.MARGINS, 4);
                VectorLogisticKernel.exps(4, scratch);
                for (int k = 0; k < 4; k++) {
                    assertSameBits(scratch[LogisticKernel.EXPS + k], PortableMath.expNonPositive(arguments[i + k]));
                }
                java.util.Arrays.fill(lanes, 0.0);
                for (int k = 0; k < 4; k++) {
                    scratch[LogisticKernel.MARGINS + k] = 0.0;
                    double unit = -arguments[i + k] / 746; // mostly in [0, 1]: the domain
                    scratch[LogisticKernel.EXPS + k] = unit;
                }
                VectorLogisticKernel.addLossLanes(4, lanes, scratch);
                for (int k = 0; k < 4; k++) {
                    assertSameBits(lanes[LogisticKernel.LOSS + k],
                            PortableMath.log1pUnit(scratch[LogisticKernel.EXPS + k]));
                }
            }
        }
    }

    /** The same bits, every NaN counting as one (a NaN's sign and payload are not portable, even through Math.abs). */
    private static void assertSameBits(double actual, double expected) {
        assertThat(Double.doubleToLongBits(actual)).as("%s vs %s", actual, expected)
                .isEqualTo(Double.doubleToLongBits(expected));
    }
}
