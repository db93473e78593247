package dev.gdsweep.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code limits:} on the sweep as a whole: {@code max_runs}, {@code max_seconds} and {@code chunk_runs}. */
final class LimitsSection {

    private LimitsSection() {}

    static SweepSpec.Limits read(SpecNode node) {
        SpecMapping m = node.asMapping("max_runs", "max_seconds", "chunk_runs");
        long maxRuns = m.positiveLong("max_runs", Defaults.MAX_RUNS);
        double maxSeconds = m.positiveSeconds("max_seconds", Defaults.SWEEP_MAX_SECONDS);
        long chunkRuns = m.positiveLong("chunk_runs", Defaults.CHUNK_RUNS);
        return new SweepSpec.Limits(maxRuns, maxSeconds, chunkRuns);
    }

    static Map<String, Object> write(SweepSpec.Limits limits) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("max_runs", limits.maxRuns());
        out.put("max_seconds", limits.maxSeconds());
        out.put("chunk_runs", limits.chunkRuns());
        return out;
    }
}
