package dev.gdsweep.spark;

import dev.gdsweep.sweep.RunComputer;
import dev.gdsweep.sweep.Trajectories;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/** Re-runs the selected runs with an observer and emits their paths: the {@code trajectories} table. */
final class TrajectoryRuns implements FlatMapFunction<Iterator<Long>, Row> {

    private static final long serialVersionUID = 2L;

    private final ShippedSpec spec;
    private final long every;

    TrajectoryRuns(ShippedSpec spec, long every) {
        this.spec = spec;
        this.every = every;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> runIds) {
        RunComputer computer = new RunComputer(spec.parse());
        List<Row> rows = new ArrayList<>();
        while (runIds.hasNext()) {
            for (Trajectories.Step s : Trajectories.record(computer, runIds.next(), every)) {
                rows.add(TrajectorySchema.toRow(s));
            }
        }
        return rows.iterator();
    }
}
