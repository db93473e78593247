package dev.gdsweep.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gates:} the regression gates of {@code gdsweep compare}: {@code max_converged_fraction_drop}
 * and {@code max_best_loss_increase}, each absent (no gate) or a finite number >= 0.
 */
final class GatesSection {

    private GatesSection() {}

    static SweepSpec.Gates read(SpecNode node) {
        SpecMapping g = node.asMapping("max_converged_fraction_drop", "max_best_loss_increase");
        return new SweepSpec.Gates(
                g.get("max_converged_fraction_drop").map(SpecNode::nonNegativeFinite).orElse(null),
                g.get("max_best_loss_increase").map(SpecNode::nonNegativeFinite).orElse(null));
    }

    /** The gates that are set; empty when none is. */
    static Optional<Map<String, Object>> write(SweepSpec.Gates gates) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (gates.maxConvergedFractionDrop() != null) {
            out.put("max_converged_fraction_drop", gates.maxConvergedFractionDrop());
        }
        if (gates.maxBestLossIncrease() != null) {
            out.put("max_best_loss_increase", gates.maxBestLossIncrease());
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }
}
