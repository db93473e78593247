package dev.gdsweep.loss.formula;

import java.util.Arrays;

/**
 * Evaluates a {@link Tape} for many weight vectors ("lanes") at once: each operation runs as one
 * tight loop over the lanes, so the interpreter's dispatch is paid once per operation rather than once
 * per operation and lane, and the simple loops are ones the JIT can unroll and vectorise.
 *
 * <p>Every lane gets the operations of {@link FormulaLoss#valueAndGradient} in the same order, so
 * its value and gradient are bit for bit the scalar ones, with one exception the caller handles: the
 * backward pass here has no zero-factor rule (see {@link #needsScalarPath}). Work no result depends on
 * is skipped: adjoints of constants (never read), clearing adjoints (the first contribution to a slot
 * is assigned as {@code 0.0 + c}, which is what adding it to a cleared 0 gives), and storing local
 * derivatives that are values already at hand (mul's operands).
 *
 * <p>Each slot has its own row of {@code capacity} doubles (a row per slot rather than one flat
 * array, so that a loop reads and writes distinct arrays at the same index, which the JIT vectorises;
 * it does not with different offsets into one array). Rows are allocated for the largest lane count
 * seen and reused; not thread-safe.
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
    /** Whether the backward pass makes the first contribution to that operand's adjoint. */
    private final boolean[] leftContributesFirst;
    private final boolean[] rightContributesFirst;
    /** Whether variable k's adjoint gets any contribution (else its gradient is 0). */
    private final boolean[] variableReached;

    private int capacity;
    /** Per slot, its value in each lane: variables, constants (repeated), operation results. */
    private double[][] values;
    /** Per operation, a local derivative it stores for the backward pass (only some operations do). */
    private double[][] leftPartials;
    private double[][] rightPartials;
    /** Per slot, ∂result/∂slot in each lane, for the slots the backward pass has reached. */
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
        this.leftContributesFirst = new boolean[sink];
        this.rightContributesFirst = new boolean[sink];
        boolean[] reached = new boolean[sink + 1];
        reached[root] = true;
        for (int i = sink - 1; i >= firstOp; i--) { // the backward pass's order
            leftNeedsAdjoint[i] = needsAdjoint(left[i]);
            rightNeedsAdjoint[i] = !Op.isUnary(op[i]) && needsAdjoint(right[i]);
            if (leftNeedsAdjoint[i]) {
                leftContributesFirst[i] = !reached[left[i]];
                reached[left[i]] = true;
            }
            if (rightNeedsAdjoint[i]) {
                rightContributesFirst[i] = !reached[right[i]];
                reached[right[i]] = true;
            }
        }
        this.variableReached = Arrays.copyOf(reached, dimension);
        this.values = new double[0][];
        this.leftPartials = values;
        this.rightPartials = values;
        this.adjoints = values;
        this.gradientSums = new double[0];
    }

    private boolean needsAdjoint(int slot) {
        return slot < dimension || slot >= firstOp;
    }

    /** See {@link dev.gdsweep.loss.LaneLoss#valuesAndGradients}; then ask {@link #needsScalarPath}. */
    void valuesAndGradients(int lanes, double[] w, double[] gradient, double[] results) {
        ensureCapacity(lanes);
        // arraycopy for the strided side: the JIT does not vectorise a loop over w[offset + l].
        final double[][] v = values;
        for (int k = 0; k < dimension; k++) {
            System.arraycopy(w, k * lanes, v[k], 0, lanes);
        }
        forward(lanes);
        backward(lanes);
        final double[][] adj = adjoints;
        final double[] sum = gradientSums;
        Arrays.fill(sum, 0, lanes, 0.0);
        for (int k = 0; k < dimension; k++) {
            if (variableReached[k]) {
                final double[] row = adj[k];
                System.arraycopy(row, 0, gradient, k * lanes, lanes);
                for (int l = 0; l < lanes; l++) {
                    sum[l] += row[l];
                }
            } else {
                Arrays.fill(gradient, k * lanes, (k + 1) * lanes, 0.0);
            }
        }
        System.arraycopy(v[root], 0, results, 0, lanes);
    }

    /**
     * Whether any lane of the last call has a gradient with a NaN, or with infinities of both signs.
     * Only such a lane can differ from the scalar path: where the scalar pass applies the zero-factor
     * rule, the plain product here is NaN, and a NaN adjoint reaches a gradient entry of its lane
     * (NaN times anything is NaN, and every operation has an operand that is not a constant).
     * Rare: diverging runs and awkward points. Recompute those lanes with
     * {@link FormulaLoss#valueAndGradient}.
     */
    boolean anyLaneNeedsScalarPath(int lanes) {
        final double[] sum = gradientSums;
        for (int l = 0; l < lanes; l++) {
            if (sum[l] != sum[l]) {
                return true;
            }
        }
        return false;
    }

    /** Whether lane {@code lane} of the last call needs the scalar path (see above). */
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
     * Adjoints from the result down to the variables, operation by operation in the scalar order,
     * each contribution a plain product (no zero-factor rule: see {@link #anyLaneNeedsScalarPath}).
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
            if (leftNeedsAdjoint[i]) {
                final double[] to = adj[left[i]];
                final boolean first = leftContributesFirst[i];
                switch (op[i]) {
                    case Op.NEG -> contribute(lanes, g, -1.0, to, first);
                    case Op.ADD, Op.SUB -> contribute(lanes, g, 1.0, to, first);
                    // ∂(xy)/∂x = y: the other operand's value is the local derivative.
                    case Op.MUL -> contribute(lanes, g, v[right[i]], to, first);
                    default -> contribute(lanes, g, leftPartials[i], to, first);
                }
            }
            if (rightNeedsAdjoint[i]) {
                final double[] to = adj[right[i]];
                final boolean first = rightContributesFirst[i];
                switch (op[i]) {
                    case Op.ADD -> contribute(lanes, g, 1.0, to, first);
                    case Op.SUB -> contribute(lanes, g, -1.0, to, first);
                    case Op.MUL -> contribute(lanes, g, v[left[i]], to, first);
                    default -> contribute(lanes, g, rightPartials[i], to, first);
                }
            }
        }
    }

    /**
     * Adds g times a constant local derivative to an adjoint, or sets it to {@code 0.0 + g·p} if this
     * is its first contribution. The scalar pass multiplies by the same constants (its preset partials).
     */
    private static void contribute(int lanes, double[] g, double partial, double[] to, boolean first) {
        if (first) {
            for (int l = 0; l < lanes; l++) {
                to[l] = 0.0 + g[l] * partial;
            }
        } else {
            for (int l = 0; l < lanes; l++) {
                to[l] += g[l] * partial;
            }
        }
    }

    /** As above, with local derivatives that differ by lane. */
    private static void contribute(int lanes, double[] g, double[] partial, double[] to, boolean first) {
        if (first) {
            for (int l = 0; l < lanes; l++) {
                to[l] = 0.0 + g[l] * partial[l];
            }
        } else {
            for (int l = 0; l < lanes; l++) {
                to[l] += g[l] * partial[l];
            }
        }
    }
}
