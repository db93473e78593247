package dev.gdsweep.loss;

import java.util.List;

/**
 * A built-in loss family: its documentation, which dimensions it accepts, its parameters, and a
 * factory for a {@link Loss} of a given dimension.
 */
public interface LossDefinition {

    String name();

    /** The formula, in plain text. */
    String formula();

    /** The only dimension accepted, or 0 when any dimension from {@link #minDimension()} up fits. */
    int fixedDimension();

    default int minDimension() {
        return fixedDimension() == 0 ? 1 : fixedDimension();
    }

    /**
     * The usual search domain: {lo, hi} for every coordinate, or {lo₀, hi₀, lo₁, hi₁, …} when the
     * coordinates differ.
     */
    double[] usualDomain();

    List<ParamSpec> params();

    /** The known minima in words, for {@code gdsweep functions}. */
    String minimaDescription();

    /**
     * Builds the loss for {@code dimension} weights.
     *
     * @throws LossParameterException when a parameter or the dimension breaks a rule of this loss
     */
    Loss create(int dimension, LossParams params);

    default boolean acceptsDimension(int dimension) {
        return fixedDimension() == 0 ? dimension >= minDimension() : dimension == fixedDimension();
    }

    /** "2", or "any n >= 2". */
    default String dimensionDescription() {
        return fixedDimension() == 0 ? "any n >= " + minDimension() : Integer.toString(fixedDimension());
    }
}
