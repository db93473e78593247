package dev.gdsweep.html;

/**
 * The observed divergence boundary of one configuration, for the report's stability table.
 *
 * @param configuration {@code optimizerConfig + ", " + schedule}
 * @param largestStableRate the largest learning rate at which no run diverged; null if none
 * @param smallestDivergingRate the smallest learning rate at which some run diverged; null if none
 * @param theoreticalCriticalRate 2/λ_max where known (plain GD on a quadratic); null otherwise
 */
public record StabilityRow(
        String configuration, Double largestStableRate, Double smallestDivergingRate, Double theoreticalCriticalRate) {

    public StabilityRow {
        configuration = configuration == null ? "" : configuration;
    }
}
