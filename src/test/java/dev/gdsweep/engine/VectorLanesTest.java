package dev.gdsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.loss.Himmelblau;
import dev.gdsweep.loss.LaneLoss;
import dev.gdsweep.loss.Quadratic;
import dev.gdsweep.loss.Rosenbrock;
import dev.gdsweep.optim.Optimizer;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain GD on the 2-D built-ins through the Vector API lanes ({@link PlaneLanes}) gives, run for run,
 * the bits of the plain-Java lanes and of {@link GradientDescent} alone: runs that converge, diverge,
 * hit the cap or the clock, stop at different iterations (so lanes refill and park), under every kind of
 * stopping rule, schedules and patience; and a JVM without the module computes the same results.
 */
class VectorLanesTest {

    private static final StoppingRule USUAL = new StoppingRule(3_000, 1e-6, 0, 0.0, 1e12);
    private static final StoppingRule UNBOUNDED = new StoppingRule(3_000, 1e-6, 0, 0.0, Double.POSITIVE_INFINITY);
    private static final StoppingRule PATIENT = new StoppingRule(3_000, 1e-9, 7, 1e-7, 1e12);
    private static final StoppingRule SHORT = new StoppingRule(40, 0.0, 0, 0.0, 1e12);

    private static List<LaneLoss> losses() {
        return List.of(new Rosenbrock(2, 1, 100), new Rosenbrock(2, 0, 100), new Rosenbrock(2, -1.5, 3),
                new Himmelblau(), new Quadratic(new double[] {1, 1}), new Quadratic(new double[] {1, 10}),
                new Quadratic(new double[] {-1, 0.5}), new Quadratic(new double[] {0, 2}));
    }

    record Batch(double[] rates, Schedule[] schedules, double[] initial) {}

    /** Rates over several decades (runs that crawl to the cap, converge, oscillate and diverge), starts in [−scale, scale]². */
    private static Batch batch(int runs, double scale, double minRate, double maxRate, List<Schedule> kinds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] rates = new double[runs];
        Schedule[] schedules = new Schedule[runs];
        double[] initial = new double[2 * runs];
        for (int r = 0; r < runs; r++) {
            rates[r] = minRate * Math.pow(maxRate / minRate, random.nextDouble());
            schedules[r] = kinds.get(random.nextInt(kinds.size()));
            initial[2 * r] = scale * (2 * random.nextDouble() - 1);
            initial[2 * r + 1] = scale * (2 * random.nextDouble() - 1);
        }
        return new Batch(rates, schedules, initial);
    }

    private static RunResult[] alone(LaneLoss loss, StoppingRule stop, Batch batch) {
        GradientDescent engine = new GradientDescent(2);
        RunResult[] results = new RunResult[batch.rates().length];
        for (int r = 0; r < results.length; r++) {
            results[r] = engine.run(loss, OptimizerConfig.PLAIN.create(2), batch.schedules()[r], batch.rates()[r],
                    Arrays.copyOfRange(batch.initial(), 2 * r, 2 * r + 2), stop);
        }
        return results;
    }

    private static RunResult[] lanes(LaneLoss loss, StoppingRule stop, Batch batch, int lanes, boolean vectorApi) {
        LockstepDescent engine = new LockstepDescent(2, lanes, vectorApi);
        assertThat(engine.vectorLanes(loss)).isEqualTo(vectorApi);
        return engine.run(loss, stop, batch.rates(), batch.schedules(), batch.initial());
    }

    /** Vector lanes, plain-Java lanes and each run alone: the same results, bit for bit. */
    private static RunResult[] assertSame(LaneLoss loss, StoppingRule stop, Batch batch, int lanes, String label) {
        RunResult[] expected = alone(loss, stop, batch);
        RunResult[] plain = lanes(loss, stop, batch, lanes, false);
        RunResult[] vector = lanes(loss, stop, batch, lanes, true);
        for (int r = 0; r < expected.length; r++) {
            assertThat(plain[r]).as(label + " plain-Java lanes, run " + r).isEqualTo(expected[r]);
            assertThat(vector[r]).as(label + " vector lanes, run " + r).isEqualTo(expected[r]);
        }
        return vector;
    }

    @Test
    void thisBuildsJvmsRunTheVectorLanes() {
        // surefire's argLine carries the pom's spark.jvm.flags, which add the module; the CPU has AVX.
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(PlaneLanes.vectorApi()).isTrue();
        LockstepDescent engine = new LockstepDescent(2);
        for (LaneLoss loss : losses()) {
            assertThat(engine.vectorLanes(loss)).as(loss.getClass().getSimpleName()).isTrue();
        }
        // Not the other losses, nor more than two weights.
        assertThat(engine.vectorLanes(new dev.gdsweep.loss.Booth())).isFalse();
        assertThat(new LockstepDescent(3).vectorLanes(new Rosenbrock(3, 1, 100))).isFalse();
        assertThat(new LockstepDescent(3).vectorLanes(new Quadratic(new double[] {1, 2, 3}))).isFalse();
        assertThat(new LockstepDescent(2, 64, false).vectorLanes(new Himmelblau())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 24, 64})
    void everyRunIsTheRunAloneBitForBit(int lanes) {
        List<Schedule> constant = List.of(Schedule.CONSTANT);
        for (LaneLoss loss : losses()) {
            String name = loss.getClass().getSimpleName() + " " + Arrays.toString(loss.knownMinima().isEmpty()
                    ? new double[0] : loss.knownMinima().get(0).point());
            // 150 runs in fewer lanes: lanes refill as runs stop, then park one by one.
            Batch wide = batch(150, 2.5, 1e-5, 1.0, constant, 17);
            RunResult[] got = assertSame(loss, USUAL, wide, lanes, name);
            assertSame(loss, UNBOUNDED, wide, lanes, name + " unbounded");
            assertSame(loss, PATIENT, batch(90, 2, 1e-5, 0.05, constant, 5), lanes, name + " patience");
            assertSame(loss, SHORT, batch(lanes * 3 + 1, 3, 1e-4, 0.5, constant, 8), lanes, name + " cap 40");
            if (loss instanceof Quadratic q && q.curvature(1) == 10) {
                // The batch holds every ending and many different lengths.
                assertThat(Arrays.stream(got).map(RunResult::stopReason).distinct())
                        .contains(StopReason.GRADIENT_TOLERANCE, StopReason.DIVERGED, StopReason.MAX_ITERATIONS);
                assertThat(Arrays.stream(got).mapToLong(RunResult::iterations).distinct().count()).isGreaterThan(50);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 32})
    void schedulesOtherThanConstantMatch(int lanes) {
        List<Schedule> mixed = List.of(Schedule.CONSTANT, Schedule.INVERSE_SQRT, Schedule.exponential(0.999),
                Schedule.step(0.5, 100));
        Batch batch = batch(101, 2, 1e-5, 0.1, mixed, 3);
        assertSame(new Rosenbrock(2, 1, 100), USUAL, batch, lanes, "rosenbrock, mixed schedules");
        assertSame(new Himmelblau(), PATIENT, batch, lanes, "himmelblau, mixed schedules");
        assertSame(new Quadratic(new double[] {1, 10}), USUAL, batch, lanes, "quadratic, mixed schedules");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 64})
    void edgeCasesMatch(int lanes) {
        // Gradient exactly 0 at the start, squares that underflow or overflow, rates that overflow to
        // infinity and NaN, negative zeros, a zero iteration cap, a divergence bound below the losses.
        double[] starts = {0, 0, 1, 1, 1e-160, -1e-170, 1e-300, 0, 1e170, 1e160, -1e200, 3, 2, -2, 0.5, 1e-5, 1e20, 7,
                1.2e-160, 0, 1.31e-160, 0, 1.29e-160, 1e-170, 1.3e-160, 0, 1.29999e-160, 0, 1.2999999e-160, 0,
                1.29998e-160, 0, -0.0, -0.0, -0.0, 1, 3, 2, -2.805118086952745, 3.131312518250573};
        int runs = starts.length / 2;
        double[] rates = new double[runs];
        Schedule[] schedules = new Schedule[runs];
        for (int r = 0; r < runs; r++) {
            rates[r] = new double[] {1e-3, 0.5, 1.0, 1.9, 2.5, 1e10, 0.0}[r % 7];
            schedules[r] = Schedule.CONSTANT;
        }
        Batch batch = new Batch(rates, schedules, starts);
        for (StoppingRule stop : List.of(USUAL, UNBOUNDED, new StoppingRule(500, 0.0, 0, 0.0, Double.POSITIVE_INFINITY),
                new StoppingRule(0, 1e-6, 0, 0.0, 1e12), new StoppingRule(400, 0.0, 2, 0.0, Double.POSITIVE_INFINITY),
                new StoppingRule(400, 1e200, 0, 0.0, -5), new StoppingRule(400, 1.3e-160, 0, 0.0, 1e12))) {
            for (LaneLoss loss : losses()) {
                assertSame(loss, stop, batch, lanes, loss.getClass().getSimpleName() + " " + stop);
            }
        }
    }

    @Test
    void aTimeLimitStopsTheVectorLanesAtTheClockChecksToo() {
        StoppingRule stop = new StoppingRule(10_000_000, 0.0, 0, 0.0, 1e12, 1e-9);
        Batch batch = batch(40, 0.5, 1e-7, 1e-6, List.of(Schedule.CONSTANT), 9);
        Rosenbrock loss = new Rosenbrock(2, 1, 100);
        RunResult[] results = lanes(loss, stop, batch, 16, true);
        for (int r = 0; r < results.length; r++) {
            RunResult result = results[r];
            assertThat(result.stopReason()).isEqualTo(StopReason.MAX_TIME);
            assertThat(result.iterations() & 255).isEqualTo(255);
            Batch one = new Batch(new double[] {batch.rates()[r]}, new Schedule[] {Schedule.CONSTANT},
                    Arrays.copyOfRange(batch.initial(), 2 * r, 2 * r + 2));
            RunResult capped = alone(loss, new StoppingRule(result.iterations(), 0.0, 0, 0.0, 1e12), one)[0];
            assertThat(result.finalWeights()).isEqualTo(capped.finalWeights());
            assertThat(result.finalLoss()).isEqualTo(capped.finalLoss());
            assertThat(result.bestLoss()).isEqualTo(capped.bestLoss());
            assertThat(result.lossIncreases()).isEqualTo(capped.lossIncreases());
        }
    }

    @Test
    void lanesNotAMultipleOfTheVectorWidthAndOtherOptimizersTakeThePlainJavaLanes() {
        Batch batch = batch(30, 2, 1e-5, 0.05, List.of(Schedule.CONSTANT), 12);
        Rosenbrock loss = new Rosenbrock(2, 1, 100);
        for (int lanes : new int[] {1, 3, 13}) {
            assertSame(loss, USUAL, batch, lanes, "lanes " + lanes);
        }
        // A batch of 5 runs in 64 lanes steps 5 lanes.
        Batch few = batch(5, 2, 1e-4, 0.01, List.of(Schedule.CONSTANT), 13);
        assertSame(loss, USUAL, few, 64, "5 runs");
        RunResult[] momentum = new LockstepDescent(2, 16, true).run(loss, OptimizerConfig.defaults(Optimizer.MOMENTUM),
                USUAL, batch.rates(), batch.schedules(), batch.initial(), () -> { });
        RunResult[] plainMomentum = new LockstepDescent(2, 16, false).run(loss,
                OptimizerConfig.defaults(Optimizer.MOMENTUM), USUAL, batch.rates(), batch.schedules(), batch.initial(),
                () -> { });
        assertThat(momentum).containsExactly(plainMomentum);
    }

    @Test
    void theSameBitsOnceTheJitHasCompiledTheVectorLanes() {
        // The tests above run mostly interpreted or in C1, where the Vector API computes lane by lane in
        // Java; these long batches run long enough for C2 to compile the vector loops to SIMD instructions.
        StoppingRule stop = new StoppingRule(30_000, 1e-6, 0, 0.0, 1e12);
        for (LaneLoss loss : List.of(new Rosenbrock(2, 1, 100), new Himmelblau(), new Quadratic(new double[] {1, 3}))) {
            Batch batch = batch(400, 2, 1e-5, 0.1, List.of(Schedule.CONSTANT), 21);
            assertSame(loss, stop, batch, 64, loss.getClass().getSimpleName() + " compiled");
        }
    }

    @Test
    void aJvmWithoutTheVectorModuleTakesThePlainJavaLanesWithTheSameResults() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                FallbackProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("plain " + FallbackProbe.results()); // here, the vector lanes
    }

    /** Run in a JVM without --add-modules: prints which lanes ran and the results of a few batches. */
    static final class FallbackProbe {

        public static void main(String[] args) {
            System.out.println((PlaneLanes.vectorApi() ? "vector " : "plain ") + results());
        }

        static String results() {
            StringBuilder out = new StringBuilder();
            for (LaneLoss loss : List.of(new Rosenbrock(2, 1, 100), new Himmelblau(), new Quadratic(new double[] {1, 10}))) {
                Batch batch = batch(100, 2.5, 1e-5, 0.5, List.of(Schedule.CONSTANT), 31);
                LockstepDescent engine = new LockstepDescent(2, 16);
                for (RunResult r : engine.run(loss, USUAL, batch.rates(), batch.schedules(), batch.initial())) {
                    out.append(r.iterations()).append(' ').append(r.stopReason()).append(' ')
                            .append(Long.toHexString(Double.doubleToRawLongBits(r.finalWeights()[0]))).append(' ')
                            .append(Long.toHexString(Double.doubleToRawLongBits(r.finalWeights()[1]))).append(' ')
                            .append(Long.toHexString(Double.doubleToRawLongBits(r.finalLoss()))).append(' ')
                            .append(Long.toHexString(Double.doubleToRawLongBits(r.bestLoss()))).append(' ')
                            .append(r.lossIncreases()).append(';');
                }
            }
            return out.toString();
        }
    }
}
