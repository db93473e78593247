package dev.gdsweep.loss;

/**
 * One parameter a built-in loss accepts: a number, or a vector of numbers.
 *
 * @param defaultValue the default; {@code null} when the parameter has to be given (a vector's default
 *     may also be computed from the dimension, see {@link LossDefinition#create})
 */
public record ParamSpec(String name, boolean vector, Double defaultValue, String description) {

    public static ParamSpec scalar(String name, double defaultValue, String description) {
        return new ParamSpec(name, false, defaultValue, description);
    }

    public static ParamSpec vector(String name, String description) {
        return new ParamSpec(name, true, null, description);
    }
}
