package dev.gdsweep.loss.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model's analytic gradient against central finite differences of its own value, at several
 * random weight vectors, with and without l2; for the MLP both activations, one and two hidden
 * layers (and none), classification and regression; and the mini-batch gradient likewise.
 */
class GradientCheckTest {

    private static final int POINTS = 5;

    /**
     * Step h = 1e-6·max(1, |w_k|). The central difference errs by the truncation h²·f'''/6 (≈ 1e-12
     * here: smooth losses, O(1) derivatives) plus round-off ≈ eps·|f|/h ≈ 1e-10·|f|. Error is
     * measured relative to the scale 1 + |f| + max|g|. Measured on correct code over all 64 cases ×
     * 5 points: worst 1.9e-10; RTOL 1e-8 leaves a margin of 50. A missing or wrong term moves g_k by
     * that term's size, O(1e-2 .. 1) at these random points, far above 1e-8:
     * breaking, one at a time, the bias gradient of linear regression, the sign of σ(z) − y, the
     * p_y − 1 of the softmax, tanh' and relu' in the MLP backward pass, relu'(0) = 1 (a ≥ 0 instead
     * of a &gt; 0: every unit then passes its delta), the Wᵀδ step, the MLP and softmax bias
     * gradients, and the l2 gradient (l2·w → 2·l2·w) each made this test fail.
     */
    private static final double RTOL = 1e-8;

    private static final double STEP = 1e-6;

    private static final int M = 17;
    private static final int D = 4;

    static Stream<Named<Supplier<ModelLoss>>> losses() {
        List<Named<Supplier<ModelLoss>>> cases = new ArrayList<>();
        DenseData regression = TestData.regression(M, D, 11);
        DenseData binary = TestData.classification(M, D, 2, 12);
        DenseData threeClasses = TestData.classification(M, D, 3, 13);
        for (double l2 : new double[] {0.0, 0.3}) {
            cases.add(Named.of("linear l2=" + l2, () -> new LinearRegressionLoss(regression, l2)));
            cases.add(Named.of("logistic l2=" + l2, () -> new LogisticRegressionLoss(binary, l2)));
            cases.add(Named.of("softmax K=2 l2=" + l2, () -> new SoftmaxRegressionLoss(binary, l2)));
            cases.add(Named.of("softmax K=3 l2=" + l2, () -> new SoftmaxRegressionLoss(threeClasses, l2)));
            for (Activation activation : Activation.values()) {
                for (int[] hidden : new int[][] {{}, {5}, {4, 3}}) {
                    for (DenseData data : List.of(regression, threeClasses)) {
                        String name = "mlp " + activation + " hidden=" + java.util.Arrays.toString(hidden)
                                + (data.isClassification() ? " K=3" : " regression") + " l2=" + l2;
                        cases.add(Named.of(name, () -> new MlpLoss(data, hidden, activation, l2)));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void gradientMatchesCentralDifferences(Supplier<ModelLoss> make) {
        ModelLoss loss = make.get();
        SplittableRandom rnd = new SplittableRandom(loss.dimension() * 31L + 7);
        for (int p = 0; p < POINTS; p++) {
            double[] w = TestData.uniform(rnd, loss.dimension(), 1.5);
            double[] g = new double[loss.dimension()];
            double f = loss.valueAndGradient(w, g);
            assertThat(f).as("valueAndGradient's value is value()'s").isEqualTo(loss.value(w));
            double[] fd = centralDifferences(w, loss::value);
            assertClose(g, fd, f, "point " + p);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void miniBatchGradientMatchesCentralDifferences(Supplier<ModelLoss> make) {
        ModelLoss loss = make.get();
        // Row 3 twice, and entries past count that would throw if they were read.
        int[] rows = {3, 0, 16, 3, 9, -1, 99};
        int count = 5;
        SplittableRandom rnd = new SplittableRandom(loss.dimension() * 17L + 3);
        for (int p = 0; p < POINTS; p++) {
            double[] w = TestData.uniform(rnd, loss.dimension(), 1.5);
            double[] g = new double[loss.dimension()];
            double f = loss.valueAndGradient(w, g, rows, count);
            assertThat(f).isEqualTo(loss.value(w, rows, count));
            double[] fd = centralDifferences(w, v -> loss.value(v, rows, count));
            assertClose(g, fd, f, "point " + p);
        }
    }

    interface Objective {
        double at(double[] w);
    }

    static double[] centralDifferences(double[] w, Objective f) {
        double[] fd = new double[w.length];
        double[] probe = w.clone();
        for (int k = 0; k < w.length; k++) {
            double h = STEP * Math.max(1, Math.abs(w[k]));
            probe[k] = w[k] + h;
            double up = f.at(probe);
            probe[k] = w[k] - h;
            double down = f.at(probe);
            probe[k] = w[k];
            fd[k] = (up - down) / (2 * h);
        }
        return fd;
    }

    private static void assertClose(double[] g, double[] fd, double f, String where) {
        double scale = 1 + Math.abs(f) + TestData.maxAbs(g);
        for (int k = 0; k < g.length; k++) {
            double error = Math.abs(g[k] - fd[k]) / scale;
            assertThat(error).as("%s, coordinate %d: analytic %s, finite difference %s", where, k, g[k], fd[k])
                    .isLessThanOrEqualTo(RTOL);
        }
    }
}
