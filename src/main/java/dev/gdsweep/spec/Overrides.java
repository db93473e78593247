package dev.gdsweep.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * {@code --set a.b.c=value}: replaces (or adds) one key of the spec before validation. The value is
 * read as YAML, so lists and mappings work ({@code --set learning_rate.values=[0.1,0.01]}). Nodes
 * that come from an override carry it as their source, so the validator's errors name it; a key
 * that the spec does not know is rejected there like a typo in the file.
 */
final class Overrides {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** Keys that exclude each other: setting one drops its siblings, so an override can switch kinds. */
    private static final Map<String, Set<String>> EXCLUSIVE = Map.of(
            "learning_rate", Set.of("log", "linear", "values"),
            "initial_weights", Set.of("grid", "points", "random"));

    private Overrides() {}

    static Node apply(Node root, String override) {
        String label = "--set " + override;
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new SpecException("--set", 0, null, "expected KEY=VALUE (for example stopping.max_iterations=500), got '"
                    + override + "'");
        }
        String key = override.substring(0, eq).trim();
        if (!KEY.matcher(key).matches()) {
            throw new SpecException("--set", 0, null, "KEY must be dotted names such as stopping.max_iterations, got '"
                    + key + "'");
        }
        String text = override.substring(eq + 1);
        Node value = SpecLoader.compose(text, label)
                .orElseGet(() -> new ScalarNode(Tag.NULL, "", ScalarStyle.PLAIN));
        Optional<Mark> mark = Optional.of(new Mark(label, 0, 0, 0, new int[0], 0));
        if (!(root instanceof MappingNode)) {
            throw new SpecException(label, 0, null, "the spec must be a mapping to set keys in it");
        }

        String[] parts = key.split("\\.");
        MappingNode current = (MappingNode) root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            String parentKey = i == 0 ? "" : parts[i - 1];
            List<NodeTuple> entries = new ArrayList<>(current.getValue());
            int at = indexOf(entries, part);
            if (last) {
                Set<String> exclusive = EXCLUSIVE.get(parentKey);
                if (i == 1 && exclusive != null && exclusive.contains(part)) {
                    entries.removeIf(t -> !keyOf(t).equals(part) && exclusive.contains(keyOf(t)));
                    at = indexOf(entries, part);
                }
                NodeTuple tuple = new NodeTuple(keyNode(part, mark), value);
                if (at >= 0) {
                    entries.set(at, new NodeTuple(entries.get(at).getKeyNode(), value));
                } else {
                    entries.add(tuple);
                }
                current.setValue(entries);
                return root;
            }
            if (at >= 0 && entries.get(at).getValueNode() instanceof MappingNode child) {
                current = child;
                continue;
            }
            if (at >= 0 && !isNull(entries.get(at).getValueNode())) {
                String prefix = String.join(".", List.of(parts).subList(0, i + 1));
                throw new SpecException(label, 0, key, "cannot set inside '" + prefix + "': it is not a mapping");
            }
            MappingNode child = new MappingNode(Tag.MAP, true, new ArrayList<>(), FlowStyle.BLOCK, mark, mark);
            NodeTuple tuple = new NodeTuple(keyNode(part, mark), child);
            if (at >= 0) {
                entries.set(at, tuple);
            } else {
                entries.add(tuple);
            }
            current.setValue(entries);
            current = child;
        }
        return root;
    }

    private static ScalarNode keyNode(String key, Optional<Mark> mark) {
        return new ScalarNode(Tag.STR, true, key, ScalarStyle.PLAIN, mark, mark);
    }

    private static int indexOf(List<NodeTuple> entries, String key) {
        for (int i = 0; i < entries.size(); i++) {
            if (keyOf(entries.get(i)).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static String keyOf(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.isPlain() && (s.getValue().isEmpty() || s.getValue().equals("~")
                || s.getValue().equals("null"));
    }
}
