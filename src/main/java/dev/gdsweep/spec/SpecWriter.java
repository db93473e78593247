package dev.gdsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Writes a {@link SweepSpec} back as YAML with every default filled in: loading the output gives the
 * same spec, so a report's {@code spec.yaml} reproduces its sweep. Each section is written by the type
 * that reads it.
 */
public final class SpecWriter {

    private SpecWriter() {}

    public static String toYaml(SweepSpec spec) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.AUTO).setWidth(120).build();
        return new Dump(settings).dumpToString(toMap(spec));
    }

    static Map<String, Object> toMap(SweepSpec spec) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", spec.name());
        root.put("loss", LossSection.write(spec.losses()));
        root.put("optimizer", OptimizerSection.write(spec.optimizers()));
        root.put("schedule", ScheduleSection.write(spec.schedules()));
        root.put("batch_size", BatchSizeSection.write(spec.batchSizes()));
        root.put("learning_rate", LearningRateSection.write(spec.learningRates()));
        root.put("initial_weights", InitialWeightsSection.write(spec.initialPoints()));
        root.put("stopping", StoppingSection.write(spec.stopping()));
        root.put("output", OutputSection.write(spec.outputPath()));
        root.put("limits", LimitsSection.write(spec.limits()));
        root.put("record", RecordSection.write(spec.record()));
        GatesSection.write(spec.gates()).ifPresent(gates -> root.put("gates", gates));
        if (spec.refines()) {
            root.put("refine", RefineSection.write(spec.refine()));
        }
        RecommendSection.write(spec.recommend()).ifPresent(recommend -> root.put("recommend", recommend));
        return root;
    }

    /** A vector as a YAML list. */
    static List<Object> list(double[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
