package dev.gdsweep.bench.jmh;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.StopReason;
import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.loss.Himmelblau;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Quadratic;
import dev.gdsweep.loss.Rosenbrock;
import java.util.Arrays;
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
 * One run of the engine ({@link GradientDescent}, plain GD, constant rate) from a fixed start for
 * exactly {@code iterations} iterations (gradient tolerance 0, no divergence bound, and a rate small
 * enough that nothing else stops it: checked in setup). Score: time per run; divide by
 * {@code iterations} for time per iteration. With {@code -prof gc}, bytes per run at two iteration
 * counts give the allocation per iteration: (B(10000) − B(1000)) / 9000, which should be 0; the
 * constant part is the {@link RunResult} returned at the end.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KernelBench {

    /** Loss and dimension: rosenbrock in 2, 10 and 100 dimensions (the n-D sum form), himmelblau and quadratic in 2. */
    @Param({"rosenbrock-2", "rosenbrock-10", "rosenbrock-100", "himmelblau-2", "quadratic-2"})
    public String loss;

    @Param({"1000", "10000"})
    public long iterations;

    private Loss function;
    private GradientDescent engine;
    private double[] start;
    private double learningRate;
    private StoppingRule stop;

    @Setup
    public void setup() {
        String[] parts = loss.split("-");
        int n = Integer.parseInt(parts[1]);
        start = new double[n];
        switch (parts[0]) {
            case "rosenbrock" -> {
                function = new Rosenbrock(n, 1, 100);
                for (int i = 0; i < n; i++) {
                    start[i] = i % 2 == 0 ? -1.2 : 1.0;
                }
                learningRate = 1e-4;
            }
            case "himmelblau" -> {
                function = new Himmelblau();
                learningRate = 1e-5;
            }
            case "quadratic" -> {
                function = new Quadratic(new double[] {1, 1});
                Arrays.fill(start, 1.0);
                learningRate = 1e-5;
            }
            default -> throw new IllegalArgumentException(loss);
        }
        engine = new GradientDescent(n);
        stop = new StoppingRule(iterations, 0.0, 0, 0.0, Double.POSITIVE_INFINITY);
        RunResult check = engine.run(function, learningRate, start, stop);
        if (check.stopReason() != StopReason.MAX_ITERATIONS || check.iterations() != iterations) {
            throw new IllegalStateException(loss + " stopped early: " + check.stopReason() + " at " + check.iterations());
        }
    }

    @Benchmark
    public RunResult run() {
        return engine.run(function, learningRate, start, stop);
    }
}
