package dev.gdsweep.sweep;

import dev.gdsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.List;

/** Runs a whole sweep in this thread, in run-id order: the reference the Spark runner must match. */
public final class LocalSweep {

    private LocalSweep() {}

    public static List<RunRecord> run(SweepSpec spec) {
        long size = spec.grid().size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a local sweep holds its rows in memory; " + size + " runs is too many");
        }
        RunComputer computer = new RunComputer(spec);
        List<RunRecord> records = new ArrayList<>((int) size);
        for (long from = 0; from < size; from += RunComputer.BLOCK) {
            long[] ids = new long[(int) Math.min(RunComputer.BLOCK, size - from)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = from + i;
            }
            records.addAll(List.of(computer.computeAll(ids)));
        }
        return records;
    }
}
