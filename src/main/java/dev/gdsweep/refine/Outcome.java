package dev.gdsweep.refine;

/**
 * What one run at one rate showed the refinement.
 *
 * @param converged whether it stopped by the gradient criterion (a stop for lack of improvement is not convergence)
 * @param iterations iterations it ran
 * @param status its status as the refinement reports it: the run's status, but {@code PLATEAU} for a run
 *     stopped because its loss no longer improved
 */
public record Outcome(boolean converged, long iterations, String status) {

    /** From a row of the runs table: its {@code stop_reason}, {@code status} and {@code iterations}. */
    public static Outcome of(String stopReason, String status, long iterations) {
        return new Outcome("gradient_tolerance".equals(stopReason), iterations,
                "no_improvement".equals(stopReason) ? "PLATEAU" : status);
    }
}
