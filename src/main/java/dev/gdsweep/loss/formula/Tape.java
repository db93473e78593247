package dev.gdsweep.loss.formula;

/**
 * A compiled formula: a straight-line program over numbered slots, immutable and shareable.
 *
 * <p>Slots {@code [0, dimension)} hold the variables, {@code [dimension, firstOp)} the constants,
 * {@code [firstOp, sink)} the results of the operations in evaluation order (each reads only lower
 * slots), and slot {@code sink} is the unused second operand of every unary operation, so the
 * backward pass needs no test for arity. The arrays are indexed by slot; entries of non-operation
 * slots are unused. Never modify them: evaluators copy what they write.
 */
final class Tape {

    final int dimension;
    final int firstOp;
    final int sink;
    /** The slot holding the formula's value (a variable, a constant or the last operation). */
    final int root;
    final int[] op;
    final int[] left;
    final int[] right;
    /** Initial slot values: the constants at their slots, 0 elsewhere. */
    final double[] values;
    /** Initial local derivatives wrt each operand: those that never change (add, sub, neg) are preset. */
    final double[] leftPartials;
    final double[] rightPartials;

    Tape(int dimension, int firstOp, int root, int[] op, int[] left, int[] right, double[] values) {
        this.dimension = dimension;
        this.firstOp = firstOp;
        this.sink = op.length - 1;
        this.root = root;
        this.op = op;
        this.left = left;
        this.right = right;
        this.values = values;
        this.leftPartials = new double[op.length];
        this.rightPartials = new double[op.length];
        for (int i = firstOp; i < sink; i++) {
            switch (op[i]) {
                case Op.ADD -> {
                    leftPartials[i] = 1;
                    rightPartials[i] = 1;
                }
                case Op.SUB -> {
                    leftPartials[i] = 1;
                    rightPartials[i] = -1;
                }
                case Op.NEG -> leftPartials[i] = -1;
                default -> { }
            }
        }
    }

    /** Number of slots, including the sink. */
    int size() {
        return op.length;
    }

    int operationCount() {
        return sink - firstOp;
    }

    /** A listing such as {@code t3 = square(x0)}, one operation a line, for debugging and tests. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = firstOp; i < sink; i++) {
            sb.append(slot(i)).append(" = ").append(Op.name(op[i])).append('(').append(slot(left[i]));
            if (!Op.isUnary(op[i])) {
                sb.append(", ").append(slot(right[i]));
            }
            sb.append(")\n");
        }
        return sb.append("result ").append(slot(root)).toString();
    }

    private String slot(int i) {
        if (i < dimension) {
            return "x" + i;
        }
        return i < firstOp ? Double.toString(values[i]) : "t" + i;
    }
}
