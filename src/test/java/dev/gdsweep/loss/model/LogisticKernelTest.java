package dev.gdsweep.loss.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The logistic kernel's promises: the Vector API and scalar implementations give the same bits, for
 * full batches and mini-batches, ragged sizes and extreme margins; a JVM without the Vector API
 * module falls back to the scalar kernel and computes the same bits; and the values are the
 * textbook formula's to rounding.
 */
class LogisticKernelTest {

    private static final int[] ROW_COUNTS = {1, 3, 4, 5, 127, 128, 129, 300, 1001};
    private static final int[] FEATURE_COUNTS = {1, 3, 4, 5, 9, 20};
    /** Weight scales from ordinary to margins where e^−|t| underflows (|t| &gt; 745) and past. */
    private static final double[] WEIGHT_SCALES = {0.01, 1, 30, 400, 1e6, 1e300};

    private static LogisticRegressionLoss vector(DenseData data, double l2) {
        return new LogisticRegressionLoss(data, l2, VectorLogisticKernel.always());
    }

    private static LogisticRegressionLoss scalar(DenseData data, double l2) {
        return new LogisticRegressionLoss(data, l2, ScalarLogisticKernel.INSTANCE);
    }

    /** The same bits, every NaN counting as one (a NaN's sign and payload are not portable, even through Math.abs). */
    private static void assertSameBits(double actual, double expected) {
        assertThat(Double.doubleToLongBits(actual)).as("%s vs %s", actual, expected)
                .isEqualTo(Double.doubleToLongBits(expected));
    }

    private static void assertSameBits(double[] actual, double[] expected) {
        for (int k = 0; k < expected.length; k++) {
            assertSameBits(actual[k], expected[k]);
        }
    }

    @Test
    void theVectorAndScalarKernelsGiveTheSameBits() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int m : ROW_COUNTS) {
            for (int d : FEATURE_COUNTS) {
                DenseData data = TestData.classification(m, d, 2, m * 31L + d);
                double l2 = rnd.nextBoolean() ? 0 : 0.3;
                LogisticRegressionLoss v = vector(data, l2);
                LogisticRegressionLoss s = scalar(data, l2);
                for (double scale : WEIGHT_SCALES) {
                    double[] w = TestData.uniform(rnd, d + 1, scale);
                    double[] gv = new double[d + 1];
                    double[] gs = new double[d + 1];
                    assertSameBits(v.valueAndGradient(w, gv), s.valueAndGradient(w, gs));
                    assertSameBits(gv, gs);
                    assertSameBits(v.value(w), s.value(w));
                    int count = 1 + rnd.nextInt(Math.min(m, 300));
                    int[] batch = rnd.ints(count, 0, m).toArray();
                    assertSameBits(v.valueAndGradient(w, gv, batch, count), s.valueAndGradient(w, gs, batch, count));
                    assertSameBits(gv, gs);
                    assertSameBits(v.value(w, batch, count), s.value(w, batch, count));
                }
            }
        }
    }

    @Test
    void theSameBitsOnceTheJitHasCompiledTheVectorKernel() {
        // The loop above runs mostly interpreted, where the Vector API computes lane by lane in Java;
        // here C2 compiles it to SIMD instructions, which must give the same bits.
        DenseData data = TestData.classification(133, 5, 2, 12);
        LogisticRegressionLoss v = vector(data, 0.1);
        LogisticRegressionLoss s = scalar(data, 0.1);
        SplittableRandom rnd = new SplittableRandom(13);
        double[] gv = new double[6];
        double[] gs = new double[6];
        int[] batch = rnd.ints(40, 0, 133).toArray();
        for (int call = 0; call < 30_000; call++) {
            double[] w = TestData.uniform(rnd, 6, WEIGHT_SCALES[call % WEIGHT_SCALES.length]);
            if (call % 2 == 0) {
                assertSameBits(v.valueAndGradient(w, gv), s.valueAndGradient(w, gs));
            } else {
                assertSameBits(v.valueAndGradient(w, gv, batch, 40), s.valueAndGradient(w, gs, batch, 40));
            }
            assertSameBits(gv, gs);
        }
    }

    @Test
    void theValueAloneIsTheValueOfValueAndGradient() {
        DenseData data = TestData.classification(300, 7, 2, 5);
        double[] w = TestData.uniform(new SplittableRandom(6), 8, 2);
        for (LogisticRegressionLoss loss : List.of(vector(data, 0.2), scalar(data, 0.2))) {
            assertSameBits(loss.value(w), loss.valueAndGradient(w, new double[8]));
        }
    }

    @Test
    void aBatchOfEveryRowInOrderIsTheFullBatchBitForBit() {
        DenseData data = TestData.classification(1001, 6, 2, 8);
        double[] w = TestData.uniform(new SplittableRandom(9), 7, 1);
        int[] all = new int[1001];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        LogisticRegressionLoss loss = vector(data, 0.1);
        double[] full = new double[7];
        double[] batch = new double[7];
        assertSameBits(loss.valueAndGradient(w, batch, all, all.length), loss.valueAndGradient(w, full));
        assertSameBits(batch, full);
    }

    @Test
    void theValuesAreTheTextbookFormulasToRounding() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int m : ROW_COUNTS) {
            for (int d : FEATURE_COUNTS) {
                DenseData data = TestData.classification(m, d, 2, m * 7L + d);
                LogisticRegressionLoss loss = vector(data, 0.25);
                for (double scale : new double[] {0.01, 1, 30, 400, 1e6}) {
                    double[] w = TestData.uniform(rnd, d + 1, scale);
                    double[] g = new double[d + 1];
                    double[] expectedGradient = new double[d + 1];
                    double expected = textbook(data, w, 0.25, expectedGradient);
                    double value = loss.valueAndGradient(w, g);
                    assertThat(Math.abs(value - expected)).isLessThanOrEqualTo(1e-13 * Math.abs(expected));
                    double scaleOfGradient = TestData.maxAbs(expectedGradient);
                    for (int k = 0; k <= d; k++) {
                        assertThat(Math.abs(g[k] - expectedGradient[k])).isLessThanOrEqualTo(1e-13 * scaleOfGradient);
                    }
                }
            }
        }
    }

    /** The straightforward row-by-row formula with Math's exp and log1p: the kernel before blocking. */
    private static double textbook(DenseData data, double[] w, double l2, double[] g) {
        int m = data.rowCount();
        int d = data.featureCount();
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double z = w[d];
            for (int j = 0; j < d; j++) {
                z += data.feature(i, j) * w[j];
            }
            double sign = 1 - 2 * data.label(i);
            double t = sign * z;
            double e = Math.exp(-Math.abs(t));
            sum += Math.max(t, 0) + Math.log1p(e);
            double r = sign * (t >= 0 ? 1 / (1 + e) : e / (1 + e));
            for (int j = 0; j < d; j++) {
                g[j] += r * data.feature(i, j);
            }
            g[d] += r;
        }
        double penalty = 0;
        for (int j = 0; j <= d; j++) {
            g[j] = g[j] / m + (j < d ? l2 * w[j] : 0);
            penalty += j < d ? w[j] * w[j] : 0;
        }
        return sum / m + 0.5 * l2 * penalty;
    }

    @Test
    void thisBuildsJvmsRunTheVectorKernel() {
        // surefire's argLine carries the pom's spark.jvm.flags, which add the module.
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(LogisticRegressionLoss.kernelName()).isEqualTo("vector");
    }

    @Test
    void aJvmWithoutTheVectorModuleFallsBackToTheScalarKernelWithTheSameBits() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                FallbackProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("scalar " + FallbackProbe.bits()); // this JVM's kernel is the vector one
    }

    /** Run in a JVM without --add-modules: prints its kernel and the bits of a value and gradient. */
    static final class FallbackProbe {

        public static void main(String[] args) {
            System.out.println(LogisticRegressionLoss.kernelName() + " " + bits());
        }

        static String bits() {
            DenseData data = TestData.classification(301, 7, 2, 3);
            LogisticRegressionLoss loss = new LogisticRegressionLoss(data, 0.1);
            double[] w = TestData.uniform(new SplittableRandom(4), 8, 3);
            double[] g = new double[8];
            double value = loss.valueAndGradient(w, g);
            StringBuilder out = new StringBuilder(Long.toHexString(Double.doubleToRawLongBits(value)));
            for (double v : g) {
                out.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
            }
            return out.toString();
        }
    }
}
