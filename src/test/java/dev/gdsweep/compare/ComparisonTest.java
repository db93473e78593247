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
}
