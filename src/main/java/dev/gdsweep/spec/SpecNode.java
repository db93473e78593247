package dev.gdsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
 *
 * <p>Somewhat over 300 lines on purpose: it is the one place where YAML scalars become typed values, one
 * short accessor per kind of value (strings, numbers, counts, vectors, lists, mappings), each with its
 * error; the field validators of a mapping are on {@link SpecMapping}, and the spec's sections read
 * through these accessors.
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
            if (s.isPlain() && s.getValue().isEmpty()) {
                return "nothing";
            }
            String value = SpecException.oneLine(s.getValue());
            return s.isPlain() ? value : '"' + value + '"';
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

    // ---- checked values: each rule and its message in one place ---------------------------------

    /** A whole number >= 1 below 2^31 (counts). */
    int positiveInt() {
        int v = asInt();
        if (v < 1) {
            throw invalid("must be >= 1");
        }
        return v;
    }

    /** A whole number >= 1. */
    long positiveLong() {
        long v = asLong();
        if (v < 1) {
            throw invalid("must be >= 1");
        }
        return v;
    }

    /** A finite number >= 0. */
    double nonNegativeFinite() {
        double v = asDouble();
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw invalid("must be a finite number >= 0");
        }
        return v;
    }

    /** A non-empty list of finite numbers: a point or a vector parameter. */
    double[] finiteVector() {
        List<SpecNode> items = asList();
        if (items.isEmpty()) {
            throw error("needs at least one coordinate");
        }
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = items.get(i).asFiniteDouble();
        }
        return out;
    }

    /**
     * The one of {@code choices} whose {@code label} is this text value; otherwise "must be a, b or c".
     * The same {@code label} function writes the choice back, so reading and writing spell it alike.
     */
    <T> T choice(List<T> choices, Function<T, String> label) {
        String text = asString();
        for (T choice : choices) {
            if (label.apply(choice).equals(text)) {
                return choice;
            }
        }
        List<String> labels = choices.stream().map(label).toList();
        String options = labels.size() == 1 ? labels.get(0)
                : String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
        throw invalid("must be " + options);
    }

    /** A mapping of any names to finite numbers, in document order (constants, a plugin's parameters). */
    Map<String, Double> asFiniteNumbers() {
        Map<String, Double> out = new LinkedHashMap<>();
        asMapping(rawKeys().toArray(String[]::new)).entries()
                .forEach((name, value) -> out.put(name, value.asFiniteDouble()));
        return out;
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
    SpecMapping asMapping(String... allowed) {
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
                throw located.error("unknown key '" + SpecException.oneLine(key) + "'; known keys here: "
                        + String.join(", ", allowed));
            }
            keyLines.put(key, located.line());
            entries.put(key, new SpecNode(t.getValueNode(), childPath, source()));
        }
        return new SpecMapping(this, entries);
    }
}
