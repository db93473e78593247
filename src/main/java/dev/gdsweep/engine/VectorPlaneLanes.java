package dev.gdsweep.engine;

import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LT;

import dev.gdsweep.loss.Himmelblau;
import dev.gdsweep.loss.LaneLoss;
import dev.gdsweep.loss.Quadratic;
import dev.gdsweep.loss.Rosenbrock;
import java.util.function.Function;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PlaneLanes} on the Vector API, one loop per loss. Every expression below is the scalar code's,
 * operation for operation and in its order (quoted beside it); constants such as −4·b are the same
 * product whether the scalar code forms them per lane or this class once. Each loop keeps its vectors
 * in one method body, with no helper taking or returning a vector: C2 then never has to box one,
 * whatever it inlines or compiles first (a boxed vector would allocate every iteration). That is why
 * the pre-check, bookkeeping and step are written out in each of the three loops rather than shared.
 *
 * <p>Only {@link PlaneLanes} loads this class, by name, after checking that the module is there.
 */
abstract class VectorPlaneLanes extends PlaneLanes {

    /**
     * Lanes are independent, so any width gives the same bits. 256 bits, as the logistic kernel's:
     * 512-bit vectors ran B1 20–25% faster on an AVX-512 machine, but once a JVM had used both widths
     * C2 no longer compiled the logistic kernel's vector code without boxing (ModelAllocationTest saw it
     * allocate on every call), so every vector kernel keeps to one species.
     */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
    private static final int WIDTH = SPECIES.length();

    /** The maker when this CPU has 256-bit double vectors or wider, else null (emulated vectors are slow). */
    static Function<LaneLoss, PlaneLanes> ifFast() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? VectorPlaneLanes::forLoss : null;
    }

    /** The lanes of {@code loss}: rosenbrock of 2 weights, himmelblau, quadratic of 2; else null. */
    static PlaneLanes forLoss(LaneLoss loss) {
        if (loss instanceof Rosenbrock r && r.dimension() == 2) {
            return new RosenbrockLanes(r.a(), r.b());
        }
        if (loss instanceof Himmelblau) {
            return new HimmelblauLanes();
        }
        if (loss instanceof Quadratic q && q.dimension() == 2) {
            return new QuadraticLanes(q.curvature(0), q.curvature(1));
        }
        return null;
    }

    @Override
    final int width() {
        return WIDTH;
    }

    /** Rosenbrock with n = 2: {@code Rosenbrock.term} into a zeroed value and gradient. */
    private static final class RosenbrockLanes extends VectorPlaneLanes {
        private final double a;
        private final double b;

        RosenbrockLanes(double a, double b) {
            this.a = a;
            this.b = b;
        }

        @Override
        int iterate(int lanes, double[] wx, double[] wy, double[] gx, double[] gy, double[] values, double[] rate,
                double[] k, double[] limit, double[] increases, double[] bestLoss, double[] previous,
                boolean[] flaggedVector, double smallestMovingSquare, double largestValue) {
            DoubleVector zero = DoubleVector.zero(SPECIES);
            DoubleVector av = DoubleVector.broadcast(SPECIES, a);
            DoubleVector bv = DoubleVector.broadcast(SPECIES, b);
            DoubleVector minus4b = DoubleVector.broadcast(SPECIES, -4 * b);
            DoubleVector twoB = DoubleVector.broadcast(SPECIES, 2 * b);
            DoubleVector two = DoubleVector.broadcast(SPECIES, 2.0);
            DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector moving = DoubleVector.broadcast(SPECIES, smallestMovingSquare);
            DoubleVector infinity = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
            DoubleVector largest = DoubleVector.broadcast(SPECIES, largestValue);
            DoubleVector lowest = DoubleVector.broadcast(SPECIES, -Double.MAX_VALUE);
            int flagged = 0;
            for (int l = 0, at = 0; l < lanes; l += WIDTH, at++) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, wx, l);
                DoubleVector y = DoubleVector.fromArray(SPECIES, wy, l);
                // valley = y − x·x; offset = a − x
                DoubleVector valley = y.sub(x.mul(x));
                DoubleVector offset = av.sub(x);
                // gx = 0 + (−4·b·x·valley − 2·offset); gy = 0 + 2·b·valley
                DoubleVector g0 = zero.add(minus4b.mul(x).mul(valley).sub(two.mul(offset)));
                DoubleVector g1 = zero.add(twoB.mul(valley));
                // value = 0 + (b·valley·valley + offset·offset)
                DoubleVector v = zero.add(bv.mul(valley).mul(valley).add(offset.mul(offset)));
                // The pre-check (LockstepDescent.flagged2).
                DoubleVector kl = DoubleVector.fromArray(SPECIES, k, l);
                DoubleVector square = g0.mul(g0).add(g1.mul(g1));
                DoubleVector weights = x.mul(x).add(y.mul(y));
                VectorMask<Double> passes = square.compare(GT, moving).and(square.compare(LT, infinity))
                        .and(v.compare(LE, largest)).and(v.compare(GE, lowest)).and(weights.compare(LT, infinity))
                        .and(kl.compare(LT, DoubleVector.fromArray(SPECIES, limit, l)));
                if (passes.allTrue()) {
                    // LockstepDescent.bookkeep: increases += v > previous ? 1 : 0;
                    // bestLoss = v < bestLoss ? v : bestLoss; previous = v
                    DoubleVector before = DoubleVector.fromArray(SPECIES, previous, l);
                    DoubleVector best = DoubleVector.fromArray(SPECIES, bestLoss, l);
                    DoubleVector.fromArray(SPECIES, increases, l).add(one, v.compare(GT, before))
                            .intoArray(increases, l);
                    best.blend(v, v.compare(LT, best)).intoArray(bestLoss, l);
                    v.intoArray(previous, l);
                    // LockstepDescent.stepLanes: wx −= s·gx; wy −= s·gy; k++
                    DoubleVector s = DoubleVector.fromArray(SPECIES, rate, l);
                    x.sub(s.mul(g0)).intoArray(wx, l);
                    y.sub(s.mul(g1)).intoArray(wy, l);
                    kl.add(one).intoArray(k, l);
                    flaggedVector[at] = false;
                } else {
                    v.intoArray(values, l);
                    g0.intoArray(gx, l);
                    g1.intoArray(gy, l);
                    flaggedVector[at] = true;
                    flagged++;
                }
            }
            return flagged;
        }
    }

    /** Himmelblau: {@code Himmelblau.valueAndGradient}. */
    private static final class HimmelblauLanes extends VectorPlaneLanes {

        @Override
        int iterate(int lanes, double[] wx, double[] wy, double[] gx, double[] gy, double[] values, double[] rate,
                double[] k, double[] limit, double[] increases, double[] bestLoss, double[] previous,
                boolean[] flaggedVector, double smallestMovingSquare, double largestValue) {
            DoubleVector eleven = DoubleVector.broadcast(SPECIES, 11.0);
            DoubleVector seven = DoubleVector.broadcast(SPECIES, 7.0);
            DoubleVector four = DoubleVector.broadcast(SPECIES, 4.0);
            DoubleVector two = DoubleVector.broadcast(SPECIES, 2.0);
            DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector moving = DoubleVector.broadcast(SPECIES, smallestMovingSquare);
            DoubleVector infinity = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
            DoubleVector largest = DoubleVector.broadcast(SPECIES, largestValue);
            DoubleVector lowest = DoubleVector.broadcast(SPECIES, -Double.MAX_VALUE);
            int flagged = 0;
            for (int l = 0, at = 0; l < lanes; l += WIDTH, at++) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, wx, l);
                DoubleVector y = DoubleVector.fromArray(SPECIES, wy, l);
                // p = x·x + y − 11; q = x + y·y − 7
                DoubleVector p = x.mul(x).add(y).sub(eleven);
                DoubleVector q = x.add(y.mul(y)).sub(seven);
                // gx = 4·x·p + 2·q; gy = 2·p + 4·y·q; value = p·p + q·q
                DoubleVector g0 = four.mul(x).mul(p).add(two.mul(q));
                DoubleVector g1 = two.mul(p).add(four.mul(y).mul(q));
                DoubleVector v = p.mul(p).add(q.mul(q));
                // The pre-check (LockstepDescent.flagged2).
                DoubleVector kl = DoubleVector.fromArray(SPECIES, k, l);
                DoubleVector square = g0.mul(g0).add(g1.mul(g1));
                DoubleVector weights = x.mul(x).add(y.mul(y));
                VectorMask<Double> passes = square.compare(GT, moving).and(square.compare(LT, infinity))
                        .and(v.compare(LE, largest)).and(v.compare(GE, lowest)).and(weights.compare(LT, infinity))
                        .and(kl.compare(LT, DoubleVector.fromArray(SPECIES, limit, l)));
                if (passes.allTrue()) {
                    // LockstepDescent.bookkeep: increases += v > previous ? 1 : 0;
                    // bestLoss = v < bestLoss ? v : bestLoss; previous = v
                    DoubleVector before = DoubleVector.fromArray(SPECIES, previous, l);
                    DoubleVector best = DoubleVector.fromArray(SPECIES, bestLoss, l);
                    DoubleVector.fromArray(SPECIES, increases, l).add(one, v.compare(GT, before))
                            .intoArray(increases, l);
                    best.blend(v, v.compare(LT, best)).intoArray(bestLoss, l);
                    v.intoArray(previous, l);
                    // LockstepDescent.stepLanes: wx −= s·gx; wy −= s·gy; k++
                    DoubleVector s = DoubleVector.fromArray(SPECIES, rate, l);
                    x.sub(s.mul(g0)).intoArray(wx, l);
                    y.sub(s.mul(g1)).intoArray(wy, l);
                    kl.add(one).intoArray(k, l);
                    flaggedVector[at] = false;
                } else {
                    v.intoArray(values, l);
                    g0.intoArray(gx, l);
                    g1.intoArray(gy, l);
                    flaggedVector[at] = true;
                    flagged++;
                }
            }
            return flagged;
        }
    }

    /** Quadratic of two curvatures: {@code Quadratic.term} per coordinate, the sum halved. */
    private static final class QuadraticLanes extends VectorPlaneLanes {
        private final double d0;
        private final double d1;

        QuadraticLanes(double d0, double d1) {
            this.d0 = d0;
            this.d1 = d1;
        }

        @Override
        int iterate(int lanes, double[] wx, double[] wy, double[] gx, double[] gy, double[] values, double[] rate,
                double[] k, double[] limit, double[] increases, double[] bestLoss, double[] previous,
                boolean[] flaggedVector, double smallestMovingSquare, double largestValue) {
            DoubleVector zero = DoubleVector.zero(SPECIES);
            DoubleVector half = DoubleVector.broadcast(SPECIES, 0.5);
            DoubleVector c0 = DoubleVector.broadcast(SPECIES, d0);
            DoubleVector c1 = DoubleVector.broadcast(SPECIES, d1);
            DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector moving = DoubleVector.broadcast(SPECIES, smallestMovingSquare);
            DoubleVector infinity = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
            DoubleVector largest = DoubleVector.broadcast(SPECIES, largestValue);
            DoubleVector lowest = DoubleVector.broadcast(SPECIES, -Double.MAX_VALUE);
            int flagged = 0;
            for (int l = 0, at = 0; l < lanes; l += WIDTH, at++) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, wx, l);
                DoubleVector y = DoubleVector.fromArray(SPECIES, wy, l);
                // gᵢ = dᵢ·wᵢ; value = 0.5 · ((0 + g₀·w₀) + g₁·w₁)
                DoubleVector g0 = c0.mul(x);
                DoubleVector g1 = c1.mul(y);
                DoubleVector v = half.mul(zero.add(g0.mul(x)).add(g1.mul(y)));
                // The pre-check (LockstepDescent.flagged2).
                DoubleVector kl = DoubleVector.fromArray(SPECIES, k, l);
                DoubleVector square = g0.mul(g0).add(g1.mul(g1));
                DoubleVector weights = x.mul(x).add(y.mul(y));
                VectorMask<Double> passes = square.compare(GT, moving).and(square.compare(LT, infinity))
                        .and(v.compare(LE, largest)).and(v.compare(GE, lowest)).and(weights.compare(LT, infinity))
                        .and(kl.compare(LT, DoubleVector.fromArray(SPECIES, limit, l)));
                if (passes.allTrue()) {
                    // LockstepDescent.bookkeep: increases += v > previous ? 1 : 0;
                    // bestLoss = v < bestLoss ? v : bestLoss; previous = v
                    DoubleVector before = DoubleVector.fromArray(SPECIES, previous, l);
                    DoubleVector best = DoubleVector.fromArray(SPECIES, bestLoss, l);
                    DoubleVector.fromArray(SPECIES, increases, l).add(one, v.compare(GT, before))
                            .intoArray(increases, l);
                    best.blend(v, v.compare(LT, best)).intoArray(bestLoss, l);
                    v.intoArray(previous, l);
                    // LockstepDescent.stepLanes: wx −= s·gx; wy −= s·gy; k++
                    DoubleVector s = DoubleVector.fromArray(SPECIES, rate, l);
                    x.sub(s.mul(g0)).intoArray(wx, l);
                    y.sub(s.mul(g1)).intoArray(wy, l);
                    kl.add(one).intoArray(k, l);
                    flaggedVector[at] = false;
                } else {
                    v.intoArray(values, l);
                    g0.intoArray(gx, l);
                    g1.intoArray(gy, l);
                    flaggedVector[at] = true;
                    flagged++;
                }
            }
            return flagged;
        }
    }
}
