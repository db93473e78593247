package dev.gdsweep.engine;

/**
 * Sees every iteration of a run, after its loss and gradient are computed and before the stopping
 * rules are checked, so the last call is the iteration the run stopped at. Used to record
 * trajectories; runs that are not recorded pass no observer and pay nothing.
 */
@FunctionalInterface
public interface StepObserver {

    /** {@code weights} is the engine's own buffer: copy what you keep. */
    void observe(long iteration, double loss, double[] weights, double gradientNorm);
}
