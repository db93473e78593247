package dev.gdsweep.loss.formula;

import java.util.Arrays;

/**
 * Evaluates a {@link Tape} for many weight vectors ("lanes") at once: each operation runs as one
 * tight loop over the lanes, so the interpreter's dispatch is paid once per operation rather than once
 * per operation and lane, and the simple loops are ones the JIT can unroll or vectorise.
 *
 * <p>Every lane gets exactly the operations of {@link FormulaLoss#valueAndGradient} in the same
 * order, so its value and gradient are bit for bit the scalar ones. Two kinds of work are skipped
 * because no result depends on them: adjoints of constants (never read), and stored local derivatives
 * that are a value already at hand (mul's operands, 2x for a square).
 *
 * <p>Each slot has its own row of {@code capacity} doubles (a row per slot rather than one flat
 * array, so that a loop reads and writes distinct arrays at the same index, which the JIT can prove
 * free of overlap). Rows are allocated for the largest lane count seen and reused; not thread-safe.
 */
final class LaneInterpreter {

    private final int dimension;
    private final int firstOp;
    private final int sink;
    private final int root;
    private final int[] op;
    private final int[] left;
    private final int[] right;
    private final double[] constants;
    /** Whether an operation's operand is a variable or an operation, whose adjoint someone reads. */
    private final boolean[] leftNeedsAdjoint;
    private final boolean[] rightNeedsAdjoint;

    private int capacity;
    /** Per slot, its value in each lane: variables, constants (repeated), operation results. */
    private double[][] values;
    /** Per operation, a local derivative it stores for the backward pass (only some operations do). */
    private double[][] leftPartials;
    private double[][] rightPartials;
    /** Per slot, ∂result/∂slot in each lane; all 0 between calls. */
    private double[][] adjoints;
    /** Per lane, the sum of its gradient's entries: NaN if any is NaN. */
    private double[] gradientSums;

    LaneInterpreter(Tape tape) {
        this.dimension = tape.dimension;
        this.firstOp = tape.firstOp;
        this.sink = tape.sink;
        this.root = tape.root;
        this.op = tape.op;
        this.left = tape.left;
        this.right = tape.right;
        this.constants = tape.values;
        this.leftNeedsAdjoint = new boolean[sink];
        this.rightNeedsAdjoint = new boolean[sink];
        for (int i = firstOp; i < sink; i++) {
            leftNeedsAdjoint[i] = needsAdjoint(left[i]);
            rightNeedsAdjoint[i] = !Op.isUnary(op[i]) && needsAdjoint(right[i]);
        }
        this.values = new double[0][];
        this.leftPartials = values;
        this.rightPartials = values;
        this.adjoints = values;
        this.gradientSums = new double[0];
    }

    private boolean needsAdjoint(int slot) {
        return slot < dimension || slot >= firstOp;
    }

    /** See {@link dev.gdsweep.loss.LaneLoss#valuesAndGradients}. */
    void valuesAndGradients(int lanes, double[] w, double[] gradient, double[] results) {
        ensureCapacity(lanes);
        final double[][] v = values;
        for (int k = 0; k < dimension; k++) {
            final double[] row = v[k];
            final int offset = k * lanes;
            for (int l = 0; l < lanes; l++) {
                row[l] = w[offset + l];
            }
        }
        forward(lanes);
        backward(lanes);
        final double[][] adj = adjoints;
        final double[] sum = gradientSums;
        for (int l = 0; l < lanes; l++) {
            sum[l] = 0;
        }
        for (int k = 0; k < dimension; k++) {
            final double[] row = adj[k];
            final int offset = k * lanes;
            for (int l = 0; l < lanes; l++) {
                double partial = row[l];
                gradient[offset + l] = partial;
                sum[l] += partial;
                row[l] = 0;
            }
        }
        final double[] result = v[root];
        for (int l = 0; l < lanes; l++) {
            results[l] = result[l];
        }
        if (root >= dimension && root < firstOp) {
            // A constant formula: its root's adjoint was seeded but no operation read it.
            Arrays.fill(adj[root], 0, lanes, 0.0);
        }
    }

    /**
     * Whether lane {@code lane} of the last call may differ from the scalar path, because its gradient
     * has a NaN (where the zero-factor rule may have applied) or infinities of both signs: recompute
     * it with {@link FormulaLoss#valueAndGradient}. Rare: only diverging runs and awkward points.
     */
    boolean needsScalarPath(int lane) {
        double sum = gradientSums[lane];
        return sum != sum;
    }

    private void ensureCapacity(int lanes) {
        if (lanes <= capacity) {
            return;
        }
        // The sink too: a unary operation's unused right operand must still index a row.
        int slots = sink + 1;
        values = new double[slots][lanes];
        leftPartials = new double[slots][];
        rightPartials = new double[slots][];
        adjoints = new double[slots][lanes];
        for (int s = dimension; s < firstOp; s++) {
            Arrays.fill(values[s], constants[s]);
        }
        for (int i = firstOp; i < sink; i++) {
            if (storesLeftPartial(op[i])) {
                leftPartials[i] = new double[lanes];
            }
            if (storesRightPartial(op[i])) {
                rightPartials[i] = new double[lanes];
            }
        }
        gradientSums = new double[lanes];
        capacity = lanes;
    }

    /** Whether the forward loop of {@code op} stores its derivative wrt the left operand. */
    private static boolean storesLeftPartial(int op) {
        return !(op == Op.NEG || op == Op.ADD || op == Op.SUB || op == Op.MUL);
    }

    private static boolean storesRightPartial(int op) {
        return op == Op.DIV || op == Op.POW || op == Op.MIN || op == Op.MAX || op == Op.SQUARED_DIFFERENCE;
    }

    /** The values of {@link Op#value} and the local derivatives of the scalar forward pass, lane by lane. */
    private void forward(int lanes) {
        final double[][] v = values;
        for (int i = firstOp; i < sink; i++) {
            final double[] out = v[i];
            final double[] x = v[left[i]];
            final double[] y = Op.isUnary(op[i]) ? null : v[right[i]];
            final double[] pl = leftPartials[i];
            final double[] pr = rightPartials[i];
            switch (op[i]) {
                case Op.NEG -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = -x[l];
                    }
                }
                case Op.ADD -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = x[l] + y[l];
                    }
                }
                case Op.SUB -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = x[l] - y[l];
                    }
                }
                case Op.MUL -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = x[l] * y[l];
                    }
                }
                case Op.DIV -> {
                    for (int l = 0; l < lanes; l++) {
                        double b = y[l];
                        double q = x[l] / b;
                        out[l] = q;
                        pl[l] = 1 / b;
                        pr[l] = -q / b;
                    }
                }
                case Op.SQUARE -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        out[l] = a * a;
                        pl[l] = 2 * a;
                    }
                }
                case Op.SQUARED_DIFFERENCE -> {
                    for (int l = 0; l < lanes; l++) {
                        double diff = x[l] - y[l];
                        out[l] = diff * diff;
                        pl[l] = 2 * diff;
                        pr[l] = -2 * diff;
                    }
                }
                case Op.POW_CONST -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        double c = y[l];
                        out[l] = Math.pow(a, c);
                        pl[l] = c * Math.pow(a, c - 1);
                    }
                }
                case Op.POW -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        double b = y[l];
                        double p = Math.pow(a, b);
                        out[l] = p;
                        pl[l] = Op.powBaseDerivative(a, b);
                        pr[l] = Op.powExponentDerivative(a, b, p);
                    }
                }
                case Op.SIN -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.sin(x[l]);
                        pl[l] = Math.cos(x[l]);
                    }
                }
                case Op.COS -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.cos(x[l]);
                        pl[l] = -Math.sin(x[l]);
                    }
                }
                case Op.TAN -> {
                    for (int l = 0; l < lanes; l++) {
                        double t = Math.tan(x[l]);
                        out[l] = t;
                        pl[l] = 1 + t * t;
                    }
                }
                case Op.ASIN -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        out[l] = Math.asin(a);
                        pl[l] = 1 / Math.sqrt((1 - a) * (1 + a));
                    }
                }
                case Op.ACOS -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        out[l] = Math.acos(a);
                        pl[l] = -1 / Math.sqrt((1 - a) * (1 + a));
                    }
                }
                case Op.ATAN -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        out[l] = Math.atan(a);
                        pl[l] = 1 / (1 + a * a);
                    }
                }
                case Op.SINH -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.sinh(x[l]);
                        pl[l] = Math.cosh(x[l]);
                    }
                }
                case Op.COSH -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.cosh(x[l]);
                        pl[l] = Math.sinh(x[l]);
                    }
                }
                case Op.TANH -> {
                    for (int l = 0; l < lanes; l++) {
                        double t = Math.tanh(x[l]);
                        out[l] = t;
                        pl[l] = 1 - t * t;
                    }
                }
                case Op.EXP -> {
                    for (int l = 0; l < lanes; l++) {
                        double ex = Math.exp(x[l]);
                        out[l] = ex;
                        pl[l] = ex;
                    }
                }
                case Op.LOG -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.log(x[l]);
                        pl[l] = 1 / x[l];
                    }
                }
                case Op.LOG1P -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.log1p(x[l]);
                        pl[l] = 1 / (1 + x[l]);
                    }
                }
                case Op.SQRT -> {
                    for (int l = 0; l < lanes; l++) {
                        double s = Math.sqrt(x[l]);
                        out[l] = s;
                        pl[l] = 0.5 / (s + 0.0);
                    }
                }
                case Op.ABS -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.abs(x[l]);
                        pl[l] = Math.signum(x[l]);
                    }
                }
                case Op.MIN -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        double b = y[l];
                        boolean first = Op.minPicksFirst(a, b);
                        out[l] = first ? a : b;
                        pl[l] = first ? 1 : 0;
                        pr[l] = first ? 0 : 1;
                    }
                }
                case Op.MAX -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        double b = y[l];
                        boolean first = Op.maxPicksFirst(a, b);
                        out[l] = first ? a : b;
                        pl[l] = first ? 1 : 0;
                        pr[l] = first ? 0 : 1;
                    }
                }
                default -> throw new IllegalStateException("unknown opcode " + op[i]);
            }
        }
    }

    /**
     * Adjoints from the result down to the variables, operation by operation in the scalar order.
     * Contributions are plain products, without the zero-factor rule (a branch per lane would keep the
     * loops from vectorising): where the rule would have applied, the product is NaN, and a NaN
     * adjoint reaches a gradient entry of its lane (NaN times anything is NaN, and every operation has
     * an operand that is not a constant), so {@link #needsScalarPath} finds every such lane.
     */
    private void backward(int lanes) {
        final double[][] v = values;
        final double[][] adj = adjoints;
        final double[] seed = adj[root];
        for (int l = 0; l < lanes; l++) {
            seed[l] = 1.0;
        }
        for (int i = sink - 1; i >= firstOp; i--) {
            final double[] g = adj[i];
            final double[] ga = leftNeedsAdjoint[i] ? adj[left[i]] : null;
            final double[] gb = rightNeedsAdjoint[i] ? adj[right[i]] : null;
            switch (op[i]) {
                case Op.NEG -> propagate(lanes, g, ga, -1.0, gb, 0.0);
                case Op.ADD -> propagate(lanes, g, ga, 1.0, gb, 1.0);
                case Op.SUB -> propagate(lanes, g, ga, 1.0, gb, -1.0);
                // ∂(xy)/∂x = y and ∂(xy)/∂y = x: the operands' values are the local derivatives.
                case Op.MUL -> propagate(lanes, g, ga, v[right[i]], gb, v[left[i]]);
                default -> propagate(lanes, g, ga, leftPartials[i], gb, rightPartials[i]);
            }
        }
    }

    /**
     * Adds g times each constant local derivative to the operands' adjoints (a null adjoint is one no
     * one reads), and clears g. The scalar pass multiplies by the same constants (its preset partials).
     */
    private static void propagate(int lanes, double[] g, double[] ga, double pa, double[] gb, double pb) {
        if (ga != null && gb != null) {
            for (int l = 0; l < lanes; l++) {
                double adjoint = g[l];
                g[l] = 0;
                ga[l] += adjoint * pa;
                gb[l] += adjoint * pb;
            }
        } else if (ga != null || gb != null) {
            final double[] to = ga != null ? ga : gb;
            final double p = ga != null ? pa : pb;
            for (int l = 0; l < lanes; l++) {
                double adjoint = g[l];
                g[l] = 0;
                to[l] += adjoint * p;
            }
        }
    }

    /** As above, with local derivatives that differ by lane. */
    private static void propagate(int lanes, double[] g, double[] ga, double[] pa, double[] gb, double[] pb) {
        if (ga != null && gb != null) {
            for (int l = 0; l < lanes; l++) {
                double adjoint = g[l];
                g[l] = 0;
                ga[l] += adjoint * pa[l];
                gb[l] += adjoint * pb[l];
            }
        } else if (ga != null || gb != null) {
            final double[] to = ga != null ? ga : gb;
            final double[] p = ga != null ? pa : pb;
            for (int l = 0; l < lanes; l++) {
                double adjoint = g[l];
                g[l] = 0;
                to[l] += adjoint * p[l];
            }
        }
    }
}
