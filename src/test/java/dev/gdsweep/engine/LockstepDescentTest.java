package dev.gdsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.loss.BuiltinLosses;
import dev.gdsweep.loss.Himmelblau;
import dev.gdsweep.loss.LaneLoss;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.LossDefinition;
import dev.gdsweep.loss.LossParams;
import dev.gdsweep.loss.Quadratic;
import dev.gdsweep.loss.Rosenbrock;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import dev.gdsweep.optim.UpdateRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lockstep runs end exactly where GradientDescent.run ends each run alone. */
class LockstepDescentTest {

    private static final StoppingRule USUAL = new StoppingRule(3_000, 1e-6, 0, 0.0, 1e12);
    private static final StoppingRule UNBOUNDED = new StoppingRule(3_000, 1e-6, 0, 0.0, Double.POSITIVE_INFINITY);
    private static final StoppingRule PATIENT = new StoppingRule(3_000, 1e-9, 7, 1e-7, 1e12);
    private static final StoppingRule PATIENT_NO_DELTA = new StoppingRule(3_000, 0.0, 3, 0.0, 1e12);

    /** A batch: per-run rates, schedules and run-major initial weights. */
    record Batch(double[] rates, Schedule[] schedules, double[] initial) {}

    private static Batch randomBatch(int runs, int d, double scale, double minRate, double maxRate,
            List<Schedule> schedules, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] rates = new double[runs];
        Schedule[] perRun = new Schedule[runs];
        double[] initial = new double[runs * d];
        for (int r = 0; r < runs; r++) {
            rates[r] = minRate * Math.pow(maxRate / minRate, random.nextDouble());
            perRun[r] = schedules.get(random.nextInt(schedules.size()));
        }
        for (int i = 0; i < initial.length; i++) {
            initial[i] = scale * (2 * random.nextDouble() - 1);
        }
        return new Batch(rates, perRun, initial);
    }

    /** Each run alone through GradientDescent, as the reference. */
    static RunResult[] scalar(Loss loss, StoppingRule stop, Batch batch) {
        int d = loss.dimension();
        GradientDescent engine = new GradientDescent(d);
        UpdateRule plain = OptimizerConfig.PLAIN.create(d);
        RunResult[] results = new RunResult[batch.rates().length];
        for (int r = 0; r < results.length; r++) {
            double[] start = Arrays.copyOfRange(batch.initial(), r * d, r * d + d);
            results[r] = engine.run(loss, plain, batch.schedules()[r], batch.rates()[r], start, stop);
        }
        return results;
    }

    private static RunResult[] lockstep(LaneLoss loss, StoppingRule stop, Batch batch, int lanes) {
        return new LockstepDescent(loss.dimension(), lanes).run(loss, stop, batch.rates(), batch.schedules(),
                batch.initial());
    }

    /** Counts scalar evaluations, which the lockstep loop must not need (it would hide a fallback). */
    private static final class ScalarCounting implements LaneLoss {
        private final LaneLoss inner;
        int scalarCalls;

        ScalarCounting(LaneLoss inner) {
            this.inner = inner;
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public double value(double[] w) {
            return inner.value(w);
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            scalarCalls++;
            return inner.valueAndGradient(w, gradient);
        }

        @Override
        public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
            inner.valuesAndGradients(lanes, w, gradient, values);
        }
    }

    private static void assertSame(LaneLoss loss, StoppingRule stop, Batch batch, int lanes, String label) {
        RunResult[] expected = scalar(loss, stop, batch);
        ScalarCounting counting = new ScalarCounting(loss);
        RunResult[] actual = lockstep(counting, stop, batch, lanes);
        assertThat(counting.scalarCalls).as(label + ": scalar evaluations").isZero();
        assertThat(actual).hasSize(expected.length);
        for (int r = 0; r < expected.length; r++) {
            assertThat(actual[r]).as(label + " lanes " + lanes + " run " + r).isEqualTo(expected[r]);
            assertThat(actual[r].oscillating()).isEqualTo(expected[r].oscillating());
        }
    }

    private static List<Schedule> constant() {
        return List.of(Schedule.CONSTANT);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 32, LockstepDescent.DEFAULT_LANES})
    void everyBuiltinMatchesTheScalarLoop(int lanes) {
        for (LossDefinition definition : BuiltinLosses.all()) {
            int[] dimensions = definition.fixedDimension() > 0 ? new int[] {definition.fixedDimension()}
                    : new int[] {2, 3};
            for (int d : dimensions) {
                LaneLoss loss = (LaneLoss) definition.create(d, LossParams.none());
                double scale = definition.usualDomain()[1];
                Batch batch = randomBatch(97, d, scale, 1e-6, 1.0, constant(), 11 + d);
                assertSame(loss, USUAL, batch, lanes, definition.name() + "-" + d);
                assertSame(loss, UNBOUNDED, batch, lanes, definition.name() + "-" + d + " unbounded");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 32, LockstepDescent.DEFAULT_LANES})
    void patienceMatches(int lanes) {
        for (LaneLoss loss : List.of(new Rosenbrock(2, 1, 100), new Himmelblau(), new Rosenbrock(3, 1, 10))) {
            Batch batch = randomBatch(130, loss.dimension(), 2, 1e-5, 0.05, constant(), 5);
            assertSame(loss, PATIENT, batch, lanes, "patience " + loss.getClass().getSimpleName());
            assertSame(loss, PATIENT_NO_DELTA, batch, lanes, "patience, no delta " + loss.getClass().getSimpleName());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 32, LockstepDescent.DEFAULT_LANES})
    void schedulesOtherThanConstantMatch(int lanes) {
        List<Schedule> mixed = List.of(Schedule.CONSTANT, Schedule.INVERSE_SQRT, Schedule.exponential(0.999),
                Schedule.step(0.5, 100));
        Batch batch = randomBatch(101, 2, 2, 1e-5, 0.1, mixed, 3);
        assertSame(new Rosenbrock(2, 1, 100), USUAL, batch, lanes, "rosenbrock, mixed schedules");
        assertSame(new Himmelblau(), PATIENT, batch, lanes, "himmelblau, mixed schedules");
        Batch onlyDecay = randomBatch(70, 2, 2, 1e-5, 0.1, List.of(Schedule.exponential(0.99)), 4);
        assertSame(new Rosenbrock(2, 1, 100), USUAL, onlyDecay, lanes, "rosenbrock, exponential");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 32, LockstepDescent.DEFAULT_LANES})
    void edgeCasesMatch(int lanes) {
        // Gradient exactly 0 at the start, tiny gradients whose squares underflow, huge ones whose
        // squares overflow, rates that overflow to infinity and NaN, a zero iteration cap.
        double[] starts = {0, 0, 1, 1, 1e-160, -1e-170, 1e-300, 0, 1e170, 1e160, -1e200, 3, 2, -2, 0.5, 1e-5, 1e20, 7,
                1.2e-160, 0, 1.31e-160, 0, 1.29e-160, 1e-170, 1.3e-160, 0, 1.29999e-160, 0, 1.2999999e-160, 0, 1.29998e-160, 0};
        int runs = starts.length / 2;
        double[] rates = new double[runs];
        Schedule[] schedules = new Schedule[runs];
        for (int r = 0; r < runs; r++) {
            rates[r] = new double[] {1e-3, 0.5, 1.0, 1.9, 2.5, 1e10}[r % 6];
            schedules[r] = Schedule.CONSTANT;
        }
        Batch batch = new Batch(rates, schedules, starts);
        for (StoppingRule stop : List.of(USUAL, UNBOUNDED, new StoppingRule(500, 0.0, 0, 0.0, Double.POSITIVE_INFINITY),
                new StoppingRule(0, 1e-6, 0, 0.0, 1e12), new StoppingRule(400, 0.0, 2, 0.0, Double.POSITIVE_INFINITY),
                new StoppingRule(400, 1e200, 0, 0.0, -5), new StoppingRule(400, 1.3e-160, 0, 0.0, 1e12))) {
            assertSame(new Quadratic(new double[] {1, 1}), stop, batch, lanes, "quadratic " + stop);
            assertSame(new Quadratic(new double[] {-1, 0}), stop, batch, lanes, "negative quadratic " + stop);
            assertSame(new Rosenbrock(2, 1, 100), stop, batch, lanes, "rosenbrock " + stop);
            assertSame(new Rosenbrock(2, 0, 100), stop, batch, lanes, "rosenbrock a=0 " + stop);
        }
    }

    @Test
    void aTimeLimitStopsRunsAtAClockCheck() {
        StoppingRule stop = new StoppingRule(10_000_000, 0.0, 0, 0.0, 1e12, 1e-9);
        Batch batch = randomBatch(40, 2, 0.5, 1e-7, 1e-6, constant(), 9);
        Rosenbrock loss = new Rosenbrock(2, 1, 100);
        RunResult[] results = lockstep(loss, stop, batch, 16);
        for (int r = 0; r < results.length; r++) {
            RunResult result = results[r];
            assertThat(result.stopReason()).isEqualTo(StopReason.MAX_TIME);
            assertThat(result.iterations() & 255).isEqualTo(255);
            // Where it stopped is where the scalar loop is after as many iterations.
            Batch one = new Batch(new double[] {batch.rates()[r]}, new Schedule[] {Schedule.CONSTANT},
                    Arrays.copyOfRange(batch.initial(), 2 * r, 2 * r + 2));
            RunResult capped = scalar(loss, new StoppingRule(result.iterations(), 0.0, 0, 0.0, 1e12), one)[0];
            assertThat(capped.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
            assertThat(result.finalWeights()).isEqualTo(capped.finalWeights());
            assertThat(result.finalLoss()).isEqualTo(capped.finalLoss());
            assertThat(result.bestLoss()).isEqualTo(capped.bestLoss());
            assertThat(result.gradientNorm()).isEqualTo(capped.gradientNorm());
            assertThat(result.lossIncreases()).isEqualTo(capped.lossIncreases());
        }
    }

    @Test
    void anEmptyBatchHasNoResults() {
        assertThat(new LockstepDescent(2).run(new Himmelblau(), USUAL, new double[0], new Schedule[0], new double[0]))
                .isEmpty();
    }

    /** Scalar evaluation throws right of x = 3; the lane kernel throws after a few calls. */
    private static final class BuggyKernel implements LaneLoss {
        private final Himmelblau inner = new Himmelblau();
        private int calls;

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double value(double[] w) {
            return inner.value(w);
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            if (w[0] > 3.5) {
                throw new IllegalStateException("too far right");
            }
            return inner.valueAndGradient(w, gradient);
        }

        @Override
        public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
            if (++calls > 40) {
                throw new ArithmeticException("kernel bug");
            }
            inner.valuesAndGradients(lanes, w, gradient, values);
        }
    }

    @Test
    void aThrowingKernelFallsBackToTheScalarLoop() {
        Batch batch = randomBatch(50, 2, 5, 1e-4, 0.02, constant(), 1);
        RunResult[] expected = scalar(new BuggyKernel(), USUAL, batch);
        RunResult[] actual = lockstep(new BuggyKernel(), USUAL, batch, 8);
        assertThat(actual).containsExactly(expected);
        assertThat(Arrays.stream(actual).filter(r -> r.stopReason() == StopReason.FAILED))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.error()).isEqualTo("java.lang.IllegalStateException: too far right"));
    }

    @Test
    void oneInstanceServesManyBatches() {
        LockstepDescent engine = new LockstepDescent(2, 8);
        Rosenbrock loss = new Rosenbrock(2, 1, 100);
        List<RunResult> all = new ArrayList<>();
        for (int seed = 0; seed < 4; seed++) {
            Batch batch = randomBatch(5 + 7 * seed, 2, 2, 1e-5, 0.01, constant(), seed);
            ScalarCounting counting = new ScalarCounting(loss);
            RunResult[] got = engine.run(counting, USUAL, batch.rates(), batch.schedules(), batch.initial());
            assertThat(counting.scalarCalls).isZero();
            assertThat(got).containsExactly(scalar(loss, USUAL, batch));
            all.addAll(List.of(got));
        }
        assertThat(all).hasSize(5 + 12 + 19 + 26);
    }

    /** Counts lane evaluations, to tell when a run was reported finished. */
    private static final class LaneCounting implements LaneLoss {
        private final LaneLoss inner;
        long laneCalls;

        LaneCounting(LaneLoss inner) {
            this.inner = inner;
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public double value(double[] w) {
            return inner.value(w);
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            return inner.valueAndGradient(w, gradient);
        }

        @Override
        public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
            laneCalls++;
            inner.valuesAndGradients(lanes, w, gradient, values);
        }
    }

    @Test
    void eachRunIsReportedFinishedOnceAsSoonAsItStopsNotWhenTheBatchEnds() {
        // Rates over three decades: short and long runs, so lanes stop far apart.
        Batch batch = randomBatch(40, 2, 2, 1e-5, 0.01, constant(), 5);
        LaneCounting loss = new LaneCounting(new Rosenbrock(2, 1, 100));
        List<Long> reportedAt = new ArrayList<>();
        RunResult[] got = new LockstepDescent(2, 8).run(loss, USUAL, batch.rates(), batch.schedules(), batch.initial(),
                () -> reportedAt.add(loss.laneCalls));
        assertThat(got).containsExactly(scalar(new Rosenbrock(2, 1, 100), USUAL, batch));
        assertThat(reportedAt).hasSize(40).isSorted();
        // The first run is reported long before the batch's last iteration.
        assertThat(reportedAt.get(0)).isLessThan(loss.laneCalls / 4);
        assertThat(reportedAt.get(39)).isEqualTo(loss.laneCalls);
    }

    @Test
    void aThrowingKernelsRunsAreEachReportedOnceToo() {
        Batch batch = randomBatch(50, 2, 5, 1e-4, 0.02, constant(), 1);
        long[] finished = {0};
        RunResult[] got = new LockstepDescent(2, 8).run(new BuggyKernel(), USUAL, batch.rates(), batch.schedules(),
                batch.initial(), () -> finished[0]++);
        assertThat(got).doesNotContainNull();
        assertThat(finished[0]).isEqualTo(50);
    }
}
