package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.BlockKernels.LANES;
import static dev.gdsweep.loss.model.ColumnBlocks.ROWS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseStages} with the Vector API, over a block's first {@code full} rows (a multiple of 4):
 * one 256-bit vector holds the 4 lanes, i.e. 4 consecutive rows, and each lane does the scalar
 * stage's operations in its order, so the bits are the same. Loaded only by the vector kernels.
 */
final class VectorDenseStages {

    /** Fixed at 256 bits, not the machine's preferred width: the lane count is part of the result. */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;

    private VectorDenseStages() {}

    /** True where this CPU runs 256-bit double and long vectors natively (elsewhere the API emulates them, slowly). */
    static boolean fast() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256 && LongVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /**
     * {@link DenseStages#margins}: 8 rows at a time, two independent fma chains sharing each
     * broadcast weight, then the last 4 rows if any.
     */
    static void margins(double[] x, int xOffset, int full, double[] w, int wOffset, int d, double[] out,
            int outOffset) {
        int i = 0;
        for (; i + 2 * LANES <= full; i += 2 * LANES) {
            DoubleVector z0 = DoubleVector.broadcast(SPECIES, w[wOffset + d]);
            // Not z1 = z0: C2 (JDK 17) does not eliminate one vector box feeding two loop phis.
            DoubleVector z1 = DoubleVector.broadcast(SPECIES, w[wOffset + d]);
            for (int j = 0; j < d; j++) {
                DoubleVector wj = DoubleVector.broadcast(SPECIES, w[wOffset + j]);
                int at = xOffset + j * ROWS + i;
                z0 = DoubleVector.fromArray(SPECIES, x, at).fma(wj, z0);
                z1 = DoubleVector.fromArray(SPECIES, x, at + LANES).fma(wj, z1);
            }
            z0.intoArray(out, outOffset + i);
            z1.intoArray(out, outOffset + i + LANES);
        }
        if (i < full) {
            DoubleVector z = DoubleVector.broadcast(SPECIES, w[wOffset + d]);
            for (int j = 0; j < d; j++) {
                z = DoubleVector.fromArray(SPECIES, x, xOffset + j * ROWS + i)
                        .fma(DoubleVector.broadcast(SPECIES, w[wOffset + j]), z);
            }
            z.intoArray(out, outOffset + i);
        }
    }

    /**
     * {@link DenseStages#addGradients} for the first {@code full} rows: four columns at a time, so
     * four independent fma chains are in flight and each residual vector is loaded once.
     */
    static void addGradients(double[] x, int xOffset, int full, int d, double[] r, int rOffset, double[] lanes,
            int lanesOffset) {
        if (full == 0) {
            return; // as in addToLanes
        }
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            int lanes0 = lanesOffset + LANES * j;
            int column0 = xOffset + j * ROWS;
            DoubleVector g0 = DoubleVector.fromArray(SPECIES, lanes, lanes0);
            DoubleVector g1 = DoubleVector.fromArray(SPECIES, lanes, lanes0 + LANES);
            DoubleVector g2 = DoubleVector.fromArray(SPECIES, lanes, lanes0 + 2 * LANES);
            DoubleVector g3 = DoubleVector.fromArray(SPECIES, lanes, lanes0 + 3 * LANES);
            for (int i = 0; i < full; i += LANES) {
                DoubleVector ri = DoubleVector.fromArray(SPECIES, r, rOffset + i);
                g0 = ri.fma(DoubleVector.fromArray(SPECIES, x, column0 + i), g0);
                g1 = ri.fma(DoubleVector.fromArray(SPECIES, x, column0 + ROWS + i), g1);
                g2 = ri.fma(DoubleVector.fromArray(SPECIES, x, column0 + 2 * ROWS + i), g2);
                g3 = ri.fma(DoubleVector.fromArray(SPECIES, x, column0 + 3 * ROWS + i), g3);
            }
            g0.intoArray(lanes, lanes0);
            g1.intoArray(lanes, lanes0 + LANES);
            g2.intoArray(lanes, lanes0 + 2 * LANES);
            g3.intoArray(lanes, lanes0 + 3 * LANES);
        }
        for (; j < d; j++) {
            int lanesJ = lanesOffset + LANES * j;
            int column = xOffset + j * ROWS;
            DoubleVector g = DoubleVector.fromArray(SPECIES, lanes, lanesJ);
            for (int i = 0; i < full; i += LANES) {
                g = DoubleVector.fromArray(SPECIES, r, rOffset + i).fma(DoubleVector.fromArray(SPECIES, x, column + i), g);
            }
            g.intoArray(lanes, lanesJ);
        }
    }

    /** {@link DenseStages#addToLanes} for the first {@code full} rows. */
    static void addToLanes(double[] v, int vOffset, int full, double[] lanes, int offset) {
        if (full == 0) {
            return; // a vector through a loop that never ran was boxed, once per call (C2, JDK 17)
        }
        DoubleVector sum = DoubleVector.fromArray(SPECIES, lanes, offset);
        for (int i = 0; i < full; i += LANES) {
            sum = sum.add(DoubleVector.fromArray(SPECIES, v, vOffset + i));
        }
        sum.intoArray(lanes, offset);
    }
}
