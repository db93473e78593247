package dev.gdsweep.spec;

import dev.gdsweep.grid.LearningRates;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A range of numbers as a spec spells it, {@code log: {from, to, count}} or {@code linear: {...}}:
 * {@code count} values from {@code from} to {@code to}, both included, spaced as
 * {@link LearningRates#point} says. Learning rates and loss settings read and write it alike.
 */
record ValueRange(LearningRates.Spacing spacing, double from, double to, int count) {

    /**
     * The range under key {@code kind} ("log" or "linear") of {@code m}, each bound read by
     * {@code value} (which applies the bound's own rule).
     */
    static ValueRange read(SpecMapping m, String kind, ToDoubleFunction<SpecNode> value) {
        SpecMapping range = m.required(kind).asMapping("from", "to", "count");
        SpecNode fromNode = range.required("from");
        SpecNode toNode = range.required("to");
        double from = value.applyAsDouble(fromNode);
        double to = value.applyAsDouble(toNode);
        if (from > to) {
            throw toNode.error("must be >= from (" + fromNode.written() + "), got " + toNode.written());
        }
        boolean log = kind.equals("log");
        if (log && !(from > 0)) {
            throw fromNode.invalid("a log range needs from > 0");
        }
        int count = range.required("count").positiveInt();
        return new ValueRange(log ? LearningRates.Spacing.LOG : LearningRates.Spacing.LINEAR, from, to, count);
    }

    double[] values() {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = LearningRates.point(spacing, from, to, count, i);
        }
        return out;
    }

    Map<String, Object> write() {
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("from", from);
        bounds.put("to", to);
        bounds.put("count", count);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(spacing == LearningRates.Spacing.LOG ? "log" : "linear", bounds);
        return out;
    }
}
