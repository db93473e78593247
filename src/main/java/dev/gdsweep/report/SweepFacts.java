package dev.gdsweep.report;

import java.util.List;

/**
 * What a sweep has already computed when it renders its page, so the page does not read or aggregate it again:
 * the summary rows (in grid order) and the recommendation over every round's runs.
 */
public record SweepFacts(List<SummaryRow> summary, List<Recommendation> recommendations) {

    public SweepFacts {
        summary = List.copyOf(summary);
        recommendations = List.copyOf(recommendations);
    }
}
