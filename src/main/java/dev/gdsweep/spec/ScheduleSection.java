package dev.gdsweep.spec;

import dev.gdsweep.optim.Schedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code schedule:} one entry or a list: {@code constant}, {@code inverse_sqrt},
 * {@code {name: exponential, gamma}} or {@code {name: step, gamma, step_size}}.
 */
final class ScheduleSection {

    private ScheduleSection() {}

    static List<Schedule> read(SpecNode node) {
        List<SpecNode> entries = node.isList() ? node.asList() : List.of(node);
        if (entries.isEmpty()) {
            throw node.error("needs at least one schedule");
        }
        List<Schedule> out = new ArrayList<>();
        for (SpecNode entry : entries) {
            SpecNode nameNode = entry.isScalar() ? entry : entry.peek("name").orElseThrow(
                    () -> entry.error("missing required key 'name' (constant, inverse_sqrt, exponential or step)"));
            Schedule.Kind kind = Schedule.Kind.byLabel(nameNode.asString()).orElseThrow(() -> nameNode.invalid(
                    "unknown schedule; known: constant, inverse_sqrt, exponential, step"));
            out.add(switch (kind) {
                case CONSTANT, INVERSE_SQRT -> {
                    if (!entry.isScalar()) {
                        entry.asMapping("name");
                    }
                    yield kind == Schedule.Kind.CONSTANT ? Schedule.CONSTANT : Schedule.INVERSE_SQRT;
                }
                case EXPONENTIAL -> Schedule.exponential(gamma(entry.asMapping("name", "gamma").required("gamma")));
                case STEP -> {
                    SpecMapping m = entry.asMapping("name", "gamma", "step_size");
                    long size = m.required("step_size").positiveLong();
                    yield Schedule.step(gamma(m.required("gamma")), size);
                }
            });
        }
        return out;
    }

    static List<Object> write(List<Schedule> schedules) {
        List<Object> out = new ArrayList<>();
        for (Schedule s : schedules) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", s.kind().label());
            if (s.kind() == Schedule.Kind.EXPONENTIAL || s.kind() == Schedule.Kind.STEP) {
                entry.put("gamma", s.gamma());
            }
            if (s.kind() == Schedule.Kind.STEP) {
                entry.put("step_size", s.stepSize());
            }
            out.add(entry);
        }
        return out;
    }

    private static double gamma(SpecNode node) {
        double v = node.asDouble();
        if (!(v > 0) || Double.isInfinite(v)) {
            throw node.invalid("must be a finite number > 0");
        }
        return v;
    }
}
