package dev.gdsweep.spec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code refine:} adaptive refinement of the learning-rate axis: {@code targets} (required: {@code boundary},
 * {@code fastest} or both), {@code tolerance}, {@code max_rounds}, {@code max_runs}.
 */
final class RefineSection {

    private RefineSection() {}

    static RefineSpec read(SpecNode node, int learningRates, long gridRuns) {
        SpecMapping m = node.asMapping("targets", "tolerance", "max_rounds", "max_runs");
        SpecNode targetsNode = m.required("targets");
        List<SpecNode> entries = targetsNode.isList() ? targetsNode.asList() : List.of(targetsNode);
        if (entries.isEmpty()) {
            throw targetsNode.invalid("must name at least one target: boundary, fastest");
        }
        Set<RefineSpec.Target> targets = EnumSet.noneOf(RefineSpec.Target.class);
        for (SpecNode entry : entries) {
            RefineSpec.Target target = target(entry);
            if (!targets.add(target)) {
                throw entry.invalid("names " + target.label() + " twice");
            }
        }
        double tolerance = m.get("tolerance").map(RefineSection::tolerance).orElse(RefineSpec.DEFAULT_TOLERANCE);
        int maxRounds = Math.toIntExact(m.positiveLong("max_rounds", RefineSpec.DEFAULT_MAX_ROUNDS));
        if (maxRounds > 1000) {
            throw m.required("max_rounds").invalid("must be at most 1000 (each round is a Spark job)");
        }
        long maxRuns = m.positiveLong("max_runs", RefineSpec.DEFAULT_MAX_RUNS);
        if (learningRates < 2) {
            throw node.error("needs a learning_rate axis of at least two rates to start from (it has "
                    + learningRates + ")");
        }
        if (maxRuns < gridRuns) {
            throw m.get("max_runs").orElse(node).invalid("must be at least the spec's own grid, " + gridRuns
                    + " runs, since it counts them too");
        }
        return new RefineSpec(targets, tolerance, maxRounds, maxRuns);
    }

    private static RefineSpec.Target target(SpecNode entry) {
        String name = entry.asString();
        for (RefineSpec.Target t : RefineSpec.Target.values()) {
            if (t.label().equals(name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw entry.invalid("must be boundary or fastest");
    }

    private static double tolerance(SpecNode node) {
        double v = node.asDouble();
        if (!(v > 0 && v < 1)) {
            throw node.invalid("must be > 0 and < 1 (the relative width hi/lo - 1 of a final bracket)");
        }
        return v;
    }

    static Map<String, Object> write(RefineSpec refine) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> targets = new ArrayList<>();
        refine.targets().stream().sorted().forEach(t -> targets.add(t.label()));
        out.put("targets", targets);
        out.put("tolerance", refine.tolerance());
        out.put("max_rounds", refine.maxRounds());
        out.put("max_runs", refine.maxRuns());
        return out;
    }
}
