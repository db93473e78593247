package dev.gdsweep.loss;

/**
 * A built-in loss of two weights, (x, y) = (w₀, w₁). Each subclass writes its maths once, as a static
 * kernel {@code valueAndGradient(x, y, gx, ix, gy, iy)} that returns f(x, y) and writes ∂f/∂x into
 * gx[ix] and ∂f/∂y into gy[iy]; its {@link #valueAndGradient} and its loop over lanes call it (the
 * loop is not here: see {@link LaneLoss}), and {@link #value} here runs it too.
 */
abstract class PlaneLoss implements LaneLoss {

    @Override
    public final int dimension() {
        return 2;
    }

    /** The kernel's value; its gradient goes to a throwaway array. */
    @Override
    public double value(double[] w) {
        return valueAndGradient(w, new double[2]);
    }
}
