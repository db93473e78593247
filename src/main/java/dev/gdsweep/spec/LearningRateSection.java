package dev.gdsweep.spec;

import dev.gdsweep.grid.LearningRates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code learning_rate:} one rate, a list, {@code {values: [...]}}, or a {@code log} or {@code linear}
 * range {@code {from, to, count}}. Written back as {@code values} or the range.
 */
final class LearningRateSection {

    private LearningRateSection() {}

    static LearningRates read(SpecNode node) {
        if (node.isScalar()) {
            return LearningRates.values(rate(node));
        }
        if (node.isList()) {
            return LearningRates.values(rates(node));
        }
        SpecMapping m = node.asMapping("log", "linear", "values");
        String kind = m.exactlyOne("log", "linear", "values");
        if (kind.equals("values")) {
            return LearningRates.values(rates(m.required("values")));
        }
        ValueRange range = ValueRange.read(m, kind, LearningRateSection::rate);
        return range.spacing() == LearningRates.Spacing.LOG ? LearningRates.log(range.from(), range.to(), range.count())
                : LearningRates.linear(range.from(), range.to(), range.count());
    }

    static Map<String, Object> write(LearningRates lr) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (lr.spacing() == LearningRates.Spacing.VALUES) {
            out.put("values", SpecWriter.list(lr.values()));
        } else {
            out.putAll(new ValueRange(lr.spacing(), lr.from(), lr.to(), lr.count()).write());
        }
        return out;
    }

    private static double[] rates(SpecNode list) {
        List<SpecNode> items = list.asList();
        if (items.isEmpty()) {
            throw list.error("needs at least one learning rate");
        }
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rate(items.get(i));
        }
        return out;
    }

    private static double rate(SpecNode node) {
        double v = node.asDouble();
        if (!(v > 0) || Double.isInfinite(v)) {
            throw node.invalid("a learning rate must be a finite number > 0");
        }
        return v;
    }
}
