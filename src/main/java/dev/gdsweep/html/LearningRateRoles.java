package dev.gdsweep.html;

import dev.gdsweep.report.SummaryRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which learning rates the contour panels show: a "too small", a "good" and a "too large" one, and
 * which configuration they are taken from.
 */
public final class LearningRateRoles {

    private LearningRateRoles() {}

    /** The role of a learning rate in the contour panels. */
    public enum Role {
        TOO_SMALL("too small"),
        GOOD("good"),
        TOO_LARGE("too large");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A learning rate chosen for a role, with its summary row. */
    public record Pick(Role role, SummaryRow row) {
        public double learningRate() {
            return row.learningRate();
        }
    }

    /** Best first: higher converged fraction (NaN lowest), then fewer median iterations (none: most). */
    static final Comparator<SummaryRow> QUALITY = Comparator
            .comparingDouble((SummaryRow r) -> Double.isNaN(r.convergedFraction()) ? -1 : r.convergedFraction())
            .reversed()
            .thenComparingDouble(r -> r.medianIterations() == null || r.medianIterations().isNaN()
                    ? Double.POSITIVE_INFINITY : r.medianIterations());

    /** {@link #QUALITY}, then the smaller rate. */
    static final Comparator<SummaryRow> BETTER = QUALITY.thenComparingDouble(SummaryRow::learningRate);

    /**
     * Chooses the panels for the rows of one configuration, returned in increasing learning rate.
     *
     * <ul>
     *   <li>good: the rate with the highest converged fraction, then the lowest median iterations (then the
     *       smallest rate);
     *   <li>too small: the smallest rate, if it is not the good one;
     *   <li>too large: the smallest rate above the good one at which some run diverged, or, when none above
     *       it diverged, the largest rate, if it is not the good one.
     * </ul>
     *
     * A single rate gives one "good" panel; no rows give none.
     */
    public static List<Pick> choose(List<SummaryRow> rowsOfOneConfiguration) {
        List<SummaryRow> rows = new ArrayList<>(rowsOfOneConfiguration.stream()
                .filter(r -> Double.isFinite(r.learningRate()))
                .toList());
        if (rows.isEmpty()) {
            return List.of();
        }
        rows.sort(Comparator.comparingDouble(SummaryRow::learningRate));
        SummaryRow good = rows.stream().min(BETTER).orElseThrow();
        List<Pick> picks = new ArrayList<>();
        SummaryRow smallest = rows.get(0);
        if (smallest.learningRate() < good.learningRate()) {
            picks.add(new Pick(Role.TOO_SMALL, smallest));
        }
        picks.add(new Pick(Role.GOOD, good));
        Optional<SummaryRow> diverging = rows.stream()
                .filter(r -> r.learningRate() > good.learningRate() && r.diverged() > 0)
                .findFirst();
        SummaryRow largest = rows.get(rows.size() - 1);
        SummaryRow tooLarge = diverging.orElse(largest);
        if (tooLarge.learningRate() > good.learningRate()) {
            picks.add(new Pick(Role.TOO_LARGE, tooLarge));
        }
        return List.copyOf(picks);
    }

    /** The summary rows grouped by configuration, in order of first appearance. */
    static Map<String, List<SummaryRow>> byConfiguration(List<SummaryRow> summary) {
        Map<String, List<SummaryRow>> groups = new LinkedHashMap<>();
        for (SummaryRow r : summary) {
            groups.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /**
     * The configuration whose best rate is best: the highest converged fraction, then the fewest median
     * iterations; the first one on ties. Empty when
     * the summary is.
     */
    public static Optional<String> bestConfiguration(List<SummaryRow> summary) {
        String best = null;
        SummaryRow bestRow = null;
        for (Map.Entry<String, List<SummaryRow>> g : byConfiguration(summary).entrySet()) {
            SummaryRow top = g.getValue().stream().min(BETTER).orElseThrow();
            if (bestRow == null || QUALITY.compare(top, bestRow) < 0) {
                best = g.getKey();
                bestRow = top;
            }
        }
        return Optional.ofNullable(best);
    }
}
