package dev.gdsweep.loss;

/**
 * A loss that also evaluates many weight vectors ("lanes") in one call, so the engine can step
 * independent runs in lockstep: the lanes' floating-point chains overlap instead of waiting on each
 * other, and a loop over lanes is one the JIT can vectorise.
 *
 * <p>Layout is structure of arrays, one array per coordinate: coordinate i of lane l is
 * {@code w[i][l]}, and the gradient is written the same way ({@code gradient[i][l]}). Separate arrays
 * (rather than one array with coordinate i at offset {@code i * lanes}) let the JIT vectorise a loop
 * over lanes that reads or writes several coordinates. For every lane the value and gradient must be bit for bit those
 * {@link #valueAndGradient} gives for that lane's weights alone (the same operations in the same
 * order), so that a run's result does not depend on which runs shared its batch. Allocation-free,
 * like {@link #valueAndGradient}.
 *
 * <p>The built-in losses get that by construction: each writes its maths once, as a static kernel
 * (the whole function in two dimensions, one term of the sum in more) that {@link #value},
 * {@link #valueAndGradient} and the loop over lanes all call, and that the JIT inlines. Each class
 * keeps its own few-line loop over lanes: one loop shared through an overridden kernel would see
 * several kernels as soon as two losses ran in one JVM, and the JIT would then neither inline nor
 * vectorise it. {@link Ackley}'s lane loop and {@link Beale}'s value say why they are written apart.
 */
public interface LaneLoss extends Loss {

    /**
     * For each lane l in [0, lanes): {@code values[l]} = loss at lane l's weights, and its gradient
     * into {@code gradient}. {@code w} and {@code gradient} hold at least {@code dimension()} arrays of
     * at least {@code lanes} entries each (distinct arrays; {@code gradient}'s never those of
     * {@code w}), and {@code values} at least {@code lanes}; every lane's entries are overwritten.
     */
    void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values);
}
