package dev.gdsweep.report;

import dev.gdsweep.sweep.Trajectories;
import java.util.List;

/**
 * What a sweep has already computed when it renders its page, so the page does not read or aggregate it again:
 * the summary rows (in grid order), the recommendation over every round's runs, and the recorded paths when the
 * driver holds every one of them (null: read them from the trajectories table).
 */
public record SweepFacts(List<SummaryRow> summary, List<Recommendation> recommendations,
        List<Trajectories.RecordedPath> paths) {

    public SweepFacts {
        summary = List.copyOf(summary);
        recommendations = List.copyOf(recommendations);
        paths = paths == null ? null : List.copyOf(paths);
    }
}
