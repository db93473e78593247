package dev.gdsweep.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.report.SummaryRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows are matched by configuration and rate, and by loss setting when a side has several. */
class ComparisonTest {

    private static SummaryRow row(String lossConfig, double lr, long converged) {
        return new SummaryRow(lossConfig, "gd", "constant", 0, lr, 10, converged, 0, 0, 10 - converged, 0, 0,
                converged / 10.0, null, 1e-3, 1e-3, 1L, null, null, null);
    }

    @Test
    void severalLossSettingsAreKeyedBySetting() {
        List<SummaryRow> baseline = List.of(row("rosenbrock(a=1, b=10)", 0.01, 10), row("rosenbrock(a=1, b=100)", 0.01, 8));
        List<SummaryRow> candidate = List.of(row("rosenbrock(a=1, b=10)", 0.01, 10), row("rosenbrock(a=1, b=100)", 0.01, 5));

        Comparison c = Comparison.of(baseline, candidate);

        assertThat(c.rows()).extracting(Comparison.Row::key).containsExactly(
                "rosenbrock(a=1, b=10), gd, constant, lr 0.01", "rosenbrock(a=1, b=100), gd, constant, lr 0.01");
        assertThat(c.rows().get(1).convergedFractionChange()).isCloseTo(-0.3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(c.onlyInBaseline()).isEmpty();
        assertThat(c.onlyInCandidate()).isEmpty();
    }

    @Test
    void aReportWrittenBeforeLossSettingsMatchesOneWithASingleSetting() {
        Comparison c = Comparison.of(List.of(row("", 0.01, 10)), List.of(row("himmelblau", 0.01, 9)));

        assertThat(c.rows()).extracting(Comparison.Row::key).containsExactly("gd, constant, lr 0.01");
    }

    @Test
    void everyRowThatCrossesAGateIsABreachWorstFirst() {
        List<SummaryRow> baseline = List.of(row("", 0.001, 10), row("", 0.01, 10), row("", 0.1, 10), row("", 1, 10));
        List<SummaryRow> candidate = List.of(row("", 0.001, 8), row("", 0.01, 10), row("", 0.1, 5), row("", 1, 9));

        List<Comparison.Breach> breaches = Comparison.of(baseline, candidate).breaches(0.15, null);

        // Drops of 0.2 and 0.5 cross 0.15; 0.1 and 0 do not.
        assertThat(breaches).extracting(Comparison.Breach::key)
                .containsExactly("gd, constant, lr 0.1", "gd, constant, lr 0.001");
        assertThat(breaches.get(0).value()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(breaches).allMatch(b -> b.gate().equals("max_converged_fraction_drop") && b.limit() == 0.15);
    }

    @Test
    void aReportFromBeforeShortDecimalRatesMatchesANewOne() {
        Comparison c = Comparison.of(List.of(row("", 0.015848931924611134, 10)), List.of(row("", 0.0158489, 9)));

        assertThat(c.rows()).extracting(Comparison.Row::key).containsExactly("gd, constant, lr 0.0158489");
        assertThat(c.onlyInBaseline()).isEmpty();
    }

    @Test
    void noGateNoBreachAndAPassedGateNoBreach() {
        List<SummaryRow> baseline = List.of(row("", 0.01, 10));
        List<SummaryRow> candidate = List.of(row("", 0.01, 9));

        assertThat(Comparison.of(baseline, candidate).breaches(null, null)).isEmpty();
        assertThat(Comparison.of(baseline, candidate).breaches(0.1, 0.0)).isEmpty();
    }
}
