package dev.gdsweep.bench.jmh;

import dev.gdsweep.loss.LaneLoss;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Rosenbrock;
import dev.gdsweep.loss.formula.Formula;
import dev.gdsweep.loss.formula.FormulaLoss;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rosenbrock's value and gradient at {@code lanes} fixed points in [-2, 2]², built in or as the formula
 * {@code (a - x)^2 + b*(y - x^2)^2}: one {@code valueAndGradient} per point ({@link #onePointAtATime}),
 * or one {@code valuesAndGradients} call for all of them ({@link #allLanesAtOnce}) where the loss is
 * a {@link LaneLoss} (otherwise the same per-point loop). Score: time per call over all points; divide
 * by {@code lanes} for time per point. The formula target is within 3x of the built-in.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FormulaLanesBench {

    @Param({"builtin", "formula"})
    public String loss;

    @Param({"32", "64"})
    public int lanes;

    private Loss function;
    private double[][] points;
    private double[] pointGradient;
    private double[][] w;
    private double[][] gradient;
    private double[] values;

    @Setup
    public void setup() {
        function = loss.equals("builtin") ? new Rosenbrock(2, 1, 100)
                : new FormulaLoss(Formula.parse("(a - x)^2 + b*(y - x^2)^2", List.of("x", "y"),
                        Map.of("a", 1.0, "b", 100.0)));
        Random random = new Random(42);
        points = new double[lanes][2];
        w = new double[2][lanes];
        for (int l = 0; l < lanes; l++) {
            points[l][0] = 4 * random.nextDouble() - 2;
            points[l][1] = 4 * random.nextDouble() - 2;
            w[0][l] = points[l][0];
            w[1][l] = points[l][1];
        }
        pointGradient = new double[2];
        gradient = new double[2][lanes];
        values = new double[lanes];
    }

    @Benchmark
    public double onePointAtATime() {
        double sum = 0;
        for (double[] point : points) {
            sum += function.valueAndGradient(point, pointGradient) + pointGradient[0];
        }
        return sum;
    }

    @Benchmark
    public double allLanesAtOnce() {
        if (!(function instanceof LaneLoss laneLoss)) {
            return onePointAtATime();
        }
        laneLoss.valuesAndGradients(lanes, w, gradient, values);
        return values[0] + gradient[0][0];
    }
}
