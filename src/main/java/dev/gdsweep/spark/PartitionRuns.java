package dev.gdsweep.spark;

import dev.gdsweep.grid.Spread;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.RunComputer;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * The work of one task: partition p of P computes the runs at spread positions
 * [p·N/P, (p+1)·N/P), lazily, one row at a time. Only the resolved spec's YAML crosses the wire;
 * the rows depend on nothing but the spec and the run id, so a retried task yields the same rows.
 */
final class PartitionRuns implements FlatMapFunction<Iterator<Integer>, Row> {

    private static final long serialVersionUID = 1L;

    private final String specYaml;
    private final long runs;
    private final int partitions;

    PartitionRuns(String specYaml, long runs, int partitions) {
        this.specYaml = specYaml;
        this.runs = runs;
        this.partitions = partitions;
    }

    /** First spread position of partition p: floor(runs·p / partitions), without overflow. */
    static long start(long runs, int partitions, int p) {
        long quotient = runs / partitions;
        long remainder = runs % partitions;
        return quotient * p + remainder * p / partitions;
    }

    @Override
    public Iterator<Row> call(Iterator<Integer> partitionIds) {
        if (!partitionIds.hasNext()) {
            return List.<Row>of().iterator();
        }
        int p = partitionIds.next();
        SweepSpec spec = SpecLoader.parse(specYaml, "spec.yaml", "sweep", List.of());
        RunComputer computer = new RunComputer(spec);
        Spread spread = new Spread(runs);
        long from = start(runs, partitions, p);
        long to = start(runs, partitions, p + 1);
        return new Iterator<>() {
            long position = from;

            @Override
            public boolean hasNext() {
                return position < to;
            }

            @Override
            public Row next() {
                if (position >= to) {
                    throw new NoSuchElementException();
                }
                return RunSchema.toRow(computer.compute(spread.runId(position++)));
            }
        };
    }
}
