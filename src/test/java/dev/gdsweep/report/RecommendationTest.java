package dev.gdsweep.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gdsweep.console.SummaryPrinter;
import dev.gdsweep.data.LocalDataResolver;
import dev.gdsweep.engine.Status;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.LocalSweep;
import dev.gdsweep.sweep.RunRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationTest {

    private static final double TOLERANCE = 1e-8;
    private static final long MAX_ITERATIONS = 5000;

    /** The rates of a sweep aggregated as the report does (every start runs every grid rate). */
    static List<Recommendation.Rate> rates(List<RunRecord> runs) {
        Map<List<Object>, List<RunRecord>> byRate = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            byRate.computeIfAbsent(List.of(r.lossConfig(), r.optimizer().label(), r.schedule().label(), r.batchSize(),
                    r.learningRate()), k -> new ArrayList<>()).add(r);
        }
        List<Recommendation.Rate> out = new ArrayList<>();
        for (List<RunRecord> at : byRate.values()) {
            RunRecord first = at.get(0);
            List<RunRecord> converged = at.stream().filter(r -> r.result().status() == Status.CONVERGED).toList();
            List<RunRecord> stopped = at.stream()
                    .filter(r -> r.result().status() == Status.CONVERGED || r.result().status() == Status.PLATEAU).toList();
            double[] validation = stopped.stream().filter(r -> r.analysis().validationLoss() != null)
                    .mapToDouble(r -> r.analysis().validationLoss()).toArray();
            out.add(new Recommendation.Rate(first.lossConfig(), first.optimizer().label(), first.schedule().label(),
                    first.batchSize(), first.learningRate(), at.size(), converged.size(),
                    stopped.size() - converged.size(), at.stream().filter(r -> r.result().status() == Status.DIVERGED).count(),
                    median(converged.stream().mapToDouble(r -> r.result().iterations()).toArray()),
                    median(stopped.stream().mapToDouble(r -> r.result().iterations()).toArray()), median(validation)));
        }
        return out;
    }

    static Double median(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * Gradient descent on f = ½(w₁² + 10 w₂²) from w⁰: g_k = (λᵢ (1 − η λᵢ)^k w⁰ᵢ), and the run converges at
     * the first k with ‖g_k‖₂ ≤ tolerance (StopCheck's rule 2); -1 if no k up to the cap does.
     */
    static long closedFormIterations(double lr, double[] w0) {
        double[] lambda = {1, 10};
        for (long k = 0; k <= MAX_ITERATIONS; k++) {
            double squared = 0;
            for (int i = 0; i < 2; i++) {
                double g = lambda[i] * Math.pow(1 - lr * lambda[i], k) * w0[i];
                squared += g * g;
            }
            if (Math.sqrt(squared) <= TOLERANCE) {
                return k;
            }
        }
        return -1;
    }

    @Test
    void onTheQuadraticThePickIsTheFastestRateFromWhichEveryStartConverges() {
        SweepSpec spec = SpecLoader.parse("""
                name: q
                loss: {function: quadratic, params: {diag: [1, 10]}}
                learning_rate: {linear: {from: 0.02, to: 0.3, count: 15}}
                initial_weights: {grid: {min: [-1, -1], max: [1, 1], count: [5, 5]}}
                stopping: {max_iterations: 5000, gradient_tolerance: 1.0e-8}
                """, "spec.yaml", "q", List.of(), DataResolver.NONE);
        List<RunRecord> runs = LocalSweep.run(spec);

        // The expected pick from the closed form alone: the rates where all 25 starts converge, the fewest
        // median iterations, the smaller rate on ties.
        Double expectedRate = null;
        double expectedMedian = Double.POSITIVE_INFINITY;
        int everyStart = 0;
        for (int i = 0; i < 15; i++) {
            double lr = spec.grid().learningRates().get(i);
            double[] counts = new double[25];
            boolean all = true;
            for (int s = 0; s < 25; s++) {
                long k = closedFormIterations(lr, new double[] {-1 + 0.5 * (s / 5), -1 + 0.5 * (s % 5)});
                all &= k >= 0;
                counts[s] = k;
            }
            if (all) {
                everyStart++;
                if (median(counts) < expectedMedian) {
                    expectedMedian = median(counts);
                    expectedRate = lr;
                }
            }
        }
        // lr < 2/10 converges from every start; the rates 0.02 … 0.18 do, 0.2 and above do not.
        assertThat(everyStart).isEqualTo(9);

        List<Recommendation> picks = Recommendation.of(rates(runs), Recommendation.DEFAULT_SHARE);

        assertThat(picks).hasSize(1);
        Recommendation pick = picks.get(0);
        assertThat(pick.found()).isTrue();
        assertThat(pick.rule()).isEqualTo(Recommendation.FEWEST_ITERATIONS);
        assertThat(pick.learningRate()).isEqualTo(expectedRate);
        assertThat(pick.chosen().medianIterations()).isEqualTo(expectedMedian);
        assertThat(pick.chosen().convergedShare()).isEqualTo(1.0);
        // max(|1 − η|, |1 − 10η|) is smallest at η = 2/11: the grid rate beside it.
        assertThat(pick.learningRate()).isCloseTo(0.18, within(1e-12));
        assertThat(pick.smallestDivergingRate()).isGreaterThan(0.2);
        assertThat(pick.sentence("gd, schedule constant", SummaryPrinter::number))
                .startsWith("lr 0.18 (gd, schedule constant): 100% of starts converge, median "
                        + (long) expectedMedian + " iterations; some runs diverge from lr ");
    }

    private static Recommendation.Rate rate(double lr, long converged, long diverged, Double iterations) {
        return new Recommendation.Rate("", "gd", "constant", 0, lr, 20, converged, 0, diverged, iterations, null, null);
    }

    private static Recommendation.Rate model(double lr, long converged, long plateaued, Double iterations,
            Double validation) {
        return new Recommendation.Rate("", "gd", "constant", 0, lr, 20, converged, plateaued, 0, null, iterations,
                validation);
    }

    @Test
    void aPlateauIsNotConvergenceAndTiesGoToTheSmallerRate() {
        List<Recommendation.Rate> rates = List.of(
                rate(0.1, 20, 0, 300.0),
                rate(0.2, 19, 0, 120.0),   // 95% exactly: qualifies
                rate(0.3, 20, 0, 120.0),   // as fast: the smaller rate wins
                new Recommendation.Rate("", "gd", "constant", 0, 1.0, 20, 0, 20, 0, null, 5.0, null), // all plateau
                rate(3.0, 2, 18, 4.0));
        Recommendation r = Recommendation.of(rates, 0.95).get(0);

        assertThat(r.found()).isTrue();
        assertThat(r.learningRate()).isEqualTo(0.2);
        assertThat(r.smallestDivergingRate()).isEqualTo(3.0);
        assertThat(r.sentence("gd", Double::toString)).isEqualTo(
                "lr 0.2 (gd): 95% of starts converge, median 120.0 iterations; some runs diverge from lr 3.0 on");
        assertThat(Recommendation.of(rates, 1.0).get(0).learningRate()).isEqualTo(0.3);
    }

    @Test
    void withoutAQualifyingRateItSaysSoAndNamesTheBestShare() {
        List<Recommendation.Rate> rates = List.of(rate(0.1, 11, 0, 300.0), rate(0.2, 18, 0, 120.0),
                rate(0.4, 18, 2, 60.0));
        Recommendation r = Recommendation.of(rates, 0.95).get(0);

        assertThat(r.found()).isFalse();
        assertThat(r.learningRate()).isEqualTo(0.2);
        assertThat(r.sentence("gd", Double::toString)).isEqualTo("none for gd: no rate converges from 95% of the "
                + "starts; the best share is 90% at lr 0.2; some runs diverge from lr 0.4 on");
        assertThat(r.toYaml()).containsEntry("learning_rate", null).containsEntry("best_share_learning_rate", 0.2)
                .containsEntry("converged_share", 0.9);
        assertThat(Recommendation.overall(List.of(r))).isEmpty();
        assertThat(Recommendation.yaml(List.of(r))).containsEntry("learning_rate", null);
    }

    @Test
    void withAValidationSetTheLowestValidationLossWinsOverSpeed() {
        List<Recommendation.Rate> rates = List.of(
                model(1, 0, 0, null, null),        // every run capped: it stopped by no rule
                model(3, 20, 0, 900.0, 0.08),
                model(10, 4, 16, 300.0, 0.06),     // mostly plateaus, at the lowest validation loss
                model(30, 0, 20, 100.0, 0.12),     // plateaus at a poor loss: faster, but worse
                model(100, 3, 0, 50.0, 0.01));     // too few stopped
        Recommendation r = Recommendation.of(rates, 0.95).get(0);

        assertThat(r.rule()).isEqualTo(Recommendation.LOWEST_VALIDATION_LOSS);
        assertThat(r.learningRate()).isEqualTo(10.0);
        assertThat(r.sentence("softmax", Double::toString)).isEqualTo("lr 10.0 (softmax): 100% of starts stop by a "
                + "rule (20% converge, 80% plateau), median validation loss 0.06, median 300.0 iterations; "
                + "no run diverged");
        assertThat(r.toYaml()).containsEntry("median_validation_loss", 0.06).containsEntry("rule",
                Recommendation.LOWEST_VALIDATION_LOSS);
    }

    @Test
    void aModelIsJudgedByValidationLossInEveryConfigurationEvenOneWhereNoRunStopped() {
        List<Recommendation.Rate> rates = List.of(
                new Recommendation.Rate("", "gd", "constant", 0, 0.1, 4, 0, 0, 0, null, null, null),   // all capped
                new Recommendation.Rate("", "adam", "constant", 0, 0.1, 4, 0, 4, 0, null, 900.0, 0.02));
        List<Recommendation> all = Recommendation.of(rates, 0.95);

        assertThat(all).extracting(Recommendation::rule).containsOnly(Recommendation.LOWEST_VALIDATION_LOSS);
        assertThat(all.get(0).found()).isFalse();
        assertThat(all.get(0).sentence("gd", Double::toString)).startsWith(
                "none for gd: no rate stops by a rule (converges or plateaus) from 95% of the starts; the best share is 0%");
        assertThat(all.get(1).found()).isTrue();
    }

    @Test
    void theOverallPickIsTheFastestOfTheConfigurationsPicks() {
        List<Recommendation.Rate> rates = List.of(
                new Recommendation.Rate("", "gd", "constant", 0, 0.1, 10, 10, 0, 0, 200.0, 200.0, null),
                new Recommendation.Rate("", "adam", "constant", 0, 0.01, 10, 10, 0, 0, 150.0, 150.0, null),
                new Recommendation.Rate("", "adam", "constant", 0, 0.1, 10, 4, 0, 6, 20.0, 20.0, null),
                new Recommendation.Rate("", "momentum", "constant", 0, 0.1, 10, 1, 9, 0, 5.0, 5.0, null));
        List<Recommendation> all = Recommendation.of(rates, 0.95);

        assertThat(all).extracting(r -> r.chosen().optimizerConfig()).containsExactly("gd", "adam", "momentum");
        assertThat(all).extracting(Recommendation::found).containsExactly(true, true, false);
        Recommendation best = Recommendation.overall(all).orElseThrow();
        assertThat(best.chosen().optimizerConfig()).isEqualTo("adam");
        assertThat(best.learningRate()).isEqualTo(0.01);
        Map<String, Object> yaml = Recommendation.yaml(all);
        assertThat(yaml).containsEntry("learning_rate", 0.01).containsEntry("optimizer_config", "adam")
                .containsEntry("converged_share", 1.0).containsEntry("median_iterations", 150.0)
                .containsEntry("rule", Recommendation.FEWEST_ITERATIONS);
        assertThat((List<?>) yaml.get("configurations")).hasSize(3);
    }

    @Test
    void theSpecsMinShareChangesThePickAndIsStatedAndStored() {
        // 0.05 is fastest but converges from 85% of the starts; 0.02 from all of them.
        List<Recommendation.Rate> rates = List.of(rate(0.01, 20, 0, 400.0), rate(0.02, 20, 0, 200.0),
                rate(0.05, 17, 3, 80.0), rate(0.1, 6, 14, 40.0));
        SweepSpec spec = SpecLoader.parse("""
                loss: {function: himmelblau}
                learning_rate: {values: [0.01, 0.02, 0.05, 0.1]}
                initial_weights: {grid: {min: [-5, -5], max: [5, 5], count: [2, 2]}}
                recommend: {min_share: 0.8}
                """, "spec.yaml", "x", List.of(), DataResolver.NONE);

        Recommendation byDefault = Recommendation.of(rates, Recommendation.DEFAULT_SHARE).get(0);
        Recommendation bySpec = Recommendation.of(rates, spec.recommend().minShare()).get(0);

        assertThat(byDefault.learningRate()).isEqualTo(0.02);
        assertThat(bySpec.learningRate()).isEqualTo(0.05);
        assertThat(bySpec.ruleText()).startsWith("among the rates where at least 80% of the starts converge");
        assertThat(Recommendation.yaml(List.of(bySpec))).containsEntry("min_share", 0.8).containsEntry("learning_rate", 0.05);
        assertThat(Recommendation.yaml(List.of(byDefault))).containsEntry("min_share", 0.95);
    }

    @Test
    void sharesAreRoundedDownAndTheShareIsChecked() {
        assertThat(Recommendation.percent(0.9499)).isEqualTo("94.9%");
        assertThat(Recommendation.percent(19 / 20.0)).isEqualTo("95%");
        assertThat(Recommendation.percent(1)).isEqualTo("100%");
        assertThatThrownBy(() -> Recommendation.of(List.of(), 0)).hasMessage("The share of starts must be in (0, 1]: 0.0");
    }

    @Test
    void theSoftmaxExampleRecommendsTheRateWithTheLowestValidationLossNotAPlateau() {
        SweepSpec spec = SpecLoader.load(Path.of("conf/examples/softmax-iris.yaml"), List.of(), new LocalDataResolver());
        List<RunRecord> runs = LocalSweep.run(spec);
        List<Recommendation.Rate> rates = rates(runs);

        Recommendation r = Recommendation.of(rates, Recommendation.DEFAULT_SHARE).get(0);

        assertThat(r.found()).as(rates.toString()).isTrue();
        assertThat(r.sentence("gd", SummaryPrinter::number)).startsWith("lr 10 (gd): 100% of starts stop by a rule");
        assertThat(r.rule()).isEqualTo(Recommendation.LOWEST_VALIDATION_LOSS);
        // lr 10 trains to the optimum (loss 0.06443, as at 3.16) and stops there on a plateau, its gradient
        // 1.3e-6 just above the tolerance; lr 31.6 and 100 stop on a plateau bouncing well above it. The pick
        // is the rate whose stopped runs reach the lowest validation loss: 10, not the poorer plateaus.
        assertThat(r.learningRate()).isCloseTo(10, within(1e-9));
        List<RunRecord> at = runs.stream().filter(x -> x.learningRate() == r.learningRate()).toList();
        assertThat(at).allMatch(x -> x.result().finalLoss() == x.result().bestLoss());
        double chosen = r.chosen().medianValidationLoss();
        assertThat(rates.stream().filter(x -> x.stoppedShare() == 1).mapToDouble(x -> x.medianValidationLoss()).min()
                .orElseThrow()).isEqualTo(chosen);
        assertThat(runs.stream().filter(x -> x.learningRate() > 11)).isNotEmpty()
                .allMatch(x -> x.result().status() == Status.PLATEAU)
                .allMatch(x -> x.result().finalLoss() > 0.1);
    }
}
