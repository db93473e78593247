package dev.gdsweep.loss.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The values themselves (the gradient test only checks the gradient against the value): hand
 * computed cases that pin the weight layouts, the mean over rows and the penalty; naive reference
 * formulas at random points; the identities between models; and the extremes.
 */
class ModelValueTest {

    /** Relative tolerance against a naive re-computation: a few hundred roundings of O(1) terms. */
    private static final double REFERENCE_RTOL = 1e-12;

    private static DenseData regressionRows(double[] x, double[] y, int d) {
        return DenseData.regression(x, y, TestData.names("f", d));
    }

    private static DenseData classRows(double[] x, double[] y, int d, int k) {
        return DenseData.classification(x, y, TestData.names("f", d), TestData.names("c", k));
    }

    private static void assertRelativelyClose(double actual, double expected, double rtol) {
        assertThat(actual).isCloseTo(expected, within(rtol * Math.max(1, Math.abs(expected))));
    }

    // ---- Hand-computed values: layout, mean and penalty ----

    @Test
    void linearRegressionIsHalfTheMeanSquaredResidualPlusTheRidgeOnFeatureWeightsOnly() {
        // Rows (1, 1) → 0 and (0, 2) → 1; w = (1, 2), b = 3: residuals 6 and 6; ½·mean(36, 36) = 18.
        DenseData data = regressionRows(new double[] {1, 1, 0, 2}, new double[] {0, 7 - 1}, 2);
        LinearRegressionLoss loss = new LinearRegressionLoss(data, 1.0);
        double[] w = {1, 2, 3};
        // Row 2: 0·1 + 2·2 + 3 − 6 = 1: ½·mean(36, 1) = 9.25; penalty ½·(1 + 4) = 2.5, the bias 3 excluded.
        assertThat(loss.meanLoss(w)).isEqualTo(9.25);
        assertThat(loss.penalty(w)).isEqualTo(2.5);
        assertThat(loss.value(w)).isEqualTo(11.75);
        double[] g = new double[3];
        loss.valueAndGradient(w, g);
        // mean(r·x) + l2·w = mean(6·(1,1), 1·(0,2)) + (1, 2) = (3, 4) + (1, 2); bias mean(6, 1) = 3.5.
        assertThat(g).containsExactly(4, 6, 3.5);
    }

    @Test
    void logisticRegressionIsTheMeanLogLossWithClassOneAsPositive() {
        // x = 1 with w = 2, b = −1: z = 1; label 1: log(1 + e^{−1}); label 0: log(1 + e^{1}).
        DenseData data = classRows(new double[] {1, 1}, new double[] {1, 0}, 1, 2);
        LogisticRegressionLoss loss = new LogisticRegressionLoss(data, 0.5);
        double[] w = {2, -1};
        double expected = (Math.log(1 + Math.exp(-1)) + Math.log(1 + Math.E)) / 2 + 0.5 / 2 * 4;
        assertRelativelyClose(loss.value(w), expected, 1e-15);
    }

    @Test
    void softmaxWeightsAreClassMajorWithEachBiasAfterItsClassWeights() {
        // d = 2, K = 3; block c = (W_c0, W_c1, b_c). Row x = (1, 2), label 2.
        DenseData data = classRows(new double[] {1, 2}, new double[] {2}, 2, 3);
        SoftmaxRegressionLoss loss = new SoftmaxRegressionLoss(data, 0);
        double[] w = {1, 0, 0.5, /* class 1 */ 0, 1, -1, /* class 2 */ 0, 0, 3};
        double z0 = 1 + 0.5;
        double z1 = 2 - 1;
        double z2 = 3;
        double expected = Math.log(Math.exp(z0) + Math.exp(z1) + Math.exp(z2)) - z2;
        assertRelativelyClose(loss.value(w), expected, 1e-15);
    }

    @Test
    void mlpWeightsAreLayerByLayerRowMajorUnitsWithTheBiasLast() {
        // d = 1, one relu hidden unit, regression: w = (W¹₀₀, b¹₀, W²₀₀, b²₀) = (2, −1, 3, 0.5).
        // x = 1: h = relu(2 − 1) = 1, o = 3 + 0.5; y = 0: ½·3.5² = 6.125. Penalty l2 = 1: ½(4 + 9) = 6.5.
        DenseData data = regressionRows(new double[] {1}, new double[] {0}, 1);
        MlpLoss loss = new MlpLoss(data, new int[] {1}, Activation.RELU, 1.0);
        assertThat(loss.parameterCount()).isEqualTo(4);
        assertThat(loss.value(new double[] {2, -1, 3, 0.5})).isEqualTo(6.125 + 6.5);
        // x = 0: relu(−1) = 0, o = 0.5: the hidden unit is off.
        MlpLoss off = loss.on(regressionRows(new double[] {0}, new double[] {0}, 1));
        assertThat(off.meanLoss(new double[] {2, -1, 3, 0.5})).isEqualTo(0.125);
    }

    @Test
    void mlpParameterCountIsTheSumOfTheLayerBlocks() {
        // 4 features → 5 → 3 → 3 classes: 5·(4+1) + 3·(5+1) + 3·(3+1) = 25 + 18 + 12.
        assertThat(MlpLoss.parameterCount(4, new int[] {5, 3}, 3)).isEqualTo(55);
        assertThat(MlpLoss.parameterCount(4, new int[] {}, 0)).isEqualTo(5);
        MlpLoss loss = new MlpLoss(TestData.classification(10, 4, 3, 1), new int[] {5, 3}, Activation.TANH, 0);
        assertThat(loss.parameterCount()).isEqualTo(55).isEqualTo(loss.dimension());
        assertThat(loss.layerSizes()).containsExactly(4, 5, 3, 3);
    }

    // ---- Naive reference formulas at random points ----

    @ParameterizedTest
    @EnumSource(Activation.class)
    void mlpMatchesANaiveForwardPassReadFromTheDocumentedLayout(Activation activation) {
        for (DenseData data : List.of(TestData.classification(13, 3, 4, 5), TestData.regression(13, 3, 6))) {
            int[] hidden = {4, 2};
            MlpLoss loss = new MlpLoss(data, hidden, activation, 0.2);
            SplittableRandom rnd = new SplittableRandom(21);
            for (int p = 0; p < 5; p++) {
                double[] w = TestData.uniform(rnd, loss.dimension(), 1.0);
                double expected = naiveMlp(data, hidden, activation, 0.2, w);
                assertRelativelyClose(loss.value(w), expected, REFERENCE_RTOL);
            }
        }
    }

    /** The MLP objective with nested arrays, straight from MlpLoss's layout documentation. */
    private static double naiveMlp(DenseData data, int[] hidden, Activation activation, double l2, double[] w) {
        int k = data.classCount();
        int[] n = new int[hidden.length + 2];
        n[0] = data.featureCount();
        System.arraycopy(hidden, 0, n, 1, hidden.length);
        n[n.length - 1] = k == 0 ? 1 : k;
        double[][][] weights = new double[n.length - 1][][];
        double[][] biases = new double[n.length - 1][];
        int offset = 0;
        double squares = 0;
        for (int l = 0; l < n.length - 1; l++) {
            weights[l] = new double[n[l + 1]][n[l]];
            biases[l] = new double[n[l + 1]];
            for (int j = 0; j < n[l + 1]; j++) {
                for (int i = 0; i < n[l]; i++) {
                    weights[l][j][i] = w[offset++];
                    squares += weights[l][j][i] * weights[l][j][i];
                }
                biases[l][j] = w[offset++];
            }
        }
        assertThat(offset).isEqualTo(w.length);
        double sum = 0;
        for (int r = 0; r < data.rowCount(); r++) {
            double[] a = new double[n[0]];
            for (int i = 0; i < n[0]; i++) {
                a[i] = data.feature(r, i);
            }
            for (int l = 0; l < n.length - 1; l++) {
                double[] z = new double[n[l + 1]];
                for (int j = 0; j < z.length; j++) {
                    z[j] = biases[l][j];
                    for (int i = 0; i < a.length; i++) {
                        z[j] += weights[l][j][i] * a[i];
                    }
                    if (l < n.length - 2) {
                        z[j] = activation == Activation.TANH ? Math.tanh(z[j]) : Math.max(0, z[j]);
                    }
                }
                a = z;
            }
            if (k == 0) {
                sum += 0.5 * (a[0] - data.label(r)) * (a[0] - data.label(r));
            } else {
                double partition = 0;
                for (double v : a) {
                    partition += Math.exp(v);
                }
                sum += Math.log(partition) - a[(int) data.label(r)];
            }
        }
        return sum / data.rowCount() + 0.5 * l2 * squares;
    }

    @Test
    void logisticMatchesTheTextbookLogLoss() {
        DenseData data = TestData.classification(23, 3, 2, 8);
        LogisticRegressionLoss loss = new LogisticRegressionLoss(data, 0.1);
        SplittableRandom rnd = new SplittableRandom(9);
        for (int p = 0; p < 10; p++) {
            double[] w = TestData.uniform(rnd, 4, 2.0);
            double sum = 0;
            for (int r = 0; r < data.rowCount(); r++) {
                double z = w[3];
                for (int j = 0; j < 3; j++) {
                    z += w[j] * data.feature(r, j);
                }
                double s = 1 / (1 + Math.exp(-z));
                double y = data.label(r);
                sum += -y * Math.log(s) - (1 - y) * Math.log(1 - s);
            }
            double expected = sum / data.rowCount() + 0.05 * (w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
            assertRelativelyClose(loss.value(w), expected, REFERENCE_RTOL);
        }
    }

    // ---- Identities between models ----

    @Test
    void mlpWithoutHiddenLayersIsSoftmaxOrLinearRegressionExactly() {
        DenseData classes = TestData.classification(19, 3, 3, 2);
        DenseData targets = TestData.regression(19, 3, 3);
        assertSameLoss(new MlpLoss(classes, new int[0], Activation.TANH, 0.3), new SoftmaxRegressionLoss(classes, 0.3));
        assertSameLoss(new MlpLoss(targets, new int[0], Activation.RELU, 0.3), new LinearRegressionLoss(targets, 0.3));
    }

    private static void assertSameLoss(ModelLoss a, ModelLoss b) {
        assertThat(a.dimension()).isEqualTo(b.dimension());
        SplittableRandom rnd = new SplittableRandom(4);
        for (int p = 0; p < 5; p++) {
            double[] w = TestData.uniform(rnd, a.dimension(), 2.0);
            double[] ga = new double[w.length];
            double[] gb = new double[w.length];
            assertThat(a.valueAndGradient(w, ga)).isEqualTo(b.valueAndGradient(w, gb));
            assertThat(ga).containsExactly(gb);
        }
    }

    @Test
    void softmaxWithTwoClassesIsLogisticRegressionOnTheWeightDifference() {
        // p₁ = e^{z₁}/(e^{z₀} + e^{z₁}) = σ(z₁ − z₀): softmax at (W₀, b₀, W₁, b₁) is logistic at
        // (W₁ − W₀, b₁ − b₀), and its class-1 gradient block is logistic's, its class-0 block the negation.
        DenseData data = TestData.classification(31, 3, 2, 14);
        SoftmaxRegressionLoss softmax = new SoftmaxRegressionLoss(data, 0);
        LogisticRegressionLoss logistic = new LogisticRegressionLoss(data, 0);
        SplittableRandom rnd = new SplittableRandom(15);
        for (int p = 0; p < 20; p++) {
            double[] ws = TestData.uniform(rnd, 8, 3.0);
            double[] wl = new double[4];
            for (int j = 0; j < 4; j++) {
                wl[j] = ws[4 + j] - ws[j];
            }
            double[] gs = new double[8];
            double[] gl = new double[4];
            double ls = softmax.valueAndGradient(ws, gs);
            double ll = logistic.valueAndGradient(wl, gl);
            assertRelativelyClose(ls, ll, 1e-12);
            for (int j = 0; j < 4; j++) {
                assertThat(gs[4 + j]).isCloseTo(gl[j], within(1e-12));
                assertThat(gs[j]).isCloseTo(-gl[j], within(1e-12));
            }
        }
    }

    @Test
    void withClassZeroWeightsAtZeroTheTwoPenaltiesAgreeToo() {
        DenseData data = TestData.classification(31, 3, 2, 16);
        SoftmaxRegressionLoss softmax = new SoftmaxRegressionLoss(data, 0.7);
        LogisticRegressionLoss logistic = new LogisticRegressionLoss(data, 0.7);
        SplittableRandom rnd = new SplittableRandom(17);
        for (int p = 0; p < 10; p++) {
            double[] ws = TestData.uniform(rnd, 8, 3.0);
            ws[0] = 0;
            ws[1] = 0;
            ws[2] = 0; // b₀ = ws[3] stays: biases are not penalised
            double[] wl = {ws[4], ws[5], ws[6], ws[7] - ws[3]};
            assertRelativelyClose(softmax.value(ws), logistic.value(wl), 1e-12);
        }
    }

    // ---- Extremes ----

    @Test
    void logisticStaysFiniteAndExactAtLogitTenThousand() {
        // x = 1, w = 1e4: z = 1e4. Label 1: loss log1p(e^{−1e4}) = 0; label 0: loss 1e4.
        DenseData data = classRows(new double[] {1, 1}, new double[] {1, 0}, 1, 2);
        LogisticRegressionLoss loss = new LogisticRegressionLoss(data, 0);
        double[] g = new double[2];
        assertThat(loss.valueAndGradient(new double[] {1e4, 0}, g)).isEqualTo(5000);
        assertThat(g).containsExactly(0.5, 0.5); // mean(σ − y) = mean(1 − 1, 1 − 0)
        assertThat(loss.valueAndGradient(new double[] {-1e4, 0}, g)).isEqualTo(5000);
        assertThat(g).containsExactly(-0.5, -0.5);
        // A confidently right prediction keeps its tiny loss instead of rounding it to 0.
        DenseData right = classRows(new double[] {1}, new double[] {1}, 1, 2);
        assertRelativelyClose(new LogisticRegressionLoss(right, 0).value(new double[] {40, 0}), Math.exp(-40), 1e-15);
    }

    @Test
    void softmaxStaysFiniteAtLogitsOfTenThousand() {
        DenseData data = classRows(new double[] {1, 1, 1}, new double[] {0, 1, 2}, 1, 3);
        SoftmaxRegressionLoss loss = new SoftmaxRegressionLoss(data, 0);
        double[] w = {1e4, 0, -1e4, 0, 0, 0}; // logits (1e4, −1e4, 0) for every row
        double[] g = new double[6];
        // Losses 0, 2e4 and 1e4 (up to e^{−1e4}).
        assertThat(loss.valueAndGradient(w, g)).isEqualTo(1e4);
        assertThat(java.util.Arrays.stream(g).allMatch(Double::isFinite)).as("finite gradient %s", java.util.Arrays.toString(g)).isTrue();
        assertRelativelyClose(new SoftmaxRegressionLoss(classRows(new double[] {1}, new double[] {0}, 1, 3), 0)
                .value(new double[] {40, 0, 0, 0, 0, 0}), 2 * Math.exp(-40), 1e-15);
    }

    @Test
    void mlpStaysFiniteWhenUnitsSaturateAndLogitsAreHuge() {
        DenseData data = TestData.classification(8, 2, 3, 3);
        for (Activation activation : Activation.values()) {
            MlpLoss loss = new MlpLoss(data, new int[] {3}, activation, 0.1);
            double[] w = new double[loss.dimension()];
            SplittableRandom rnd = new SplittableRandom(5);
            for (int k = 0; k < w.length; k++) {
                w[k] = 1e4 * (rnd.nextBoolean() ? 1 : -1);
            }
            double[] g = new double[w.length];
            assertThat(loss.valueAndGradient(w, g)).isFinite();
            assertThat(java.util.Arrays.stream(g).allMatch(Double::isFinite)).as("finite gradient %s", java.util.Arrays.toString(g)).isTrue();
        }
    }

    // ---- Accuracy, other data, mini-batches ----

    @Test
    void logisticPredictsClassOneOnlyForAPositiveLogit() {
        // z = x: predictions 0, 0 (z = 0 is not > 0), 1, 1 against labels 0, 1, 0, 1.
        DenseData data = classRows(new double[] {-2, 0, 1, 2}, new double[] {0, 1, 0, 1}, 1, 2);
        assertThat(new LogisticRegressionLoss(data, 0).accuracy(new double[] {1, 0})).isEqualTo(0.5);
    }

    @Test
    void softmaxAndMlpPredictTheLargestLogitTheLowestClassOnTies() {
        DenseData data = classRows(new double[] {1, 1, 1}, new double[] {0, 1, 2}, 1, 3);
        // Logits (2, 2, 1): a tie between 0 and 1 goes to 0, right for row 0 only.
        double[] w = {2, 0, 1, 1, 1, 0};
        assertThat(new SoftmaxRegressionLoss(data, 0).accuracy(w)).isEqualTo(1.0 / 3);
        assertThat(new MlpLoss(data, new int[0], Activation.TANH, 0).accuracy(w)).isEqualTo(1.0 / 3);
    }

    @Test
    void accuracyIsNaNForNonFiniteWeightsAndRefusedForRegression() {
        DenseData data = TestData.classification(5, 2, 2, 1);
        assertThat(new LogisticRegressionLoss(data, 0).accuracy(new double[] {Double.NaN, 0, 0})).isNaN();
        LinearRegressionLoss linear = new LinearRegressionLoss(TestData.regression(5, 2, 1), 0);
        assertThatThrownBy(() -> linear.accuracy(new double[3])).isInstanceOf(UnsupportedOperationException.class);
        MlpLoss mlp = new MlpLoss(TestData.regression(5, 2, 1), new int[] {2}, Activation.TANH, 0);
        assertThat(mlp.isClassifier()).isFalse();
        assertThatThrownBy(() -> mlp.accuracy(new double[mlp.dimension()]))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void valueOnOtherDataIsTheSameModelWithTheSameL2() {
        DenseData all = TestData.classification(40, 3, 3, 22);
        DenseData.Split split = all.split(0.25, 1);
        MlpLoss train = new MlpLoss(split.train(), new int[] {4}, Activation.TANH, 0.3);
        double[] w = new double[train.dimension()];
        train.initialize(w, 1, 0);
        MlpLoss direct = new MlpLoss(split.validation(), new int[] {4}, Activation.TANH, 0.3);
        assertThat(train.value(w, split.validation())).isEqualTo(direct.value(w));
        assertThat(train.meanLoss(w, split.validation())).isEqualTo(direct.meanLoss(w));
        assertThat(train.accuracy(w, split.validation())).isEqualTo(direct.accuracy(w));
        assertThat(direct.meanLoss(w) + direct.penalty(w)).isEqualTo(direct.value(w));
    }

    @Test
    void otherDataMustHaveTheSameFeaturesAndClasses() {
        DenseData data = TestData.classification(10, 2, 2, 1);
        LogisticRegressionLoss loss = new LogisticRegressionLoss(data, 0);
        DenseData renamed = DenseData.classification(data.featureArray(), data.labelArray(), List.of("a", "b"),
                data.classNames());
        DenseData otherClasses = DenseData.classification(data.featureArray(), data.labelArray(),
                data.featureNames(), List.of("no", "yes"));
        assertThatThrownBy(() -> loss.on(renamed)).hasMessageContaining("features differ");
        assertThatThrownBy(() -> loss.on(otherClasses)).hasMessageContaining("classes differ");
    }

    @Test
    void modelsRefuseDataOfTheWrongKind() {
        DenseData targets = TestData.regression(5, 2, 1);
        DenseData three = TestData.classification(5, 2, 3, 1);
        assertThatThrownBy(() -> new LinearRegressionLoss(three, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogisticRegressionLoss(three, 0)).hasMessageContaining("2 classes");
        assertThatThrownBy(() -> new SoftmaxRegressionLoss(targets, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinearRegressionLoss(targets, -1)).hasMessageContaining("l2");
        assertThatThrownBy(() -> new LinearRegressionLoss(targets, Double.NaN)).hasMessageContaining("l2");
        assertThatThrownBy(() -> new MlpLoss(targets, new int[] {3, 0}, Activation.RELU, 0))
                .hasMessageContaining("hidden layer 2");
        assertThatThrownBy(() -> new LinearRegressionLoss(targets, 0).value(new double[2]))
                .hasMessageContaining("expected length 3");
    }

    @Test
    void aBatchOfAllRowsInOrderIsTheFullLoss() {
        DenseData data = TestData.classification(12, 3, 3, 9);
        MlpLoss loss = new MlpLoss(data, new int[] {4}, Activation.RELU, 0.2);
        double[] w = new double[loss.dimension()];
        loss.initialize(w, 3, 4);
        int[] all = new int[12];
        for (int i = 0; i < 12; i++) {
            all[i] = i;
        }
        double[] full = new double[w.length];
        double[] batch = new double[w.length];
        assertThat(loss.valueAndGradient(w, batch, all, 12)).isEqualTo(loss.valueAndGradient(w, full));
        assertThat(batch).containsExactly(full);
        assertThatThrownBy(() -> loss.value(w, all, 0)).hasMessageContaining("batch count");
        assertThatThrownBy(() -> loss.value(w, all, 13)).hasMessageContaining("batch count");
    }
}
