package dev.gdsweep.spec;

/**
 * {@code recommend:} how the recommended learning rate is chosen.
 *
 * @param minShare the share of starts a rate needs (that converge, or for a model judged by its validation
 *     loss, that stop by a rule) to qualify for the recommendation, in (0, 1]
 */
public record RecommendSpec(double minShare) {

    /** The share of starts a rate needs unless the spec says otherwise. */
    public static final double DEFAULT_MIN_SHARE = 0.95;
    public static final RecommendSpec DEFAULT = new RecommendSpec(DEFAULT_MIN_SHARE);

    public RecommendSpec {
        if (!(minShare > 0 && minShare <= 1)) {
            throw new IllegalArgumentException("Invalid min_share (must be > 0 and <= 1): " + minShare);
        }
    }

    public boolean isDefault() {
        return minShare == DEFAULT_MIN_SHARE;
    }
}
