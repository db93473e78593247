package dev.gdsweep.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.Status;
import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.grid.Grid;
import dev.gdsweep.grid.Lattice;
import dev.gdsweep.grid.LearningRates;
import dev.gdsweep.loss.Himmelblau;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Quadratic;
import dev.gdsweep.loss.Rosenbrock;
import dev.gdsweep.spec.RecordSpec;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAnalysisTest {

    @Test
    void sharpnessOfAQuadraticIsItsLargestCurvature() {
        Loss loss = new Quadratic(new double[] {1, 10});
        RunResult r = new GradientDescent(2).run(loss, 0.05, new double[] {1, -1},
                new StoppingRule(10_000, 1e-9, 0, 0, 1e12));
        RunAnalysis a = RunAnalysis.of(loss, r);

        assertThat(r.status()).isEqualTo(Status.CONVERGED);
        assertThat(a.sharpness()).isCloseTo(10.0, within(1e-6));
        assertThat(a.criticalLearningRate()).isCloseTo(0.2, within(1e-8));
        assertThat(a.minimum()).isZero();
        assertThat(a.distanceToMinimum()).isLessThan(1e-8);
    }

    @Test
    void sharpnessAtRosenbrocksMinimumIsTheHessiansLargestEigenvalue() {
        // H(1, 1) = [[802, -400], [-400, 200]]: λ_max = 501 + √(301² + 400²) = 1001.6006...
        double expected = 501 + Math.sqrt(301.0 * 301 + 400 * 400);
        double lambda = RunAnalysis.largestHessianEigenvalue(new Rosenbrock(2, 1, 100), new double[] {1, 1});
        assertThat(lambda).isCloseTo(expected, within(1e-4 * expected));
    }

    @Test
    void aRunIsLabelledWithTheMinimumItReached() {
        Loss loss = new Himmelblau();
        RunResult r = new GradientDescent(2).run(loss, 0.01, new double[] {-4, -4},
                new StoppingRule(10_000, 1e-8, 0, 0, 1e12));
        RunAnalysis a = RunAnalysis.of(loss, r);
        assertThat(a.minimum()).isEqualTo(2); // (-3.78, -3.28), the third listed
        assertThat(a.distanceToMinimum()).isLessThan(RunAnalysis.MINIMUM_TOLERANCE);

        RunResult stopped = new GradientDescent(2).run(loss, 0.01, new double[] {-4, -4},
                new StoppingRule(3, 1e-8, 0, 0, 1e12));
        RunAnalysis far = RunAnalysis.of(loss, stopped);
        assertThat(far.minimum()).isNull();
        assertThat(far.distanceToMinimum()).isGreaterThan(RunAnalysis.MINIMUM_TOLERANCE);
        assertThat(far.sharpness()).isNull(); // not converged
    }

    @Test
    void divergedRunsHaveNoAnalysis() {
        Loss loss = new Quadratic(new double[] {1});
        RunResult r = new GradientDescent(1).run(loss, 3, new double[] {1}, new StoppingRule(100, 0, 0, 0, 1e6));
        assertThat(r.status()).isEqualTo(Status.DIVERGED);
        assertThat(RunAnalysis.of(loss, r)).isEqualTo(new RunAnalysis(null, null, null, null));
    }

    @Test
    void aRunBouncingAroundAMinimumIsOscillatingAndADescentIsNot() {
        // Himmelblau at η ≈ 0.0158, just above the stability limit of the minimum at (-3.78, -3.28):
        // the iterate settles into a two-cycle around it and the loss goes up on every other step.
        Loss loss = new Himmelblau();
        StoppingRule rule = new StoppingRule(10_000, 1e-6, 0, 0, 1e12);
        RunResult bouncing = new GradientDescent(2).run(loss, 0.0158489, new double[] {-4, -4}, rule);
        RunResult descending = new GradientDescent(2).run(loss, 0.001, new double[] {-4, -4}, rule);

        assertThat(bouncing.status()).isEqualTo(Status.MAX_ITERATIONS);
        assertThat(bouncing.lossIncreases()).isBetween(4_900L, 5_100L);
        assertThat(bouncing.oscillating()).isTrue();
        assertThat(descending.status()).isEqualTo(Status.CONVERGED);
        assertThat(descending.oscillating()).isFalse();
    }

    @Test
    void theDefaultSelectionGivesEveryLearningRateTheSameStarts() {
        Grid grid = new Grid(LearningRates.log(1e-3, 1e-1, 4),
                new Lattice(new double[] {-1, -1}, new double[] {1, 1}, new int[] {5, 5}));
        List<Long> ids = Trajectories.select(grid, new RecordSpec(12, 1, List.of()));

        assertThat(ids).hasSize(12);
        for (int lr = 0; lr < 4; lr++) {
            int rate = lr;
            assertThat(ids.stream().filter(id -> grid.learningRateIndex(id) == rate)
                    .map(grid::initialPointIndex).toList()).containsExactly(0L, 12L, 24L);
        }
        assertThat(Trajectories.select(grid, new RecordSpec(2, 1, List.of()))).containsExactly(12L, 87L);
        assertThat(Trajectories.select(grid, new RecordSpec(0, 1, List.of()))).isEmpty();
        assertThat(Trajectories.select(grid, new RecordSpec(64, 1, List.of(5L, 3L, 5L)))).containsExactly(5L, 3L);
    }

    @Test
    void aRecordedPathEqualsWhatTheEngineComputes() {
        SweepSpec spec = SpecLoader.parse("""
                loss: {function: himmelblau}
                learning_rate: [0.005, 0.02]
                initial_weights: {points: [[1, 1], [-4, 4]]}
                stopping: {max_iterations: 500}
                """, "spec.yaml", "s", List.of(), DataResolver.NONE);
        RunComputer computer = new RunComputer(spec);
        for (long id = 0; id < 4; id++) {
            RunRecord plain = computer.compute(id);
            List<Trajectories.Step> every = Trajectories.record(computer, id, 1);
            List<Trajectories.Step> sparse = Trajectories.record(computer, id, 7);

            assertThat(every).hasSize((int) plain.result().iterations() + 1);
            Trajectories.Step last = every.get(every.size() - 1);
            assertThat(last.weights()).containsExactly(plain.result().finalWeights());
            assertThat(last.loss()).isEqualTo(plain.result().finalLoss());
            assertThat(every.get(0).weights()).containsExactly(plain.initialWeights());
            long end = plain.result().iterations();
            // Every 7th iteration plus the last one, with the same values as the full path.
            assertThat(sparse).allSatisfy(s -> assertThat(s.iteration() % 7 == 0 || s.iteration() == end).isTrue());
            for (Trajectories.Step s : sparse) {
                assertThat(s.weights()).containsExactly(every.get((int) s.iteration()).weights());
            }
            // Recording does not change the run.
            assertThat(computer.compute(id).sameOutcome(plain)).isTrue();
        }
    }

    @Test
    void recordedRowsAreCapped() {
        RecordSpec r = new RecordSpec(1000, 1, List.of());
        assertThat(r.effectiveEvery(1000, 10_000)).isEqualTo(6); // 1000 runs × 10001/6 ≤ 2,000,000 rows
        assertThat(r.effectiveEvery(10, 10_000)).isEqualTo(1);
        assertThat(1000 * (10_000 / r.effectiveEvery(1000, 10_000) + 2)).isLessThanOrEqualTo(RecordSpec.MAX_ROWS);
        // Each path: the default 10,000 iterations are all recorded; 50,000 every 5th; a million every 100th.
        assertThat(r.effectiveEvery(64, 10_000)).isEqualTo(1);
        assertThat(r.effectiveEvery(64, 50_000)).isEqualTo(5);
        assertThat(r.effectiveEvery(1, 1_000_000)).isEqualTo(100);
        assertThat(r.effectiveEvery(1, 1_000_001)).isEqualTo(101);
        assertThat(new RecordSpec(1, 7, List.of()).effectiveEvery(64, 50_000)).isEqualTo(7);
    }
}
