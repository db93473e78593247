package dev.gdsweep.engine;

/**
 * When a run stops. At iteration k, with L = loss(w_k) and g = ∇loss(w_k), in this order:
 * <ol>
 *   <li>L, any gᵢ or any wᵢ not finite, or L &gt; {@code divergenceLoss}: diverged;</li>
 *   <li>‖g‖₂ ≤ {@code gradientTolerance}: converged;</li>
 *   <li>{@code patience} &gt; 0 and {@code patience} consecutive iterations without improvement,
 *       an improvement being L &lt; best − {@code minDelta} (best starts at +∞ and becomes L on
 *       improvement): converged;</li>
 *   <li>k = {@code maxIterations}: out of iterations.</li>
 * </ol>
 * Otherwise the update w_{k+1} = w_k − lr·g is taken.
 */
public record StoppingRule(
        long maxIterations, double gradientTolerance, long patience, double minDelta, double divergenceLoss) {

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
    }
}
