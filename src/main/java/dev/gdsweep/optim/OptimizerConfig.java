package dev.gdsweep.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One value of the optimizer axis: an optimizer with every setting fixed. */
public record OptimizerConfig(Optimizer optimizer, double[] values) {

    public static final OptimizerConfig PLAIN = new OptimizerConfig(Optimizer.GD, new double[0]);

    public OptimizerConfig {
        values = values.clone();
        if (values.length != optimizer.settings().size()) {
            throw new IllegalArgumentException(optimizer.label() + " takes " + optimizer.settings().size()
                    + " settings, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            String rule = optimizer.settings().get(i).violation(values[i]);
            if (rule != null) {
                throw new IllegalArgumentException(optimizer.settings().get(i).name() + " " + rule + ", got "
                        + values[i]);
            }
        }
    }

    /** The optimizer with its defaults. */
    public static OptimizerConfig defaults(Optimizer optimizer) {
        return new OptimizerConfig(optimizer,
                optimizer.settings().stream().mapToDouble(Setting::defaultValue).toArray());
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** Settings by name, in declaration order: the report's {@code optimizer_params}. */
    public Map<String, Double> params() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            out.put(optimizer.settings().get(i).name(), values[i]);
        }
        return out;
    }

    /** "adam(beta1=0.9, beta2=0.999, epsilon=1e-08)", or just "gd". */
    public String label() {
        if (values.length == 0) {
            return optimizer.label();
        }
        StringBuilder sb = new StringBuilder(optimizer.label()).append('(');
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(optimizer.settings().get(i).name()).append('=')
                    .append(format(values[i]));
        }
        return sb.append(')').toString();
    }

    /** A setting as labels show it: up to 10 significant digits, no trailing zeros ("0.9", "1e-08"). */
    public static String format(double v) {
        return String.format(Locale.ROOT, "%.10g", v).replaceAll("\\.?0+(e|$)", "$1");
    }

    public UpdateRule create(int dimension) {
        return optimizer.create(dimension, values);
    }

    /** The same rule for {@code lanes} runs stepped in lockstep ({@link LaneUpdateRule}). */
    public LaneUpdateRule createLanes(int dimension, int lanes) {
        if (dimension < 1 || lanes < 1) {
            throw new IllegalArgumentException("dimension and lanes must be >= 1, got " + dimension + " and " + lanes);
        }
        return optimizer.createLanes(dimension, lanes, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimizerConfig c && optimizer == c.optimizer && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return optimizer.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return label();
    }
}
