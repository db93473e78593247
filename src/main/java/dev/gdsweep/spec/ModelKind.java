package dev.gdsweep.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The models a loss can train on a data set; {@link #label()} is the spelling of {@code loss.model}. */
public enum ModelKind {
    LINEAR_REGRESSION("linear_regression"),
    LOGISTIC_REGRESSION("logistic_regression"),
    SOFTMAX_REGRESSION("softmax_regression"),
    MLP("mlp");

    private final String label;

    ModelKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<ModelKind> byLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(ModelKind::label).toList();
    }

    /** Whether the labels are classes: every model but linear regression and an mlp's regression task. */
    public boolean classifies(boolean regression) {
        return this != LINEAR_REGRESSION && !(this == MLP && regression);
    }
}
