package dev.gdsweep.spec;

import dev.gdsweep.loss.BuiltinLosses;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.LossDefinition;
import dev.gdsweep.loss.LossParams;

/** Which built-in loss a sweep runs, with its parameters (already checked against the dimension). */
public record LossSpec(String function, LossParams params) {

    public LossDefinition definition() {
        return BuiltinLosses.find(function)
                .orElseThrow(() -> new IllegalStateException("unknown loss " + function));
    }

    /** A fresh loss instance; each task builds its own. */
    public Loss create(int dimension) {
        return definition().create(dimension, params);
    }
}
