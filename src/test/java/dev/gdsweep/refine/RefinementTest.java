package dev.gdsweep.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gdsweep.engine.StopReason;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.RefineSpec;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.RunComputer;
import dev.gdsweep.sweep.RunRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RefinementTest {

    /** GD on 1/2 (w1² + 25 w2²) converges for lr < 2/25 = 0.08 from every start but the minimum. */
    static final String QUADRATIC = """
            name: q
            loss: {function: quadratic, params: {diag: [1, 25]}}
            learning_rate: {log: {from: 1.0e-3, to: 1.0, count: 9}}
            initial_weights: {random: {count: 12, min: [-5, -5], max: [5, 5], seed: 3}}
            stopping: {max_iterations: 100000, gradient_tolerance: 1.0e-8}
            refine: {targets: [boundary, fastest], tolerance: 1.0e-3}
            """;

    static final String ROSENBROCK = """
            name: r
            loss: {function: rosenbrock}
            learning_rate: {log: {from: 1.0e-4, to: 1.0e-2, count: 5}}
            initial_weights: {random: {count: 8, min: [-2, -1], max: [2, 3], seed: 5}}
            stopping: {max_iterations: 100000, gradient_tolerance: 1.0e-4}
            refine: {targets: [boundary], tolerance: 1.0e-2}
            """;

    static SweepSpec spec(String yaml) {
        return SpecLoader.parse(yaml, "spec.yaml", "x", List.of(), DataResolver.NONE);
    }

    @Test
    void everyQuadraticBracketHoldsTwoOverLambdaMaxWithinTheTolerance() {
        LocalRefinement done = LocalRefinement.run(spec(QUADRATIC));
        List<StartResult> starts = done.refinement.startResults();

        assertThat(starts).hasSize(12);
        for (StartResult s : starts) {
            // With an iteration cap, convergence ends a little below 2/λ_max: near it the steep coordinate
            // contracts by |1 - 25 lr| ≈ 1 - ε a step and needs more steps than the cap (with 100,000 steps the
            // boundary is ~1.2e-4 relatively below 0.08). So the bracket holds 2/λ_max within the tolerance.
            assertThat(s.boundaryLo()).as("start %d", s.start()).isLessThan(0.08);
            assertThat(s.boundaryHi() * 1.001).as("start %d", s.start()).isGreaterThanOrEqualTo(0.08);
            assertThat(s.boundaryHi() / s.boundaryLo() - 1).isLessThanOrEqualTo(1e-3);
            assertThat(s.boundaryNote()).isNull();
            assertThat(s.boundaryHiStatus()).isIn("DIVERGED", "MAX_ITERATIONS");
        }
        ConfigurationResult all = done.refinement.configurationResults().get(0);
        assertThat(all.everyStartRate()).isLessThan(0.08).isGreaterThan(0.08 / 1.001);
        assertThat(all.rate90()).isGreaterThanOrEqualTo(all.everyStartRate());
        assertThat(all.rate50()).isGreaterThanOrEqualTo(all.rate90());
        assertThat(done.refinement.stoppedBy()).isNull();
        assertThat(done.refinement.stopReason()).isEqualTo(RefinementStop.TOLERANCE);
    }

    @Test
    void theFastestRateHasNoFasterNeighbourWithinTheTolerance() {
        SweepSpec spec = spec(QUADRATIC);
        LocalRefinement done = LocalRefinement.run(spec);
        for (StartResult s : done.refinement.startResults()) {
            double[] start = new double[2];
            spec.grid().initialWeights(s.gridRunId(), start);
            List<RunRecord> mine = done.records.stream()
                    .filter(r -> java.util.Arrays.equals(r.initialWeights(), start)).toList();
            RunRecord fastest = mine.stream().filter(r -> r.learningRate() == s.fastestRate()).findFirst().orElseThrow();
            assertThat(fastest.result().stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
            assertThat(fastest.result().iterations()).isEqualTo(s.fastestIterations());
            // The fewest iterations among every converged run of this start, and both neighbours tried are close.
            assertThat(mine.stream().filter(r -> r.result().stopReason() == StopReason.GRADIENT_TOLERANCE)
                    .mapToLong(r -> r.result().iterations()).min().orElseThrow()).isEqualTo(s.fastestIterations());
            double[] rates = mine.stream().mapToDouble(RunRecord::learningRate).sorted().toArray();
            int at = java.util.Arrays.binarySearch(rates, s.fastestRate());
            assertThat(rates[at + 1] / rates[at] - 1).isLessThanOrEqualTo(1e-3);
            assertThat(rates[at] / rates[at - 1] - 1).isLessThanOrEqualTo(1e-3);
        }
        // GD on a quadratic is fastest near 2/(λ_min + λ_max) = 2/26 for a typical start.
        double median = done.refinement.configurationResults().get(0).fastestMedianRate();
        assertThat(median).isCloseTo(2.0 / 26, within(0.08 * 0.05));
    }

    @Test
    void rosenbrockBracketEndsRunAloneConvergeBelowAndNotAbove() {
        SweepSpec spec = spec(ROSENBROCK);
        LocalRefinement done = LocalRefinement.run(spec);
        RunComputer alone = new RunComputer(spec);
        int bracketed = 0;
        for (StartResult s : done.refinement.startResults()) {
            if (s.boundaryLo() == null) {
                assertThat(s.boundaryNote()).isIn("converges at every rate tried", "converges at no rate tried");
                continue;
            }
            bracketed++;
            assertThat(s.boundaryHi() / s.boundaryLo() - 1).isLessThanOrEqualTo(1e-2);
            RunRecord lo = alone.computeRefined(new long[] {0}, new long[] {s.gridRunId()}, new double[] {s.boundaryLo()}, 1)[0];
            RunRecord hi = alone.computeRefined(new long[] {0}, new long[] {s.gridRunId()}, new double[] {s.boundaryHi()}, 1)[0];
            assertThat(lo.result().stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
            assertThat(hi.result().stopReason()).isNotEqualTo(StopReason.GRADIENT_TOLERANCE);
        }
        assertThat(bracketed).isGreaterThan(4);
    }

    @Test
    void theRoundsDependOnTheOutcomesNotOnTheOrderTheyArrive() {
        SweepSpec spec = spec(QUADRATIC);
        LocalRefinement reference = LocalRefinement.run(spec);
        Refinement shuffled = new Refinement(spec.grid(), spec.refine());
        List<RunRecord> grid = new ArrayList<>(reference.records.subList(0, (int) spec.grid().size()));
        Collections.shuffle(grid, new Random(1));
        grid.forEach(r -> shuffled.observe(r.runId(), LocalRefinement.outcome(r)));
        RunComputer computer = new RunComputer(spec);
        RoundPlan plan;
        int next = grid.size();
        while ((plan = shuffled.nextRound()) != null) {
            for (int i = 0; i < plan.runs(); i++) {
                RunRecord r = reference.records.get(next + i);
                assertThat(r.runId()).isEqualTo(plan.firstRunId() + i);
                assertThat(r.learningRate()).isEqualTo(plan.rates()[i]);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < plan.runs(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(plan.round()));
            for (int i : order) {
                shuffled.observe(plan, i, LocalRefinement.outcome(reference.records.get(next + i)));
            }
            next += plan.runs();
        }
        assertThat(next).isEqualTo(reference.records.size());
        assertThat(shuffled.startResults()).isEqualTo(reference.refinement.startResults());
        assertThat(computer).isNotNull();
    }

    @Test
    void costsFarFewerRunsThanAUniformLogGridOfTheSameResolution() {
        SweepSpec spec = spec(QUADRATIC);
        LocalRefinement done = LocalRefinement.run(spec);
        // A uniform log grid with neighbours 0.1% apart over the same range [1e-3, 1], from the same starts.
        long uniform = (long) Math.ceil(Math.log(1e3) / Math.log1p(1e-3)) * 12;
        assertThat(done.records).hasSize((int) done.refinement.runs());
        assertThat((double) uniform / done.refinement.runs()).isGreaterThan(20);
    }

    @Test
    void maxRunsStopsBeforeARoundNeverInsideIt() {
        SweepSpec spec = spec(QUADRATIC.replace("tolerance: 1.0e-3}", "tolerance: 1.0e-3, max_runs: 400}"));
        LocalRefinement done = LocalRefinement.run(spec);
        assertThat(done.refinement.runs()).isLessThanOrEqualTo(400).isEqualTo(done.records.size());
        assertThat(done.refinement.stoppedBy()).startsWith("max_runs (400) reached");
        assertThat(done.refinement.stopReason()).isEqualTo(RefinementStop.MAX_RUNS);
        assertThat(done.refinement.startResults()).allSatisfy(s -> {
            assertThat(s.boundaryLo()).isLessThan(0.08);
            assertThat(s.boundaryHi() * 1.001).isGreaterThanOrEqualTo(0.08);
        });
        assertThat(done.refinement.startResults()).anySatisfy(s -> assertThat(s.boundaryNote()).contains("max_runs"));
    }

    @Test
    void maxRoundsCapsTheRounds() {
        LocalRefinement done = LocalRefinement.run(spec(QUADRATIC.replace("tolerance: 1.0e-3}", "tolerance: 1.0e-3, max_rounds: 2}")));
        assertThat(done.refinement.rounds()).isEqualTo(2);
        assertThat(done.refinement.stoppedBy()).isEqualTo("max_rounds (2) reached");
        assertThat(done.refinement.stopReason()).isEqualTo(RefinementStop.MAX_ROUNDS);
    }

    @Test
    void startsThatConvergeNowhereOrEverywhereHaveNoBracket() {
        // At rates far below 2/λ_max and too few iterations, no start converges; far below with many, all do.
        LocalRefinement nowhere = LocalRefinement.run(spec(QUADRATIC.replace("max_iterations: 100000", "max_iterations: 3")));
        assertThat(nowhere.refinement.startResults()).allSatisfy(s -> {
            assertThat(s.boundaryLo()).isNull();
            assertThat(s.boundaryNote()).isEqualTo("converges at no rate tried");
            assertThat(s.fastestRate()).isNull();
        });
        assertThat(nowhere.refinement.configurationResults().get(0).everyStartRate()).isNull();
        LocalRefinement everywhere = LocalRefinement.run(spec(QUADRATIC.replace("from: 1.0e-3, to: 1.0", "from: 1.0e-2, to: 5.0e-2")));
        assertThat(everywhere.refinement.startResults()).allSatisfy(s -> {
            assertThat(s.boundaryLo()).isNull();
            assertThat(s.boundaryNote()).isEqualTo("converges at every rate tried");
        });
        assertThat(everywhere.refinement.configurationResults().get(0).everyStartRate()).isEqualTo(5.0e-2);
    }

    @Test
    void aGridThatLeavesNothingToNarrowStopsBeforeTheFirstRound() {
        // Every start converges at every rate, and only the boundary is searched: no bracket to narrow.
        LocalRefinement done = LocalRefinement.run(spec(QUADRATIC.replace("from: 1.0e-3, to: 1.0", "from: 1.0e-2, to: 5.0e-2")
                .replace("targets: [boundary, fastest]", "targets: [boundary]")));

        assertThat(done.refinement.rounds()).isZero();
        assertThat(done.refinement.stopReason()).isEqualTo(RefinementStop.NOTHING_TO_REFINE);
        assertThat(done.refinement.stoppedBy()).isNull();
    }

    @Test
    void theTimeBudgetStopsBeforeTheNextRoundAndIsNamed() {
        SweepSpec spec = spec(QUADRATIC);
        Refinement refinement = new Refinement(spec.grid(), spec.refine());
        for (RunRecord r : dev.gdsweep.sweep.LocalSweep.run(spec)) {
            refinement.observe(r.runId(), LocalRefinement.outcome(r));
        }
        assertThat(refinement.nextRound()).isNotNull();

        refinement.outOfTime();

        assertThat(refinement.nextRound()).isNull();
        assertThat(refinement.rounds()).isEqualTo(1);
        assertThat(refinement.stopReason()).isEqualTo(RefinementStop.MAX_SECONDS);
        assertThat(refinement.stoppedBy()).isEqualTo("the time budget (limits.max_seconds) ran out");
    }

    @Test
    void eachStopIsOneSentenceWithTheRoundsCountedInWords() {
        RefineSpec both = spec(QUADRATIC).refine();
        RefineSpec boundary = new RefineSpec(java.util.Set.of(RefineSpec.Target.BOUNDARY), 0.001, 40, 5000);
        java.util.function.DoubleFunction<String> number = Double::toString;

        assertThat(RefinementStop.TOLERANCE.sentence(1, boundary, number)).isEqualTo("Refinement stopped after 1 round: "
                + "the boundary is pinned to within the tolerance, a relative width (hi/lo - 1) of 0.001.");
        assertThat(RefinementStop.TOLERANCE.sentence(3, both, number)).startsWith("Refinement stopped after 3 rounds: "
                + "the boundary and the fastest rate are pinned to within the tolerance");
        assertThat(RefinementStop.NOTHING_TO_REFINE.sentence(0, boundary, number)).isEqualTo("Refinement ran no round "
                + "after the grid: nothing to refine, the grid's rates leave no answer wider than the tolerance, a "
                + "relative width (hi/lo - 1) of 0.001.");
        assertThat(RefinementStop.MAX_ROUNDS.sentence(40, boundary, number)).startsWith("Refinement stopped after 40 "
                + "rounds: max_rounds (40) was reached before every answer was pinned");
        assertThat(RefinementStop.MAX_RUNS.sentence(2, boundary, number)).startsWith("Refinement stopped after 2 rounds: "
                + "the next round would have taken the runs past max_runs (5000)");
        assertThat(RefinementStop.MAX_SECONDS.sentence(1, boundary, number)).startsWith("Refinement stopped after 1 "
                + "round: the time budget (limits.max_seconds) ran out");
        for (RefinementStop s : RefinementStop.values()) {
            assertThat(RefinementStop.of(s.key())).contains(s);
        }
        assertThat(RefinementStop.of("something newer")).isEmpty();
    }

    @Test
    void shareIsTheLargestRateUpToWhichThatShareOfStartsConverges() {
        double[] upTo = {0.1, 0.2, 0.3, 0.4, Double.NEGATIVE_INFINITY};
        assertThat(Refinement.share(upTo, 1.0)).isNull();
        assertThat(Refinement.share(upTo, 0.8)).isEqualTo(0.1);
        assertThat(Refinement.share(upTo, 0.5)).isEqualTo(0.2);
        assertThat(Refinement.share(upTo, 0.2)).isEqualTo(0.4);
        assertThat(Refinement.median(new double[] {3, 1, Double.POSITIVE_INFINITY})).isEqualTo(3);
        assertThat(Refinement.median(new double[] {3, 1, 5, 7})).isEqualTo(4);
    }
}
