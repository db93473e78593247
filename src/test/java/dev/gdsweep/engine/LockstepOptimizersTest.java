package dev.gdsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.loss.Himmelblau;
import dev.gdsweep.loss.LaneLoss;
import dev.gdsweep.loss.Rosenbrock;
import dev.gdsweep.optim.Optimizer;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import dev.gdsweep.optim.UpdateRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer with every schedule, stepped in lockstep lanes, ends each run bit for bit where
 * {@link GradientDescent#run} ends it alone: iterations, stop reason, losses, end point, gradient norm.
 * The batches mix learning rates over ten decades, so lanes stop at different iterations, some
 * converge, some run out of iterations and some diverge, and fewer lanes than runs make lanes refill.
 */
class LockstepOptimizersTest {

    private static final StoppingRule USUAL = new StoppingRule(1_500, 1e-6, 0, 0.0, 1e12);
    private static final StoppingRule PATIENT = new StoppingRule(1_500, 1e-9, 5, 1e-9, 1e12);

    private static final List<Schedule> SCHEDULES = List.of(Schedule.CONSTANT, Schedule.INVERSE_SQRT,
            Schedule.exponential(0.999), Schedule.step(0.5, 100));

    static Stream<Arguments> optimizersAndSchedules() {
        List<Arguments> cases = new ArrayList<>();
        for (Optimizer optimizer : Optimizer.values()) {
            for (Schedule schedule : SCHEDULES) {
                cases.add(Arguments.of(OptimizerConfig.defaults(optimizer), schedule));
            }
        }
        // Settings away from the defaults: a slow second moment (a long bias-correction table), no momentum.
        cases.add(Arguments.of(new OptimizerConfig(Optimizer.ADAM, new double[] {0.5, 0.99999, 1e-3}),
                Schedule.CONSTANT));
        cases.add(Arguments.of(new OptimizerConfig(Optimizer.NADAM, new double[] {0.0, 0.0, 1e-8}),
                Schedule.CONSTANT));
        cases.add(Arguments.of(new OptimizerConfig(Optimizer.MOMENTUM, new double[] {0.0}), Schedule.INVERSE_SQRT));
        return cases.stream();
    }

    /** Run-major starts in [-2, 2]², rates log-uniform in [1e-5, 1e5], a far start, a start on the minimum, a huge rate. */
    private static double[][] batch(int runs, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] rates = new double[runs];
        double[] starts = new double[runs * d];
        for (int r = 0; r < runs; r++) {
            rates[r] = 1e-5 * Math.pow(1e10, random.nextDouble());
        }
        for (int i = 0; i < starts.length; i++) {
            starts[i] = 2 * (2 * random.nextDouble() - 1);
        }
        rates[3] = 1e8; // overshoots on its first step whatever the optimizer
        starts[0] = 1e100; // diverges at once
        starts[d] = 1; // starts on the minimum of rosenbrock
        Arrays.fill(starts, 2 * d, 3 * d, 1);
        return new double[][] {rates, starts};
    }

    private static RunResult[] alone(LaneLoss loss, OptimizerConfig optimizer, Schedule schedule, StoppingRule stop,
            double[] rates, double[] starts) {
        int d = loss.dimension();
        GradientDescent engine = new GradientDescent(d);
        UpdateRule rule = optimizer.create(d);
        RunResult[] results = new RunResult[rates.length];
        for (int r = 0; r < rates.length; r++) {
            results[r] = engine.run(loss, rule, schedule, rates[r], Arrays.copyOfRange(starts, r * d, r * d + d), stop);
        }
        return results;
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("optimizersAndSchedules")
    void lanesMatchRunsAlone(OptimizerConfig optimizer, Schedule schedule) {
        List<LaneLoss> losses = List.of(new Rosenbrock(2, 1, 100), new Rosenbrock(3, 1, 10), new Himmelblau());
        LockstepDescent[] engines = {new LockstepDescent(2, 8), new LockstepDescent(3, 8)};
        List<RunResult> all = new ArrayList<>();
        for (LaneLoss loss : losses) {
            int d = loss.dimension();
            double[][] batch = batch(40, d, 7 + d);
            double[] rates = batch[0];
            Schedule[] schedules = new Schedule[rates.length];
            Arrays.fill(schedules, schedule);
            for (StoppingRule stop : List.of(USUAL, PATIENT)) {
                RunResult[] expected = alone(loss, optimizer, schedule, stop, rates, batch[1]);
                RunResult[] actual = engines[d - 2].run(loss, optimizer, stop, rates, schedules, batch[1], () -> { });
                for (int r = 0; r < expected.length; r++) {
                    assertThat(actual[r]).as("%s, %s, %s, %s, run %d", optimizer, schedule, loss.getClass().getSimpleName(),
                            stop, r).isEqualTo(expected[r]);
                }
                all.addAll(List.of(actual));
            }
        }
        // The batches did what they are for: runs stopped at many iterations, for different reasons.
        assertThat(all.stream().map(RunResult::stopReason).distinct()).contains(StopReason.DIVERGED,
                StopReason.MAX_ITERATIONS);
        assertThat(all.stream().filter(r -> r.stopReason() == StopReason.DIVERGED && r.iterations() > 0))
                .as("a lane that diverges after some steps").isNotEmpty();
        assertThat(all.stream().mapToLong(RunResult::iterations).distinct().count()).isGreaterThan(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizersAndSchedules")
    void oneLaneAndManyLanesAgree(OptimizerConfig optimizer, Schedule schedule) {
        Rosenbrock loss = new Rosenbrock(2, 1, 100);
        double[][] batch = batch(13, 2, 3);
        Schedule[] schedules = new Schedule[13];
        Arrays.fill(schedules, schedule);
        RunResult[] one = new LockstepDescent(2, 1).run(loss, optimizer, USUAL, batch[0], schedules, batch[1], () -> { });
        RunResult[] many = new LockstepDescent(2, 64).run(loss, optimizer, USUAL, batch[0], schedules, batch[1],
                () -> { });
        assertThat(many).containsExactly(one);
    }
}
