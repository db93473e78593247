package dev.gdsweep.report;

import dev.gdsweep.store.ReportInfo;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a finished sweep tells the console: its summary, its best run, where the report is, what the
 * refinement of its learning-rate axis found ({@code refinement} null without {@code refine:}), the
 * reference optima of a convex model, one per loss setting (empty without), and the recommended learning
 * rate of each configuration.
 */
public record SweepReport(
        String path, long runs, int partitions, double seconds, List<SummaryRow> summary, Optional<BestRun> best,
        ReportInfo info, String htmlPage, RefinementReport refinement, List<SeaLevel> seaLevels,
        List<Recommendation> recommendations) {

    public SweepReport {
        summary = List.copyOf(summary);
        seaLevels = seaLevels == null ? List.of() : List.copyOf(seaLevels);
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
    }

    public SweepReport(String path, long runs, int partitions, double seconds, List<SummaryRow> summary,
            Optional<BestRun> best, ReportInfo info, String htmlPage, RefinementReport refinement) {
        this(path, runs, partitions, seconds, summary, best, info, htmlPage, refinement, List.of(), List.of());
    }

    /** The smallest learning rate at which at least one run diverged, over every configuration. */
    public OptionalDouble smallestDivergingRate() {
        return smallestDivergingRate(summary);
    }

    /** The smallest learning rate among {@code rows} at which at least one run diverged. */
    public static OptionalDouble smallestDivergingRate(List<SummaryRow> rows) {
        return rows.stream().filter(r -> r.diverged() > 0).mapToDouble(SummaryRow::learningRate).min();
    }

    /** ", batch 32", or nothing for the full batch. */
    public static String batchLabel(int batchSize) {
        return batchSize == 0 ? "" : ", batch " + batchSize;
    }

    /**
     * A configuration as the console names it: "gd, schedule constant", "adam(…), schedule constant, batch 32"
     * (the report's own spelling, without the word "schedule", is {@link SummaryRow#configuration}).
     */
    public static String consoleLabel(String optimizerConfig, String schedule, int batchSize) {
        return optimizerConfig + ", schedule " + schedule + batchLabel(batchSize);
    }

    /**
     * The summary rows by optimizer configuration, schedule and batch size, in grid order; by loss
     * setting first when there are several.
     */
    public java.util.Map<String, List<SummaryRow>> byConfiguration() {
        java.util.Map<String, List<SummaryRow>> out = new java.util.LinkedHashMap<>();
        boolean severalSettings = SummaryRow.severalLossSettings(summary);
        for (SummaryRow r : summary) {
            out.computeIfAbsent((severalSettings ? r.lossConfig() + ", " : "")
                    + consoleLabel(r.optimizerConfig(), r.schedule(), r.batchSize()),
                    k -> new java.util.ArrayList<>()).add(r);
        }
        return out;
    }
}
