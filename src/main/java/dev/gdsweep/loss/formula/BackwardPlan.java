package dev.gdsweep.loss.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * The backward pass of a {@link Tape} over lanes, worked out once: the list of contributions
 * adjoint × local derivative, in the order of {@link FormulaLoss#valueAndGradient}, with every factor
 * that is the same in all lanes found up front.
 *
 * <p>The result's adjoint is 1, the local derivatives of add, sub and neg are ±1, and that of a
 * multiplication by a constant is the constant; so in a sum of terms such as {@code (a - x)^2 +
 * b*(y - x^2)^2} the adjoints of the terms, and of {@code (y - x^2)^2}, are the same in every lane.
 * Those are computed here, once, with the arithmetic the scalar pass does per lane (including the
 * zero-factor rule, {@link Op#chain}), and need no loop; the lanes only get the contributions in which
 * a factor differs by lane.
 */
final class BackwardPlan {

    /** Where a factor of a contribution comes from. */
    enum Source { CONSTANT, VALUE, LEFT_PARTIAL, RIGHT_PARTIAL, ADJOINT }

    /**
     * {@code target's adjoint (= base + | +=) adjoint × partial}, lane by lane. A factor from
     * {@link Source#CONSTANT} is {@code adjointConstant} or {@code partialConstant}; otherwise it is the
     * row of {@code adjointSlot} or of {@code partialIndex} in the given source. {@code first} says
     * the target's row is set (from {@code base}, its adjoint so far, the same in all lanes) rather
     * than added to.
     */
    record Step(int operation, int target, boolean first, double base, Source adjoint, int adjointSlot,
            double adjointConstant, Source partial, int partialIndex, double partialConstant, boolean duringForward) {

        Step movedToForward() {
            return new Step(operation, target, first, base, adjoint, adjointSlot, adjointConstant, partial,
                    partialIndex, partialConstant, true);
        }
    }

    final List<Step> steps;
    /** Per slot, whether its final adjoint differs by lane (a row) or not ({@link #constantAdjoint}). */
    final boolean[] rowAdjoint;
    final double[] constantAdjoint;

    BackwardPlan(Tape tape) {
        int slots = tape.size();
        boolean[] row = new boolean[slots];
        double[] constant = new double[slots];
        List<Step> plan = new ArrayList<>();
        constant[tape.root] = 1.0;
        for (int i = tape.sink - 1; i >= tape.firstOp; i--) {
            int op = tape.op[i];
            for (int side = 0; side < (Op.isUnary(op) ? 1 : 2); side++) {
                int target = side == 0 ? tape.left[i] : tape.right[i];
                if (isConstant(tape, target)) {
                    continue; // no one reads a constant's adjoint
                }
                Source partial = partialSource(tape, i, side);
                double partialConstant = partial == Source.CONSTANT ? constantPartial(tape, i, side) : 0;
                int partialIndex = partial == Source.VALUE ? (side == 0 ? tape.right[i] : tape.left[i]) : i;
                if (!row[i] && partial == Source.CONSTANT && !row[target]) {
                    constant[target] += Op.chain(constant[i], partialConstant);
                    continue;
                }
                plan.add(new Step(i, target, !row[target], constant[target], row[i] ? Source.ADJOINT : Source.CONSTANT,
                        i, constant[i], partial, partialIndex, partialConstant, false));
                row[target] = true;
            }
        }
        markDuringForward(tape, plan);
        this.steps = List.copyOf(plan);
        this.rowAdjoint = row;
        this.constantAdjoint = constant;
    }

    /**
     * Marks the steps of a square or squared difference whose adjoint is the same in all lanes and
     * whose contributions are all first ones: the forward loop can set the operands' adjoints right
     * away, from the local derivatives it has at hand, instead of storing them for a backward loop.
     * A first contribution comes before any other to its target, so moving it earlier changes no sum.
     */
    private static void markDuringForward(Tape tape, List<Step> plan) {
        for (int s = 0; s < plan.size(); s++) {
            Step step = plan.get(s);
            int op = tape.op[step.operation()];
            if (op != Op.SQUARE && op != Op.SQUARED_DIFFERENCE) {
                continue;
            }
            int end = s;
            boolean all = true;
            while (end < plan.size() && plan.get(end).operation() == step.operation()) {
                all &= plan.get(end).first() && plan.get(end).adjoint() == Source.CONSTANT;
                end++;
            }
            if (all) {
                for (int t = s; t < end; t++) {
                    plan.set(t, plan.get(t).movedToForward());
                }
            }
            s = end - 1;
        }
    }

    static boolean isConstant(Tape tape, int slot) {
        return slot >= tape.dimension && slot < tape.firstOp;
    }

    /** Where the local derivative of operation i wrt its left (side 0) or right operand comes from. */
    private static Source partialSource(Tape tape, int i, int side) {
        int other = side == 0 ? tape.right[i] : tape.left[i];
        switch (tape.op[i]) {
            case Op.NEG, Op.ADD, Op.SUB:
                return Source.CONSTANT;
            case Op.MUL:
                // ∂(xy)/∂x = y: the other operand's value.
                return isConstant(tape, other) ? Source.CONSTANT : Source.VALUE;
            case Op.DIV:
                // ∂(x/c)/∂x = 1/c.
                return side == 0 && isConstant(tape, other) ? Source.CONSTANT : side == 0 ? Source.LEFT_PARTIAL
                        : Source.RIGHT_PARTIAL;
            default:
                return side == 0 ? Source.LEFT_PARTIAL : Source.RIGHT_PARTIAL;
        }
    }

    /** The local derivative where it is the same in all lanes: the scalar pass's preset or computed one. */
    private static double constantPartial(Tape tape, int i, int side) {
        int other = side == 0 ? tape.right[i] : tape.left[i];
        return switch (tape.op[i]) {
            case Op.NEG -> -1.0;
            case Op.ADD -> 1.0;
            case Op.SUB -> side == 0 ? 1.0 : -1.0;
            case Op.MUL -> tape.values[other];
            case Op.DIV -> 1 / tape.values[other];
            default -> throw new IllegalStateException("no constant derivative for " + Op.name(tape.op[i]));
        };
    }
}
