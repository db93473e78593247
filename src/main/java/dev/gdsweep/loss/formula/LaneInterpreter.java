package dev.gdsweep.loss.formula;

import java.util.Arrays;
import java.util.List;

/**
 * Evaluates a {@link Tape} for many weight vectors ("lanes") at once: each operation runs as one
 * tight loop over the lanes, so the interpreter's dispatch is paid once per operation rather than once
 * per operation and lane, and the simple loops are ones the JIT can unroll and vectorise.
 *
 * <p>Every lane gets the operations of {@link FormulaLoss#valueAndGradient} in the same order, so
 * its value and gradient are bit for bit the scalar ones, with one exception the caller handles: the
 * backward pass here has no zero-factor rule (see {@link #anyLaneNeedsScalarPath}). Work no result
 * depends on is skipped: adjoints of constants (never read); clearing adjoints (the first contribution
 * to a slot sets it to {@code 0.0 + c}, which is what adding c to a cleared 0 gives); storing local
 * derivatives that are values at hand (mul's operands) or constants; and every backward step whose
 * factors are the same in all lanes ({@link BackwardPlan}). A square whose adjoint is the same in all
 * lanes (a term of a sum of squares) sets its operands' adjoints in its forward loop rather than
 * storing its derivative for a backward loop.
 *
 * <p>Each slot has its own row of {@code capacity} doubles (a row per slot rather than one flat
 * array, so that a loop reads and writes distinct arrays at the same index, which the JIT vectorises;
 * it does not with different offsets into one array). Rows are allocated for the largest lane count
 * seen and reused; not thread-safe.
 *
 * <p>Kept whole on purpose, though long: its length is one lane loop per operation (in {@link #forward},
 * {@link #forwardWithConstant} and {@link #backward}), and every loop reads and writes the same per-slot
 * rows held in final fields; split across types, the loops would reach those rows through other objects
 * (or copies of the references), which is what the JIT vectorises least reliably.
 */
final class LaneInterpreter {

    private final Tape tape;
    private final int dimension;
    private final int firstOp;
    private final int sink;
    private final int root;
    private final int[] op;
    private final int[] left;
    private final int[] right;
    private final double[] constants;
    /** Whether an operation has a constant operand (it is binary: operations on constants are folded). */
    private final boolean[] constantOperand;
    private final BackwardPlan plan;
    /** Whether a gradient entry that is the same in all lanes is NaN: then every lane needs the scalar path. */
    private final boolean constantGradientIsNaN;

    private int capacity;
    /** Per slot, its value in each lane: variables, constants (repeated), operation results. */
    private double[][] values;
    /** Per operation, a local derivative it stores for the backward pass (only some operations do). */
    private double[][] leftPartials;
    private double[][] rightPartials;
    /** Per slot, ∂result/∂slot in each lane, for the slots whose adjoint differs by lane. */
    private double[][] adjoints;
    /** Per lane, the sum of its gradient's entries: NaN if any is NaN. */
    private double[] gradientSums;
    /**
     * Per square or squared difference whose contributions the forward loop makes (see
     * {@link BackwardPlan}): its adjoint, and the adjoint rows of its operands (null for a constant)
     * with what they hold before (the same in all lanes).
     */
    private final double[] forwardAdjoint;
    private final double[] forwardLeftBase;
    private final double[] forwardRightBase;
    private double[][] forwardLeftAdjoint;
    private double[][] forwardRightAdjoint;
    /** The plan's other steps, resolved to rows (see {@link #resolveSteps}). */
    private int[] stepKind;
    private double[][] stepTarget;
    private double[][] stepAdjoint;
    private double[][] stepPartial;
    private double[] stepAdjointConstant;
    private double[] stepPartialConstant;
    private double[] stepBase;

    LaneInterpreter(Tape tape) {
        this.tape = tape;
        this.dimension = tape.dimension;
        this.firstOp = tape.firstOp;
        this.sink = tape.sink;
        this.root = tape.root;
        this.op = tape.op;
        this.left = tape.left;
        this.right = tape.right;
        this.constants = tape.values;
        this.constantOperand = new boolean[sink];
        for (int i = firstOp; i < sink; i++) {
            constantOperand[i] = BackwardPlan.isConstant(tape, left[i])
                    || !Op.isUnary(op[i]) && BackwardPlan.isConstant(tape, right[i]);
        }
        this.plan = new BackwardPlan(tape);
        this.forwardAdjoint = new double[sink];
        this.forwardLeftBase = new double[sink];
        this.forwardRightBase = new double[sink];
        this.forwardLeftAdjoint = new double[sink][];
        this.forwardRightAdjoint = new double[sink][];
        boolean nan = false;
        for (int k = 0; k < dimension; k++) {
            nan |= !plan.rowAdjoint[k] && Double.isNaN(plan.constantAdjoint[k]);
        }
        this.constantGradientIsNaN = nan;
        this.values = new double[0][];
        this.leftPartials = values;
        this.rightPartials = values;
        this.adjoints = values;
        this.gradientSums = new double[0];
    }

    /** See {@link dev.gdsweep.loss.LaneLoss#valuesAndGradients}; then ask {@link #anyLaneNeedsScalarPath}. */
    void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] results) {
        ensureCapacity(lanes);
        // Copied into the variables' own rows, which the resolved backward steps refer to.
        final double[][] v = values;
        for (int k = 0; k < dimension; k++) {
            System.arraycopy(w[k], 0, v[k], 0, lanes);
        }
        forward(lanes);
        backward(lanes);
        final double[] sum = gradientSums;
        boolean summed = false;
        for (int k = 0; k < dimension; k++) {
            if (plan.rowAdjoint[k]) {
                final double[] row = adjoints[k];
                System.arraycopy(row, 0, gradient[k], 0, lanes);
                if (summed) {
                    for (int l = 0; l < lanes; l++) {
                        sum[l] += row[l];
                    }
                } else {
                    System.arraycopy(row, 0, sum, 0, lanes);
                    summed = true;
                }
            } else {
                Arrays.fill(gradient[k], 0, lanes, plan.constantAdjoint[k]);
            }
        }
        if (!summed) {
            Arrays.fill(sum, 0, lanes, 0.0);
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
        if (constantGradientIsNaN) {
            return true;
        }
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
        return constantGradientIsNaN || sum != sum;
    }

    private void ensureCapacity(int lanes) {
        if (lanes <= capacity) {
            return;
        }
        // Indexed like the tape (the sink included), though constants and the sink never get adjoint rows.
        int slots = sink + 1;
        values = new double[slots][lanes];
        leftPartials = new double[slots][];
        rightPartials = new double[slots][];
        adjoints = new double[slots][];
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
        for (int s = 0; s < slots; s++) {
            if (plan.rowAdjoint[s]) {
                adjoints[s] = new double[lanes];
            }
        }
        gradientSums = new double[lanes];
        capacity = lanes;
        resolveSteps();
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
            if (constantOperand[i] && forwardWithConstant(i, lanes)) {
                continue;
            }
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
                    final double[] toLeft = forwardLeftAdjoint[i];
                    if (toLeft != null) {
                        final double g = forwardAdjoint[i];
                        final double base = forwardLeftBase[i];
                        for (int l = 0; l < lanes; l++) {
                            double a = x[l];
                            out[l] = a * a;
                            toLeft[l] = base + g * (2 * a);
                        }
                    } else {
                        for (int l = 0; l < lanes; l++) {
                            double a = x[l];
                            out[l] = a * a;
                            pl[l] = 2 * a;
                        }
                    }
                }
                case Op.SQUARED_DIFFERENCE -> {
                    final double[] toLeft = forwardLeftAdjoint[i];
                    final double[] toRight = forwardRightAdjoint[i];
                    if (toLeft != null) {
                        final double g = forwardAdjoint[i];
                        final double leftBase = forwardLeftBase[i];
                        final double rightBase = forwardRightBase[i];
                        for (int l = 0; l < lanes; l++) {
                            double diff = x[l] - y[l];
                            out[l] = diff * diff;
                            toLeft[l] = leftBase + g * (2 * diff);
                            toRight[l] = rightBase + g * (-2 * diff);
                        }
                        continue;
                    }
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
     * The arithmetic operations with one constant operand, the constant read as a scalar rather than
     * from its row, and only the local derivative the backward pass uses stored. False for the others.
     */
    private boolean forwardWithConstant(int i, int lanes) {
        final double[] out = values[i];
        final boolean constantLeft = BackwardPlan.isConstant(tape, left[i]);
        final double c = constants[constantLeft ? left[i] : right[i]];
        final double[] x = values[constantLeft ? right[i] : left[i]];
        switch (op[i]) {
            case Op.ADD -> {
                if (constantLeft) {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = c + x[l];
                    }
                } else {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = x[l] + c;
                    }
                }
            }
            case Op.SUB -> {
                if (constantLeft) {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = c - x[l];
                    }
                } else {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = x[l] - c;
                    }
                }
            }
            case Op.MUL -> {
                if (constantLeft) {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = c * x[l];
                    }
                } else {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = x[l] * c;
                    }
                }
            }
            case Op.DIV -> {
                if (constantLeft) {
                    final double[] pr = rightPartials[i];
                    for (int l = 0; l < lanes; l++) {
                        double b = x[l];
                        double q = c / b;
                        out[l] = q;
                        pr[l] = -q / b;
                    }
                } else {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = x[l] / c; // ∂/∂x = 1/c: the backward plan has it
                    }
                }
            }
            case Op.SQUARED_DIFFERENCE -> {
                final double g = forwardAdjoint[i];
                final double[] toRight = forwardRightAdjoint[i];
                final double[] toLeft = forwardLeftAdjoint[i];
                if (constantLeft && toRight != null) {
                    final double base = forwardRightBase[i];
                    for (int l = 0; l < lanes; l++) {
                        double diff = c - x[l];
                        out[l] = diff * diff;
                        toRight[l] = base + g * (-2 * diff);
                    }
                } else if (constantLeft) {
                    final double[] pr = rightPartials[i];
                    for (int l = 0; l < lanes; l++) {
                        double diff = c - x[l];
                        out[l] = diff * diff;
                        pr[l] = -2 * diff;
                    }
                } else if (toLeft != null) {
                    final double base = forwardLeftBase[i];
                    for (int l = 0; l < lanes; l++) {
                        double diff = x[l] - c;
                        out[l] = diff * diff;
                        toLeft[l] = base + g * (2 * diff);
                    }
                } else {
                    final double[] pl = leftPartials[i];
                    for (int l = 0; l < lanes; l++) {
                        double diff = x[l] - c;
                        out[l] = diff * diff;
                        pl[l] = 2 * diff;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Adjoints from the result down to the variables: the plan's steps in order, each a plain product
     * per lane (no zero-factor rule: see {@link #anyLaneNeedsScalarPath}).
     */
    private void backward(int lanes) {
        final int[] kinds = stepKind;
        for (int s = 0; s < kinds.length; s++) {
            final double[] to = stepTarget[s];
            final double[] g = stepAdjoint[s];
            final double[] p = stepPartial[s];
            final double gc = stepAdjointConstant[s];
            final double pc = stepPartialConstant[s];
            final double base = stepBase[s];
            switch (kinds[s]) {
                case SET_ROW_ROW -> {
                    for (int l = 0; l < lanes; l++) {
                        to[l] = base + g[l] * p[l];
                    }
                }
                case ADD_ROW_ROW -> {
                    for (int l = 0; l < lanes; l++) {
                        to[l] += g[l] * p[l];
                    }
                }
                case SET_ROW_CONSTANT -> {
                    for (int l = 0; l < lanes; l++) {
                        to[l] = base + g[l] * pc;
                    }
                }
                case ADD_ROW_CONSTANT -> {
                    for (int l = 0; l < lanes; l++) {
                        to[l] += g[l] * pc;
                    }
                }
                case SET_CONSTANT_ROW -> {
                    for (int l = 0; l < lanes; l++) {
                        to[l] = base + gc * p[l];
                    }
                }
                case ADD_CONSTANT_ROW -> {
                    for (int l = 0; l < lanes; l++) {
                        to[l] += gc * p[l];
                    }
                }
                case ADD_CONSTANT -> {
                    // Both factors constant, into an adjoint that already differs by lane.
                    for (int l = 0; l < lanes; l++) {
                        to[l] += pc;
                    }
                }
                default -> throw new IllegalStateException("unknown step kind " + kinds[s]);
            }
        }
    }

    private static final int SET_ROW_ROW = 0;
    private static final int ADD_ROW_ROW = 1;
    private static final int SET_ROW_CONSTANT = 2;
    private static final int ADD_ROW_CONSTANT = 3;
    private static final int SET_CONSTANT_ROW = 4;
    private static final int ADD_CONSTANT_ROW = 5;
    private static final int ADD_CONSTANT = 6;

    /** The plan's steps with their rows, for the current capacity. */
    private void resolveSteps() {
        List<BackwardPlan.Step> steps = plan.steps.stream().filter(step -> !step.duringForward()).toList();
        int n = steps.size();
        forwardLeftAdjoint = new double[sink][];
        forwardRightAdjoint = new double[sink][];
        for (BackwardPlan.Step step : plan.steps) {
            if (step.duringForward()) {
                int i = step.operation();
                boolean leftSide = step.partial() == BackwardPlan.Source.LEFT_PARTIAL;
                (leftSide ? forwardLeftAdjoint : forwardRightAdjoint)[i] = adjoints[step.target()];
                (leftSide ? forwardLeftBase : forwardRightBase)[i] = step.base();
                forwardAdjoint[i] = step.adjointConstant();
            }
        }
        stepKind = new int[n];
        stepTarget = new double[n][];
        stepAdjoint = new double[n][];
        stepPartial = new double[n][];
        stepAdjointConstant = new double[n];
        stepPartialConstant = new double[n];
        stepBase = new double[n];
        for (int s = 0; s < n; s++) {
            BackwardPlan.Step step = steps.get(s);
            stepTarget[s] = adjoints[step.target()];
            stepBase[s] = step.base();
            stepAdjointConstant[s] = step.adjointConstant();
            stepPartialConstant[s] = step.partialConstant();
            boolean rowAdjoint = step.adjoint() == BackwardPlan.Source.ADJOINT;
            stepAdjoint[s] = rowAdjoint ? adjoints[step.adjointSlot()] : null;
            stepPartial[s] = switch (step.partial()) {
                case VALUE -> values[step.partialIndex()];
                case LEFT_PARTIAL -> leftPartials[step.partialIndex()];
                case RIGHT_PARTIAL -> rightPartials[step.partialIndex()];
                default -> null;
            };
            boolean rowPartial = stepPartial[s] != null;
            if (rowAdjoint && rowPartial) {
                stepKind[s] = step.first() ? SET_ROW_ROW : ADD_ROW_ROW;
            } else if (rowAdjoint) {
                stepKind[s] = step.first() ? SET_ROW_CONSTANT : ADD_ROW_CONSTANT;
            } else if (rowPartial) {
                stepKind[s] = step.first() ? SET_CONSTANT_ROW : ADD_CONSTANT_ROW;
            } else {
                // The plan makes a step of two constants only into an adjoint that is already a row.
                stepKind[s] = ADD_CONSTANT;
                stepPartialConstant[s] = Op.chain(step.adjointConstant(), step.partialConstant());
            }
        }
    }
}
