package dev.gdsweep.loss.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The linear and softmax regression kernels' promises, as {@link LogisticKernelTest}'s for logistic
 * regression: the Vector API and scalar implementations give the same bits for full batches and
 * mini-batches of awkward sizes (rows not a multiple of 4 or 128, d = 1, K = 2 and 10), compiled or
 * not; a JVM without the Vector API module computes the same bits; and the values are the textbook
 * formulas' to rounding, with linear regression's minimum the normal equations' and softmax's
 * value at zero weights log K.
 */
class ModelKernelTest {

    private static final int[] ROW_COUNTS = {1, 3, 4, 5, 127, 128, 129, 300, 1001};
    private static final int[] FEATURE_COUNTS = {1, 3, 4, 5, 20};
    private static final int[] CLASS_COUNTS = {2, 3, 10};
    /** Ordinary weights, then logits far apart (e^{z − z_max} underflows), then overflow to ∞ and NaN. */
    private static final double[] WEIGHT_SCALES = {0.01, 1, 30, 400, 1e6, 1e300};

    private static LinearRegressionLoss linear(DenseData data, double l2, boolean vector) {
        return new LinearRegressionLoss(data, l2, vector ? VectorLinearKernel.always() : ScalarLinearKernel.INSTANCE);
    }

    private static SoftmaxRegressionLoss softmax(DenseData data, double l2, boolean vector) {
        return new SoftmaxRegressionLoss(data, l2, vector ? VectorSoftmaxKernel.always() : ScalarSoftmaxKernel.INSTANCE);
    }

    /** The same bits, every NaN counting as one (a NaN's sign and payload are not portable). */
    private static void assertSameBits(double actual, double expected) {
        assertThat(Double.doubleToLongBits(actual)).as("%s vs %s", actual, expected)
                .isEqualTo(Double.doubleToLongBits(expected));
    }

    private static void assertSameBits(double[] actual, double[] expected) {
        for (int k = 0; k < expected.length; k++) {
            assertSameBits(actual[k], expected[k]);
        }
    }

    /** Full batch and a random mini-batch (rows repeated), value and gradient, of two losses over the same data. */
    private static void assertSameBits(ModelLoss v, ModelLoss s, SplittableRandom rnd, double scale) {
        int m = v.data().rowCount();
        double[] w = TestData.uniform(rnd, v.dimension(), scale);
        double[] gv = new double[w.length];
        double[] gs = new double[w.length];
        assertSameBits(v.valueAndGradient(w, gv), s.valueAndGradient(w, gs));
        assertSameBits(gv, gs);
        assertSameBits(v.value(w), s.value(w));
        int count = 1 + rnd.nextInt(Math.min(m, 300));
        int[] batch = rnd.ints(count, 0, m).toArray();
        assertSameBits(v.valueAndGradient(w, gv, batch, count), s.valueAndGradient(w, gs, batch, count));
        assertSameBits(gv, gs);
        assertSameBits(v.value(w, batch, count), s.value(w, batch, count));
    }

    @Test
    void linearVectorAndScalarKernelsGiveTheSameBits() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int m : ROW_COUNTS) {
            for (int d : FEATURE_COUNTS) {
                DenseData data = TestData.regression(m, d, m * 31L + d);
                double l2 = rnd.nextBoolean() ? 0 : 0.3;
                LinearRegressionLoss v = linear(data, l2, true);
                LinearRegressionLoss s = linear(data, l2, false);
                for (double scale : WEIGHT_SCALES) {
                    assertSameBits(v, s, rnd, scale);
                }
            }
        }
    }

    @Test
    void softmaxVectorAndScalarKernelsGiveTheSameBits() {
        SplittableRandom rnd = new SplittableRandom(19);
        for (int m : ROW_COUNTS) {
            for (int d : FEATURE_COUNTS) {
                for (int k : CLASS_COUNTS) {
                    DenseData data = TestData.classification(m, d, k, m * 37L + d * 3L + k);
                    double l2 = rnd.nextBoolean() ? 0 : 0.3;
                    SoftmaxRegressionLoss v = softmax(data, l2, true);
                    SoftmaxRegressionLoss s = softmax(data, l2, false);
                    for (double scale : WEIGHT_SCALES) {
                        assertSameBits(v, s, rnd, scale);
                    }
                }
            }
        }
    }

    @Test
    void tiedLogitsGiveTheSameBitsAndTheFirstTopClass() {
        // Zero feature weights and equal biases: every row's logits tie, so the top class is class 0 in
        // each lane and the e_c of the other classes are exactly 1.
        DenseData data = TestData.classification(133, 3, 10, 4);
        double[] w = new double[40];
        for (int c = 0; c < 10; c++) {
            w[c * 4 + 3] = c < 5 ? 2.0 : 1.0; // classes 0-4 tie on top
        }
        double[] gv = new double[40];
        double[] gs = new double[40];
        assertSameBits(softmax(data, 0.1, true).valueAndGradient(w, gv), softmax(data, 0.1, false).valueAndGradient(w, gs));
        assertSameBits(gv, gs);
    }

    @Test
    void theSameBitsOnceTheJitHasCompiledTheVectorKernels() {
        // Mostly interpreted above, where the Vector API computes lane by lane in Java; here C2
        // compiles it to SIMD instructions, which must give the same bits.
        DenseData targets = TestData.regression(133, 5, 12);
        DenseData classes = TestData.classification(133, 5, 10, 12);
        List<ModelLoss[]> pairs = List.of(
                new ModelLoss[] {linear(targets, 0.1, true), linear(targets, 0.1, false)},
                new ModelLoss[] {softmax(classes, 0.1, true), softmax(classes, 0.1, false)});
        SplittableRandom rnd = new SplittableRandom(13);
        int[] batch = rnd.ints(40, 0, 133).toArray();
        for (ModelLoss[] pair : pairs) {
            double[] gv = new double[pair[0].dimension()];
            double[] gs = new double[gv.length];
            for (int call = 0; call < 20_000; call++) {
                double[] w = TestData.uniform(rnd, gv.length, WEIGHT_SCALES[call % 4]);
                if (call % 2 == 0) {
                    assertSameBits(pair[0].valueAndGradient(w, gv), pair[1].valueAndGradient(w, gs));
                } else {
                    assertSameBits(pair[0].valueAndGradient(w, gv, batch, 40), pair[1].valueAndGradient(w, gs, batch, 40));
                }
                assertSameBits(gv, gs);
            }
        }
    }

    @Test
    void theValueAloneIsTheValueOfValueAndGradientAndABatchOfEveryRowIsTheFullBatch() {
        DenseData targets = TestData.regression(1001, 6, 8);
        DenseData classes = TestData.classification(1001, 6, 10, 8);
        int[] all = new int[1001];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (boolean vector : new boolean[] {true, false}) {
            for (ModelLoss loss : List.of(linear(targets, 0.2, vector), softmax(classes, 0.2, vector))) {
                double[] w = TestData.uniform(new SplittableRandom(9), loss.dimension(), 1);
                double[] full = new double[w.length];
                double[] batch = new double[w.length];
                double value = loss.valueAndGradient(w, full);
                assertSameBits(loss.value(w), value);
                assertSameBits(loss.valueAndGradient(w, batch, all, all.length), value);
                assertSameBits(batch, full);
            }
        }
    }

    @Test
    void theValuesAreTheTextbookFormulasToRounding() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int m : ROW_COUNTS) {
            for (int d : FEATURE_COUNTS) {
                DenseData targets = TestData.regression(m, d, m * 7L + d);
                DenseData classes = TestData.classification(m, d, 10, m * 7L + d);
                for (double scale : new double[] {0.01, 1, 30, 400}) {
                    LinearRegressionLoss lin = linear(targets, 0.25, true);
                    double[] w = TestData.uniform(rnd, lin.dimension(), scale);
                    double[] expected = new double[w.length];
                    assertClose(lin, w, textbookLinear(targets, w, 0.25, expected), expected);
                    SoftmaxRegressionLoss soft = softmax(classes, 0.25, true);
                    w = TestData.uniform(rnd, soft.dimension(), scale);
                    expected = new double[w.length];
                    assertClose(soft, w, textbookSoftmax(classes, w, 0.25, expected), expected);
                }
            }
        }
    }

    private static void assertClose(ModelLoss loss, double[] w, double expected, double[] expectedGradient) {
        double[] g = new double[w.length];
        double value = loss.valueAndGradient(w, g);
        assertThat(value).isCloseTo(expected, within(1e-13 * Math.abs(expected)));
        double scale = TestData.maxAbs(expectedGradient);
        for (int k = 0; k < w.length; k++) {
            assertThat(g[k]).as("gradient %d", k).isCloseTo(expectedGradient[k], within(1e-13 * scale));
        }
    }

    /** ½ mean squared residual + ridge, row by row with plain sums: the loss before blocking. */
    private static double textbookLinear(DenseData data, double[] w, double l2, double[] g) {
        int m = data.rowCount();
        int d = data.featureCount();
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double r = w[d] - data.label(i);
            for (int j = 0; j < d; j++) {
                r += data.feature(i, j) * w[j];
            }
            sum += 0.5 * r * r;
            for (int j = 0; j < d; j++) {
                g[j] += r * data.feature(i, j);
            }
            g[d] += r;
        }
        return finish(sum, m, w, l2, g, d, 1);
    }

    /** Mean cross-entropy log Σ e^{z_c} − z_y with Math's exp and log, shifted by the largest logit. */
    private static double textbookSoftmax(DenseData data, double[] w, double l2, double[] g) {
        int m = data.rowCount();
        int d = data.featureCount();
        int k = data.classCount();
        double sum = 0;
        double[] z = new double[k];
        for (int i = 0; i < m; i++) {
            double zMax = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                z[c] = w[c * (d + 1) + d];
                for (int j = 0; j < d; j++) {
                    z[c] += data.feature(i, j) * w[c * (d + 1) + j];
                }
                zMax = Math.max(zMax, z[c]);
            }
            double total = 0;
            for (int c = 0; c < k; c++) {
                total += Math.exp(z[c] - zMax);
            }
            int y = (int) data.label(i);
            sum += zMax + Math.log(total) - z[y];
            for (int c = 0; c < k; c++) {
                double delta = Math.exp(z[c] - zMax) / total - (c == y ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    g[c * (d + 1) + j] += delta * data.feature(i, j);
                }
                g[c * (d + 1) + d] += delta;
            }
        }
        return finish(sum, m, w, l2, g, d, k);
    }

    private static double finish(double sum, int m, double[] w, double l2, double[] g, int d, int units) {
        double penalty = 0;
        for (int k = 0; k < g.length; k++) {
            boolean bias = k % (d + 1) == d;
            g[k] = g[k] / m + (bias ? 0 : l2 * w[k]);
            penalty += bias ? 0 : w[k] * w[k];
        }
        return sum / m + 0.5 * l2 * penalty;
    }

    @Test
    void linearRegressionsGradientVanishesAtTheNormalEquationSolutionAndTheLossIsLeastThere() {
        // 301 rows (three blocks, the last ragged), features with offsets so the bias matters.
        int m = 301;
        int d = 4;
        SplittableRandom rnd = new SplittableRandom(31);
        double[] x = new double[m * d];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = TestData.nextGaussian(rnd) + 0.5 * j;
            }
            y[i] = 1.5 - 2 * x[i * d] + 3 * x[i * d + 3] + 0.3 * TestData.nextGaussian(rnd);
        }
        DenseData data = DenseData.regression(x, y, TestData.names("f", d));
        for (double l2 : new double[] {0, 0.5}) {
            double[] beta = DescentTest.normalEquations(x, y, m, d, l2);
            for (boolean vector : new boolean[] {true, false}) {
                LinearRegressionLoss loss = linear(data, l2, vector);
                double[] g = new double[d + 1];
                double best = loss.valueAndGradient(beta, g);
                // The loss is quadratic with curvature of order 1 here: ‖g‖ of a few ulps of the terms.
                assertThat(TestData.norm(g)).isLessThan(1e-12);
                for (int trial = 0; trial < 20; trial++) {
                    double[] moved = beta.clone();
                    moved[rnd.nextInt(d + 1)] += rnd.nextBoolean() ? 1e-4 : -1e-4;
                    assertThat(loss.value(moved)).isGreaterThan(best);
                }
            }
        }
    }

    @Test
    void softmaxAtZeroWeightsIsLogKWithBiasGradientsOneOverKMinusTheClassShares() {
        // Every logit 0: p_c = 1/K for every row, so L = log K and ∂L/∂b_c = 1/K − (share of class c).
        // Each row's term is log1p(K − 1) within an ulp; the mean of 301 of them drifts by a few more.
        for (int k : new int[] {2, 10}) {
            DenseData data = TestData.classification(301, 3, k, 5);
            int[] counts = new int[k];
            for (int i = 0; i < 301; i++) {
                counts[(int) data.label(i)]++;
            }
            for (boolean vector : new boolean[] {true, false}) {
                SoftmaxRegressionLoss loss = softmax(data, 0, vector);
                double[] g = new double[loss.dimension()];
                assertThat(loss.valueAndGradient(new double[g.length], g)).isCloseTo(Math.log(k), within(1e-14));
                for (int c = 0; c < k; c++) {
                    assertThat(g[c * 4 + 3]).isCloseTo(1.0 / k - counts[c] / 301.0, within(1e-15));
                }
            }
        }
    }

    @Test
    void thisBuildsJvmsRunTheVectorKernels() {
        assertThat(LinearRegressionLoss.kernelName()).isEqualTo("vector");
        assertThat(SoftmaxRegressionLoss.kernelName()).isEqualTo("vector");
    }

    @Test
    void aJvmWithoutTheVectorModuleFallsBackToTheScalarKernelsWithTheSameBits() throws Exception {
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
        assertThat(output).isEqualTo("scalar scalar " + FallbackProbe.bits()); // this JVM's kernels are the vector ones
    }

    /** Run in a JVM without --add-modules: prints its kernels and the bits of values and gradients. */
    static final class FallbackProbe {

        public static void main(String[] args) {
            System.out.println(LinearRegressionLoss.kernelName() + " " + SoftmaxRegressionLoss.kernelName() + " "
                    + bits());
        }

        static String bits() {
            StringBuilder out = new StringBuilder();
            for (ModelLoss loss : List.of(new LinearRegressionLoss(TestData.regression(301, 7, 3), 0.1),
                    new SoftmaxRegressionLoss(TestData.classification(301, 7, 10, 3), 0.1))) {
                double[] w = TestData.uniform(new SplittableRandom(4), loss.dimension(), 3);
                double[] g = new double[w.length];
                out.append(Long.toHexString(Double.doubleToRawLongBits(loss.valueAndGradient(w, g))));
                for (double v : g) {
                    out.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
                }
                out.append(';');
            }
            return out.toString();
        }
    }
}
