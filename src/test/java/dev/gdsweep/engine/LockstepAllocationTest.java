package dev.gdsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.loss.Rosenbrock;
import dev.gdsweep.optim.Optimizer;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lockstep loop allocates nothing per iteration: a batch run for 100,000 iterations allocates
 * about as much as the same batch run for 10 (the results), measured with the JVM's per-thread
 * allocation counter.
 */
@Tag("allocation")
class LockstepAllocationTest {

    private static final int RUNS = 100;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long bytesFor(LockstepDescent engine, long iterations, double[] rates, Schedule[] schedules,
            double[] starts) {
        return bytesFor(engine, OptimizerConfig.PLAIN, iterations, rates, schedules, starts);
    }

    private static long bytesFor(LockstepDescent engine, OptimizerConfig optimizer, long iterations, double[] rates,
            Schedule[] schedules, double[] starts) {
        StoppingRule rule = new StoppingRule(iterations, 0.0, 0, 0.0, 1e12);
        Rosenbrock loss = new Rosenbrock(2, 1, 100);
        long before = allocatedBytes();
        RunResult[] results = engine.run(loss, optimizer, rule, rates, schedules, starts, () -> { });
        long after = allocatedBytes();
        assertThat(results).allSatisfy(r -> assertThat(r.iterations()).isEqualTo(iterations));
        return after - before;
    }

    @Test
    void aLongBatchAllocatesNoMoreThanAShortOne() {
        LockstepDescent engine = new LockstepDescent(2, LockstepDescent.DEFAULT_LANES); // fewer lanes than runs: refills
        double[] rates = new double[RUNS];
        Arrays.fill(rates, 1e-4);
        Schedule[] schedules = new Schedule[RUNS];
        Arrays.fill(schedules, Schedule.CONSTANT);
        double[] starts = new double[2 * RUNS];
        for (int r = 0; r < RUNS; r++) {
            starts[2 * r] = -1.2 + 0.01 * r;
            starts[2 * r + 1] = 1.0;
        }
        for (int i = 0; i < 10; i++) {
            bytesFor(engine, 20_000, rates, schedules, starts); // let the JIT compile the loop
        }
        long shortBatch = bytesFor(engine, 10, rates, schedules, starts);
        long longBatch = bytesFor(engine, 100_000, rates, schedules, starts);
        // 8 bytes per lane-iteration would be 32 MB; allow a few KB of noise.
        assertThat(longBatch - shortBatch).isLessThan(8 * 1024);
    }

    /** The Vector API lanes of each 2-D built-in, and the plain-Java lanes beside them. */
    @Test
    void theVectorLanesAllocateNothingPerIterationEither() {
        int runs = 100;
        double[] rates = new double[runs];
        Arrays.fill(rates, 1e-4);
        Schedule[] schedules = new Schedule[runs];
        Arrays.fill(schedules, Schedule.CONSTANT);
        double[] starts = new double[2 * runs];
        for (int r = 0; r < runs; r++) {
            starts[2 * r] = -1.2 + 0.01 * r;
            starts[2 * r + 1] = 1.0 + 0.005 * r;
        }
        for (boolean vectorApi : new boolean[] {true, false}) {
            for (dev.gdsweep.loss.LaneLoss loss : java.util.List.of(new Rosenbrock(2, 1, 100),
                    new dev.gdsweep.loss.Himmelblau(), new dev.gdsweep.loss.Quadratic(new double[] {1, 10}))) {
                LockstepDescent engine = new LockstepDescent(2, LockstepDescent.DEFAULT_LANES, vectorApi);
                assertThat(engine.vectorLanes(loss)).isEqualTo(vectorApi);
                StoppingRule warm = new StoppingRule(20_000, 0.0, 0, 0.0, 1e12);
                for (int i = 0; i < 10; i++) {
                    engine.run(loss, warm, rates, schedules, starts); // let the JIT compile the loop
                }
                long shortBatch = bytesFor(engine, loss, 10, rates, schedules, starts);
                long longBatch = bytesFor(engine, loss, 100_000, rates, schedules, starts);
                assertThat(longBatch - shortBatch).as(loss + " vector " + vectorApi).isLessThan(8 * 1024);
            }
        }
    }

    /** Bytes allocated by one batch of {@code loss} capped at {@code iterations} (runs may stop sooner). */
    private static long bytesFor(LockstepDescent engine, dev.gdsweep.loss.LaneLoss loss, long iterations,
            double[] rates, Schedule[] schedules, double[] starts) {
        StoppingRule rule = new StoppingRule(iterations, 0.0, 0, 0.0, 1e12);
        long before = allocatedBytes();
        RunResult[] results = engine.run(loss, rule, rates, schedules, starts);
        long after = allocatedBytes();
        assertThat(results).hasSize(rates.length);
        return after - before;
    }

    @Test
    void anAdamBatchAllocatesItsStateOnceNotPerIteration() {
        LockstepDescent engine = new LockstepDescent(2, 16); // fewer lanes than runs: refills
        OptimizerConfig adam = OptimizerConfig.defaults(Optimizer.ADAM);
        int runs = 40;
        double[] rates = new double[runs];
        Arrays.fill(rates, 1e-4);
        Schedule[] schedules = new Schedule[runs];
        Arrays.fill(schedules, Schedule.exponential(0.9999)); // a schedule asked every step, too
        double[] starts = new double[2 * runs];
        for (int r = 0; r < runs; r++) {
            starts[2 * r] = -1.2 + 0.01 * r;
            starts[2 * r + 1] = 1.0;
        }
        for (int i = 0; i < 6; i++) {
            bytesFor(engine, adam, 10_000, rates, schedules, starts); // the lane rule is made here, once
        }
        long shortBatch = bytesFor(engine, adam, 10, rates, schedules, starts);
        long longBatch = bytesFor(engine, adam, 50_000, rates, schedules, starts);
        // 8 bytes per lane-iteration would be 16 MB; allow a few KB of noise.
        assertThat(longBatch - shortBatch).isLessThan(8 * 1024);
    }
}
