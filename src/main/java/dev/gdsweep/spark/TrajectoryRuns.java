package dev.gdsweep.spark;

import dev.gdsweep.sweep.RunComputer;
import dev.gdsweep.sweep.Trajectories;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/** Re-runs the selected runs with an observer and emits their paths: the {@code trajectories} table. */
final class TrajectoryRuns implements FlatMapFunction<Iterator<Long>, Row> {

    private static final long serialVersionUID = 3L;

    private final ShippedSpec spec;
    private final long every;
    private final LongAccumulator done;

    /** @param done counts the paths as each is recorded, for the progress line */
    TrajectoryRuns(ShippedSpec spec, long every, LongAccumulator done) {
        this.spec = spec;
        this.every = every;
        this.done = done;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> runIds) {
        LongAccumulator counter = done;
        RunComputer computer = new RunComputer(spec.parse(), () -> counter.add(1L));
        List<Row> rows = new ArrayList<>();
        while (runIds.hasNext()) {
            for (Trajectories.Step s : Trajectories.record(computer, runIds.next(), every)) {
                rows.add(TrajectorySchema.toRow(s));
            }
        }
        return rows.iterator();
    }
}
