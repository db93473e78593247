package dev.gdsweep.loss.formula;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Tape} while the parser reads the formula, one node per call, returning node ids.
 *
 * <p>On the way it folds operations on constants (with {@link Op#value}, so folding cannot change a
 * result), shares repeated subexpressions (all operations are pure), compiles {@code x^2} to a
 * multiplication and {@code x^c} to an operation with no derivative wrt c; then {@link #build}
 * fuses {@code (a - b)^2} into one operation and drops nodes the result does not use (such as the
 * operands of folded operations). Use a builder for one formula only.
 */
final class TapeBuilder {

    private static final int VARIABLE = -1;
    private static final int CONSTANT = -2;
    private static final int NONE = -1;

    /** A node: a variable (a = its index), a constant, or an operation on earlier nodes a and b. */
    private record Node(int kind, int a, int b, double constant) {}

    private final int dimension;
    private final List<Node> nodes = new ArrayList<>();
    /** Node to id, so that equal nodes are built once. Record equality tells 0.0 from -0.0. */
    private final Map<Node, Integer> ids = new HashMap<>();

    TapeBuilder(int dimension) {
        this.dimension = dimension;
        for (int k = 0; k < dimension; k++) {
            intern(new Node(VARIABLE, k, NONE, 0));
        }
    }

    int variable(int index) {
        return index;
    }

    int constant(double value) {
        return intern(new Node(CONSTANT, NONE, NONE, value));
    }

    int unary(int op, int x) {
        if (isConstant(x)) {
            return constant(Op.value(op, constantOf(x), 0));
        }
        return intern(new Node(op, x, NONE, 0));
    }

    int binary(int op, int x, int y) {
        if (isConstant(x) && isConstant(y)) {
            return constant(Op.value(op, constantOf(x), constantOf(y)));
        }
        if (op == Op.POW) {
            return power(x, y);
        }
        return intern(new Node(op, x, y, 0));
    }

    private int power(int base, int exponent) {
        if (!isConstant(exponent)) {
            return intern(new Node(Op.POW, base, exponent, 0));
        }
        double c = constantOf(exponent);
        if (c == 2) {
            return unary(Op.SQUARE, base);
        }
        if (c == 1) {
            return base; // Math.pow(x, 1) is x for every x
        }
        if (c == 0) {
            return constant(1.0); // Math.pow(x, 0) is 1 for every x, NaN included
        }
        return intern(new Node(Op.POW_CONST, base, exponent, 0));
    }

    /** The tape computing node {@code root}. */
    Tape build(int root) {
        int count = nodes.size();
        fuseSquaredDifferences(live(root));
        boolean[] live = live(root);
        // Slots: variables (always, even unused ones), live constants, live operations, sink.
        int[] slot = new int[count];
        int next = dimension;
        for (int id = dimension; id < count; id++) {
            if (live[id] && nodes.get(id).kind() == CONSTANT) {
                slot[id] = next++;
            }
        }
        int firstOp = next;
        for (int id = dimension; id < count; id++) {
            if (live[id] && nodes.get(id).kind() >= 0) {
                slot[id] = next++;
            }
        }
        for (int k = 0; k < dimension; k++) {
            slot[k] = k;
        }
        int sink = next;
        int[] op = new int[sink + 1];
        int[] left = new int[sink + 1];
        int[] right = new int[sink + 1];
        double[] values = new double[sink + 1];
        for (int id = dimension; id < count; id++) {
            if (!live[id]) {
                continue;
            }
            Node n = nodes.get(id);
            int s = slot[id];
            if (n.kind() == CONSTANT) {
                values[s] = n.constant();
            } else {
                op[s] = n.kind();
                left[s] = slot[n.a()];
                right[s] = Op.isUnary(n.kind()) ? sink : slot[n.b()];
            }
        }
        return new Tape(dimension, firstOp, slot[root], op, left, right, values);
    }

    /** Nodes {@code root} depends on, itself included. */
    private boolean[] live(int root) {
        boolean[] live = new boolean[nodes.size()];
        live[root] = true;
        // Operands have lower ids than their operations, so one downward sweep marks everything used.
        for (int id = root; id >= 0; id--) {
            Node n = nodes.get(id);
            if (live[id] && n.kind() >= 0) {
                live[n.a()] = true;
                if (!Op.isUnary(n.kind())) {
                    live[n.b()] = true;
                }
            }
        }
        return live;
    }

    /**
     * Rewrites square(sub(a, b)) as sqdiff(a, b) where the subtraction has no other use (otherwise it
     * must be computed anyway, and fusing would only duplicate it). Same value: both compute d*d.
     */
    private void fuseSquaredDifferences(boolean[] live) {
        int[] uses = new int[nodes.size()];
        for (int id = 0; id < nodes.size(); id++) {
            Node n = nodes.get(id);
            if (live[id] && n.kind() >= 0) {
                uses[n.a()]++;
                if (!Op.isUnary(n.kind())) {
                    uses[n.b()]++;
                }
            }
        }
        for (int id = 0; id < nodes.size(); id++) {
            Node n = nodes.get(id);
            if (live[id] && n.kind() == Op.SQUARE && uses[n.a()] == 1) {
                Node difference = nodes.get(n.a());
                if (difference.kind() == Op.SUB) {
                    nodes.set(id, new Node(Op.SQUARED_DIFFERENCE, difference.a(), difference.b(), 0));
                }
            }
        }
    }

    private int intern(Node node) {
        Integer id = ids.get(node);
        if (id != null) {
            return id;
        }
        nodes.add(node);
        ids.put(node, nodes.size() - 1);
        return nodes.size() - 1;
    }

    private boolean isConstant(int id) {
        return nodes.get(id).kind() == CONSTANT;
    }

    private double constantOf(int id) {
        return nodes.get(id).constant();
    }
}
