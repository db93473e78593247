package dev.gdsweep.compare;

import dev.gdsweep.console.SummaryPrinter;
import dev.gdsweep.report.SummaryRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Two runs of a job side by side, per (loss setting,) optimizer configuration, schedule and learning rate: the change
 * in converged fraction, median iterations and best (smallest) final loss; and whether a gate was
 * crossed.
 */
public record Comparison(List<Row> rows, List<String> onlyInBaseline, List<String> onlyInCandidate) {

    /** One configuration and learning rate in both runs. */
    public record Row(String key, SummaryRow baseline, SummaryRow candidate) {

        public double convergedFractionChange() {
            return candidate.convergedFraction() - baseline.convergedFraction();
        }

        /** Increase of the best final loss; null when either run has none (every run diverged). */
        public Double bestLossIncrease() {
            if (baseline.minFinalLoss() == null || candidate.minFinalLoss() == null) {
                return candidate.minFinalLoss() == null && baseline.minFinalLoss() != null
                        ? Double.POSITIVE_INFINITY : null;
            }
            return candidate.minFinalLoss() - baseline.minFinalLoss();
        }
    }

    /** A gate that one row crossed: the gate, its limit, and how far the row moved. */
    public record Breach(String gate, double limit, double value, String key) {}

    public static Comparison of(List<SummaryRow> baseline, List<SummaryRow> candidate) {
        // Keyed by loss setting too when either has several (a report without a loss axis is keyed as before).
        boolean withLoss = SummaryRow.severalLossSettings(baseline) || SummaryRow.severalLossSettings(candidate);
        Map<String, SummaryRow> base = new LinkedHashMap<>();
        baseline.forEach(r -> base.put(key(r, withLoss), r));
        List<Row> rows = new ArrayList<>();
        List<String> onlyInCandidate = new ArrayList<>();
        for (SummaryRow c : candidate) {
            SummaryRow b = base.remove(key(c, withLoss));
            if (b == null) {
                onlyInCandidate.add(key(c, withLoss));
            } else {
                rows.add(new Row(key(c, withLoss), b, c));
            }
        }
        return new Comparison(rows, new ArrayList<>(base.keySet()), onlyInCandidate);
    }

    /**
     * The rate to six significant digits: a report written before ranges held short decimals (lr
     * 0.015848931924611134) still matches a newer one (0.0158489).
     */
    static String key(SummaryRow r, boolean withLoss) {
        return r.configuration(withLoss) + ", lr " + SummaryPrinter.number(r.learningRate());
    }

    /**
     * Every row that crossed a gate (null limits are not checked): the converged-fraction gate's rows first,
     * then the best-loss gate's, each gate's worst row first (rows in report order when equally bad).
     */
    public List<Breach> breaches(Double maxConvergedFractionDrop, Double maxBestLossIncrease) {
        List<Breach> out = new ArrayList<>();
        if (maxConvergedFractionDrop != null) {
            out.addAll(crossed("max_converged_fraction_drop", maxConvergedFractionDrop,
                    r -> -r.convergedFractionChange()));
        }
        if (maxBestLossIncrease != null) {
            out.addAll(crossed("max_best_loss_increase", maxBestLossIncrease, Row::bestLossIncrease));
        }
        return out;
    }

    /** The rows whose {@code change} (null: not measurable) exceeds {@code limit}, largest change first. */
    private List<Breach> crossed(String gate, double limit, Function<Row, Double> change) {
        List<Breach> out = new ArrayList<>();
        for (Row r : rows) {
            Double v = change.apply(r);
            if (v != null && v > limit) {
                out.add(new Breach(gate, limit, v, r.key()));
            }
        }
        out.sort(Comparator.comparingDouble(Breach::value).reversed());
        return out;
    }
}
