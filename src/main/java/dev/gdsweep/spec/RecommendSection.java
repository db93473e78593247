package dev.gdsweep.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code recommend:} {@code min_share}, the share of starts a recommended rate needs, in (0, 1]. */
final class RecommendSection {

    private RecommendSection() {}

    static RecommendSpec read(SpecNode node) {
        SpecMapping m = node.asMapping("min_share");
        return new RecommendSpec(m.get("min_share").map(RecommendSection::minShare)
                .orElse(RecommendSpec.DEFAULT_MIN_SHARE));
    }

    private static double minShare(SpecNode node) {
        double v = node.asDouble();
        if (!(v > 0 && v <= 1)) {
            throw node.invalid("must be > 0 and <= 1 (the share of starts a recommended rate needs: 0.95 is 95%)");
        }
        return v;
    }

    /**
     * The section when it differs from the default; empty otherwise, so that a spec written before the
     * section existed is still written byte for byte as it was.
     */
    static Optional<Map<String, Object>> write(RecommendSpec recommend) {
        if (recommend.isDefault()) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("min_share", recommend.minShare());
        return Optional.of(out);
    }
}
