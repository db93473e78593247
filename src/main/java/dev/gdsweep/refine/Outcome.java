package dev.gdsweep.refine;

/**
 * What one run at one rate showed the refinement.
 *
 * @param converged whether it stopped by the gradient criterion: status {@code CONVERGED} ({@code PLATEAU},
 *     a stop for lack of improvement, is not convergence)
 * @param iterations iterations it ran
 * @param status the run's status
 */
public record Outcome(boolean converged, long iterations, String status) {

    /** From a row of the runs table: its {@code status} and {@code iterations}. */
    public static Outcome of(String status, long iterations) {
        return new Outcome("CONVERGED".equals(status), iterations, status);
    }
}
