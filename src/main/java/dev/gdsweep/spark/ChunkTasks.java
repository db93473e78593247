package dev.gdsweep.spark;

import dev.gdsweep.sweep.Chunks;
import java.io.Serializable;

/**
 * What the tasks of one chunk are given, and all their rows depend on: the spec, the sweep's number of
 * runs (which fixes the spread order), the chunk's spread positions [from, to) and how many tasks share
 * them. Task p of P computes the positions [{@link #start start(p)}, {@link #start start(p + 1)}).
 */
record ChunkTasks(ShippedSpec spec, long runs, long from, long to, int partitions) implements Serializable {

    ChunkTasks {
        if (from < 0 || to < from || to > runs || partitions < 1) {
            throw new IllegalArgumentException("Invalid chunk (need 0 <= from <= to <= runs, partitions >= 1): from "
                    + from + ", to " + to + ", runs " + runs + ", partitions " + partitions);
        }
    }

    /** Where task {@code p}'s positions start; {@code start(partitions)} is {@code to}. */
    long start(int p) {
        return from + Chunks.partStart(to - from, partitions, p);
    }
}
