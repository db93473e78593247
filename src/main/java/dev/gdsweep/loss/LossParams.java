package dev.gdsweep.loss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parameter values for a built-in loss, by name; scalars are stored as vectors of length one. */
public final class LossParams {

    private final Map<String, double[]> values;

    public LossParams(Map<String, double[]> values) {
        Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        this.values = Collections.unmodifiableMap(copy);
    }

    public static LossParams none() {
        return new LossParams(Map.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The scalar {@code name}, or {@code defaultValue} when it was not given. */
    public double scalar(String name, double defaultValue) {
        double[] v = values.get(name);
        return v == null ? defaultValue : v[0];
    }

    /** The vector {@code name}, or {@code null} when it was not given. */
    public double[] vector(String name) {
        double[] v = values.get(name);
        return v == null ? null : v.clone();
    }

    public Map<String, double[]> asMap() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }
}
