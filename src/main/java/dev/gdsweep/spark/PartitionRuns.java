package dev.gdsweep.spark;

import dev.gdsweep.grid.Spread;
import dev.gdsweep.sweep.RunComputer;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.RunRecord;
import dev.gdsweep.sweep.Trajectories;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The work of one task: partition p of P computes the runs at spread positions
 * [from + p·L/P, from + (p+1)·L/P) of its chunk [from, from + L), lazily, a block of
 * {@link RunComputer#BLOCK} runs at a time (computed together, in lockstep where they can be), so a
 * task holds at most one block of records. What crosses the wire is small: the chunk's {@link ChunkTasks}
 * (the resolved spec's YAML among them), the progress counter and the {@link TaskFaults}. The rows depend on
 * nothing but the spec and the run id, so a retried or speculative task yields the same rows.
 *
 * <p>When given an accumulator of paths, the task records the paths of the sweep's selected runs it
 * computes (see {@link RunComputer#computeAll(long[], Trajectories.Recording, java.util.function.Consumer)}),
 * each whole, and adds them to it: Spark merges a task's additions only when the task succeeds.
 */
final class PartitionRuns implements FlatMapFunction<Iterator<Integer>, Row> {

    private static final long serialVersionUID = 4L;

    private final ChunkTasks chunk;
    private final LongAccumulator done;
    private final TaskFaults faults;
    private final CollectionAccumulator<Trajectories.RecordedPath> paths;

    /**
     * @param done counts the runs as each finishes (in its block), for the progress line
     * @param faults {@link TaskFaults#NONE} but in tests of retries
     * @param paths where the recorded runs' paths go; null to record none
     */
    PartitionRuns(ChunkTasks chunk, LongAccumulator done, TaskFaults faults,
            CollectionAccumulator<Trajectories.RecordedPath> paths) {
        this.chunk = chunk;
        this.done = done;
        this.faults = faults;
        this.paths = paths;
    }

    @Override
    public Iterator<Row> call(Iterator<Integer> partitionIds) {
        if (!partitionIds.hasNext()) {
            return List.<Row>of().iterator();
        }
        int p = partitionIds.next();
        long first = chunk.start(p);
        long end = chunk.start(p + 1);
        LongAccumulator counter = done;
        SweepSpec spec = chunk.spec().parse();
        Rows rows = new Rows(chunk.spec(), new RunComputer(spec, () -> counter.add(1L)),
                new Spread(chunk.runs()), first, end, paths == null ? null : Trajectories.Recording.of(spec), paths);
        return faults.inject(p, end - first, rows);
    }

    /** The rows of spread positions [position, end), computed a block at a time. */
    private static final class Rows implements Iterator<Row> {

        private final ShippedSpec shipped;
        private final RunComputer computer;
        private final Spread spread;
        private final long end;
        private final Trajectories.Recording recording;
        private final CollectionAccumulator<Trajectories.RecordedPath> paths;
        private long position;
        /** The records of positions [position − taken, position − taken + block.length). */
        private RunRecord[] block = new RunRecord[0];
        private int taken;

        Rows(ShippedSpec shipped, RunComputer computer, Spread spread, long first, long end,
                Trajectories.Recording recording, CollectionAccumulator<Trajectories.RecordedPath> paths) {
            this.recording = recording;
            this.paths = paths;
            this.shipped = shipped;
            this.computer = computer;
            this.spread = spread;
            this.position = first;
            this.end = end;
        }

        @Override
        public boolean hasNext() {
            return position < end;
        }

        @Override
        public Row next() {
            if (position >= end) {
                throw new NoSuchElementException();
            }
            if (taken == block.length) {
                computeBlock();
            }
            Row row = shipped.row(block[taken]);
            block[taken++] = null;
            position++;
            return row;
        }

        /** The next block of positions, computed together (in lockstep where the runs allow). */
        private void computeBlock() {
            long blockEnd = Math.min(end, position + RunComputer.BLOCK);
            long[] ids = new long[(int) (blockEnd - position)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = spread.runId(position + i);
            }
            block = recording == null ? computer.computeAll(ids) : computer.computeAll(ids, recording, paths::add);
            taken = 0;
        }
    }
}
