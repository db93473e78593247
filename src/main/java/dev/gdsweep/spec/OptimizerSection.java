package dev.gdsweep.spec;

import dev.gdsweep.optim.Optimizer;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code optimizer:} one entry or a list; an entry is a name, or {@code {name, settings...}} where
 * each numeric setting may be a list. Lists are expanded last-setting-fastest; written back one entry
 * per configuration, every setting spelt out.
 */
final class OptimizerSection {

    private OptimizerSection() {}

    static List<OptimizerConfig> read(SpecNode node) {
        List<SpecNode> entries = node.isList() ? node.asList() : List.of(node);
        if (entries.isEmpty()) {
            throw node.error("needs at least one optimizer");
        }
        List<OptimizerConfig> out = new ArrayList<>();
        for (SpecNode entry : entries) {
            SpecNode nameNode = entry.isScalar() ? entry : entry.peek("name").orElseThrow(
                    () -> entry.error("missing required key 'name' (one of " + String.join(", ", Optimizer.labels())
                            + ")"));
            String label = nameNode.asString();
            Optimizer optimizer = Optimizer.byLabel(label).orElseThrow(() -> nameNode.invalid(
                    "unknown optimizer; known: " + String.join(", ", Optimizer.labels())));
            List<Setting> settings = optimizer.settings();
            double[][] axes = new double[settings.size()][];
            if (entry.isScalar()) {
                for (int i = 0; i < axes.length; i++) {
                    axes[i] = new double[] {settings.get(i).defaultValue()};
                }
            } else {
                List<String> allowed = new ArrayList<>(List.of("name"));
                settings.forEach(st -> allowed.add(st.name()));
                SpecMapping m = entry.asMapping(allowed.toArray(String[]::new));
                for (int i = 0; i < axes.length; i++) {
                    Setting setting = settings.get(i);
                    Optional<SpecNode> given = m.get(setting.name());
                    axes[i] = given.isEmpty() ? new double[] {setting.defaultValue()} : settingValues(given.get(), setting);
                }
            }
            expand(optimizer, axes, new double[axes.length], 0, out);
        }
        return out;
    }

    static List<Object> write(List<OptimizerConfig> optimizers) {
        List<Object> out = new ArrayList<>();
        for (OptimizerConfig o : optimizers) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", o.optimizer().label());
            entry.putAll(o.params());
            out.add(entry);
        }
        return out;
    }

    private static double[] settingValues(SpecNode node, Setting setting) {
        List<SpecNode> items = node.isList() ? node.asList() : List.of(node);
        if (items.isEmpty()) {
            throw node.error("needs at least one value");
        }
        double[] values = new double[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = items.get(i).asDouble();
            String rule = setting.violation(values[i]);
            if (rule != null) {
                throw items.get(i).invalid(rule);
            }
        }
        return values;
    }

    private static void expand(Optimizer optimizer, double[][] axes, double[] current, int axis,
            List<OptimizerConfig> out) {
        if (axis == axes.length) {
            out.add(new OptimizerConfig(optimizer, current));
            return;
        }
        for (double v : axes[axis]) {
            current[axis] = v;
            expand(optimizer, axes, current, axis + 1, out);
        }
    }
}
