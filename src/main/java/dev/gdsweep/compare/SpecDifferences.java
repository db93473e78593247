package dev.gdsweep.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The keys in which two runs' resolved specs (their spec.yaml) differ, so that {@code compare} can say when
 * a change in the numbers comes with a change in the sweep. Maps are compared key by key (dotted paths);
 * anything else, lists included, as a whole value. {@code name} and {@code output.path} are left out: they
 * say where a run goes, not what it computes, and a job's runs differ there by their run id.
 */
public final class SpecDifferences {

    /** One key: its value in each spec, null where the spec does not have it. */
    public record Difference(String key, Object baseline, Object candidate) {

        @Override
        public String toString() {
            return key + " (" + shown(baseline) + " -> " + shown(candidate) + ")";
        }

        private static String shown(Object v) {
            String s = v == null ? "absent" : String.valueOf(v);
            return s.length() > 40 ? s.substring(0, 37) + "..." : s;
        }
    }

    private static final Set<String> IGNORED = Set.of("name", "output.path");

    private SpecDifferences() {}

    /** The differing keys of the two YAML documents, in the baseline's key order, then the candidate's new keys. */
    public static List<Difference> between(String baselineYaml, String candidateYaml) {
        Map<String, Object> base = flatten(parse(baselineYaml));
        Map<String, Object> cand = flatten(parse(candidateYaml));
        Set<String> keys = new LinkedHashSet<>(base.keySet());
        keys.addAll(cand.keySet());
        List<Difference> out = new ArrayList<>();
        for (String k : keys) {
            if (!IGNORED.contains(k) && !Objects.equals(base.get(k), cand.get(k))) {
                out.add(new Difference(k, base.get(k), cand.get(k)));
            }
        }
        return out;
    }

    /** One line: the first {@code most} differences, and how many more there are. */
    public static String summary(List<Difference> differences, int most) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(most, differences.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(differences.get(i));
        }
        if (differences.size() > most) {
            sb.append(" and ").append(differences.size() - most).append(" more");
        }
        return sb.toString();
    }

    private static Object parse(String yaml) {
        return new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    private static Map<String, Object> flatten(Object doc) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", doc, out);
        return out;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> m && !m.isEmpty()) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node);
        }
    }
}
