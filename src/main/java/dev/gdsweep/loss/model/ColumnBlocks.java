package dev.gdsweep.loss.model;

import java.util.Objects;

/**
 * Row-major features re-laid for the blocked kernels: the rows in blocks of {@link #ROWS} (the last
 * block padded with zeros), each block column-major, so feature j of row i of block b is at
 * {@code (b·ROWS·d) + j·ROWS + i}. A kernel sweeps a block's column contiguously twice (margins,
 * then gradient) while it is still in the L1 cache (128 rows × 20 features = 20 KB). The block size
 * changes no result: the kernels' sums run in a fixed order per lane whatever the blocking.
 */
final class ColumnBlocks {

    /** Rows per block: a multiple of {@link LogisticKernel#LANES}. */
    static final int ROWS = 128;

    private ColumnBlocks() {}

    static int blockCount(int rows) {
        return rows / ROWS + (rows % ROWS == 0 ? 0 : 1);
    }

    /** The blocked copy of m rows × d features, as above. */
    static double[] of(double[] x, int m, int d) {
        double[] blocks = new double[Math.multiplyExact(Math.multiplyExact(blockCount(m), ROWS), d)];
        for (int i = 0; i < m; i++) {
            int base = (i / ROWS) * ROWS * d + i % ROWS;
            for (int j = 0; j < d; j++) {
                blocks[base + j * ROWS] = x[i * d + j];
            }
        }
        return blocks;
    }

    /**
     * Copies the rows {@code rows[from .. from + count)} (count ≤ ROWS) of the row-major x into one
     * block, column-major, for a mini-batch.
     */
    static void gather(double[] x, int d, int[] rows, int from, int count, double[] block) {
        Objects.checkFromIndexSize(0, count, ROWS);
        for (int k = 0; k < count; k++) {
            int offset = rows[from + k] * d;
            for (int j = 0; j < d; j++) {
                block[j * ROWS + k] = x[offset + j];
            }
        }
    }
}
