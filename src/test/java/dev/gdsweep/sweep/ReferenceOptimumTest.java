package dev.gdsweep.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gdsweep.loss.model.Activation;
import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.loss.model.LinearRegressionLoss;
import dev.gdsweep.loss.model.LogisticRegressionLoss;
import dev.gdsweep.loss.model.MlpLoss;
import dev.gdsweep.loss.model.ModelLoss;
import dev.gdsweep.loss.model.SoftmaxRegressionLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The reference optimum against optima found independently: the normal equations of ridge regression
 * solved here, and a BFGS written here for logistic and softmax regression, on data of this test's own
 * with features far from unit scale (standardised or not), with and without l2.
 */
class ReferenceOptimumTest {

    @ParameterizedTest
    @CsvSource({"0, false", "0, true", "0.05, false", "0.05, true"})
    void linearRegressionIsTheRidgeSolution(double l2, boolean standardize) {
        DenseData data = data(120, 3, 0, 11, standardize);
        LinearRegressionLoss loss = new LinearRegressionLoss(data, l2);
        double[] expected = ridge(data, l2);

        ReferenceOptimum.Result r = ReferenceOptimum.solve(loss);

        assertThat(r.certified()).isTrue();
        assertThat(r.unique()).isTrue();
        assertThat(r.loss()).isCloseTo(loss.value(expected), within(1e-8 * loss.value(expected)));
        assertThat(r.weights()).containsExactly(expected, within(1e-4));
        assertThat(r.distance(expected)).isLessThan(1e-4);
    }

    @ParameterizedTest
    @CsvSource({"0, false", "0, true", "0.01, false", "0.01, true"})
    void logisticRegressionMatchesAnIndependentBfgs(double l2, boolean standardize) {
        DenseData data = data(200, 3, 2, 12, standardize);
        LogisticRegressionLoss loss = new LogisticRegressionLoss(data, l2);
        double[] expected = bfgs(loss, new double[loss.dimension()]);

        ReferenceOptimum.Result r = ReferenceOptimum.solve(loss);

        assertThat(r.certified()).isTrue();
        assertThat(r.unique()).isTrue();
        assertThat(r.loss()).isCloseTo(loss.value(expected), within(1e-8 * loss.value(expected)));
        assertThat(r.weights()).containsExactly(expected, within(1e-4));
    }

    @ParameterizedTest
    @CsvSource({"0, false", "0, true", "0.01, false", "0.01, true"})
    void softmaxRegressionMatchesAnIndependentBfgsUpToTheShiftItCannotSee(double l2, boolean standardize) {
        DenseData data = data(240, 2, 3, 13, standardize);
        SoftmaxRegressionLoss loss = new SoftmaxRegressionLoss(data, l2);
        double[] expected = bfgs(loss, new double[loss.dimension()]);

        ReferenceOptimum.Result r = ReferenceOptimum.solve(loss);

        assertThat(r.certified()).isTrue();
        assertThat(r.unique()).isTrue(); // up to the shift: the distance ignores it
        assertThat(r.loss()).isCloseTo(loss.value(expected), within(1e-8 * loss.value(expected)));
        assertThat(r.distance(expected)).isLessThan(1e-4);
        // Every class's block shifted by one vector (and biases by one number) is the same minimum.
        double[] shifted = expected.clone();
        int s = data.featureCount() + 1;
        for (int c = 0; c < 3; c++) {
            shifted[c * s + s - 1] += 5;
            if (l2 == 0) {
                shifted[c * s] -= 2;
            }
        }
        assertThat(loss.value(shifted)).isCloseTo(loss.value(expected), within(1e-12));
        assertThat(r.distance(shifted)).isLessThan(1e-4);
        // The weights are reported centred: each freed coordinate's mean over the classes is 0.
        double biasMean = (r.weights()[s - 1] + r.weights()[2 * s - 1] + r.weights()[3 * s - 1]) / 3;
        assertThat(biasMean).isCloseTo(0, within(1e-12));
    }

    @Test
    void aRoughCandidateIsPolishedAndAPointNotPolishedIsNotCertified() {
        DenseData data = data(200, 3, 2, 14, false);
        LogisticRegressionLoss loss = new LogisticRegressionLoss(data, 0.01);
        double[] optimum = ReferenceOptimum.solve(loss).weights();
        double[] rough = optimum.clone();
        for (int k = 0; k < rough.length; k++) {
            rough[k] += 1e-3 * (k + 1); // an answer to a loose tolerance
        }

        ReferenceOptimum.Result judged = ReferenceOptimum.certify(loss, rough, 0);
        ReferenceOptimum.Result polished = ReferenceOptimum.certify(loss, rough);

        assertThat(judged.certified()).isFalse();
        assertThat(judged.gradientNorm()).isGreaterThan(ReferenceOptimum.CERTIFIED_GRADIENT_NORM);
        assertThat(judged.weights()).containsExactly(rough);
        assertThat(polished.certified()).isTrue();
        assertThat(polished.newtonSteps()).isBetween(1, 5);
        assertThat(polished.weights()).containsExactly(optimum, within(1e-8));
    }

    @Test
    void aDuplicatedFeatureWithoutL2HasNoUniqueMinimumButWithL2ItHas() {
        DenseData base = data(100, 2, 0, 15, false);
        double[] x = new double[100 * 3];
        for (int i = 0; i < 100; i++) {
            x[i * 3] = base.feature(i, 0);
            x[i * 3 + 1] = base.feature(i, 1);
            x[i * 3 + 2] = base.feature(i, 1); // the same column twice
        }
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            y[i] = base.label(i);
        }
        DenseData twice = DenseData.regression(x, y, List.of("a", "b", "b2"));

        ReferenceOptimum.Result flat = ReferenceOptimum.solve(new LinearRegressionLoss(twice, 0));
        ReferenceOptimum.Result ridge = ReferenceOptimum.solve(new LinearRegressionLoss(twice, 0.1));

        assertThat(flat.certified()).isTrue(); // a minimum, one of a line of them
        assertThat(flat.unique()).isFalse();
        assertThat(ridge.unique()).isTrue();
    }

    @Test
    void separableClassesWithoutL2HaveNoMinimumToCertifyButWithL2TheyHave() {
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i] = i < 20 ? -1 - 0.1 * i : 1 + 0.1 * i; // class 0 on the left, class 1 on the right
            y[i] = i < 20 ? 0 : 1;
        }
        DenseData data = DenseData.classification(x, y, List.of("x"), List.of("a", "b"));

        ReferenceOptimum.Result flat = ReferenceOptimum.solve(new LogisticRegressionLoss(data, 0));
        ReferenceOptimum.Result ridge = ReferenceOptimum.solve(new LogisticRegressionLoss(data, 0.01));

        assertThat(flat.certified()).isFalse(); // the loss only tends to 0 as the weights grow
        assertThat(ridge.certified()).isTrue();
        assertThat(ridge.unique()).isTrue();
    }

    @Test
    void anMlpHasNoReference() {
        DenseData data = data(20, 2, 2, 16, true);
        MlpLoss mlp = new MlpLoss(data, new int[] {3}, Activation.TANH, 0);
        assertThat(ReferenceOptimum.applies(mlp)).isFalse();
        assertThatThrownBy(() -> ReferenceOptimum.solve(mlp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("convex");
    }

    // ---- data and the independent solvers ------------------------------------------------------------

    /**
     * m rows of d features on scales 1, 10, 100, ... and offsets (unstandardised, as raw measurements are);
     * a regression target (classes = 0) or noisy classes from a linear score, so that no class separates.
     */
    static DenseData data(int m, int d, int classes, long seed, boolean standardize) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[m * d];
        double[] y = new double[m];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        for (int i = 0; i < m; i++) {
            double score = 0.3;
            for (int j = 0; j < d; j++) {
                double z = gaussian(rnd);
                x[i * d + j] = 3 + z * Math.pow(10, j);
                score += (j % 2 == 0 ? 1 : -0.7) * z;
            }
            if (classes == 0) {
                y[i] = 2 * score + 0.5 * gaussian(rnd);
            } else {
                double noisy = score + 1.5 * gaussian(rnd);
                int c = (int) Math.floor((noisy + 3) / 6 * classes);
                y[i] = i < classes ? i : Math.max(0, Math.min(classes - 1, c));
            }
        }
        DenseData data;
        if (classes == 0) {
            data = DenseData.regression(x, y, names);
        } else {
            List<String> classNames = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                classNames.add("c" + c);
            }
            data = DenseData.classification(x, y, names, classNames);
        }
        return standardize ? data.standardized() : data;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Ridge by the normal equations, (X̃ᵀX̃/m + l2·D) w = X̃ᵀy/m, D the identity but the bias, by Gauss-Jordan. */
    static double[] ridge(DenseData data, double l2) {
        int m = data.rowCount();
        int d = data.featureCount();
        int s = d + 1;
        double[][] a = new double[s][s + 1];
        for (int i = 0; i < m; i++) {
            double[] row = new double[s];
            for (int j = 0; j < d; j++) {
                row[j] = data.feature(i, j);
            }
            row[d] = 1;
            for (int p = 0; p < s; p++) {
                for (int q = 0; q < s; q++) {
                    a[p][q] += row[p] * row[q] / m;
                }
                a[p][s] += row[p] * data.label(i) / m;
            }
        }
        for (int j = 0; j < d; j++) {
            a[j][j] += l2;
        }
        for (int col = 0; col < s; col++) {
            int pivot = col;
            for (int r = col + 1; r < s; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < s; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= s; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] w = new double[s];
        for (int j = 0; j < s; j++) {
            w[j] = a[j][s] / a[j][j];
        }
        return w;
    }

    /**
     * BFGS with the inverse-Hessian update and Armijo backtracking, from {@code w}, until ‖∇L‖ ≤ 1e-10 or
     * no step helps: a quasi-Newton method that shares nothing with the class under test but the loss.
     */
    static double[] bfgs(ModelLoss loss, double[] start) {
        int p = loss.dimension();
        double[] w = start.clone();
        double[] g = new double[p];
        double value = loss.valueAndGradient(w, g);
        double[][] inv = new double[p][p];
        for (int k = 0; k < p; k++) {
            inv[k][k] = 1e-6; // unscaled features: a first step that cannot overshoot
        }
        double[] next = new double[p];
        double[] nextG = new double[p];
        for (int iteration = 0; iteration < 20_000 && norm(g) > 1e-10; iteration++) {
            double[] dir = new double[p];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    dir[a] -= inv[a][b] * g[b];
                }
            }
            double slope = 0;
            for (int a = 0; a < p; a++) {
                slope += g[a] * dir[a];
            }
            if (slope >= 0) { // lost its way: start over from a gradient step
                for (int a = 0; a < p; a++) {
                    Arrays.fill(inv[a], 0);
                    inv[a][a] = 1e-6;
                    dir[a] = -1e-6 * g[a];
                }
                slope = -1e-6 * norm(g) * norm(g);
            }
            double t = 1;
            double nextValue = Double.NaN;
            for (int tries = 0; tries < 60; tries++, t *= 0.5) {
                for (int a = 0; a < p; a++) {
                    next[a] = w[a] + t * dir[a];
                }
                nextValue = loss.valueAndGradient(next, nextG);
                if (nextValue <= value + 1e-4 * t * slope || (nextValue <= value && norm(nextG) < norm(g))) {
                    break;
                }
            }
            double[] sv = new double[p];
            double[] yv = new double[p];
            double sy = 0;
            for (int a = 0; a < p; a++) {
                sv[a] = next[a] - w[a];
                yv[a] = nextG[a] - g[a];
                sy += sv[a] * yv[a];
            }
            if (!(nextValue <= value) && norm(nextG) >= norm(g)) {
                break;
            }
            System.arraycopy(next, 0, w, 0, p);
            System.arraycopy(nextG, 0, g, 0, p);
            value = nextValue;
            if (sy > 1e-300) {
                double[] hy = new double[p];
                double yhy = 0;
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        hy[a] += inv[a][b] * yv[b];
                    }
                    yhy += yv[a] * hy[a];
                }
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        inv[a][b] += (sy + yhy) * sv[a] * sv[b] / (sy * sy) - (hy[a] * sv[b] + sv[a] * hy[b]) / sy;
                    }
                }
            }
        }
        assertThat(norm(g)).as("the independent BFGS converged").isLessThan(1e-8);
        return w;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
