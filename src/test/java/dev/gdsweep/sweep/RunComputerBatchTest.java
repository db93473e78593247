package dev.gdsweep.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.data.LocalDataResolver;
import dev.gdsweep.engine.Status;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** computeAll gives, run by run, the records compute gives (timing aside), whichever path each run takes. */
class RunComputerBatchTest {

    private static void assertSameAsOneByOne(SweepSpec spec, long[] ids) {
        long[] finished = {0};
        RunRecord[] batch = new RunComputer(spec, () -> finished[0]++).computeAll(ids);
        RunComputer single = new RunComputer(spec);
        assertThat(batch).hasSize(ids.length);
        // Lockstep or one by one, each run counts once as it finishes.
        assertThat(finished[0]).isEqualTo(ids.length);
        for (int i = 0; i < ids.length; i++) {
            RunRecord expected = single.compute(ids[i]);
            assertThat(batch[i].sameOutcome(expected)).as("run " + ids[i] + ": " + batch[i].result() + " vs "
                    + expected.result()).isTrue();
            assertThat(batch[i].elapsedMs()).isNotNegative();
        }
    }

    @Test
    void mixedOptimizersAndSchedulesMatchRunByRun() {
        SweepSpec spec = SpecLoader.parse("""
                name: mixed
                loss: {function: rosenbrock}
                optimizer: [gd, {name: momentum, momentum: 0.9}, adam]
                schedule: [constant, {name: step, gamma: 0.5, step_size: 100}, inverse_sqrt]
                learning_rate: {log: {from: 1.0e-4, to: 0.5, count: 5}}
                initial_weights: {random: {count: 7, min: [-2, -2], max: [2, 2], seed: 3}}
                stopping: {max_iterations: 2000, patience: 20, min_delta: 1.0e-9}
                """, "spec.yaml", "m", List.of(), new LocalDataResolver());
        long[] ids = LongStream.range(0, spec.grid().size()).toArray();
        assertSameAsOneByOne(spec, ids);
        // Out of order and repeated ids, as a task's spread positions give them.
        long[] shuffled = LongStream.range(0, ids.length).map(i -> (i * 37 + 5) % ids.length).toArray();
        assertSameAsOneByOne(spec, shuffled);
        assertSameAsOneByOne(spec, new long[] {3, 3, 0});
        assertSameAsOneByOne(spec, new long[0]);
    }

    @Test
    void aLockstepSweepDivergesConvergesAndRunsOutLikeTheScalarOne() {
        SweepSpec spec = SpecLoader.parse("""
                name: b1-like
                loss: {function: himmelblau}
                learning_rate: {log: {from: 1.0e-5, to: 0.1, count: 9}}
                initial_weights: {random: {count: 30, min: [-5, -5], max: [5, 5], seed: 42}}
                stopping: {max_iterations: 3000, gradient_tolerance: 1.0e-6, divergence_loss: 1.0e12}
                """, "spec.yaml", "h", List.of(), new LocalDataResolver());
        long[] ids = LongStream.range(0, spec.grid().size()).toArray();
        assertSameAsOneByOne(spec, ids);
        RunRecord[] records = new RunComputer(spec).computeAll(ids);
        assertThat(Arrays.stream(records).map(r -> r.result().status()).distinct())
                .contains(Status.CONVERGED, Status.DIVERGED, Status.MAX_ITERATIONS);
    }

    @Test
    void aModelLossGoesRunByRun() {
        SweepSpec spec = SpecLoader.parse("""
                name: model
                loss:
                  model: softmax_regression
                  data: {path: conf/data/iris.csv, label: species, standardize: true}
                batch_size: [full, 16]
                learning_rate: [0.1, 1.0]
                initial_weights: {random: {count: 2, distribution: normal, scale: 0.1, seed: 2}}
                stopping: {max_iterations: 100}
                """, "spec.yaml", "l", List.of(), new LocalDataResolver());
        assertSameAsOneByOne(spec, LongStream.range(0, spec.grid().size()).toArray());
    }
}
