package dev.gdsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML node with its dotted key path, read with strict types: every accessor either returns a
 * value of the asked type or throws a {@link SpecException} that names the source, line, key, rule
 * and value. The source of a node is its mark's name (the file, or a {@code --set} expression).
 */
final class SpecNode {

    // YAML 1.2 core schema numbers; hex, octal and Java's "1d"/"0x1p3" forms are not numbers here.
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

    private final Node node;
    private final String path;
    private final String fallbackSource;

    SpecNode(Node node, String path, String fallbackSource) {
        this.node = node;
        this.path = path;
        this.fallbackSource = fallbackSource;
    }

    String path() {
        return path;
    }

    Node raw() {
        return node;
    }

    String source() {
        return node.getStartMark().map(Mark::getName).orElse(fallbackSource);
    }

    /** 1-based line, 0 for values given on the command line. */
    int line() {
        if (source().startsWith("--set ")) {
            return 0;
        }
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    SpecException error(String problem) {
        return new SpecException(source(), line(), path, problem);
    }

    /** "rule, got value" for this node's value as written. */
    SpecException invalid(String rule) {
        return error(rule + ", got " + written());
    }

    String written() {
        if (node instanceof ScalarNode s) {
            return s.isPlain() ? s.getValue() : '"' + s.getValue() + '"';
        }
        return node instanceof MappingNode ? "a mapping" : "a list";
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isNull() {
        return node instanceof ScalarNode s && s.isPlain()
                && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null"));
    }

    // ---- scalars -------------------------------------------------------------------------------

    String asString() {
        if (!(node instanceof ScalarNode s) || isNull()) {
            throw invalid("must be a text value");
        }
        return s.getValue();
    }

    double asDouble() {
        if (node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN) {
            String v = s.getValue();
            if (NUMBER.matcher(v).matches()) {
                return Double.parseDouble(v);
            }
            switch (v) {
                case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                    return Double.POSITIVE_INFINITY;
                case "-.inf", "-.Inf", "-.INF":
                    return Double.NEGATIVE_INFINITY;
                case ".nan", ".NaN", ".NAN":
                    return Double.NaN;
                default:
                    break;
            }
        }
        throw invalid("must be a number");
    }

    double asFiniteDouble() {
        double v = asDouble();
        if (!Double.isFinite(v)) {
            throw invalid("must be a finite number");
        }
        return v;
    }

    long asLong() {
        if (node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN) {
            String v = s.getValue();
            if (INTEGER.matcher(v).matches()) {
                try {
                    return Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw invalid("must be a whole number that fits 64 bits");
                }
            }
            // 1e9 and 1000000.0 are whole numbers too.
            if (NUMBER.matcher(v).matches()) {
                double d = Double.parseDouble(v);
                if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                    return (long) d;
                }
            }
        }
        throw invalid("must be a whole number");
    }

    int asInt() {
        long v = asLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid("must be a whole number below 2^31");
        }
        return (int) v;
    }

    boolean asBoolean() {
        if (node instanceof ScalarNode s && s.isPlain()) {
            switch (s.getValue()) {
                case "true", "True", "TRUE":
                    return true;
                case "false", "False", "FALSE":
                    return false;
                default:
                    break;
            }
        }
        throw invalid("must be true or false");
    }

    // ---- lists ---------------------------------------------------------------------------------

    List<SpecNode> asList() {
        if (!(node instanceof SequenceNode seq)) {
            throw invalid("must be a list");
        }
        List<SpecNode> items = new ArrayList<>();
        List<Node> values = seq.getValue();
        for (int i = 0; i < values.size(); i++) {
            items.add(new SpecNode(values.get(i), path + "[" + i + "]", source()));
        }
        return items;
    }

    double[] asDoubleList() {
        List<SpecNode> items = asList();
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = items.get(i).asDouble();
        }
        return out;
    }

    // ---- mappings ------------------------------------------------------------------------------

    /** The keys of this mapping as written (duplicates included), or none when it is not a mapping. */
    List<String> rawKeys() {
        List<String> keys = new ArrayList<>();
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    keys.add(k.getValue());
                }
            }
        }
        return keys;
    }

    /** The value of {@code key} in this mapping without checking the other keys, if present. */
    Optional<SpecNode> peek(String key) {
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    return Optional.of(new SpecNode(t.getValueNode(), childPath, source()));
                }
            }
        }
        return Optional.empty();
    }

    /** This mapping's entries by key, rejecting duplicate keys and any key not in {@code allowed}. */
    Mapping asMapping(String... allowed) {
        if (!(node instanceof MappingNode map)) {
            throw invalid("must be a mapping");
        }
        Map<String, SpecNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            SpecNode keyNode = new SpecNode(t.getKeyNode(), path, source());
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw keyNode.error("keys must be plain names");
            }
            String key = k.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            SpecNode located = new SpecNode(t.getKeyNode(), childPath, source());
            if (keyLines.containsKey(key)) {
                throw located.error("duplicate key (first given on line " + keyLines.get(key) + ")");
            }
            if (!List.of(allowed).contains(key)) {
                throw located.error("unknown key '" + key + "'; known keys here: " + String.join(", ", allowed));
            }
            keyLines.put(key, located.line());
            entries.put(key, new SpecNode(t.getValueNode(), childPath, source()));
        }
        return new Mapping(this, entries);
    }

    /** The entries of one mapping, in document order. */
    static final class Mapping {
        private final SpecNode owner;
        private final Map<String, SpecNode> entries;

        private Mapping(SpecNode owner, Map<String, SpecNode> entries) {
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

        SpecNode required(String key) {
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
    }
}
