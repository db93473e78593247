package dev.gdsweep.optim;

import java.util.Locale;

/**
 * The learning rate at each step, from the sweep's learning rate η and the iteration k:
 * <ul>
 *   <li>{@code constant}: η</li>
 *   <li>{@code inverse_sqrt}: η/√(k+1), the decay MLlib's GradientDescent applies</li>
 *   <li>{@code exponential}: η·γᵏ</li>
 *   <li>{@code step}: η·γ^⌊k/step_size⌋</li>
 * </ul>
 */
public record Schedule(Kind kind, double gamma, long stepSize) {

    public enum Kind {
        CONSTANT("constant"), INVERSE_SQRT("inverse_sqrt"), EXPONENTIAL("exponential"), STEP("step");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static java.util.Optional<Kind> byLabel(String label) {
            return java.util.Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
        }
    }

    public static final Schedule CONSTANT = new Schedule(Kind.CONSTANT, 1.0, 1);
    public static final Schedule INVERSE_SQRT = new Schedule(Kind.INVERSE_SQRT, 1.0, 1);

    public Schedule {
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be a finite number > 0, got " + gamma);
        }
        if (stepSize < 1) {
            throw new IllegalArgumentException("step_size must be >= 1, got " + stepSize);
        }
    }

    public static Schedule exponential(double gamma) {
        return new Schedule(Kind.EXPONENTIAL, gamma, 1);
    }

    public static Schedule step(double gamma, long stepSize) {
        return new Schedule(Kind.STEP, gamma, stepSize);
    }

    /** The learning rate for the step after iteration k. */
    public double rate(double lr, long k) {
        return switch (kind) {
            case CONSTANT -> lr;
            case INVERSE_SQRT -> lr / Math.sqrt(k + 1.0);
            case EXPONENTIAL -> lr * Math.pow(gamma, k);
            case STEP -> lr * Math.pow(gamma, k / stepSize);
        };
    }

    /** "constant", "exponential(gamma=0.99)", "step(gamma=0.5, step_size=100)". */
    public String label() {
        return switch (kind) {
            case CONSTANT, INVERSE_SQRT -> kind.label();
            case EXPONENTIAL -> String.format(Locale.ROOT, "exponential(gamma=%s)", OptimizerConfig.format(gamma));
            case STEP -> String.format(Locale.ROOT, "step(gamma=%s, step_size=%d)", OptimizerConfig.format(gamma),
                    stepSize);
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
