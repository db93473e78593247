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
 * {@link MlpKernel}'s algorithm with the Vector API: one 256-bit vector holds 4 consecutive rows,
 * and every lane does exactly {@link ScalarMlpKernel}'s operations in its order ({@link MlpMath#tanh}
 * included), so the bits are the same. The per-row stages run over the rows rounded up to a
 * multiple of 4 (the extra rows of the block are scratch nobody reads); the gradient sums take the
 * full vectors here and the last rows, short of a vector, through the scalar kernel's code, so that
 * the lanes see exactly the block's rows. The species is fixed at 256 bits because the lane count is
 * part of the result; {@link #ifFast} declines where 256-bit vectors are not native. Only
 * {@link MlpKernel#forThisJvm} loads this class, by name, after checking that the module is there.
 */
final class VectorMlpKernel implements MlpKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;

    private VectorMlpKernel() {}

    /** A kernel when this CPU runs 256-bit double and long vectors natively, else null. */
    static MlpKernel ifFast() {
        boolean wideEnough = DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256
                && LongVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
        return wideEnough ? new VectorMlpKernel() : null;
    }

    /** For the tests: the kernel whatever the CPU (emulated, slowly, where 256 bits are not native). */
    static MlpKernel always() {
        return new VectorMlpKernel();
    }

    private static int padded(int rows) {
        return (rows + LANES - 1) & -LANES;
    }

    // As in VectorLogisticKernel, each stage is one loop nest with no calls but the Vector API's own,
    // so C2 keeps every vector in registers instead of boxing it across a call it did not inline.

    @Override
    public void combine(double[] in, int inOffset, int inputs, double[] w, int wOffset, int unitStride,
            int inputStride, int units, boolean bias, double[] out, int rows) {
        int padded = padded(rows);
        int u = 0;
        for (; u + 2 <= units; u += 2) {
            combinePair(in, inOffset, inputs, w, wOffset + u * unitStride, unitStride, inputStride, bias, out,
                    u * ROWS, padded);
        }
        if (u < units) {
            combineOne(in, inOffset, inputs, w, wOffset + u * unitStride, inputStride, bias, out, u * ROWS, padded);
        }
    }

    /**
     * Two units, 8 rows at a time: four independent fma chains sharing each input vector and each
     * broadcast coefficient; then the last 4 rows if any.
     */
    private static void combinePair(double[] in, int inOffset, int inputs, double[] w, int c0, int unitStride,
            int inputStride, boolean bias, double[] out, int at0, int padded) {
        int c1 = c0 + unitStride;
        int at1 = at0 + ROWS;
        double b0 = bias ? w[c0 + inputs * inputStride] : 0.0;
        double b1 = bias ? w[c1 + inputs * inputStride] : 0.0;
        int i = 0;
        for (; i + 2 * LANES <= padded; i += 2 * LANES) {
            // Four broadcasts, not copies: C2 (JDK 17) does not eliminate one vector box feeding two loop phis.
            DoubleVector z00 = DoubleVector.broadcast(SPECIES, b0);
            DoubleVector z01 = DoubleVector.broadcast(SPECIES, b0);
            DoubleVector z10 = DoubleVector.broadcast(SPECIES, b1);
            DoubleVector z11 = DoubleVector.broadcast(SPECIES, b1);
            for (int v = 0; v < inputs; v++) {
                int column = inOffset + v * ROWS + i;
                DoubleVector x0 = DoubleVector.fromArray(SPECIES, in, column);
                DoubleVector x1 = DoubleVector.fromArray(SPECIES, in, column + LANES);
                DoubleVector w0 = DoubleVector.broadcast(SPECIES, w[c0 + v * inputStride]);
                DoubleVector w1 = DoubleVector.broadcast(SPECIES, w[c1 + v * inputStride]);
                z00 = x0.fma(w0, z00);
                z01 = x1.fma(w0, z01);
                z10 = x0.fma(w1, z10);
                z11 = x1.fma(w1, z11);
            }
            z00.intoArray(out, at0 + i);
            z01.intoArray(out, at0 + i + LANES);
            z10.intoArray(out, at1 + i);
            z11.intoArray(out, at1 + i + LANES);
        }
        if (i < padded) {
            DoubleVector z0 = DoubleVector.broadcast(SPECIES, b0);
            DoubleVector z1 = DoubleVector.broadcast(SPECIES, b1);
            for (int v = 0; v < inputs; v++) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, in, inOffset + v * ROWS + i);
                z0 = x.fma(DoubleVector.broadcast(SPECIES, w[c0 + v * inputStride]), z0);
                z1 = x.fma(DoubleVector.broadcast(SPECIES, w[c1 + v * inputStride]), z1);
            }
            z0.intoArray(out, at0 + i);
            z1.intoArray(out, at1 + i);
        }
    }

    /** One unit, 8 rows at a time (two chains), then the last 4 rows if any. */
    private static void combineOne(double[] in, int inOffset, int inputs, double[] w, int c0, int inputStride,
            boolean bias, double[] out, int at0, int padded) {
        double b0 = bias ? w[c0 + inputs * inputStride] : 0.0;
        int i = 0;
        for (; i + 2 * LANES <= padded; i += 2 * LANES) {
            DoubleVector z0 = DoubleVector.broadcast(SPECIES, b0);
            DoubleVector z1 = DoubleVector.broadcast(SPECIES, b0);
            for (int v = 0; v < inputs; v++) {
                int column = inOffset + v * ROWS + i;
                DoubleVector c = DoubleVector.broadcast(SPECIES, w[c0 + v * inputStride]);
                z0 = DoubleVector.fromArray(SPECIES, in, column).fma(c, z0);
                z1 = DoubleVector.fromArray(SPECIES, in, column + LANES).fma(c, z1);
            }
            z0.intoArray(out, at0 + i);
            z1.intoArray(out, at0 + i + LANES);
        }
        if (i < padded) {
            DoubleVector z = DoubleVector.broadcast(SPECIES, b0);
            for (int v = 0; v < inputs; v++) {
                z = DoubleVector.fromArray(SPECIES, in, inOffset + v * ROWS + i)
                        .fma(DoubleVector.broadcast(SPECIES, w[c0 + v * inputStride]), z);
            }
            z.intoArray(out, at0 + i);
        }
    }

    @Override
    public void activate(Activation activation, double[] a, int units, int rows) {
        int padded = padded(rows);
        if (activation == Activation.RELU) {
            relu(a, units, padded);
        } else {
            tanh(a, units, padded);
        }
    }

    private static void relu(double[] a, int units, int padded) {
        for (int u = 0; u < units; u++) {
            for (int i = u * ROWS; i < u * ROWS + padded; i += LANES) {
                DoubleVector.fromArray(SPECIES, a, i).max(0.0).intoArray(a, i); // MAX is Math.max lane by lane
            }
        }
    }

    /** {@link MlpMath#tanh}, the same operations in order. */
    private static void tanh(double[] a, int units, int padded) {
        for (int u = 0; u < units; u++) {
            for (int i = u * ROWS; i < u * ROWS + padded; i += LANES) {
                DoubleVector z = DoubleVector.fromArray(SPECIES, a, i);
                DoubleVector arg = z.abs().mul(-2.0);
                DoubleVector clamped = arg.blend(PortableMath.EXP_MIN_ARGUMENT,
                        arg.compare(LT, PortableMath.EXP_MIN_ARGUMENT));
                DoubleVector shifted = clamped.fma(PortableMath.LOG2_E, PortableMath.ROUNDING_SHIFT);
                DoubleVector k = shifted.sub(PortableMath.ROUNDING_SHIFT);
                DoubleVector r = k.fma(constant(-PortableMath.LN2_HI), clamped);
                r = k.fma(constant(-PortableMath.LN2_LO), r);
                DoubleVector q = r.fma(E13, E12);
                q = q.fma(r, constant(E11));
                q = q.fma(r, constant(E10));
                q = q.fma(r, constant(E9));
                q = q.fma(r, constant(E8));
                q = q.fma(r, constant(E7));
                q = q.fma(r, constant(E6));
                q = q.fma(r, constant(E5));
                q = q.fma(r, constant(E4));
                q = q.fma(r, constant(E3));
                q = q.fma(r, constant(E2));
                q = q.fma(r, constant(1.0));
                DoubleVector twoToK = shifted.reinterpretAsLongs()
                        .add(PortableMath.SCALE_EXPONENT_BIAS)
                        .lanewise(LSHL, 52)
                        .reinterpretAsDoubles()
                        .mul(PortableMath.UNSCALE);
                DoubleVector m = q.fma(r.mul(twoToK), twoToK.sub(1.0));
                DoubleVector t = m.div(m.add(2.0)).abs();
                t.reinterpretAsLongs()
                        .or(z.reinterpretAsLongs().and(MlpMath.SIGN_BIT))
                        .reinterpretAsDoubles()
                        .intoArray(a, i);
            }
        }
    }

    @Override
    public void multiplyByDerivative(Activation activation, double[] delta, double[] a, int units, int rows) {
        if (activation == Activation.RELU) {
            reluDerivative(delta, a, units, padded(rows));
        } else {
            tanhDerivative(delta, a, units, padded(rows));
        }
    }

    private static void reluDerivative(double[] delta, double[] a, int units, int padded) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int u = 0; u < units; u++) {
            for (int i = u * ROWS; i < u * ROWS + padded; i += LANES) {
                DoubleVector s = DoubleVector.fromArray(SPECIES, delta, i);
                zero.blend(s, DoubleVector.fromArray(SPECIES, a, i).compare(GT, 0.0)).intoArray(delta, i);
            }
        }
    }

    private static void tanhDerivative(double[] delta, double[] a, int units, int padded) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int u = 0; u < units; u++) {
            for (int i = u * ROWS; i < u * ROWS + padded; i += LANES) {
                DoubleVector out = DoubleVector.fromArray(SPECIES, a, i);
                DoubleVector.fromArray(SPECIES, delta, i).mul(one.sub(out.mul(out))).intoArray(delta, i);
            }
        }
    }

    @Override
    public void addGradients(double[] delta, int units, double[] in, int inOffset, int inputs, double[] lanes,
            int lanesOffset, int rows) {
        int full = rows & -LANES;
        for (int u = 0; u < units; u++) {
            int unitLanes = lanesOffset + LANES * u * (inputs + 1);
            addUnitGradients(delta, u * ROWS, in, inOffset, inputs, lanes, unitLanes, full);
        }
        ScalarMlpKernel.addGradients(delta, units, in, inOffset, inputs, lanes, lanesOffset, full, rows);
    }

    /**
     * One unit's weight lanes over the first {@code full} rows: four inputs at a time, so four
     * independent fma chains are in flight and each delta vector is loaded once; then the bias.
     */
    private static void addUnitGradients(double[] delta, int deltas, double[] in, int inOffset, int inputs,
            double[] lanes, int unitLanes, int full) {
        int v = 0;
        for (; v + 4 <= inputs; v += 4) {
            int at = unitLanes + LANES * v;
            int column = inOffset + v * ROWS;
            DoubleVector g0 = DoubleVector.fromArray(SPECIES, lanes, at);
            DoubleVector g1 = DoubleVector.fromArray(SPECIES, lanes, at + LANES);
            DoubleVector g2 = DoubleVector.fromArray(SPECIES, lanes, at + 2 * LANES);
            DoubleVector g3 = DoubleVector.fromArray(SPECIES, lanes, at + 3 * LANES);
            for (int i = 0; i < full; i += LANES) {
                DoubleVector d = DoubleVector.fromArray(SPECIES, delta, deltas + i);
                g0 = d.fma(DoubleVector.fromArray(SPECIES, in, column + i), g0);
                g1 = d.fma(DoubleVector.fromArray(SPECIES, in, column + ROWS + i), g1);
                g2 = d.fma(DoubleVector.fromArray(SPECIES, in, column + 2 * ROWS + i), g2);
                g3 = d.fma(DoubleVector.fromArray(SPECIES, in, column + 3 * ROWS + i), g3);
            }
            g0.intoArray(lanes, at);
            g1.intoArray(lanes, at + LANES);
            g2.intoArray(lanes, at + 2 * LANES);
            g3.intoArray(lanes, at + 3 * LANES);
        }
        for (; v < inputs; v++) {
            int at = unitLanes + LANES * v;
            int column = inOffset + v * ROWS;
            DoubleVector g = DoubleVector.fromArray(SPECIES, lanes, at);
            for (int i = 0; i < full; i += LANES) {
                g = DoubleVector.fromArray(SPECIES, delta, deltas + i)
                        .fma(DoubleVector.fromArray(SPECIES, in, column + i), g);
            }
            g.intoArray(lanes, at);
        }
        int at = unitLanes + LANES * inputs;
        DoubleVector b = DoubleVector.fromArray(SPECIES, lanes, at);
        for (int i = 0; i < full; i += LANES) {
            b = b.add(DoubleVector.fromArray(SPECIES, delta, deltas + i));
        }
        b.intoArray(lanes, at);
    }

    private static DoubleVector constant(double value) {
        return DoubleVector.broadcast(SPECIES, value);
    }

    @Override
    public void addSoftmaxLosses(double[] z, int classes, double[] labels, int labelOffset, int rows, double[] delta,
            double[] lanes, int lossOffset, double[] scratch) {
        int full = rows & -LANES;
        softmaxTop(z, classes, labels, labelOffset, full, scratch);
        softmaxExps(z, classes, full, delta, scratch);
        softmaxLossLanes(full, lanes, lossOffset, scratch);
        if (delta != null) {
            softmaxDeltas(classes, labels, labelOffset, full, delta, scratch);
        }
        ScalarMlpKernel.addSoftmaxLosses(z, classes, labels, labelOffset, delta, lanes, lossOffset, full, rows);
    }

    // The scalar kernel's softmax cross-entropy, 4 rows at a time, in stages that pass their results
    // through scratch (one loop each: a single loop doing it all outgrows C2's inlining budget, and
    // its vectors are then boxed). Per lane: the top class, PortableMath.expNonPositive and
    // MlpMath.log1p with the same operations in order, the label's logit and delta picked by
    // comparing each class with the lane's label.

    /** The largest logit, the first class holding it, and the label's logit, into scratch. */
    private static void softmaxTop(double[] z, int classes, double[] labels, int labelOffset, int full,
            double[] scratch) {
        for (int i = 0; i < full; i += LANES) {
            DoubleVector label = DoubleVector.fromArray(SPECIES, labels, labelOffset + i);
            DoubleVector zMax = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector top = DoubleVector.zero(SPECIES);
            DoubleVector zLabel = zMax;
            for (int c = 1; c < classes; c++) {
                DoubleVector zc = DoubleVector.fromArray(SPECIES, z, c * ROWS + i);
                VectorMask<Double> above = zc.compare(GT, zMax);
                zMax = zMax.blend(zc, above);
                top = top.blend(c, above);
                zLabel = zLabel.blend(zc, label.compare(EQ, c));
            }
            zMax.intoArray(scratch, SOFTMAX_MAX + i);
            top.intoArray(scratch, SOFTMAX_TOP + i);
            zLabel.intoArray(scratch, SOFTMAX_LABEL_LOGIT + i);
        }
    }

    /** e_c = (c = top ? 0 : e^(z_c − z_max)) into delta (when there), and their sum in class order into scratch. */
    private static void softmaxExps(double[] z, int classes, int full, double[] delta, double[] scratch) {
        for (int i = 0; i < full; i += LANES) {
            DoubleVector.zero(SPECIES).intoArray(scratch, SOFTMAX_REST + i);
        }
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < full; i += LANES) {
                DoubleVector a = DoubleVector.fromArray(SPECIES, z, c * ROWS + i)
                        .sub(DoubleVector.fromArray(SPECIES, scratch, SOFTMAX_MAX + i));
                DoubleVector clamped = a.blend(PortableMath.EXP_MIN_ARGUMENT,
                        a.compare(LT, PortableMath.EXP_MIN_ARGUMENT));
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
                DoubleVector e = p.mul(scale).mul(PortableMath.UNSCALE)
                        .blend(0.0, DoubleVector.fromArray(SPECIES, scratch, SOFTMAX_TOP + i).compare(EQ, c));
                if (delta != null) {
                    e.intoArray(delta, c * ROWS + i);
                }
                DoubleVector.fromArray(SPECIES, scratch, SOFTMAX_REST + i).add(e).intoArray(scratch, SOFTMAX_REST + i);
            }
        }
    }

    /** The loss lanes gain (z_max − z_label) + log1p(rest), log1p as {@link MlpMath#log1p}. */
    private static void softmaxLossLanes(int full, double[] lanes, int lossOffset, double[] scratch) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector loss = DoubleVector.fromArray(SPECIES, lanes, lossOffset);
        for (int i = 0; i < full; i += LANES) {
            DoubleVector rest = DoubleVector.fromArray(SPECIES, scratch, SOFTMAX_REST + i);
            // Above 1, 1 + rest = 2^e·(1 + f) read from its bits; e made a double exactly as (2^52 + e) − 2^52.
            VectorMask<Double> big = rest.compare(GT, 1.0);
            LongVector bits = rest.add(1.0).reinterpretAsLongs();
            DoubleVector exponent = bits.lanewise(LSHR, 52).or(EXPONENT_AS_DOUBLE).reinterpretAsDoubles()
                    .sub(EXPONENT_AS_DOUBLE_OFFSET);
            DoubleVector mantissa = bits.and(MlpMath.MANTISSA_BITS).or(MlpMath.EXPONENT_OF_ONE)
                    .reinterpretAsDoubles().sub(1.0);
            DoubleVector kk = zero.blend(exponent, big);
            DoubleVector x = rest.blend(mantissa, big);
            // PortableMath.log1pUnit(x).
            VectorMask<Double> reduce = x.compare(GE, PortableMath.LOG_REDUCTION_THRESHOLD);
            DoubleVector f = x.blend(x.sub(1.0).mul(0.5), reduce);
            DoubleVector k = zero.blend(1.0, reduce);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector zz = s.mul(s);
            DoubleVector rz = zz.fma(L11, L10);
            rz = rz.fma(zz, constant(L9));
            rz = rz.fma(zz, constant(L8));
            rz = rz.fma(zz, constant(L7));
            rz = rz.fma(zz, constant(L6));
            rz = rz.fma(zz, constant(L5));
            rz = rz.fma(zz, constant(L4));
            rz = rz.fma(zz, constant(L3));
            rz = rz.fma(zz, constant(L2));
            rz = rz.fma(zz, constant(L1));
            rz = rz.mul(zz);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector inner = hfsq.sub(s.mul(hfsq.add(rz)).add(k.mul(PortableMath.LN2_LO))).sub(f);
            DoubleVector log1pUnit = k.mul(PortableMath.LN2_HI).sub(inner);
            DoubleVector log1p = kk.mul(PortableMath.LN2_HI).add(log1pUnit.add(kk.mul(PortableMath.LN2_LO)))
                    .blend(rest, rest.compare(EQ, Double.POSITIVE_INFINITY));
            DoubleVector zMax = DoubleVector.fromArray(SPECIES, scratch, SOFTMAX_MAX + i);
            loss = loss.add(zMax.sub(DoubleVector.fromArray(SPECIES, scratch, SOFTMAX_LABEL_LOGIT + i)).add(log1p));
        }
        loss.intoArray(lanes, lossOffset);
    }

    /** δ_c = e_c/(1 + rest), δ_top = 1/(1 + rest), and at the label −rest/(1 + rest) (label on top) or δ − 1. */
    private static void softmaxDeltas(int classes, double[] labels, int labelOffset, int full, double[] delta,
            double[] scratch) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < full; i += LANES) {
                DoubleVector rest = DoubleVector.fromArray(SPECIES, scratch, SOFTMAX_REST + i);
                DoubleVector top = DoubleVector.fromArray(SPECIES, scratch, SOFTMAX_TOP + i);
                DoubleVector label = DoubleVector.fromArray(SPECIES, labels, labelOffset + i);
                DoubleVector inv = one.div(one.add(rest));
                DoubleVector labelAtTop = rest.neg().mul(inv);
                int at = c * ROWS + i;
                DoubleVector d = DoubleVector.fromArray(SPECIES, delta, at).mul(inv).blend(inv, top.compare(EQ, c));
                d = d.blend(d.sub(1.0).blend(labelAtTop, label.compare(EQ, top)), label.compare(EQ, c));
                d.intoArray(delta, at);
            }
        }
    }

    /** 2^52 as bits, to turn a small non-negative long into a double exactly, and 2^52 + 1023 to unbias an exponent. */
    private static final long EXPONENT_AS_DOUBLE = 0x4330000000000000L;
    private static final double EXPONENT_AS_DOUBLE_OFFSET = 0x1p52 + 1023;
}
