package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.BlockKernels.LANES;
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
import static dev.gdsweep.loss.model.VectorDenseStages.SPECIES;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SoftmaxKernel}'s algorithm with the Vector API: each vector holds 4 consecutive rows, and
 * every lane does {@link ScalarSoftmaxKernel}'s operations in its order ({@link PortableMath}'s exp
 * and log1p included), so the bits are the same. At every stage the rows short of a full vector go
 * through the scalar kernel's code for that stage. Only {@link SoftmaxKernel#forThisJvm} loads this
 * class, by name, after checking that the module is there.
 */
final class VectorSoftmaxKernel implements SoftmaxKernel {

    private static final VectorSpecies<Long> LONG_SPECIES = LongVector.SPECIES_256;

    private VectorSoftmaxKernel() {}

    /** A kernel when this CPU runs 256-bit double and long vectors natively, else null. */
    static SoftmaxKernel ifFast() {
        return VectorDenseStages.fast() ? new VectorSoftmaxKernel() : null;
    }

    /** For the tests: the kernel whatever the CPU. */
    static SoftmaxKernel always() {
        return new VectorSoftmaxKernel();
    }

    @Override
    public void addLosses(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w, int d,
            int k, double[] lanes, double[] scratch) {
        int full = rows & -LANES;
        for (int c = 0; c < k; c++) {
            VectorDenseStages.margins(x, xOffset, full, w, c * (d + 1), d, scratch, c * ROWS);
        }
        maxima(labels, labelOffset, full, k, scratch);
        exps(full, k, scratch);
        addLossLanes(full, k, lanes, scratch);
        ScalarSoftmaxKernel.addLosses(x, xOffset, labels, labelOffset, full, rows, w, d, k, lanes, scratch);
    }

    @Override
    public void addLossesAndGradients(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w,
            int d, int k, double[] lanes, double[] scratch) {
        addLosses(x, xOffset, labels, labelOffset, rows, w, d, k, lanes, scratch);
        int full = rows & -LANES;
        inverses(full, k, scratch);
        ScalarSoftmaxKernel.inverses(full, rows, k, scratch);
        for (int c = 0; c < k; c++) {
            deltas(labels, labelOffset, full, k, c, d, lanes, scratch);
            ScalarSoftmaxKernel.deltas(labels, labelOffset, full, rows, k, c, d, lanes, scratch);
        }
        for (int c = 0; c < k; c++) {
            int at = ScalarSoftmaxKernel.weightLanes(c, d);
            VectorDenseStages.addGradients(x, xOffset, full, d, scratch, c * ROWS, lanes, at);
            DenseStages.addGradients(x, xOffset, full, rows, d, scratch, c * ROWS, lanes, at);
        }
    }

    // As in VectorLogisticKernel, each stage is one loop whose only calls are the Vector API's own
    // (always inlined), exp and log1p written out in place: a vector passed to or returned from a
    // method C2 did not inline is boxed, i.e. allocated per row. Not even a one-line helper for the
    // broadcast constants: in loops this large C2 left such a helper a call now and then (boxing).

    /** z_max, top (the first largest) and z_y of each row. */
    static void maxima(double[] labels, int labelOffset, int full, int k, double[] scratch) {
        int maxima = SoftmaxKernel.maxima(k);
        int tops = SoftmaxKernel.tops(k);
        int labelLogits = SoftmaxKernel.labelLogits(k);
        for (int i = 0; i < full; i += LANES) {
            DoubleVector label = DoubleVector.fromArray(SPECIES, labels, labelOffset + i);
            DoubleVector zMax = DoubleVector.fromArray(SPECIES, scratch, i);
            DoubleVector top = DoubleVector.zero(SPECIES);
            // Not zLabel = zMax: C2 (JDK 17) does not eliminate one vector box feeding two loop phis.
            DoubleVector zLabel = DoubleVector.fromArray(SPECIES, scratch, i);
            for (int c = 1; c < k; c++) {
                DoubleVector z = DoubleVector.fromArray(SPECIES, scratch, c * ROWS + i);
                VectorMask<Double> larger = z.compare(GT, zMax);
                zMax = zMax.blend(z, larger);
                top = top.blend((double) c, larger);
                zLabel = zLabel.blend(z, label.compare(EQ, (double) c));
            }
            zMax.intoArray(scratch, maxima + i);
            top.intoArray(scratch, tops + i);
            zLabel.intoArray(scratch, labelLogits + i);
        }
    }

    /** e_c = (c = top ? 0 : exp(z_c − z_max)) in place of z_c, {@link PortableMath#expNonPositive}'s operations; s = Σ_c e_c. */
    static void exps(int full, int k, double[] scratch) {
        int maxima = SoftmaxKernel.maxima(k);
        int tops = SoftmaxKernel.tops(k);
        int sums = SoftmaxKernel.sums(k);
        for (int i = 0; i < full; i += LANES) {
            DoubleVector zMax = DoubleVector.fromArray(SPECIES, scratch, maxima + i);
            DoubleVector top = DoubleVector.fromArray(SPECIES, scratch, tops + i);
            DoubleVector s = DoubleVector.zero(SPECIES);
            for (int c = 0; c < k; c++) {
                DoubleVector a = DoubleVector.fromArray(SPECIES, scratch, c * ROWS + i).sub(zMax);
                DoubleVector clamped = a.blend(PortableMath.EXP_MIN_ARGUMENT, a.compare(LT, PortableMath.EXP_MIN_ARGUMENT));
                DoubleVector shifted = clamped.fma(PortableMath.LOG2_E, PortableMath.ROUNDING_SHIFT);
                DoubleVector n = shifted.sub(PortableMath.ROUNDING_SHIFT);
                DoubleVector r = n.fma(DoubleVector.broadcast(SPECIES, -PortableMath.LN2_HI), clamped);
                r = n.fma(DoubleVector.broadcast(SPECIES, -PortableMath.LN2_LO), r);
                DoubleVector p = r.fma(E13, E12);
                p = p.fma(r, DoubleVector.broadcast(SPECIES, E11));
                p = p.fma(r, DoubleVector.broadcast(SPECIES, E10));
                p = p.fma(r, DoubleVector.broadcast(SPECIES, E9));
                p = p.fma(r, DoubleVector.broadcast(SPECIES, E8));
                p = p.fma(r, DoubleVector.broadcast(SPECIES, E7));
                p = p.fma(r, DoubleVector.broadcast(SPECIES, E6));
                p = p.fma(r, DoubleVector.broadcast(SPECIES, E5));
                p = p.fma(r, DoubleVector.broadcast(SPECIES, E4));
                p = p.fma(r, DoubleVector.broadcast(SPECIES, E3));
                p = p.fma(r, DoubleVector.broadcast(SPECIES, E2));
                p = p.fma(r, DoubleVector.broadcast(SPECIES, 1.0));
                p = p.fma(r, DoubleVector.broadcast(SPECIES, 1.0));
                DoubleVector scale = shifted.reinterpretAsLongs()
                        .add(PortableMath.SCALE_EXPONENT_BIAS)
                        .lanewise(LSHL, 52)
                        .reinterpretAsDoubles();
                DoubleVector e = p.mul(scale).mul(PortableMath.UNSCALE).blend(0.0, top.compare(EQ, (double) c));
                e.intoArray(scratch, c * ROWS + i);
                s = s.add(e);
            }
            s.intoArray(scratch, sums + i);
        }
    }

    /** The loss lanes gain (z_max − z_y) + log1p(s), {@link PortableMath#log1p}'s operations in order. */
    static void addLossLanes(int full, int k, double[] lanes, double[] scratch) {
        if (full == 0) {
            return; // as in VectorDenseStages.addToLanes
        }
        int maxima = SoftmaxKernel.maxima(k);
        int labelLogits = SoftmaxKernel.labelLogits(k);
        int sums = SoftmaxKernel.sums(k);
        DoubleVector loss = DoubleVector.fromArray(SPECIES, lanes, LOSS);
        for (int i = 0; i < full; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, scratch, sums + i);
            VectorMask<Double> small = x.compare(LT, PortableMath.SQRT2_MINUS_1);
            DoubleVector u = x.add(1.0);
            LongVector exponent = u.reinterpretAsLongs().add(PortableMath.LOG1P_OFFSET).lanewise(LSHR, 52);
            DoubleVector kk = exponent.add(PortableMath.ROUNDING_SHIFT_BITS).reinterpretAsDoubles()
                    .sub(PortableMath.ROUNDING_SHIFT + 0x3ff);
            DoubleVector c = x.sub(u.sub(1.0)).blend(DoubleVector.broadcast(SPECIES, 1.0).sub(u.sub(x)), kk.compare(GE, 2.0)).div(u);
            DoubleVector m = u.mul(LongVector.broadcast(LONG_SPECIES, 2 * 0x3ffL).sub(exponent).lanewise(LSHL, 52)
                    .reinterpretAsDoubles());
            DoubleVector f = m.sub(1.0).blend(x, small);
            DoubleVector n = kk.blend(0.0, small);
            c = c.blend(0.0, small);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector rz = z.fma(L11, L10);
            rz = rz.fma(z, DoubleVector.broadcast(SPECIES, L9));
            rz = rz.fma(z, DoubleVector.broadcast(SPECIES, L8));
            rz = rz.fma(z, DoubleVector.broadcast(SPECIES, L7));
            rz = rz.fma(z, DoubleVector.broadcast(SPECIES, L6));
            rz = rz.fma(z, DoubleVector.broadcast(SPECIES, L5));
            rz = rz.fma(z, DoubleVector.broadcast(SPECIES, L4));
            rz = rz.fma(z, DoubleVector.broadcast(SPECIES, L3));
            rz = rz.fma(z, DoubleVector.broadcast(SPECIES, L2));
            rz = rz.fma(z, DoubleVector.broadcast(SPECIES, L1));
            rz = rz.mul(z);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector inner = hfsq.sub(s.mul(hfsq.add(rz)).add(n.mul(PortableMath.LN2_LO).add(c))).sub(f);
            DoubleVector log1p = n.mul(PortableMath.LN2_HI).sub(inner);
            DoubleVector margin = DoubleVector.fromArray(SPECIES, scratch, maxima + i)
                    .sub(DoubleVector.fromArray(SPECIES, scratch, labelLogits + i));
            loss = loss.add(margin.add(log1p));
        }
        loss.intoArray(lanes, LOSS);
    }

    /** q = 1/(1 + s) of each row. */
    static void inverses(int full, int k, double[] scratch) {
        int sums = SoftmaxKernel.sums(k);
        int inverses = SoftmaxKernel.inverses(k);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int i = 0; i < full; i += LANES) {
            one.div(one.add(DoubleVector.fromArray(SPECIES, scratch, sums + i))).intoArray(scratch, inverses + i);
        }
    }

    /** Class c's δ_c in place of its e_c, and into class c's bias lanes. */
    static void deltas(double[] labels, int labelOffset, int full, int k, int c, int d, double[] lanes,
            double[] scratch) {
        if (full == 0) {
            return; // as in VectorDenseStages.addToLanes
        }
        int tops = SoftmaxKernel.tops(k);
        int sums = SoftmaxKernel.sums(k);
        int inverses = SoftmaxKernel.inverses(k);
        int at = ScalarSoftmaxKernel.weightLanes(c, d) + LANES * d;
        DoubleVector bias = DoubleVector.fromArray(SPECIES, lanes, at);
        for (int i = 0; i < full; i += LANES) {
            DoubleVector q = DoubleVector.fromArray(SPECIES, scratch, inverses + i);
            VectorMask<Double> top = DoubleVector.fromArray(SPECIES, scratch, tops + i).compare(EQ, (double) c);
            DoubleVector delta = DoubleVector.fromArray(SPECIES, scratch, c * ROWS + i).mul(q).blend(q, top);
            DoubleVector onLabel = delta.sub(1.0)
                    .blend(DoubleVector.fromArray(SPECIES, scratch, sums + i).neg().mul(q), top);
            delta = delta.blend(onLabel, DoubleVector.fromArray(SPECIES, labels, labelOffset + i).compare(EQ, (double) c));
            delta.intoArray(scratch, c * ROWS + i);
            bias = bias.add(delta);
        }
        bias.intoArray(lanes, at);
    }
}
