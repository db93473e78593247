package dev.gdsweep.engine;

/**
 * When a run stops. At iteration k, with L = loss(w_k) and g = ∇loss(w_k), in this order:
 * <ol>
 *   <li>L, any gᵢ or any wᵢ not finite, or L &gt; {@code divergenceLoss}: diverged;</li>
 *   <li>‖g‖₂ ≤ {@code gradientTolerance}: converged;</li>
 *   <li>{@code patience} &gt; 0 and {@code patience} consecutive iterations without improvement,
 *       an improvement being L &lt; best − {@code minDelta} (best starts at +∞ and becomes L on
 *       improvement): converged;</li>
 *   <li>k = {@code maxIterations}: out of iterations;</li>
 *   <li>the run has taken longer than {@code maxSeconds} of wall time (checked every 256 iterations):
 *       out of time.</li>
 * </ol>
 * Otherwise the update w_{k+1} = w_k − lr·g is taken. Both loops, one run at a time and in lockstep
 * lanes, apply the rule through the same {@code StopCheck}.
 */
public record StoppingRule(
        long maxIterations, double gradientTolerance, long patience, double minDelta, double divergenceLoss,
        double maxSeconds) {

    /** No time limit. */
    public StoppingRule(long maxIterations, double gradientTolerance, long patience, double minDelta,
            double divergenceLoss) {
        this(maxIterations, gradientTolerance, patience, minDelta, divergenceLoss, Double.POSITIVE_INFINITY);
    }

    public StoppingRule {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
        }
        if (!(gradientTolerance >= 0) || Double.isInfinite(gradientTolerance)) {
            throw new IllegalArgumentException("gradientTolerance must be finite and >= 0, got " + gradientTolerance);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be finite and >= 0, got " + minDelta);
        }
        if (Double.isNaN(divergenceLoss)) {
            throw new IllegalArgumentException("divergenceLoss must not be NaN");
        }
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds must be > 0 (infinity for no limit), got " + maxSeconds);
        }
    }
}
