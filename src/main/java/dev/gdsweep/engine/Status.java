package dev.gdsweep.engine;

/** How a run ended. */
public enum Status {
    /** The gradient vanished, or the loss stopped improving (see {@link StopReason}). */
    CONVERGED,
    /** The loss, the gradient or the weights became non-finite, or the loss exceeded the divergence bound. */
    DIVERGED,
    /** The iteration cap was reached first. */
    MAX_ITERATIONS,
    /** The run's time limit ({@code stopping.max_seconds}) was reached first. */
    MAX_TIME,
    /** The loss threw an exception (a plugin's bug, say); the run's {@code error} says which. */
    FAILED
}
