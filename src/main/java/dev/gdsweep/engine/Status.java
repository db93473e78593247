package dev.gdsweep.engine;

/** How a run ended. */
public enum Status {
    /** The gradient norm fell to the tolerance: the run reached a stationary point. */
    CONVERGED,
    /**
     * The loss stopped improving for {@code patience} iterations while the gradient was still above the
     * tolerance: the run stalled, which is not convergence (it may sit on a shelf far above a minimum).
     */
    PLATEAU,
    /** The loss, the gradient or the weights became non-finite, or the loss exceeded the divergence bound. */
    DIVERGED,
    /** The iteration cap was reached first. */
    MAX_ITERATIONS,
    /** The run's time limit ({@code stopping.max_seconds}) was reached first. */
    MAX_TIME,
    /** The loss threw an exception (a plugin's bug, say); the run's {@code error} says which. */
    FAILED
}
