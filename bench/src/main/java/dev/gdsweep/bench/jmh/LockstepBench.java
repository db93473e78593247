package dev.gdsweep.bench.jmh;

import dev.gdsweep.engine.LockstepDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.StopReason;
import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.loss.Himmelblau;
import dev.gdsweep.loss.LaneLoss;
import dev.gdsweep.loss.Quadratic;
import dev.gdsweep.loss.Rosenbrock;
import dev.gdsweep.optim.Schedule;
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
 * The lockstep engine ({@link LockstepDescent}, plain GD, constant rate) on a batch of {@code runs}
 * runs from nearby starts, each for exactly {@code iterations} iterations (gradient tolerance 0, no
 * divergence bound, rates small enough that nothing else stops them: checked in setup), with
 * {@code lanes} lanes. Score: time per batch; divide by runs × iterations for time per iteration, and
 * compare with {@link KernelBench} (one run at a time). With {@code -prof gc} the bytes per batch at
 * two iteration counts give the allocation per iteration, which should be 0 (the constant part is
 * the results).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LockstepBench {

    @Param({"rosenbrock-2", "himmelblau-2", "quadratic-2"})
    public String loss;

    @Param({"16", "32", "64"})
    public int lanes;

    @Param({"1000", "10000"})
    public long iterations;

    /** Runs per batch: two per lane, so lanes are refilled once. */
    private int runs;
    private LaneLoss function;
    private LockstepDescent engine;
    private double[] rates;
    private Schedule[] schedules;
    private double[] starts;
    private StoppingRule stop;

    @Setup
    public void setup() {
        runs = 2 * lanes;
        String[] parts = loss.split("-");
        double rate;
        double[] start;
        switch (parts[0]) {
            case "rosenbrock" -> {
                function = new Rosenbrock(2, 1, 100);
                start = new double[] {-1.2, 1.0};
                rate = 1e-4;
            }
            case "himmelblau" -> {
                function = new Himmelblau();
                start = new double[] {0, 0};
                rate = 1e-5;
            }
            case "quadratic" -> {
                function = new Quadratic(new double[] {1, 1});
                start = new double[] {1, 1};
                rate = 1e-5;
            }
            default -> throw new IllegalArgumentException(loss);
        }
        rates = new double[runs];
        schedules = new Schedule[runs];
        starts = new double[2 * runs];
        for (int r = 0; r < runs; r++) {
            rates[r] = rate * (1 + 0.01 * r);
            schedules[r] = Schedule.CONSTANT;
            starts[2 * r] = start[0] + 1e-3 * r;
            starts[2 * r + 1] = start[1];
        }
        engine = new LockstepDescent(2, lanes);
        stop = new StoppingRule(iterations, 0.0, 0, 0.0, Double.POSITIVE_INFINITY);
        for (RunResult check : run()) {
            if (check.stopReason() != StopReason.MAX_ITERATIONS || check.iterations() != iterations) {
                throw new IllegalStateException(loss + " stopped early: " + check);
            }
        }
    }

    @Benchmark
    public RunResult[] run() {
        return engine.run(function, stop, rates, schedules, starts);
    }
}
