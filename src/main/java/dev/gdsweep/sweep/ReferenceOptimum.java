package dev.gdsweep.sweep;

import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.loss.model.LinearRegressionLoss;
import dev.gdsweep.loss.model.LogisticRegressionLoss;
import dev.gdsweep.loss.model.ModelLoss;
import dev.gdsweep.loss.model.SoftmaxRegressionLoss;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The minimum of a convex model's training objective (linear, logistic or softmax regression), as
 * gdsweep itself defines it: a candidate (e.g. MLlib's answer) is judged by the product's own loss
 * and gradient, and polished by Newton's method when its gradient is not tiny, so that what is
 * reported as the optimum is one by the runs' own measure.
 *
 * <p>Newton's step solves (H + s·QQᵀ) Δ = −g with the analytic Hessian H of the objective (all three
 * models are convex, H is positive semi-definite) by Cholesky, then backtracks until the loss goes
 * down (Armijo) or, at the level of rounding, the loss holds and the gradient shrinks. Q spans the
 * directions the loss cannot see: softmax is unchanged when one vector is added to every class's
 * block, so without l2 the minimum is a set; with l2 > 0 only the common shift of the biases remains.
 * The weights are reported centred in those directions (each coordinate's mean over the classes 0,
 * as MLlib pins them) and {@link Result#distance} measures a point's distance to the set of minima.
 *
 * <p>A result is {@code certified} when the gradient norm is at most {@link #CERTIFIED_GRADIENT_NORM}
 * · max(1, |loss|): for a convex objective that point is a global minimum to rounding; but not for classes
 * that a linear classifier separates, without l2, whose loss has no minimum, only the infimum 0. It is
 * {@code unique} (up to the invisible directions) when the Hessian there is positive definite on the
 * rest: l2 > 0, or a design of full rank. A model too large for Newton ({@link #NEWTON_WEIGHTS},
 * {@link #NEWTON_WORK}) is judged, not polished, and unique when l2 > 0.
 */
public final class ReferenceOptimum {

    /** Certification threshold on ‖∇L‖, relative to max(1, |L|). */
    public static final double CERTIFIED_GRADIENT_NORM = 1e-9;
    /** Newton steps at most: from MLlib's answer one or two suffice; from zero about ten. */
    public static final int NEWTON_STEPS = 50;
    /** Larger models are not polished: the Hessian would hold more than 2000² numbers. */
    public static final int NEWTON_WEIGHTS = 2000;
    /**
     * Nor larger data: one Hessian costs rows · weights² multiply-adds (each class pair of softmax is a
     * block), about a second per 10⁹; a few steps must stay within seconds beside spark.ml's fit.
     */
    public static final long NEWTON_WORK = 3_000_000_000L;
    /** A Cholesky pivot below this times the largest diagonal entry makes the Hessian singular. */
    private static final double SINGULAR = 1e-12;

    private ReferenceOptimum() {}

    /** Which directions the objective cannot see (see the class comment). */
    public enum Gauge {
        /** Linear and logistic regression: the minimum, if unique, is a point. */
        NONE,
        /** Softmax with l2 > 0: the biases up to a common shift. */
        BIAS_SHIFT,
        /** Softmax without l2: every coordinate up to a shift common to the classes. */
        CLASS_SHIFT
    }

    /**
     * The reference optimum.
     *
     * @param weights in gdsweep's weight layout, centred in the gauge's directions
     * @param loss the objective there (mean training loss + l2 term), by the product's own loss
     * @param gradientNorm ‖∇L‖₂ there: the certificate
     * @param newtonSteps the polishing steps taken
     * @param classes the blocks of the layout (1 but for softmax), for {@link #distance}
     */
    public record Result(double[] weights, double loss, double gradientNorm, int newtonSteps, boolean certified,
            boolean unique, Gauge gauge, int classes) implements Serializable {

        public Result {
            weights = weights.clone();
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }

        /**
         * The Euclidean distance from {@code w} to the set of minima: to the minimum, or for softmax after
         * removing the directions the loss cannot see (in which all minima differ).
         */
        public double distance(double[] w) {
            double[] diff = new double[w.length];
            for (int k = 0; k < w.length; k++) {
                diff[k] = w[k] - weights[k];
            }
            center(diff, gauge, classes);
            double sum = 0;
            for (double v : diff) {
                sum += v * v;
            }
            return Math.sqrt(sum);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && Arrays.equals(weights, r.weights) && Double.compare(loss, r.loss) == 0
                    && Double.compare(gradientNorm, r.gradientNorm) == 0 && newtonSteps == r.newtonSteps
                    && certified == r.certified && unique == r.unique && gauge == r.gauge && classes == r.classes;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(weights) * 31 + Double.hashCode(loss);
        }
    }

    /** Whether the model has a reference optimum: linear, logistic and softmax regression (an mlp is not convex). */
    public static boolean applies(ModelLoss loss) {
        return loss instanceof LinearRegressionLoss || loss instanceof LogisticRegressionLoss
                || loss instanceof SoftmaxRegressionLoss;
    }

    /** The optimum from zero weights: Newton alone. */
    public static Result solve(ModelLoss loss) {
        return certify(loss, new double[loss.dimension()], NEWTON_STEPS);
    }

    /** {@code candidate} judged by {@code loss}, polished by up to {@link #NEWTON_STEPS} Newton steps. */
    public static Result certify(ModelLoss loss, double[] candidate) {
        return certify(loss, candidate, NEWTON_STEPS);
    }

    /** As {@link #certify(ModelLoss, double[])}, with at most {@code maxSteps} Newton steps (0: judge only). */
    public static Result certify(ModelLoss loss, double[] candidate, int maxSteps) {
        if (!applies(loss)) {
            throw new IllegalArgumentException("no reference optimum for " + loss.getClass().getSimpleName()
                    + ": only linear, logistic and softmax regression are convex");
        }
        int p = loss.dimension();
        if (candidate.length != p) {
            throw new IllegalArgumentException("candidate: expected " + p + " weights, got " + candidate.length);
        }
        int classes = classes(loss);
        Gauge gauge = gauge(loss);
        double[] w = candidate.clone();
        center(w, gauge, classes); // moves along directions the loss cannot see, up to rounding
        double[] g = new double[p];
        double value = loss.valueAndGradient(w, g);
        double norm = norm(g);
        boolean newton = p <= NEWTON_WEIGHTS && (long) loss.data().rowCount() * p * p <= NEWTON_WORK;
        int steps = 0;
        double[] trial = new double[p];
        double[] trialGradient = new double[p];
        while (newton && steps < maxSteps && Double.isFinite(value) && norm > threshold(value)) {
            double[] h = hessian(loss, w, gauge, classes);
            double[] direction = g.clone();
            for (int k = 0; k < p; k++) {
                direction[k] = -direction[k];
            }
            if (!solveRidged(h, p, direction)) {
                break;
            }
            double slope = dot(g, direction);
            boolean accepted = false;
            for (double t = 1; t > 1e-10; t *= 0.5) {
                for (int k = 0; k < p; k++) {
                    trial[k] = w[k] + t * direction[k];
                }
                double trialValue = loss.valueAndGradient(trial, trialGradient);
                double trialNorm = norm(trialGradient);
                boolean armijo = trialValue <= value + 1e-4 * t * slope;
                // At the level of rounding the loss cannot show progress; the gradient still does.
                boolean flat = trialValue <= value + 1e-15 * Math.max(1, Math.abs(value)) && trialNorm < norm;
                if (Double.isFinite(trialValue) && (armijo || flat)) {
                    System.arraycopy(trial, 0, w, 0, p);
                    System.arraycopy(trialGradient, 0, g, 0, p);
                    value = trialValue;
                    norm = trialNorm;
                    accepted = true;
                    break;
                }
            }
            if (!accepted) {
                break;
            }
            steps++;
        }
        center(w, gauge, classes);
        value = loss.valueAndGradient(w, g);
        norm = norm(g);
        boolean certified = Double.isFinite(value) && norm <= threshold(value) && !separable(loss, value);
        boolean unique = newton ? positiveDefinite(hessian(loss, w, gauge, classes), p)
                : loss.l2() > 0; // too large to factor: strictly convex (up to the gauge) by the penalty alone
        return new Result(w, value, norm, steps, certified, unique, gauge, classes);
    }

    /** The blocks of the model's weight layout: its classes for softmax, else 1. */
    public static int classes(ModelLoss loss) {
        return loss instanceof SoftmaxRegressionLoss ? loss.data().classCount() : 1;
    }

    /** The directions the model's objective cannot see. */
    public static Gauge gauge(ModelLoss loss) {
        return classes(loss) == 1 ? Gauge.NONE : loss.l2() > 0 ? Gauge.BIAS_SHIFT : Gauge.CLASS_SHIFT;
    }

    /**
     * Whether a classifier without l2 has its classes separated at a loss this low, so that its infimum 0 is
     * not attained (scaling the weights up always lowers the loss): m·L &lt; log 2 puts every row's loss
     * below log 2, its own class above probability ½, so every row is classified right.
     */
    static boolean separable(ModelLoss loss, double value) {
        return !(loss instanceof LinearRegressionLoss) && loss.l2() == 0
                && loss.data().rowCount() * value < Math.log(2);
    }

    private static double threshold(double value) {
        return CERTIFIED_GRADIENT_NORM * Math.max(1, Math.abs(value));
    }

    /**
     * The Hessian of the objective at {@code w} (row-major p × p), plus s·QQᵀ on the directions of the
     * gauge, s the mean diagonal, so that it is positive definite exactly when the minimum is unique
     * up to them.
     */
    static double[] hessian(ModelLoss loss, double[] w, Gauge gauge, int classes) {
        DenseData data = loss.data();
        double[] x = data.featureArray();
        double[] y = data.labelArray();
        int m = data.rowCount();
        int d = data.featureCount();
        int s = d + 1;
        int p = classes * s;
        double[] h = new double[p * p];
        double[] row = new double[s];
        double[] logits = new double[classes];
        for (int i = 0; i < m; i++) {
            System.arraycopy(x, i * d, row, 0, d);
            row[d] = 1;
            if (loss instanceof LinearRegressionLoss) {
                addOuter(h, p, 0, 0, 1.0, row);
            } else if (loss instanceof LogisticRegressionLoss) {
                double z = dot(row, 0, w, 0, s);
                double sigma = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
                addOuter(h, p, 0, 0, sigma * (1 - sigma), row);
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    logits[c] = dot(row, 0, w, c * s, s);
                    max = Math.max(max, logits[c]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    logits[c] = Math.exp(logits[c] - max);
                    sum += logits[c];
                }
                for (int c = 0; c < classes; c++) {
                    logits[c] /= sum;
                }
                for (int c = 0; c < classes; c++) {
                    for (int c2 = 0; c2 < classes; c2++) {
                        double weight = (c == c2 ? logits[c] : 0) - logits[c] * logits[c2];
                        addOuter(h, p, c * s, c2 * s, weight, row);
                    }
                }
            }
        }
        double trace = 0;
        for (int k = 0; k < p; k++) {
            for (int l = 0; l < p; l++) {
                h[k * p + l] /= m;
            }
            boolean bias = k % s == d;
            h[k * p + k] += bias ? 0 : loss.l2();
            trace += h[k * p + k];
        }
        double scale = trace > 0 ? trace / p : 1;
        if (gauge != Gauge.NONE) {
            // s·QQᵀ: Q's columns are, per coordinate j of a block (the bias alone for BIAS_SHIFT), e_j in every class / √K.
            for (int j = gauge == Gauge.BIAS_SHIFT ? d : 0; j < s; j++) {
                for (int c = 0; c < classes; c++) {
                    for (int c2 = 0; c2 < classes; c2++) {
                        h[(c * s + j) * p + c2 * s + j] += scale / classes;
                    }
                }
            }
        }
        return h;
    }

    /** h[r0 + a][c0 + b] += weight·v[a]·v[b]. */
    private static void addOuter(double[] h, int p, int r0, int c0, double weight, double[] v) {
        if (weight == 0) {
            return;
        }
        for (int a = 0; a < v.length; a++) {
            double wa = weight * v[a];
            int offset = (r0 + a) * p + c0;
            for (int b = 0; b < v.length; b++) {
                h[offset + b] += wa * v[b];
            }
        }
    }

    /** Solves h·z = rhs in place by Cholesky, adding a growing ridge while h is not positive definite. */
    private static boolean solveRidged(double[] h, int p, double[] rhs) {
        double largest = 0;
        for (int k = 0; k < p; k++) {
            largest = Math.max(largest, h[k * p + k]);
        }
        double ridge = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            double[] factor = h.clone();
            for (int k = 0; k < p; k++) {
                factor[k * p + k] += ridge;
            }
            if (cholesky(factor, p, SINGULAR * Math.max(largest, Double.MIN_NORMAL))) {
                substitute(factor, p, rhs);
                return true;
            }
            ridge = ridge == 0 ? 1e-10 * Math.max(largest, 1e-300) : ridge * 10;
        }
        return false;
    }

    private static boolean positiveDefinite(double[] h, int p) {
        double largest = 0;
        for (int k = 0; k < p; k++) {
            largest = Math.max(largest, h[k * p + k]);
        }
        return largest > 0 && cholesky(h.clone(), p, SINGULAR * largest);
    }

    /** Lower Cholesky factor in place; false when a pivot is not above {@code floor}. */
    private static boolean cholesky(double[] a, int p, double floor) {
        for (int j = 0; j < p; j++) {
            double diag = a[j * p + j];
            for (int k = 0; k < j; k++) {
                diag -= a[j * p + k] * a[j * p + k];
            }
            if (!(diag > floor)) {
                return false;
            }
            double pivot = Math.sqrt(diag);
            a[j * p + j] = pivot;
            for (int i = j + 1; i < p; i++) {
                double v = a[i * p + j];
                for (int k = 0; k < j; k++) {
                    v -= a[i * p + k] * a[j * p + k];
                }
                a[i * p + j] = v / pivot;
            }
        }
        return true;
    }

    /** Solves L·Lᵀ·z = b in place, L the lower factor. */
    private static void substitute(double[] l, int p, double[] b) {
        for (int i = 0; i < p; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) {
                v -= l[i * p + k] * b[k];
            }
            b[i] = v / l[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--) {
            double v = b[i];
            for (int k = i + 1; k < p; k++) {
                v -= l[k * p + i] * b[k];
            }
            b[i] = v / l[i * p + i];
        }
    }

    /** Removes, per coordinate the gauge frees, its mean over the classes. */
    static void center(double[] w, Gauge gauge, int classes) {
        if (gauge == Gauge.NONE) {
            return;
        }
        int s = w.length / classes;
        for (int j = gauge == Gauge.BIAS_SHIFT ? s - 1 : 0; j < s; j++) {
            double mean = 0;
            for (int c = 0; c < classes; c++) {
                mean += w[c * s + j];
            }
            mean /= classes;
            for (int c = 0; c < classes; c++) {
                w[c * s + j] -= mean;
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        return dot(a, 0, b, 0, a.length);
    }

    private static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += a[aFrom + k] * b[bFrom + k];
        }
        return sum;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }
}
