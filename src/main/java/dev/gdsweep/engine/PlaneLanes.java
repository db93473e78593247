package dev.gdsweep.engine;

import dev.gdsweep.loss.LaneLoss;
import java.util.function.Function;

/**
 * Plain gradient descent's common iteration on a built-in loss of two weights (rosenbrock with n = 2,
 * himmelblau, quadratic with two curvatures), written on the Vector API ({@code VectorPlaneLanes}):
 * what {@link LockstepDescent} does in four loops over lanes (the loss's lane kernel, the pre-check,
 * the bookkeeping, the step) in one loop over vectors of lanes, {@link #iterate}. A vector none of
 * whose lanes the pre-check flags takes its iteration there and then; one with a flagged lane is left
 * to the exact rules, lane by lane, as before. A lane that passes the pre-check would have gone through
 * the exact rules to the same bookkeeping and step (no rule fires there), so each lane still takes the
 * plain-Java lanes' path.
 *
 * <p>Each lane does exactly the operations of the loss's own kernel ({@code Rosenbrock.term},
 * {@code Himmelblau.valueAndGradient}, {@code Quadratic.term}), of {@link LockstepDescent}'s
 * pre-check, bookkeeping and step, in their order, with IEEE +, −, × (correctly rounded in both, no
 * fused multiply-add, nothing reassociated), so that its bits are those of the plain-Java lanes and of
 * {@link GradientDescent} alone; the decisions (which lanes go to the exact rules, when) are taken
 * where and as the plain-Java loop takes them. Lanes are independent, so the vector width does not
 * enter the result.
 *
 * <p>Only {@link #vectorFor} makes one, and only when the JVM has the module
 * {@code jdk.incubator.vector} (bin/gdsweep, Spark's launch scripts and the tests add it) on a CPU
 * with 256-bit vectors or wider; the class is loaded by name after that check, so a JVM without the
 * module never touches it and runs the plain-Java lanes, with the same results.
 */
abstract class PlaneLanes {

    /** Makes the vector lanes for a loss (null when it has none), or null without the Vector API. */
    private static final Function<LaneLoss, PlaneLanes> VECTOR = vectorMaker();

    @SuppressWarnings("unchecked")
    private static Function<LaneLoss, PlaneLanes> vectorMaker() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            Class<?> vector = Class.forName("dev.gdsweep.engine.VectorPlaneLanes");
            return (Function<LaneLoss, PlaneLanes>) vector.getDeclaredMethod("ifFast").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // not expected with the module present; the plain-Java lanes give the same results
        }
    }

    /**
     * The Vector API lanes for {@code loss}, or null: without the module, on a CPU without 256-bit
     * vectors, or for a loss other than the 2-D built-ins above.
     */
    static PlaneLanes vectorFor(LaneLoss loss) {
        return VECTOR == null ? null : VECTOR.apply(loss);
    }

    /** Whether this JVM runs plain GD on the 2-D built-ins with the Vector API. */
    static boolean vectorApi() {
        return VECTOR != null;
    }

    /** The lanes per vector: {@link #iterate} takes a multiple of it. */
    abstract int width();

    /**
     * One iteration of plain GD for every vector of lanes none of which the pre-check flags, as
     * {@link LockstepDescent} takes it lane by lane: for lane l, the loss at (wx[l], wy[l]) and its
     * gradient, as the loss's lane kernel gives them; the pre-check of two dimensions; then the
     * bookkeeping (loss increases, best loss, previous loss), wx −= rate·gx, wy −= rate·gy and k += 1.
     * A vector with a flagged lane is left as it was but for its values and gradient, written to
     * {@code values}, {@code gx} and {@code gy} for the exact rules, and marked in
     * {@code flaggedVector[l / width()]} (the others are unmarked). Returns the number of flagged vectors.
     */
    abstract int iterate(int lanes, double[] wx, double[] wy, double[] gx, double[] gy, double[] values,
            double[] rate, double[] k, double[] limit, double[] increases, double[] bestLoss, double[] previous,
            boolean[] flaggedVector, double smallestMovingSquare, double largestValue);
}
