package dev.gdsweep.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** What a finished sweep tells the console: its summary, its best run, where the report is. */
public record SweepReport(
        String path, long runs, int partitions, double seconds, List<SummaryRow> summary, Optional<BestRun> best) {

    public SweepReport {
        summary = List.copyOf(summary);
    }

    /** The smallest learning rate at which at least one run diverged. */
    public OptionalDouble smallestDivergingRate() {
        return summary.stream().filter(r -> r.diverged() > 0).mapToDouble(SummaryRow::learningRate).min();
    }
}
