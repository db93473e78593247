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
 * The MLP kernel's promises: the Vector API and scalar implementations give the same bits for
 * ragged row counts (not multiples of 4 or 128), one and two hidden layers, both activations,
 * classification with 2 and 5 classes and regression, full batches and mini-batches, before and
 * after the JIT compiles them; a JVM without the Vector API falls back to the scalar kernel with
 * the same bits; and values and gradients are the textbook per-row backpropagation's to rounding.
 */
class MlpKernelTest {

    private static final int[] ROW_COUNTS = {1, 3, 5, 127, 128, 129, 301};
    private static final int[][] HIDDEN = {{5}, {7, 3}};
    /** Weight scales from ordinary to saturated units (|z| in the hundreds) and huge logits. */
    private static final double[] WEIGHT_SCALES = {0.1, 1, 40};

    private static MlpLoss vector(DenseData data, int[] hidden, Activation activation, double l2) {
        return new MlpLoss(data, hidden, activation, l2, VectorMlpKernel.always());
    }

    private static MlpLoss scalar(DenseData data, int[] hidden, Activation activation, double l2) {
        return new MlpLoss(data, hidden, activation, l2, ScalarMlpKernel.INSTANCE);
    }

    /** Regression, 2 classes, 5 classes, over m rows and d features. */
    private static List<DenseData> dataSets(int m, int d, long seed) {
        return List.of(TestData.regression(m, d, seed), TestData.classification(m, d, 2, seed + 1),
                TestData.classification(m, d, 5, seed + 2));
    }

    /** The same bits, every NaN counting as one. */
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
            int d = 1 + m % 6;
            for (DenseData data : dataSets(m, d, m * 31L)) {
                for (int[] hidden : HIDDEN) {
                    for (Activation activation : Activation.values()) {
                        double l2 = rnd.nextBoolean() ? 0 : 0.3;
                        MlpLoss v = vector(data, hidden, activation, l2);
                        MlpLoss s = scalar(data, hidden, activation, l2);
                        for (double scale : WEIGHT_SCALES) {
                            double[] w = TestData.uniform(rnd, v.dimension(), scale);
                            double[] gv = new double[w.length];
                            double[] gs = new double[w.length];
                            assertSameBits(v.valueAndGradient(w, gv), s.valueAndGradient(w, gs));
                            assertSameBits(gv, gs);
                            assertSameBits(v.value(w), s.value(w));
                            int count = 1 + rnd.nextInt(Math.min(m, 300));
                            int[] batch = rnd.ints(count, 0, m).toArray();
                            assertSameBits(v.valueAndGradient(w, gv, batch, count),
                                    s.valueAndGradient(w, gs, batch, count));
                            assertSameBits(gv, gs);
                            assertSameBits(v.value(w, batch, count), s.value(w, batch, count));
                            if (data.isClassification()) {
                                assertSameBits(v.accuracy(w), s.accuracy(w));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theSameBitsOnceTheJitHasCompiledTheVectorKernel() {
        // The loop above runs mostly interpreted, where the Vector API computes lane by lane in Java;
        // here C2 compiles it to SIMD instructions, which must give the same bits.
        DenseData data = TestData.classification(133, 5, 3, 12);
        SplittableRandom rnd = new SplittableRandom(13);
        int[] batch = rnd.ints(41, 0, 133).toArray();
        for (Activation activation : Activation.values()) {
            MlpLoss v = vector(data, new int[] {6, 3}, activation, 0.1);
            MlpLoss s = scalar(data, new int[] {6, 3}, activation, 0.1);
            double[] gv = new double[v.dimension()];
            double[] gs = new double[v.dimension()];
            for (int call = 0; call < 6_000; call++) {
                double[] w = TestData.uniform(rnd, v.dimension(), WEIGHT_SCALES[call % WEIGHT_SCALES.length]);
                if (call % 2 == 0) {
                    assertSameBits(v.valueAndGradient(w, gv), s.valueAndGradient(w, gs));
                } else {
                    assertSameBits(v.valueAndGradient(w, gv, batch, 41), s.valueAndGradient(w, gs, batch, 41));
                }
                assertSameBits(gv, gs);
            }
        }
    }

    @Test
    void theKernelsAgreeOnSignedZerosNaNsAndInfinities() {
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300,
                -1e-300, 0.17, -0.18, 19.5, -800, Double.MIN_VALUE, 3, -3, 0.5};
        int rows = special.length;
        for (Activation activation : Activation.values()) {
            double[] a = new double[2 * ColumnBlocks.ROWS];
            double[] b = new double[2 * ColumnBlocks.ROWS];
            for (int i = 0; i < rows; i++) {
                a[i] = special[i];
                a[ColumnBlocks.ROWS + i] = -special[rows - 1 - i];
            }
            System.arraycopy(a, 0, b, 0, a.length);
            VectorMlpKernel.always().activate(activation, a, 2, rows);
            ScalarMlpKernel.INSTANCE.activate(activation, b, 2, rows);
            for (int u = 0; u < 2; u++) {
                for (int i = 0; i < rows; i++) {
                    assertSameBits(a[u * ColumnBlocks.ROWS + i], b[u * ColumnBlocks.ROWS + i]);
                }
            }
            double[] da = new double[a.length];
            for (int i = 0; i < da.length; i++) {
                da[i] = special[i % rows];
            }
            double[] db = da.clone();
            VectorMlpKernel.always().multiplyByDerivative(activation, da, a, 2, rows);
            ScalarMlpKernel.INSTANCE.multiplyByDerivative(activation, db, b, 2, rows);
            for (int u = 0; u < 2; u++) {
                for (int i = 0; i < rows; i++) {
                    assertSameBits(da[u * ColumnBlocks.ROWS + i], db[u * ColumnBlocks.ROWS + i]);
                }
            }
        }
        assertThat(Math.max(-0.0, 0.0)).isEqualTo(0.0); // relu(−0) = +0 in both, as Math.max says
    }

    @Test
    void aBatchOfEveryRowInOrderIsTheFullBatchBitForBit() {
        DenseData data = TestData.classification(301, 4, 3, 8);
        int[] all = new int[301];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (MlpLoss loss : List.of(vector(data, new int[] {6}, Activation.TANH, 0.1),
                scalar(data, new int[] {6}, Activation.TANH, 0.1))) {
            double[] w = TestData.uniform(new SplittableRandom(9), loss.dimension(), 1);
            double[] full = new double[w.length];
            double[] batch = new double[w.length];
            assertSameBits(loss.valueAndGradient(w, batch, all, all.length), loss.valueAndGradient(w, full));
            assertSameBits(batch, full);
        }
    }

    @Test
    void valuesAndGradientsAreTheTextbookBackpropagationsToRounding() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int m : new int[] {1, 7, 129, 300}) {
            for (DenseData data : dataSets(m, 3, m * 7L)) {
                for (int[] hidden : HIDDEN) {
                    for (Activation activation : Activation.values()) {
                        MlpLoss loss = vector(data, hidden, activation, 0.25);
                        for (double scale : new double[] {0.1, 1, 5}) {
                            double[] w = TestData.uniform(rnd, loss.dimension(), scale);
                            double[] g = new double[w.length];
                            double[] expectedGradient = new double[w.length];
                            double expected = textbook(data, hidden, activation, 0.25, w, expectedGradient);
                            double value = loss.valueAndGradient(w, g);
                            // Sums of up to 300 rows, in another order and with other exp/tanh: a few ulps each.
                            assertThat(Math.abs(value - expected)).isLessThanOrEqualTo(1e-13 * Math.abs(expected));
                            double gradientScale = TestData.maxAbs(expectedGradient);
                            for (int k = 0; k < w.length; k++) {
                                assertThat(Math.abs(g[k] - expectedGradient[k])).as("weight %d", k)
                                        .isLessThanOrEqualTo(1e-12 * gradientScale);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The mean loss and gradient (l2 included) row by row with nested arrays, StrictMath's tanh and
     * exp, and plain sums: the per-row MLP evaluation before blocking.
     */
    private static double textbook(DenseData data, int[] hidden, Activation activation, double l2, double[] w,
            double[] g) {
        int k = data.classCount();
        int[] n = new int[hidden.length + 2];
        n[0] = data.featureCount();
        System.arraycopy(hidden, 0, n, 1, hidden.length);
        n[n.length - 1] = k == 0 ? 1 : k;
        int layers = n.length - 1;
        int[] offsets = new int[layers];
        for (int l = 1; l < layers; l++) {
            offsets[l] = offsets[l - 1] + n[l] * (n[l - 1] + 1);
        }
        double sum = 0;
        for (int row = 0; row < data.rowCount(); row++) {
            double[][] a = new double[layers + 1][];
            a[0] = new double[n[0]];
            for (int j = 0; j < n[0]; j++) {
                a[0][j] = data.feature(row, j);
            }
            for (int l = 0; l < layers; l++) {
                a[l + 1] = new double[n[l + 1]];
                for (int j = 0; j < n[l + 1]; j++) {
                    int unit = offsets[l] + j * (n[l] + 1);
                    double z = w[unit + n[l]];
                    for (int i = 0; i < n[l]; i++) {
                        z += w[unit + i] * a[l][i];
                    }
                    a[l + 1][j] = l == layers - 1 ? z
                            : activation == Activation.TANH ? StrictMath.tanh(z) : Math.max(z, 0);
                }
            }
            double[] out = a[layers];
            double[] delta = new double[out.length];
            if (k == 0) {
                double r = out[0] - data.label(row);
                sum += 0.5 * r * r;
                delta[0] = r;
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (double z : out) {
                    max = Math.max(max, z);
                }
                double total = 0;
                for (double z : out) {
                    total += StrictMath.exp(z - max);
                }
                int label = (int) data.label(row);
                sum += max + StrictMath.log(total) - out[label];
                for (int c = 0; c < k; c++) {
                    delta[c] = StrictMath.exp(out[c] - max) / total - (c == label ? 1 : 0);
                }
            }
            for (int l = layers - 1; l >= 0; l--) {
                double[] below = new double[n[l]];
                for (int j = 0; j < n[l + 1]; j++) {
                    int unit = offsets[l] + j * (n[l] + 1);
                    for (int i = 0; i < n[l]; i++) {
                        g[unit + i] += delta[j] * a[l][i];
                        below[i] += w[unit + i] * delta[j];
                    }
                    g[unit + n[l]] += delta[j];
                }
                for (int i = 0; i < n[l] && l > 0; i++) {
                    double h = a[l][i];
                    below[i] *= activation == Activation.TANH ? 1 - h * h : h > 0 ? 1 : 0;
                }
                delta = below;
            }
        }
        int m = data.rowCount();
        double squares = 0;
        for (int l = 0; l < layers; l++) {
            for (int j = 0; j < n[l + 1]; j++) {
                int unit = offsets[l] + j * (n[l] + 1);
                for (int i = 0; i <= n[l]; i++) {
                    boolean bias = i == n[l];
                    g[unit + i] = g[unit + i] / m + (bias ? 0 : l2 * w[unit + i]);
                    squares += bias ? 0 : w[unit + i] * w[unit + i];
                }
            }
        }
        return sum / m + 0.5 * l2 * squares;
    }

    @Test
    void thisBuildsJvmsRunTheVectorKernel() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(MlpLoss.kernelName()).isEqualTo("vector");
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
            System.out.println(MlpLoss.kernelName() + " " + bits());
        }

        static String bits() {
            DenseData data = TestData.classification(301, 4, 3, 3);
            MlpLoss loss = new MlpLoss(data, new int[] {5, 4}, Activation.TANH, 0.1);
            double[] w = TestData.uniform(new SplittableRandom(4), loss.dimension(), 2);
            double[] g = new double[w.length];
            double value = loss.valueAndGradient(w, g);
            StringBuilder out = new StringBuilder(Long.toHexString(Double.doubleToRawLongBits(value)));
            for (double v : g) {
                out.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
            }
            return out.toString();
        }
    }
}
