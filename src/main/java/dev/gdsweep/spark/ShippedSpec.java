package dev.gdsweep.spark;

import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.ModelData;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import java.io.Serializable;
import dev.gdsweep.sweep.RunRecord;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.broadcast.Broadcast;

/**
 * The resolved spec as it crosses the wire to the executors: its YAML, and for a model the data as a
 * broadcast (read once on the driver, shipped once per executor).
 *
 * @param data the model's data; null when the loss is not a model
 * @param references the certified reference optima by loss setting ({@code loss_config}); empty without
 */
record ShippedSpec(String yaml, Broadcast<ModelData> data, Map<String, Reference> references) implements Serializable {

    ShippedSpec {
        references = Map.copyOf(references);
    }

    ShippedSpec(String yaml, Broadcast<ModelData> data) {
        this(yaml, data, Map.of());
    }

    /** The row of a run, measured from its loss setting's reference when there is one. */
    Row row(RunRecord r) {
        return RunSchema.toRow(r, references.get(r.lossConfig()));
    }

    /** The spec on an executor: a model's data comes from the driver's broadcast, never from the file. */
    SweepSpec parse() {
        DataResolver resolver = data == null ? DataResolver.NONE : (spec, classification, source, line) -> data.value();
        return SpecLoader.parse(yaml, "spec.yaml", "sweep", List.of(), resolver);
    }
}
