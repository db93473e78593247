package dev.gdsweep.spec;

import dev.gdsweep.engine.StoppingRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stopping:} when one run stops: {@code max_iterations}, {@code gradient_tolerance},
 * {@code patience}, {@code min_delta}, {@code divergence_loss} and {@code max_seconds}; each defaults
 * to its value in {@link Defaults}.
 */
final class StoppingSection {

    static final StoppingRule DEFAULT = new StoppingRule(Defaults.MAX_ITERATIONS, Defaults.GRADIENT_TOLERANCE,
            Defaults.PATIENCE, Defaults.MIN_DELTA, Defaults.DIVERGENCE_LOSS, Defaults.RUN_MAX_SECONDS);

    private StoppingSection() {}

    static StoppingRule read(SpecNode node) {
        SpecMapping m = node.asMapping(
                "max_iterations", "gradient_tolerance", "patience", "min_delta", "divergence_loss", "max_seconds");
        long maxIterations = m.nonNegativeLong("max_iterations", Defaults.MAX_ITERATIONS);
        double tolerance = m.nonNegativeFinite("gradient_tolerance", Defaults.GRADIENT_TOLERANCE);
        long patience = m.nonNegativeLong("patience", Defaults.PATIENCE);
        double minDelta = m.nonNegativeFinite("min_delta", Defaults.MIN_DELTA);
        double divergence = Defaults.DIVERGENCE_LOSS;
        Optional<SpecNode> divergenceNode = m.get("divergence_loss");
        if (divergenceNode.isPresent()) {
            divergence = divergenceNode.get().asDouble();
            if (Double.isNaN(divergence) || divergence == Double.NEGATIVE_INFINITY) {
                throw divergenceNode.get().invalid("must be a number or .inf (no bound)");
            }
        }
        double maxSeconds = m.positiveSeconds("max_seconds", Defaults.RUN_MAX_SECONDS);
        return new StoppingRule(maxIterations, tolerance, patience, minDelta, divergence, maxSeconds);
    }

    static Map<String, Object> write(StoppingRule s) {
        Map<String, Object> stopping = new LinkedHashMap<>();
        stopping.put("max_iterations", s.maxIterations());
        stopping.put("gradient_tolerance", s.gradientTolerance());
        stopping.put("patience", s.patience());
        stopping.put("min_delta", s.minDelta());
        stopping.put("divergence_loss", s.divergenceLoss());
        stopping.put("max_seconds", s.maxSeconds());
        return stopping;
    }
}
