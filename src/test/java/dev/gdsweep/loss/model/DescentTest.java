package dev.gdsweep.loss.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.Status;
import dev.gdsweep.engine.StoppingRule;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The models driven by the project's own engine reach what theory says they must. */
class DescentTest {

    /**
     * Plain gradient descent on least squares reaches the solution of the normal equations
     * (XᵀX/m + l2·D) β = Xᵀy/m, X with a column of ones for the bias and D = diag(1, …, 1, 0) (the
     * bias is not penalised), solved here by Gaussian elimination. GD stops at ‖g‖ ≤ 1e-10, and
     * the loss is quadratic with Hessian H = XᵀX/m + l2·D, so ‖w − β‖ ≤ ‖g‖/λ_min(H) ≈ 1e-10: far
     * inside the 1e-6 asked. Checked with and without the ridge, so a penalty taken as a sum where
     * the data term is a mean (or the reverse) moves the solution and fails.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5})
    void linearRegressionDescendsToTheNormalEquationSolution(double l2) {
        int m = 30;
        int d = 3;
        SplittableRandom rnd = new SplittableRandom(2024);
        double[] x = new double[m * d];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = TestData.nextGaussian(rnd) + 0.5 * j; // offset columns: the bias matters
            }
            y[i] = 1.5 - 2 * x[i * d] + 0.5 * x[i * d + 1] + 3 * x[i * d + 2] + 0.3 * TestData.nextGaussian(rnd);
        }
        DenseData data = DenseData.regression(x, y, TestData.names("f", d));
        double[] beta = normalEquations(x, y, m, d, l2);

        LinearRegressionLoss loss = new LinearRegressionLoss(data, l2);
        RunResult run = new GradientDescent(d + 1).run(loss, 0.2, new double[d + 1],
                new StoppingRule(1_000_000, 1e-10, 0, 0.0, 1e12));

        assertThat(run.status()).isEqualTo(Status.CONVERGED);
        double[] w = run.finalWeights();
        for (int k = 0; k <= d; k++) {
            assertThat(Math.abs(w[k] - beta[k])).as("weight %d: GD %s, normal equations %s", k, w[k], beta[k])
                    .isLessThanOrEqualTo(1e-6);
        }
    }

    /** Solves (AᵀA/m + l2·D) β = Aᵀy/m, A = [X 1], by Gaussian elimination with partial pivoting. */
    static double[] normalEquations(double[] x, double[] y, int m, int d, double l2) {
        int n = d + 1;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < n; r++) {
                double xr = r < d ? x[i * d + r] : 1;
                for (int c = 0; c < n; c++) {
                    double xc = c < d ? x[i * d + c] : 1;
                    a[r][c] += xr * xc / m;
                }
                a[r][n] += xr * y[i] / m;
            }
        }
        for (int r = 0; r < d; r++) {
            a[r][r] += l2;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c <= n; c++) {
                    a[r][c] -= f * a[col][c];
                }
            }
        }
        double[] beta = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * beta[c];
            }
            beta[r] = s / a[r][r];
        }
        return beta;
    }

    /**
     * On linearly separable data the log-loss has no minimum: gradient descent keeps lowering it
     * toward 0 while ‖w‖ grows without bound (about logarithmically in the iterations), and every
     * row ends up classified right.
     */
    @Test
    void logisticRegressionOnSeparableDataDrivesTheLossToZeroAndTheWeightsToInfinity() {
        int m = 40;
        SplittableRandom rnd = new SplittableRandom(77);
        double[] x = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; ) {
            double a = rnd.nextDouble(-3, 3);
            double b = rnd.nextDouble(-3, 3);
            double margin = a - 2 * b + 0.5;
            if (Math.abs(margin) < 0.5) {
                continue; // keep a gap between the classes
            }
            x[2 * i] = a;
            x[2 * i + 1] = b;
            y[i] = margin > 0 ? 1 : 0;
            i++;
        }
        DenseData data = DenseData.classification(x, y, TestData.names("f", 2), TestData.names("c", 2));
        LogisticRegressionLoss loss = new LogisticRegressionLoss(data, 0);
        GradientDescent gd = new GradientDescent(3);

        double previousLoss = Double.POSITIVE_INFINITY;
        double previousNorm = 0;
        RunResult run = null;
        for (long iterations : new long[] {100, 1_000, 10_000}) {
            run = gd.run(loss, 0.5, new double[3], new StoppingRule(iterations, 0.0, 0, 0.0, 1e12));
            assertThat(run.status()).isEqualTo(Status.MAX_ITERATIONS);
            double norm = TestData.norm(run.finalWeights());
            assertThat(run.finalLoss()).as("loss after %d iterations", iterations).isLessThan(previousLoss);
            assertThat(norm).as("‖w‖ after %d iterations", iterations).isGreaterThan(previousNorm);
            previousLoss = run.finalLoss();
            previousNorm = norm;
        }
        assertThat(run.finalLoss()).isLessThan(0.01);
        assertThat(loss.accuracy(run.finalWeights())).isEqualTo(1.0);
    }
}
