package dev.gdsweep.compare;

import dev.gdsweep.console.SummaryPrinter;
import dev.gdsweep.report.SummaryRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** A gate that was crossed, with the worst row. */
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

    static String key(SummaryRow r, boolean withLoss) {
        return r.configuration(withLoss) + ", lr "
                + SummaryPrinter.number(r.learningRate());
    }

    /** The crossed gates (null limits are not checked), worst row first per gate. */
    public List<Breach> breaches(Double maxConvergedFractionDrop, Double maxBestLossIncrease) {
        List<Breach> out = new ArrayList<>();
        if (maxConvergedFractionDrop != null) {
            Row worst = null;
            for (Row r : rows) {
                if (worst == null || r.convergedFractionChange() < worst.convergedFractionChange()) {
                    worst = r;
                }
            }
            if (worst != null && -worst.convergedFractionChange() > maxConvergedFractionDrop) {
                out.add(new Breach("max_converged_fraction_drop", maxConvergedFractionDrop,
                        -worst.convergedFractionChange(), worst.key()));
            }
        }
        if (maxBestLossIncrease != null) {
            Row worst = null;
            for (Row r : rows) {
                Double inc = r.bestLossIncrease();
                if (inc != null && (worst == null || inc > worst.bestLossIncrease())) {
                    worst = r;
                }
            }
            if (worst != null && worst.bestLossIncrease() > maxBestLossIncrease) {
                out.add(new Breach("max_best_loss_increase", maxBestLossIncrease, worst.bestLossIncrease(),
                        worst.key()));
            }
        }
        return out;
    }
}
