package dev.gdsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * The learning rate to use for one loss setting and optimizer configuration, with its evidence. Over the
 * rates every start ran (the grid's, and those a refinement ran from every start), one of two rules:
 * <ul>
 *   <li>{@link #FEWEST_ITERATIONS}: a rate qualifies when at least {@code share} of its starts converged
 *       (status {@code CONVERGED}, the gradient criterion; a {@code PLATEAU} is not convergence); among
 *       those, the fewest median iterations of the converged runs; ties go to the smaller rate, further
 *       from divergence;</li>
 *   <li>{@link #LOWEST_VALIDATION_LOSS}, for a model with a validation set: the validation loss judges where
 *       a run stopped, so a rate qualifies when at least {@code share} of its starts stopped by a rule,
 *       converged or on a plateau (not cut by the iteration or time cap, not diverged); among those, the
 *       lowest median validation loss of those runs; ties by fewer median iterations, then the smaller rate.
 *       A plateau at a poor loss loses on validation loss; counting plateaus is what lets a model whose
 *       gradient never quite reaches the tolerance (softmax on nearly separable classes) get a pick.</li>
 * </ul>
 * When no rate qualifies, {@link #found()} is false and {@link #chosen()} is the rate with the best share
 * (the smaller on ties), so that the report can say how far off it is.
 *
 * @param chosen the recommended rate, or the one with the best share when none qualifies
 * @param found whether {@code chosen} qualifies
 * @param rule {@link #FEWEST_ITERATIONS} or {@link #LOWEST_VALIDATION_LOSS}
 * @param share the share of starts a rate needs, in (0, 1]: the spec's {@code recommend.min_share}
 * @param smallestDivergingRate the smallest of the rates at which some run diverged; null if none did
 * @param evidence every rate of the configuration, ascending
 */
public record Recommendation(Rate chosen, boolean found, String rule, double share, Double smallestDivergingRate,
        List<Rate> evidence) {

    /** The share of starts a rate needs unless told otherwise. */
    public static final double DEFAULT_SHARE = 0.95;
    public static final String FEWEST_ITERATIONS = "fewest_median_iterations";
    public static final String LOWEST_VALIDATION_LOSS = "lowest_median_validation_loss";

    public Recommendation {
        evidence = List.copyOf(evidence);
    }

    /**
     * What the runs at one rate of one configuration did, counted over every start.
     *
     * @param runs runs at this rate (one per start)
     * @param converged of those, with status CONVERGED
     * @param plateaued of those, with status PLATEAU
     * @param medianIterations median iterations of the converged runs; null if none converged
     * @param medianStoppedIterations median iterations of the converged and plateaued runs; null if none
     * @param medianValidationLoss median validation loss of the converged and plateaued runs; null without a
     *     validation set or such a run
     */
    public record Rate(String lossConfig, String optimizerConfig, String schedule, int batchSize, double learningRate,
            long runs, long converged, long plateaued, long diverged, Double medianIterations,
            Double medianStoppedIterations, Double medianValidationLoss) {

        public Rate {
            lossConfig = lossConfig == null ? "" : lossConfig;
        }

        public double convergedShare() {
            return runs == 0 ? 0 : converged / (double) runs;
        }

        /** The share of starts that stopped by a rule: converged or on a plateau. */
        public double stoppedShare() {
            return runs == 0 ? 0 : (converged + plateaued) / (double) runs;
        }

        List<Object> key() {
            return List.of(lossConfig, optimizerConfig, schedule, batchSize);
        }
    }

    /** One recommendation per configuration, in the order the configurations first appear in {@code rates}. */
    public static List<Recommendation> of(List<Rate> rates, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("The share of starts must be in (0, 1]: " + share);
        }
        Map<List<Object>, List<Rate>> byConfiguration = new LinkedHashMap<>();
        for (Rate r : rates) {
            byConfiguration.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        }
        // One rule for the whole sweep: a model with a validation set is judged by it in every configuration,
        // also one whose runs never stopped by a rule (so none has a validation loss to rank by).
        boolean byValidation = rates.stream().anyMatch(r -> r.medianValidationLoss() != null);
        List<Recommendation> out = new ArrayList<>();
        for (List<Rate> group : byConfiguration.values()) {
            out.add(pick(group, share, byValidation));
        }
        return out;
    }

    private static Recommendation pick(List<Rate> group, double share, boolean byValidation) {
        List<Rate> ascending = group.stream().sorted(Comparator.comparingDouble(Rate::learningRate)).toList();
        String rule = byValidation ? LOWEST_VALIDATION_LOSS : FEWEST_ITERATIONS;
        Comparator<Rate> order = byValidation
                ? Comparator.comparingDouble(Rate::medianValidationLoss).thenComparingDouble(Rate::medianStoppedIterations)
                : Comparator.comparingDouble(Rate::medianIterations);
        // min() keeps the first of equals: with the rates ascending, ties go to the smaller rate.
        Optional<Rate> best = ascending.stream().filter(r -> qualifies(r, rule, share)).min(order);
        Rate chosen = best.orElseGet(() -> ascending.stream()
                .min(Comparator.comparingDouble((Rate r) -> -share(r, rule))).orElseThrow());
        Double diverging = ascending.stream().filter(r -> r.diverged() > 0).map(Rate::learningRate).findFirst()
                .orElse(null);
        return new Recommendation(chosen, best.isPresent(), rule, share, diverging, ascending);
    }

    /** The share of starts that counts under {@code rule}. */
    private static double share(Rate r, String rule) {
        return LOWEST_VALIDATION_LOSS.equals(rule) ? r.stoppedShare() : r.convergedShare();
    }

    private static boolean qualifies(Rate r, String rule, double share) {
        boolean byValidation = LOWEST_VALIDATION_LOSS.equals(rule);
        long counted = byValidation ? r.converged() + r.plateaued() : r.converged();
        // A share within rounding of the threshold counts: 19 of 20 is 95%.
        return r.runs() > 0 && counted >= share * r.runs() - 1e-9
                && (byValidation ? r.medianValidationLoss() != null && r.medianStoppedIterations() != null
                        : r.medianIterations() != null);
    }

    /** The median iterations the rule ranks by: of the converged runs, or of those stopped by a rule. */
    public Double medianIterations() {
        return LOWEST_VALIDATION_LOSS.equals(rule) ? chosen.medianStoppedIterations() : chosen.medianIterations();
    }

    /** The share of starts the rule counts: converged, or stopped by a rule. */
    public double countedShare() {
        return share(chosen, rule);
    }

    /**
     * The pick over configurations: among those with a recommendation, the lowest median validation loss when
     * every one is ranked by it, else the fewest median iterations; ties to the first in grid order.
     */
    public static Optional<Recommendation> overall(List<Recommendation> recommendations) {
        List<Recommendation> found = recommendations.stream().filter(Recommendation::found).toList();
        Comparator<Recommendation> fastest = Comparator.comparingDouble(Recommendation::medianIterations);
        boolean byValidation = !found.isEmpty() && found.stream().allMatch(r -> LOWEST_VALIDATION_LOSS.equals(r.rule()));
        return found.stream().min(byValidation
                ? Comparator.comparingDouble((Recommendation r) -> r.chosen().medianValidationLoss()).thenComparing(fastest)
                : fastest);
    }

    public double learningRate() {
        return chosen.learningRate();
    }

    /** The rule in words, for the console, the page and report.yaml. */
    public String ruleText() {
        return LOWEST_VALIDATION_LOSS.equals(rule)
                ? "among the rates where at least " + percent(share) + " of the starts stop by a rule (converge, or "
                        + "plateau: the validation loss judges where they stopped), the lowest median validation loss "
                        + "of those runs (ties: fewer median iterations, then the smaller rate)"
                : "among the rates where at least " + percent(share) + " of the starts converge (the gradient "
                        + "criterion; a plateau does not count), the fewest median iterations of the converged runs "
                        + "(ties: the smaller rate)";
    }

    /**
     * The sentence after "Recommended: ", for the configuration named {@code label}, numbers written by
     * {@code number} and learning rates by {@code rate}: "lr 0.0158 (adam, schedule constant): 100% of starts converge, median 212 iterations;
     * some runs diverge from lr 0.0251 on", or "none for gd, schedule constant: no rate converges from 95% of
     * the starts; the best share is 58% at lr 0.00316; ...".
     */
    public String sentence(String label, DoubleFunction<String> number) {
        return sentence(label, number, number);
    }

    /** As {@link #sentence(String, DoubleFunction)}, with learning rates written by {@code rate}. */
    public String sentence(String label, DoubleFunction<String> rate, DoubleFunction<String> number) {
        String divergence = smallestDivergingRate == null ? "no run diverged"
                : "some runs diverge from lr " + rate.apply(smallestDivergingRate) + " on";
        boolean byValidation = LOWEST_VALIDATION_LOSS.equals(rule);
        if (!found) {
            return "none for " + label + ": no rate " + (byValidation ? "stops by a rule (converges or plateaus)"
                    : "converges") + " from " + percent(share) + " of the starts; the best share is "
                    + percent(countedShare()) + " at lr " + rate.apply(chosen.learningRate()) + "; " + divergence;
        }
        return "lr " + rate.apply(chosen.learningRate()) + " (" + label + "): " + (byValidation
                ? percent(chosen.stoppedShare()) + " of starts stop by a rule (" + percent(chosen.convergedShare())
                        + " converge, " + percent(chosen.plateaued() / (double) chosen.runs()) + " plateau), median "
                        + "validation loss " + number.apply(chosen.medianValidationLoss()) + ", "
                : percent(chosen.convergedShare()) + " of starts converge, ")
                + "median " + number.apply(medianIterations()) + " iterations; " + divergence;
    }

    /** This configuration's entry in report.yaml. */
    public Map<String, Object> toYaml() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("learning_rate", found ? chosen.learningRate() : null);
        if (!chosen.lossConfig().isEmpty()) {
            m.put("loss_config", chosen.lossConfig());
        }
        m.put("optimizer_config", chosen.optimizerConfig());
        m.put("schedule", chosen.schedule());
        m.put("batch_size", chosen.batchSize());
        m.put("rule", rule);
        m.put("min_share", share);
        m.put("converged_share", chosen.convergedShare());
        if (LOWEST_VALIDATION_LOSS.equals(rule)) {
            m.put("plateau_share", chosen.plateaued() / (double) chosen.runs());
        }
        m.put("median_iterations", found ? medianIterations() : null);
        if (LOWEST_VALIDATION_LOSS.equals(rule)) {
            m.put("median_validation_loss", found ? chosen.medianValidationLoss() : null);
        }
        if (!found) {
            m.put("best_share_learning_rate", chosen.learningRate());
        }
        m.put("smallest_diverging_learning_rate", smallestDivergingRate);
        return m;
    }

    /**
     * The {@code recommendation} entry of report.yaml: the overall pick's fields (none when no configuration
     * has one), the rule in words, and one entry per configuration.
     */
    public static Map<String, Object> yaml(List<Recommendation> recommendations) {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<Recommendation> best = overall(recommendations);
        if (best.isPresent()) {
            m.putAll(best.get().toYaml());
            m.put("rule_text", best.get().ruleText());
        } else {
            m.put("learning_rate", null);
        }
        m.put("configurations", recommendations.stream().map(Recommendation::toYaml).toList());
        return m;
    }

    /** "100%", "94.7%": rounded down to a tenth. */
    public static String percent(double fraction) {
        // Rounded down, so that a share just under the threshold never reads as the threshold.
        double p = Math.floor(1000 * fraction + 1e-9) / 10;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }
}
