package dev.gdsweep.spark;

import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.ModelData;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;

/**
 * The resolved spec as it crosses the wire to the executors: its YAML, and for a model the data as a
 * broadcast (read once on the driver, shipped once per executor).
 *
 * @param data the model's data; null when the loss is not a model
 */
record ShippedSpec(String yaml, Broadcast<ModelData> data) implements Serializable {

    /** The spec on an executor: a model's data comes from the driver's broadcast, never from the file. */
    SweepSpec parse() {
        DataResolver resolver = data == null ? DataResolver.NONE : (spec, classification, source, line) -> data.value();
        return SpecLoader.parse(yaml, "spec.yaml", "sweep", List.of(), resolver);
    }
}
