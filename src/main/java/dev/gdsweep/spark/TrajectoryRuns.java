package dev.gdsweep.spark;

import dev.gdsweep.sweep.RunComputer;
import dev.gdsweep.sweep.Trajectories;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Emits the paths of the selected runs, the {@code trajectories} table: a path the chunk tasks recorded as
 * it is; a run without one (its chunk was committed by an earlier attempt, or not computed within the time
 * budget, or its paths were too large to hand back) is run again with an observer, the same computation
 * to the bit.
 */
final class TrajectoryRuns implements FlatMapFunction<Iterator<Long>, Row> {

    private static final long serialVersionUID = 4L;

    private final ShippedSpec spec;
    private final long every;
    private final Broadcast<Map<Long, Trajectories.RecordedPath>> recorded;
    private final LongAccumulator done;

    /**
     * @param recorded the paths the chunk tasks recorded, by run id
     * @param done counts the runs run again as each finishes, for the progress line
     */
    TrajectoryRuns(ShippedSpec spec, long every, Broadcast<Map<Long, Trajectories.RecordedPath>> recorded,
            LongAccumulator done) {
        this.spec = spec;
        this.every = every;
        this.recorded = recorded;
        this.done = done;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> runIds) {
        Map<Long, Trajectories.RecordedPath> paths = recorded.value();
        RunComputer computer = null;
        List<Row> rows = new ArrayList<>();
        while (runIds.hasNext()) {
            long id = runIds.next();
            Trajectories.RecordedPath path = paths.get(id);
            List<Trajectories.Step> steps;
            if (path != null) {
                steps = path.steps();
            } else {
                if (computer == null) {
                    computer = new RunComputer(spec.parse());
                }
                steps = Trajectories.record(computer, id, every);
                done.add(1L);
            }
            for (Trajectories.Step s : steps) {
                rows.add(TrajectorySchema.toRow(s));
            }
        }
        return rows.iterator();
    }
}
