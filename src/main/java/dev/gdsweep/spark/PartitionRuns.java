package dev.gdsweep.spark;

import dev.gdsweep.grid.Spread;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.ModelData;
import dev.gdsweep.spec.SpecLoader;
import org.apache.spark.broadcast.Broadcast;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.RunComputer;
import dev.gdsweep.sweep.RunRecord;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * The work of one task: partition p of P computes the runs at spread positions
 * [from + p·L/P, from + (p+1)·L/P) of its chunk [from, from + L), lazily, a block of
 * {@link RunComputer#BLOCK} runs at a time (computed together, in lockstep where they can be), so a
 * task holds at most one block of records. Only the resolved spec's YAML crosses the wire; the rows
 * depend on nothing but the spec and the run id, so a retried or speculative task yields the same
 * rows.
 */
final class PartitionRuns implements FlatMapFunction<Iterator<Integer>, Row> {

    private static final long serialVersionUID = 2L;

    /** Test-only: make the first attempt of partition 0 fail halfway, so Spark retries it. */
    static final String FAIL_FIRST_ATTEMPT = "spark.gdsweep.test.failFirstAttempt";

    private final String specYaml;
    private final long runs;
    private final long from;
    private final long length;
    private final int partitions;
    private final boolean failFirstAttempt;
    private final LongAccumulator done;
    private final Broadcast<ModelData> data;

    PartitionRuns(String specYaml, long runs, long from, long to, int partitions, boolean failFirstAttempt,
            LongAccumulator done, Broadcast<ModelData> data) {
        this.done = done;
        this.data = data;
        this.specYaml = specYaml;
        this.runs = runs;
        this.from = from;
        this.length = to - from;
        this.partitions = partitions;
        this.failFirstAttempt = failFirstAttempt;
    }

    /** The spec on an executor: a model's data comes from the driver's broadcast, never from the file. */
    static SweepSpec parse(String specYaml, Broadcast<ModelData> data) {
        DataResolver resolver = data == null ? DataResolver.NONE : (spec, classification, source, line) -> data.value();
        return SpecLoader.parse(specYaml, "spec.yaml", "sweep", List.of(), resolver);
    }

    /** floor(total·p / parts), without overflow: where part p of [0, total) starts. */
    static long start(long total, long parts, long p) {
        long quotient = total / parts;
        long remainder = total % parts;
        return quotient * p + remainder * p / parts;
    }

    @Override
    public Iterator<Row> call(Iterator<Integer> partitionIds) {
        if (!partitionIds.hasNext()) {
            return List.<Row>of().iterator();
        }
        int p = partitionIds.next();
        SweepSpec spec = parse(specYaml, data);
        RunComputer computer = new RunComputer(spec);
        Spread spread = new Spread(runs);
        long first = from + start(length, partitions, p);
        long end = from + start(length, partitions, p + 1);
        long failAt = failFirstAttempt && p == 0 && TaskContext.get() != null && TaskContext.get().attemptNumber() == 0
                ? first + (end - first) / 2 : -1;
        return new Iterator<>() {
            long position = first;
            /** The records of positions [position − taken, position − taken + block.length). */
            RunRecord[] block = new RunRecord[0];
            int taken;

            @Override
            public boolean hasNext() {
                return position < end;
            }

            @Override
            public Row next() {
                if (position >= end) {
                    throw new NoSuchElementException();
                }
                if (position == failAt) {
                    throw new IllegalStateException("injected failure of a first task attempt (test hook)");
                }
                if (taken == block.length) {
                    computeBlock();
                }
                Row row = RunSchema.toRow(block[taken]);
                block[taken++] = null;
                position++;
                done.add(1);
                return row;
            }

            /** The next block of positions, computed together (in lockstep where the runs allow); it stops at failAt. */
            private void computeBlock() {
                long blockEnd = Math.min(end, position + RunComputer.BLOCK);
                if (failAt > position) {
                    blockEnd = Math.min(blockEnd, failAt);
                }
                long[] ids = new long[(int) (blockEnd - position)];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = spread.runId(position + i);
                }
                block = computer.computeAll(ids);
                taken = 0;
            }
        };
    }
}
