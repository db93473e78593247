package dev.gdsweep.html;

import dev.gdsweep.report.SummaryRow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.html.LearningRateRoles.Pick;
import dev.gdsweep.html.LearningRateRoles.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice of the contour panels' rates, on hand-made summaries. */
class LearningRateRolesTest {

    /** A row of configuration "gd, constant" with 100 runs. */
    static SummaryRow row(double lr, double convergedFraction, Double medianIterations, long diverged) {
        return row("gd", lr, convergedFraction, medianIterations, diverged);
    }

    static SummaryRow row(String optimizer, double lr, double convergedFraction, Double medianIterations,
            long diverged) {
        long converged = Math.round(100 * convergedFraction);
        return new SummaryRow("", optimizer, "constant", 0, lr, 100, converged, 0, diverged, 100 - converged - diverged, 0, 0,
                convergedFraction, medianIterations, 0.0, 0.0, 1L, null, null, null);
    }

    static List<String> describe(List<Pick> picks) {
        List<String> out = new ArrayList<>();
        for (Pick p : picks) {
            out.add(p.role() + "@" + p.learningRate());
        }
        return out;
    }

    @Test
    void theTypicalSweep() {
        // Slow at small rates, converges everywhere in the middle, fastest at 0.01, then bounces, then diverges.
        List<SummaryRow> rows = List.of(
                row(1e-4, 0.6, 4000.0, 0),
                row(1e-3, 1.0, 400.0, 0),
                row(1e-2, 1.0, 35.0, 0),
                row(2e-2, 0.8, 34.0, 0),
                row(3e-2, 0.1, 30.0, 50),
                row(1e-1, 0.0, null, 100));
        assertThat(describe(LearningRateRoles.choose(rows)))
                .containsExactly("TOO_SMALL@1.0E-4", "GOOD@0.01", "TOO_LARGE@0.03");
    }

    @Test
    void theOrderOfTheRowsDoesNotMatterAndTheResultIsSortedByRate() {
        List<SummaryRow> rows = new ArrayList<>(List.of(
                row(1e-1, 0.0, null, 100),
                row(1e-2, 1.0, 35.0, 0),
                row(1e-4, 0.6, 4000.0, 0),
                row(3e-2, 0.1, 30.0, 50)));
        assertThat(describe(LearningRateRoles.choose(rows)))
                .containsExactly("TOO_SMALL@1.0E-4", "GOOD@0.01", "TOO_LARGE@0.03");
    }

    @Test
    void tiesOnTheConvergedFractionGoToTheFewestMedianIterations() {
        List<SummaryRow> rows = List.of(
                row(0.001, 1.0, 300.0, 0),
                row(0.002, 1.0, 90.0, 0),
                row(0.004, 1.0, 120.0, 0),
                row(0.008, 0.9, 20.0, 10));
        List<Pick> picks = LearningRateRoles.choose(rows);
        assertThat(describe(picks)).containsExactly("TOO_SMALL@0.001", "GOOD@0.002", "TOO_LARGE@0.008");
        assertThat(picks.get(1).row().medianIterations()).isEqualTo(90.0);
    }

    @Test
    void withoutDivergenceTheLargestRateIsTooLarge() {
        List<SummaryRow> rows = List.of(
                row(0.001, 0.2, 900.0, 0),
                row(0.01, 1.0, 50.0, 0),
                row(0.1, 0.7, 60.0, 0),
                row(0.2, 0.3, 80.0, 0));
        assertThat(describe(LearningRateRoles.choose(rows)))
                .containsExactly("TOO_SMALL@0.001", "GOOD@0.01", "TOO_LARGE@0.2");
    }

    @Test
    void whenTheSmallestRateIsTheGoodOneThereIsNoTooSmallPanel() {
        List<SummaryRow> rows = List.of(
                row(0.01, 1.0, 50.0, 0),
                row(0.1, 0.5, 40.0, 5),
                row(0.2, 0.0, null, 100));
        assertThat(describe(LearningRateRoles.choose(rows))).containsExactly("GOOD@0.01", "TOO_LARGE@0.1");
    }

    @Test
    void whenTheLargestRateIsTheGoodOneThereIsNoTooLargePanel() {
        List<SummaryRow> rows = List.of(
                row(0.001, 0.1, 5000.0, 0),
                row(0.01, 0.5, 500.0, 0),
                row(0.1, 1.0, 50.0, 0));
        assertThat(describe(LearningRateRoles.choose(rows))).containsExactly("TOO_SMALL@0.001", "GOOD@0.1");
    }

    @Test
    void divergenceBelowTheGoodRateIsNotTooLarge() {
        // A stray divergence at a small rate (e.g. a start on a cliff) must not be called "too large".
        List<SummaryRow> rows = List.of(
                row(0.001, 0.5, 900.0, 1),
                row(0.01, 1.0, 50.0, 0),
                row(0.05, 0.9, 45.0, 0),
                row(0.1, 0.4, 60.0, 3));
        assertThat(describe(LearningRateRoles.choose(rows)))
                .containsExactly("TOO_SMALL@0.001", "GOOD@0.01", "TOO_LARGE@0.1");
    }

    @Test
    void aSingleRateIsOnlyGoodAndNoRowsGiveNoPanels() {
        assertThat(describe(LearningRateRoles.choose(List.of(row(0.1, 0.0, null, 100)))))
                .containsExactly("GOOD@0.1");
        assertThat(LearningRateRoles.choose(List.of())).isEmpty();
    }

    @Test
    void whenNothingConvergesTheGoodRateIsTheSmallest() {
        List<SummaryRow> rows = List.of(
                row(0.001, 0.0, null, 0),
                row(0.01, 0.0, null, 0),
                row(0.1, 0.0, null, 100));
        assertThat(describe(LearningRateRoles.choose(rows))).containsExactly("GOOD@0.001", "TOO_LARGE@0.1");
    }

    @Test
    void theBestConfigurationConvergesMostOftenThenFastest() {
        List<SummaryRow> rows = List.of(
                row("gd", 0.01, 1.0, 80.0, 0),
                row("gd", 0.1, 0.2, 40.0, 50),
                row("momentum", 0.01, 1.0, 30.0, 0),
                row("momentum", 0.1, 0.9, 20.0, 5),
                row("adam", 0.01, 0.95, 10.0, 0));
        assertThat(LearningRateRoles.bestConfiguration(rows)).contains("momentum, constant");
        assertThat(LearningRateRoles.bestConfiguration(List.of())).isEmpty();
        // Ties go to the first configuration.
        assertThat(LearningRateRoles.bestConfiguration(List.of(row("b", 0.1, 1.0, 5.0, 0), row("a", 0.2, 1.0, 5.0, 0))))
                .contains("b, constant");
    }
}
