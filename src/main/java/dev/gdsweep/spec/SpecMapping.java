package dev.gdsweep.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entries of one spec mapping, in document order, with its keys already checked against the
 * allowed ones (see {@link SpecNode#asMapping}). An entry whose value is null counts as absent; the
 * typed getters return their default then, and otherwise apply the rule of the {@link SpecNode}
 * method of the same name.
 */
final class SpecMapping {
    private final SpecNode owner;
    private final Map<String, SpecNode> entries;

    SpecMapping(SpecNode owner, Map<String, SpecNode> entries) {
        this.owner = owner;
        this.entries = entries;
    }

    SpecNode owner() {
        return owner;
    }

    Optional<SpecNode> get(String key) {
        SpecNode n = entries.get(key);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    /** The value of {@code key}; an error at the key's line when it is null, at the mapping's when absent. */
    SpecNode required(String key) {
        SpecNode n = entries.get(key);
        if (n != null && n.isNull()) {
            throw n.invalid("is required, so it needs a value");
        }
        return get(key).orElseThrow(() -> owner.error("missing required key '" + key + "'"));
    }

    Map<String, SpecNode> entries() {
        return entries;
    }

    /** The one key of {@code choices} that is present; an error when none or several are. */
    String exactlyOne(String... choices) {
        List<String> present = new ArrayList<>();
        for (String c : choices) {
            if (get(c).isPresent()) {
                present.add(c);
            }
        }
        if (present.size() != 1) {
            String options = String.join(", ", choices);
            throw present.isEmpty()
                    ? owner.error("needs one of: " + options)
                    : get(present.get(1)).get().error("give only one of " + options + ", got "
                            + String.join(" and ", present));
        }
        return present.get(0);
    }

    // ---- typed values with defaults ---------------------------------------------------------------

    long longValue(String key, long defaultValue) {
        return get(key).map(SpecNode::asLong).orElse(defaultValue);
    }

    long positiveLong(String key, long defaultValue) {
        return get(key).map(SpecNode::positiveLong).orElse(defaultValue);
    }

    long nonNegativeLong(String key, long defaultValue) {
        Optional<SpecNode> node = get(key);
        if (node.isEmpty()) {
            return defaultValue;
        }
        long v = node.get().asLong();
        if (v < 0) {
            throw node.get().invalid("must be >= 0");
        }
        return v;
    }

    double nonNegativeFinite(String key, double defaultValue) {
        return get(key).map(SpecNode::nonNegativeFinite).orElse(defaultValue);
    }

    /** A duration in seconds, > 0; .inf for no limit. */
    double positiveSeconds(String key, double defaultValue) {
        Optional<SpecNode> node = get(key);
        if (node.isEmpty()) {
            return defaultValue;
        }
        double v = node.get().asDouble();
        if (!(v > 0)) {
            throw node.get().invalid("must be a number of seconds > 0 (or .inf for no limit)");
        }
        return v;
    }
}
