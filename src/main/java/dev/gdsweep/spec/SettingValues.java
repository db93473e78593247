package dev.gdsweep.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A numeric loss setting as written: one value, or several, which make it an axis of the grid. A number
 * may be a list, {@code {values: [...]}} or a {@code log:}/{@code linear:} range (as learning rates); a
 * vector may be a list of vectors.
 *
 * @param first the first value (a number as a vector of length one)
 * @param axis the values as an axis; null for one value
 * @param nodes where each value was written (a range's values all at the range), to blame a value
 */
record SettingValues(double[] first, LossAxis axis, List<SpecNode> nodes) {

    /** The node that holds value {@code i} of the axis (or the one value). */
    SpecNode node(int i) {
        return nodes.get(Math.min(i, nodes.size() - 1));
    }

    /** A number setting {@code name} at {@code node}, each value read by {@code value} (with its rule). */
    static SettingValues number(SpecNode node, String name, ToDoubleFunction<SpecNode> value) {
        if (node.isScalar()) {
            return new SettingValues(new double[] {value.applyAsDouble(node)}, null, List.of(node));
        }
        if (node.isMapping()) {
            SpecMapping m = node.asMapping("log", "linear", "values");
            String kind = m.exactlyOne("log", "linear", "values");
            if (!kind.equals("values")) {
                LossAxis axis = LossAxis.of(name, ValueRange.read(m, kind, value));
                return new SettingValues(axis.value(0), axis, List.of(m.required(kind)));
            }
            node = m.required("values");
        }
        List<SpecNode> items = nonEmpty(node);
        List<double[]> values = new ArrayList<>();
        for (SpecNode item : items) {
            values.add(new double[] {value.applyAsDouble(item)});
        }
        return new SettingValues(values.get(0), new LossAxis(name, values, false, null), items);
    }

    /** A vector setting {@code name}: a list of numbers, or a list of such lists (an axis). */
    static SettingValues vector(SpecNode node, String name) {
        if (!node.isList() || node.asList().isEmpty() || !node.asList().get(0).isList()) {
            return new SettingValues(node.finiteVector(), null, List.of(node));
        }
        List<SpecNode> items = nonEmpty(node);
        List<double[]> values = new ArrayList<>();
        for (SpecNode item : items) {
            values.add(item.finiteVector());
        }
        return new SettingValues(values.get(0), new LossAxis(name, values, true, null), items);
    }

    private static List<SpecNode> nonEmpty(SpecNode list) {
        List<SpecNode> items = list.asList();
        if (items.isEmpty()) {
            throw list.error("needs at least one value");
        }
        return items;
    }
}
