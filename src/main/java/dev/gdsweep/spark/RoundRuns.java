package dev.gdsweep.spark;

import dev.gdsweep.refine.RoundPlan;
import dev.gdsweep.sweep.RunComputer;
import dev.gdsweep.sweep.RunRecord;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * The work of one task of a refinement round: its share of the round's runs, each a grid run's
 * configuration and start at a rate the round placed, computed a block at a time as
 * {@link PartitionRuns} computes grid runs. Rows depend on the spec and the share alone, so a retried
 * task yields the same rows.
 */
final class RoundRuns implements FlatMapFunction<Iterator<RoundRuns.Share>, Row> {

    private static final long serialVersionUID = 2L;

    /** The runs of one task: run {@code runIds[i]} is grid run {@code gridIds[i]} at {@code rates[i]}. */
    record Share(int round, long[] runIds, long[] gridIds, double[] rates) implements Serializable {}

    private final ShippedSpec spec;
    private final LongAccumulator done;

    /** @param done counts the runs as each finishes, for the progress line */
    RoundRuns(ShippedSpec spec, LongAccumulator done) {
        this.spec = spec;
        this.done = done;
    }

    /**
     * The round's runs dealt to {@code tasks} shares, run i to share i mod tasks: a round lists its runs
     * start by start, and neighbouring runs take similar time, so dealing keeps the tasks even.
     */
    static List<Share> dealt(RoundPlan plan, int tasks) {
        List<Share> out = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int n = (plan.runs() - t + tasks - 1) / tasks;
            long[] runIds = new long[n];
            long[] gridIds = new long[n];
            double[] rates = new double[n];
            for (int j = 0, i = t; i < plan.runs(); i += tasks, j++) {
                runIds[j] = plan.firstRunId() + i;
                gridIds[j] = plan.gridIds()[i];
                rates[j] = plan.rates()[i];
            }
            out.add(new Share(plan.round(), runIds, gridIds, rates));
        }
        return out;
    }

    @Override
    public Iterator<Row> call(Iterator<Share> shares) {
        if (!shares.hasNext()) {
            return List.<Row>of().iterator();
        }
        Share share = shares.next();
        LongAccumulator counter = done;
        RunComputer computer = new RunComputer(spec.parse(), () -> counter.add(1L));
        // Lazily, a block at a time, so a task holds at most one block of records.
        return new Iterator<>() {
            private Row[] block = new Row[0];
            private int taken;
            private int next;

            @Override
            public boolean hasNext() {
                return taken < block.length || next < share.runIds().length;
            }

            @Override
            public Row next() {
                if (taken == block.length) {
                    if (next >= share.runIds().length) {
                        throw new NoSuchElementException();
                    }
                    int to = Math.min(share.runIds().length, next + RunComputer.BLOCK);
                    RunRecord[] records = computer.computeRefined(Arrays.copyOfRange(share.runIds(), next, to),
                            Arrays.copyOfRange(share.gridIds(), next, to), Arrays.copyOfRange(share.rates(), next, to),
                            share.round());
                    block = new Row[records.length];
                    for (int i = 0; i < records.length; i++) {
                        block[i] = spec.row(records[i]);
                    }
                    taken = 0;
                    next = to;
                }
                Row row = block[taken];
                block[taken++] = null;
                return row;
            }
        };
    }
}
