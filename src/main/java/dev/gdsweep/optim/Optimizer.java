package dev.gdsweep.optim;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The optimizers a sweep can use, with their settings and defaults. Update rules follow Ruder,
 * "An overview of gradient descent optimization algorithms" (arXiv:1609.04747); each rule's class
 * states its formula and where common implementations differ.
 */
public enum Optimizer {
    GD("gd", List.of()),
    MOMENTUM("momentum", List.of(Setting.fraction("momentum", 0.9, "velocity decay gamma"))),
    NESTEROV("nesterov", List.of(Setting.fraction("momentum", 0.9, "velocity decay gamma"))),
    ADAGRAD("adagrad", List.of(Setting.positive("epsilon", 1e-8, "smoothing, inside the square root"))),
    ADADELTA("adadelta", List.of(
            Setting.fraction("rho", 0.95, "decay of the running averages"),
            Setting.positive("epsilon", 1e-6, "smoothing, inside both square roots"))),
    RMSPROP("rmsprop", List.of(
            Setting.fraction("rho", 0.9, "decay of the mean square"),
            Setting.positive("epsilon", 1e-8, "smoothing, inside the square root"))),
    ADAM("adam", List.of(
            Setting.fraction("beta1", 0.9, "decay of the first moment"),
            Setting.fraction("beta2", 0.999, "decay of the second moment"),
            Setting.positive("epsilon", 1e-8, "smoothing, outside the square root"))),
    ADAMAX("adamax", List.of(
            Setting.fraction("beta1", 0.9, "decay of the first moment"),
            Setting.fraction("beta2", 0.999, "decay of the infinity norm"))),
    NADAM("nadam", List.of(
            Setting.fraction("beta1", 0.9, "decay of the first moment"),
            Setting.fraction("beta2", 0.999, "decay of the second moment"),
            Setting.positive("epsilon", 1e-8, "smoothing, outside the square root"))),
    AMSGRAD("amsgrad", List.of(
            Setting.fraction("beta1", 0.9, "decay of the first moment"),
            Setting.fraction("beta2", 0.999, "decay of the second moment"),
            Setting.positive("epsilon", 1e-8, "smoothing, outside the square root")));

    private final String label;
    private final List<Setting> settings;

    Optimizer(String label, List<Setting> settings) {
        this.label = label;
        this.settings = settings;
    }

    public String label() {
        return label;
    }

    /** The settings, in the order their values are stored and their lists are expanded. */
    public List<Setting> settings() {
        return settings;
    }

    public static Optional<Optimizer> byLabel(String label) {
        return Arrays.stream(values()).filter(o -> o.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Optimizer::label).toList();
    }

    /**
     * A fresh lane rule for {@code lanes} runs of {@code dimension} weights stepped in lockstep, each lane
     * bit for bit the rule {@link #create} makes; {@code values} in {@link #settings()} order.
     */
    LaneUpdateRule createLanes(int dimension, int lanes, double[] values) {
        return switch (this) {
            case GD -> new PlainGradient.Lanes(lanes);
            case MOMENTUM -> new Momentum.Lanes(dimension, lanes, values[0], false);
            case NESTEROV -> new Momentum.Lanes(dimension, lanes, values[0], true);
            case ADAGRAD -> new Adagrad.Lanes(dimension, lanes, values[0]);
            case ADADELTA -> new Adadelta.Lanes(dimension, lanes, values[0], values[1]);
            case RMSPROP -> new RmsProp.Lanes(dimension, lanes, values[0], values[1]);
            case ADAM -> new Adam.Lanes(dimension, lanes, values[0], values[1], values[2]);
            case ADAMAX -> new AdaMax.Lanes(dimension, lanes, values[0], values[1]);
            case NADAM -> new Nadam.Lanes(dimension, lanes, values[0], values[1], values[2]);
            case AMSGRAD -> new AmsGrad.Lanes(dimension, lanes, values[0], values[1], values[2]);
        };
    }

    /** A fresh update rule for {@code dimension} weights; {@code values} in {@link #settings()} order. */
    UpdateRule create(int dimension, double[] values) {
        return switch (this) {
            case GD -> new PlainGradient();
            case MOMENTUM -> new Momentum(dimension, values[0], false);
            case NESTEROV -> new Momentum(dimension, values[0], true);
            case ADAGRAD -> new Adagrad(dimension, values[0]);
            case ADADELTA -> new Adadelta(dimension, values[0], values[1]);
            case RMSPROP -> new RmsProp(dimension, values[0], values[1]);
            case ADAM -> new Adam(dimension, values[0], values[1], values[2]);
            case ADAMAX -> new AdaMax(dimension, values[0], values[1]);
            case NADAM -> new Nadam(dimension, values[0], values[1], values[2]);
            case AMSGRAD -> new AmsGrad(dimension, values[0], values[1], values[2]);
        };
    }
}
