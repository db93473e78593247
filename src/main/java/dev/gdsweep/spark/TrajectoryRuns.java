package dev.gdsweep.spark;

import dev.gdsweep.spec.ModelData;
import org.apache.spark.broadcast.Broadcast;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.RunComputer;
import dev.gdsweep.sweep.Trajectories;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Re-runs the selected runs with an observer and emits their paths: the {@code trajectories} table. */
final class TrajectoryRuns implements FlatMapFunction<Iterator<Long>, Row> {

    private static final long serialVersionUID = 1L;

    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.LongType, false)
            .add("iteration", DataTypes.LongType, false)
            .add("loss", DataTypes.DoubleType, false)
            .add("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("gradient_norm", DataTypes.DoubleType, false);

    private final String specYaml;
    private final long every;
    private final Broadcast<ModelData> data;

    TrajectoryRuns(String specYaml, long every, Broadcast<ModelData> data) {
        this.specYaml = specYaml;
        this.every = every;
        this.data = data;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> runIds) {
        SweepSpec spec = PartitionRuns.parse(specYaml, data);
        RunComputer computer = new RunComputer(spec);
        List<Row> rows = new ArrayList<>();
        while (runIds.hasNext()) {
            for (Trajectories.Step s : Trajectories.record(computer, runIds.next(), every)) {
                double[] w = s.weights();
                Double[] boxed = new Double[w.length];
                for (int i = 0; i < w.length; i++) {
                    boxed[i] = w[i];
                }
                rows.add(RowFactory.create(s.runId(), s.iteration(), s.loss(), boxed, s.gradientNorm()));
            }
        }
        return rows.iterator();
    }
}
