package dev.gdsweep.sweep;

import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.Status;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Minimum;
import dev.gdsweep.loss.model.ModelLoss;
import java.util.List;

/**
 * What a run's end point says about the landscape, computed once per run after it stops:
 * <ul>
 *   <li>{@code minimum}: index of the known minimum the run ended at, when it did not diverge or
 *       fail and its final weights are within {@link #MINIMUM_TOLERANCE} (Euclidean) of that
 *       minimum; null otherwise. {@code distanceToMinimum}: the distance to the nearest known minimum
 *       (null when the loss lists none or the run diverged or failed).</li>
 *   <li>{@code sharpness}: for converged and plateaued runs, the largest eigenvalue λ_max of the Hessian at the
 *       final weights, by power iteration on Hessian-vector products taken as central differences of
 *       the gradient; {@code criticalLearningRate} = 2/λ_max, above which gradient descent is unstable
 *       at that minimum (null when λ_max ≤ 0 or the run neither converged nor plateaued).</li>
 * </ul>
 */
public record RunAnalysis(Integer minimum, Double distanceToMinimum, Double sharpness, Double criticalLearningRate,
        Double validationLoss, Double trainAccuracy, Double validationAccuracy) {

    public static final double MINIMUM_TOLERANCE = 1e-3;

    static final RunAnalysis NONE = new RunAnalysis(null, null, null, null, null, null, null);

    public RunAnalysis(Integer minimum, Double distanceToMinimum, Double sharpness, Double criticalLearningRate) {
        this(minimum, distanceToMinimum, sharpness, criticalLearningRate, null, null, null);
    }

    /**
     * For a model over data: the mean loss over the validation rows (without the l2 term; null without
     * a validation set) and, for classifiers, the share of training and validation rows predicted
     * right. Computed for every run whose final weights are finite; a model's sharpness is not
     * computed (each Hessian-vector product is a pass over the data).
     */
    public static RunAnalysis ofModel(ModelLoss train, ModelLoss validation, RunResult result) {
        double[] w = result.finalWeights();
        for (double x : w) {
            if (!Double.isFinite(x)) {
                return NONE;
            }
        }
        Double validationLoss = validation == null ? null : validation.meanLoss(w);
        Double trainAccuracy = train.isClassifier() ? train.accuracy(w) : null;
        Double validationAccuracy = validation != null && validation.isClassifier() ? validation.accuracy(w) : null;
        return new RunAnalysis(null, null, null, null, validationLoss, trainAccuracy, validationAccuracy);
    }

    /** Analyses a finished run; allocates its scratch arrays (once per run, not per iteration). */
    public static RunAnalysis of(Loss loss, RunResult result) {
        Status status = result.status();
        if (status == Status.DIVERGED || status == Status.FAILED) {
            return NONE;
        }
        double[] w = result.finalWeights();
        Integer minimum = null;
        Double distance = null;
        List<Minimum> minima = loss.knownMinima();
        for (int i = 0; i < minima.size(); i++) {
            double[] p = minima.get(i).point();
            double dist = 0;
            for (int j = 0; j < w.length; j++) {
                dist += (w[j] - p[j]) * (w[j] - p[j]);
            }
            dist = Math.sqrt(dist);
            if (distance == null || dist < distance) {
                distance = dist;
                minimum = dist <= MINIMUM_TOLERANCE ? i : null;
            }
        }
        Double sharpness = null;
        Double critical = null;
        // A plateaued run stopped settled too: the curvature where it stopped still bounds a stable rate there.
        if (status == Status.CONVERGED || status == Status.PLATEAU) {
            double lambda = largestHessianEigenvalue(loss, w);
            if (Double.isFinite(lambda)) {
                sharpness = lambda;
                critical = lambda > 0 ? 2 / lambda : null;
            }
        }
        return new RunAnalysis(minimum, distance, sharpness, critical);
    }

    /**
     * λ_max of the Hessian at {@code w} by power iteration: v ← Hv/‖Hv‖ with
     * Hv ≈ (∇f(w + εv) − ∇f(w − εv)) / 2ε, ε = 1e-5·max(1, ‖w‖), until the Rayleigh quotient vᵀHv
     * changes by less than 1e-10 relative, at most 200 times. At a minimum the Hessian is positive
     * semi-definite, so the dominant eigenvalue is the largest.
     */
    public static double largestHessianEigenvalue(Loss loss, double[] w) {
        int d = w.length;
        double[] v = new double[d];
        double[] hv = new double[d];
        double[] plus = new double[d];
        double[] minus = new double[d];
        double[] gPlus = new double[d];
        double[] gMinus = new double[d];
        // A fixed start with no symmetry, so it is not orthogonal to the dominant eigenvector by design.
        for (int i = 0; i < d; i++) {
            v[i] = 1.0 + 0.1 * i + 0.01 * i * i;
        }
        normalize(v);
        double scale = 0;
        for (double x : w) {
            scale += x * x;
        }
        double eps = 1e-5 * Math.max(1, Math.sqrt(scale));
        double lambda = Double.NaN;
        for (int iteration = 0; iteration < 200; iteration++) {
            for (int i = 0; i < d; i++) {
                plus[i] = w[i] + eps * v[i];
                minus[i] = w[i] - eps * v[i];
            }
            loss.valueAndGradient(plus, gPlus);
            loss.valueAndGradient(minus, gMinus);
            double rayleigh = 0;
            for (int i = 0; i < d; i++) {
                hv[i] = (gPlus[i] - gMinus[i]) / (2 * eps);
                rayleigh += v[i] * hv[i];
            }
            boolean settled = Math.abs(rayleigh - lambda) <= 1e-10 * Math.abs(rayleigh);
            lambda = rayleigh;
            if (settled || !Double.isFinite(rayleigh) || normalize(hv) == 0) {
                break;
            }
            System.arraycopy(hv, 0, v, 0, d);
        }
        return lambda;
    }

    private static double normalize(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return norm;
    }
}
