package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.ColumnBlocks.ROWS;
import static dev.gdsweep.loss.model.PortableMath.E10;
import static dev.gdsweep.loss.model.PortableMath.E11;
import static dev.gdsweep.loss.model.PortableMath.E12;
import static dev.gdsweep.loss.model.PortableMath.E13;
import static dev.gdsweep.loss.model.PortableMath.E2;
import static dev.gdsweep.loss.model.PortableMath.E3;
import static dev.gdsweep.loss.model.PortableMath.E4;
import static dev.gdsweep.loss.model.PortableMath.E5;
import static dev.gdsweep.loss.model.PortableMath.E6;
import static dev.gdsweep.loss.model.PortableMath.E7;
import static dev.gdsweep.loss.model.PortableMath.E8;
import static dev.gdsweep.loss.model.PortableMath.E9;
import static dev.gdsweep.loss.model.PortableMath.L1;
import static dev.gdsweep.loss.model.PortableMath.L10;
import static dev.gdsweep.loss.model.PortableMath.L11;
import static dev.gdsweep.loss.model.PortableMath.L2;
import static dev.gdsweep.loss.model.PortableMath.L3;
import static dev.gdsweep.loss.model.PortableMath.L4;
import static dev.gdsweep.loss.model.PortableMath.L5;
import static dev.gdsweep.loss.model.PortableMath.L6;
import static dev.gdsweep.loss.model.PortableMath.L7;
import static dev.gdsweep.loss.model.PortableMath.L8;
import static dev.gdsweep.loss.model.PortableMath.L9;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LogisticKernel}'s algorithm with the Vector API: one 256-bit vector holds the 4 lanes,
 * i.e. 4 consecutive rows, and every lane does exactly {@link ScalarLogisticKernel}'s operations in
 * its order ({@link PortableMath}'s exp and log1p included), so the bits are the same. The species
 * is fixed at 256 bits, not the machine's preferred one, because the lane count is part of the
 * result; {@link #ifFast} declines (and the scalar kernel runs) where 256-bit double and long
 * vectors are not native, since the API would then emulate them slowly. Rows short of a full vector
 * at a block's end go through the scalar kernel's code. Only {@link LogisticKernel#forThisJvm}
 * loads this class, by name, after checking that the module is there.
 */
final class VectorLogisticKernel implements LogisticKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;

    private VectorLogisticKernel() {}

    /** A kernel when this CPU runs 256-bit double and long vectors natively, else null. */
    static LogisticKernel ifFast() {
        boolean wideEnough = DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256
                && LongVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
        return wideEnough ? new VectorLogisticKernel() : null;
    }

    /** For the tests: the kernel whatever the CPU (emulated, slowly, where 256 bits are not native). */
    static LogisticKernel always() {
        return new VectorLogisticKernel();
    }

    @Override
    public void addLosses(double[] x, int xOffset, double[] signs, int signOffset, int rows, double[] w, int d,
            double[] lanes, double[] scratch) {
        int full = rows & -LANES;
        margins(x, xOffset, signs, signOffset, full, w, d, scratch);
        exps(full, scratch);
        addLossLanes(full, lanes, scratch);
        ScalarLogisticKernel.addLosses(x, xOffset, signs, signOffset, full, rows, w, d, lanes, scratch);
    }

    @Override
    public void addLossesAndGradients(double[] x, int xOffset, double[] signs, int signOffset, int rows, double[] w,
            int d, double[] lanes, double[] scratch) {
        int full = rows & -LANES;
        margins(x, xOffset, signs, signOffset, full, w, d, scratch);
        exps(full, scratch);
        addLossLanes(full, lanes, scratch);
        residuals(signs, signOffset, full, lanes, scratch);
        ScalarLogisticKernel.addLosses(x, xOffset, signs, signOffset, full, rows, w, d, lanes, scratch);
        ScalarLogisticKernel.addResiduals(signs, signOffset, full, rows, lanes, scratch);
        addGradients(x, xOffset, full, d, lanes, scratch);
        ScalarLogisticKernel.addGradients(x, xOffset, full, rows, d, lanes, scratch);
    }

    // The per-row work is cut into stages that pass their results through the scratch array (in L1),
    // each one loop with no calls but the Vector API's own (always inlined), so C2 keeps every vector
    // in registers. A vector passed to or returned from a method C2 did not inline is boxed: one loop
    // doing everything exceeds C2's inlining budget, and a helper for exp or log1p, hot on its own,
    // gets compiled alone first and is then too big to inline; either allocates per row.

    /**
     * t = s·(b + Σ_j x_j·w_j) into scratch[MARGINS + i]: 8 rows at a time, two independent fma chains
     * sharing each broadcast weight, then the last 4 rows if any.
     */
    private static void margins(double[] x, int xOffset, double[] signs, int signOffset, int full, double[] w, int d,
            double[] scratch) {
        int i = 0;
        for (; i + 2 * LANES <= full; i += 2 * LANES) {
            DoubleVector z0 = DoubleVector.broadcast(SPECIES, w[d]);
            // Not z1 = z0: C2 (JDK 17) does not eliminate one vector box feeding two loop phis.
            DoubleVector z1 = DoubleVector.broadcast(SPECIES, w[d]);
            for (int j = 0; j < d; j++) {
                DoubleVector wj = DoubleVector.broadcast(SPECIES, w[j]);
                int at = xOffset + j * ROWS + i;
                z0 = DoubleVector.fromArray(SPECIES, x, at).fma(wj, z0);
                z1 = DoubleVector.fromArray(SPECIES, x, at + LANES).fma(wj, z1);
            }
            DoubleVector.fromArray(SPECIES, signs, signOffset + i).mul(z0).intoArray(scratch, MARGINS + i);
            DoubleVector.fromArray(SPECIES, signs, signOffset + i + LANES).mul(z1)
                    .intoArray(scratch, MARGINS + i + LANES);
        }
        if (i < full) {
            DoubleVector z = DoubleVector.broadcast(SPECIES, w[d]);
            for (int j = 0; j < d; j++) {
                z = DoubleVector.fromArray(SPECIES, x, xOffset + j * ROWS + i)
                        .fma(DoubleVector.broadcast(SPECIES, w[j]), z);
            }
            DoubleVector.fromArray(SPECIES, signs, signOffset + i).mul(z).intoArray(scratch, MARGINS + i);
        }
    }

    /** e = exp(−|t|) into scratch[EXPS + i]: {@link PortableMath#expNonPositive}, the same operations in order. */
    static void exps(int full, double[] scratch) {
        for (int i = 0; i < full; i += LANES) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, scratch, MARGINS + i).abs().neg();
            DoubleVector clamped = a.blend(PortableMath.EXP_MIN_ARGUMENT, a.compare(LT, PortableMath.EXP_MIN_ARGUMENT));
            DoubleVector shifted = clamped.fma(PortableMath.LOG2_E, PortableMath.ROUNDING_SHIFT);
            DoubleVector k = shifted.sub(PortableMath.ROUNDING_SHIFT);
            DoubleVector r = k.fma(constant(-PortableMath.LN2_HI), clamped);
            r = k.fma(constant(-PortableMath.LN2_LO), r);
            DoubleVector p = r.fma(E13, E12);
            p = p.fma(r, constant(E11));
            p = p.fma(r, constant(E10));
            p = p.fma(r, constant(E9));
            p = p.fma(r, constant(E8));
            p = p.fma(r, constant(E7));
            p = p.fma(r, constant(E6));
            p = p.fma(r, constant(E5));
            p = p.fma(r, constant(E4));
            p = p.fma(r, constant(E3));
            p = p.fma(r, constant(E2));
            p = p.fma(r, constant(1.0));
            p = p.fma(r, constant(1.0));
            DoubleVector scale = shifted.reinterpretAsLongs()
                    .add(PortableMath.SCALE_EXPONENT_BIAS)
                    .lanewise(LSHL, 52)
                    .reinterpretAsDoubles();
            p.mul(scale).mul(PortableMath.UNSCALE).intoArray(scratch, EXPS + i);
        }
    }

    /**
     * The loss lanes gain (t &gt; 0 ? t : 0) + log1p(e), log1p being {@link PortableMath#log1pUnit}
     * with the same operations in order.
     */
    static void addLossLanes(int full, double[] lanes, double[] scratch) {
        DoubleVector loss = DoubleVector.fromArray(SPECIES, lanes, LOSS);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int i = 0; i < full; i += LANES) {
            DoubleVector t = DoubleVector.fromArray(SPECIES, scratch, MARGINS + i);
            DoubleVector x = DoubleVector.fromArray(SPECIES, scratch, EXPS + i);
            VectorMask<Double> reduce = x.compare(GE, PortableMath.LOG_REDUCTION_THRESHOLD);
            DoubleVector f = x.blend(x.sub(1.0).mul(0.5), reduce);
            DoubleVector k = zero.blend(1.0, reduce);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector rz = z.fma(L11, L10);
            rz = rz.fma(z, constant(L9));
            rz = rz.fma(z, constant(L8));
            rz = rz.fma(z, constant(L7));
            rz = rz.fma(z, constant(L6));
            rz = rz.fma(z, constant(L5));
            rz = rz.fma(z, constant(L4));
            rz = rz.fma(z, constant(L3));
            rz = rz.fma(z, constant(L2));
            rz = rz.fma(z, constant(L1));
            rz = rz.mul(z);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector inner = hfsq.sub(s.mul(hfsq.add(rz)).add(k.mul(PortableMath.LN2_LO))).sub(f);
            DoubleVector log1p = k.mul(PortableMath.LN2_HI).sub(inner);
            loss = loss.add(zero.blend(t, t.compare(GT, 0.0)).add(log1p));
        }
        loss.intoArray(lanes, LOSS);
    }

    /** r = s·((t &lt; 0 ? e : 1)/(1 + e)) into scratch[RESIDUALS + i], and into the bias lanes. */
    private static void residuals(double[] signs, int signOffset, int full, double[] lanes, double[] scratch) {
        DoubleVector bias = DoubleVector.fromArray(SPECIES, lanes, BIAS);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int i = 0; i < full; i += LANES) {
            DoubleVector t = DoubleVector.fromArray(SPECIES, scratch, MARGINS + i);
            DoubleVector e = DoubleVector.fromArray(SPECIES, scratch, EXPS + i);
            DoubleVector sign = DoubleVector.fromArray(SPECIES, signs, signOffset + i);
            DoubleVector r = sign.mul(one.blend(e, t.compare(LT, 0.0)).div(one.add(e)));
            bias = bias.add(r);
            r.intoArray(scratch, RESIDUALS + i);
        }
        bias.intoArray(lanes, BIAS);
    }

    /**
     * Feature j's lanes gain fma(r_i, x_ij, ·) for the block's first {@code full} rows: four columns at
     * a time, so four independent fma chains are in flight and each residual vector is loaded once.
     */
    private static void addGradients(double[] x, int xOffset, int full, int d, double[] lanes, double[] scratch) {
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            int lanes0 = FEATURES + LANES * j;
            int column0 = xOffset + j * ROWS;
            DoubleVector g0 = DoubleVector.fromArray(SPECIES, lanes, lanes0);
            DoubleVector g1 = DoubleVector.fromArray(SPECIES, lanes, lanes0 + LANES);
            DoubleVector g2 = DoubleVector.fromArray(SPECIES, lanes, lanes0 + 2 * LANES);
            DoubleVector g3 = DoubleVector.fromArray(SPECIES, lanes, lanes0 + 3 * LANES);
            for (int i = 0; i < full; i += LANES) {
                DoubleVector r = DoubleVector.fromArray(SPECIES, scratch, RESIDUALS + i);
                g0 = r.fma(DoubleVector.fromArray(SPECIES, x, column0 + i), g0);
                g1 = r.fma(DoubleVector.fromArray(SPECIES, x, column0 + ROWS + i), g1);
                g2 = r.fma(DoubleVector.fromArray(SPECIES, x, column0 + 2 * ROWS + i), g2);
                g3 = r.fma(DoubleVector.fromArray(SPECIES, x, column0 + 3 * ROWS + i), g3);
            }
            g0.intoArray(lanes, lanes0);
            g1.intoArray(lanes, lanes0 + LANES);
            g2.intoArray(lanes, lanes0 + 2 * LANES);
            g3.intoArray(lanes, lanes0 + 3 * LANES);
        }
        for (; j < d; j++) {
            int lanesJ = FEATURES + LANES * j;
            int column = xOffset + j * ROWS;
            DoubleVector g = DoubleVector.fromArray(SPECIES, lanes, lanesJ);
            for (int i = 0; i < full; i += LANES) {
                DoubleVector r = DoubleVector.fromArray(SPECIES, scratch, RESIDUALS + i);
                g = r.fma(DoubleVector.fromArray(SPECIES, x, column + i), g);
            }
            g.intoArray(lanes, lanesJ);
        }
    }

    private static DoubleVector constant(double value) {
        return DoubleVector.broadcast(SPECIES, value);
    }
}
