package dev.gdsweep.optim;

/**
 * One optimizer's update: given the gradient g at w_k, moves w to w_{k+1} in place. State (velocity,
 * moment estimates) lives in arrays allocated once per instance; {@link #reset()} clears it for a new
 * run. Nothing is allocated per step. Not thread-safe.
 */
public interface UpdateRule {

    /** Clears the state before a run. */
    void reset();

    /**
     * Takes the step after iteration k.
     *
     * @param w the weights w_k, overwritten with w_{k+1}
     * @param g the gradient at w_k (not modified)
     * @param k the iteration, 0 for the first step; Adam-family bias correction uses t = k + 1
     * @param lr the learning rate for this step (after the schedule)
     */
    void step(double[] w, double[] g, long k, double lr);
}
