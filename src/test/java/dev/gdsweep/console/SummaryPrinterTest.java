package dev.gdsweep.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.report.BestRun;
import dev.gdsweep.report.Recommendation;
import dev.gdsweep.report.RefinementReport;
import dev.gdsweep.report.SummaryRow;
import dev.gdsweep.report.SweepReport;
import dev.gdsweep.store.ReportInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryPrinterTest {

    private static SummaryRow row(String optimizer, double lr, long converged, long plateaued, long diverged) {
        return new SummaryRow("", optimizer, "constant", 0, lr, 10, converged, plateaued, diverged,
                10 - converged - plateaued - diverged, 0, 0, converged / 10.0, 100.0, 0.0, 0.0, 1L, null, null, null);
    }

    private static Recommendation.Rate rate(String optimizer, double lr, long converged, long plateaued, long diverged,
            double iterations) {
        return new Recommendation.Rate("", optimizer, "constant", 0, lr, 10, converged, plateaued, diverged, iterations,
                iterations, null);
    }

    @Test
    void divergenceRecommendationAndBestRunAreStatedPerConfiguration() {
        List<SummaryRow> summary = List.of(row("gd", 0.001, 10, 0, 0), row("gd", 0.01, 4, 0, 6),
                row("adam", 0.001, 10, 0, 0), row("adam", 0.01, 3, 7, 0));
        List<Recommendation> recommendations = Recommendation.of(List.of(rate("gd", 0.001, 10, 0, 0, 300),
                rate("gd", 0.01, 4, 0, 6, 30), rate("adam", 0.001, 10, 0, 0, 200), rate("adam", 0.01, 3, 7, 0, 20)),
                Recommendation.DEFAULT_SHARE);
        BestRun best = new BestRun(7, "adam, schedule constant", 0.001, new double[] {1, 2}, new double[] {3, 2}, 0,
                12, "CONVERGED", 2);
        SweepReport report = new SweepReport("/r", 40, 2, 1.0, summary, Optional.of(best),
                new ReportInfo(true, 40, 40, 0, 1, 1, "t", 1.0), null, null, List.of(), recommendations);
        StringWriter text = new StringWriter();

        SummaryPrinter.print(report, new PrintWriter(text));

        String out = text.toString();
        assertThat(out).contains("learning_rate      runs converged   plateau  diverged");
        // The medians' headers say which runs they aggregate.
        assertThat(out).containsPattern("conv%\\s+med_conv_iter\\s+min_loss\\s+med_nondiv_loss\\s+best_run\\n");
        assertThat(out).containsPattern("\\n0\\.01\\s+10\\s+3\\s+7\\s+0\\s");
        // Adam never diverged: no pooled "from 0.01 on" line speaks for it.
        assertThat(out).contains("== gd, schedule constant").contains("   divergence from learning rate 0.01 on")
                .contains("   no run diverged").doesNotContain("Divergence: from");
        assertThat(out).contains("Recommended: lr 0.001 (gd, schedule constant): 100% of starts converge, median 300 "
                + "iterations; some runs diverge from lr 0.01 on");
        assertThat(out).contains("Recommended: lr 0.001 (adam, schedule constant): 100% of starts converge, median 200 "
                + "iterations; no run diverged");
        assertThat(out).contains("Recommended overall: lr 0.001 (adam, schedule constant), the fewest median iterations");
        assertThat(out).contains("Best run: 7 (adam, schedule constant, lr 0.001").contains(
                "(2 runs started at a minimum, 0 iterations, and are left out)");
    }

    @Test
    void theLastLineSaysWhichRunsTheGridsTasksRanAndWhichTheRefinementRoundsRan() {
        List<SummaryRow> summary = List.of(row("gd", 0.001, 10, 0, 0), row("gd", 0.01, 4, 0, 6));
        SweepReport plain = new SweepReport("/r", 20, 2, 1.5, summary, Optional.empty(),
                new ReportInfo(true, 20, 20, 0, 1, 1, "t", 1.5), null, null);
        SweepReport refined = new SweepReport("/r", 20, 2, 1.5, summary, Optional.empty(),
                new ReportInfo(true, 20, 20, 0, 1, 1, "t", 1.5), null, new RefinementReport(3, 68, null, List.of()));

        assertThat(printed(plain)).contains("20 runs in 2 tasks, 1.5 s. Report: /r");
        assertThat(printed(refined)).contains("20 runs of the grid in 2 tasks, then 48 in 3 refinement rounds, 1.5 s. "
                + "Report: /r").doesNotContain("20 runs in 2 tasks");
    }

    private static String printed(SweepReport report) {
        StringWriter text = new StringWriter();
        SummaryPrinter.print(report, new PrintWriter(text));
        return text.toString();
    }
}
