package dev.gdsweep.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

/** The small pieces the charts rely on: clamping, clipping, sampling, formatting, escaping. */
class ChartPartsTest {

    static RunPoint run(long id, double loss) {
        return new RunPoint(id, "gd, constant", 0.1, new double[] {0, 0}, new double[] {0, 0}, "CONVERGED", loss, 1,
                null);
    }

    @Test
    void lossesAreClampedToAFloorBelowTheSmallestPositiveAndNonFiniteOnesToACeiling() {
        List<RunPoint> runs = List.of(run(1, 0), run(2, -3), run(3, 1e-12), run(4, 5e3), run(5, Double.NaN),
                run(6, Double.POSITIVE_INFINITY));
        FinalLossChart.Clamp c = FinalLossChart.clamp(runs);
        assertThat(c.floor()).isCloseTo(1e-13, within(1e-25));
        assertThat(c.ceiling()).isCloseTo(5e4, within(1e-6));
        assertThat(c.y(0)).isEqualTo(c.floor());
        assertThat(c.y(-3)).isEqualTo(c.floor());
        assertThat(c.y(1e-12)).isEqualTo(1e-12);
        assertThat(c.y(Double.NaN)).isEqualTo(c.ceiling());
        assertThat(c.y(Double.POSITIVE_INFINITY)).isEqualTo(c.ceiling());
        // All losses zero: still a positive floor for the log axis.
        assertThat(FinalLossChart.clamp(List.of(run(1, 0))).floor()).isPositive();
    }

    @Test
    void aTrajectoryStopsWhereItStopsBeingFiniteAndIsClippedWhereItRunsFarOff() {
        PlotBox box = new PlotBox(-1, 1, -1, 1);
        PlotBox far = box.grown(1); // [-3, 3]²
        List<TrajectoryStep> steps = List.of(
                new TrajectoryStep(0, 1, new double[] {0, 0}, 1),
                new TrajectoryStep(1, 1, new double[] {0.5, 0}, 1),
                new TrajectoryStep(2, 1, new double[] {1e300, 0}, 1),
                new TrajectoryStep(3, 1, new double[] {Double.NaN, 0}, 1));
        XYSeries s = ContourMaps.trajectory(7, steps, box, far);
        assertThat(s.getItemCount()).isEqualTo(3);
        assertThat(s.getX(2).doubleValue()).isCloseTo(3, within(1e-9));
        assertThat(s.getY(2).doubleValue()).isCloseTo(0, within(1e-9));

        List<TrajectoryStep> nan = List.of(
                new TrajectoryStep(0, 1, new double[] {0, 0}, 1),
                new TrajectoryStep(1, 1, new double[] {Double.NaN, 0}, 1),
                new TrajectoryStep(2, 1, new double[] {0.1, 0}, 1));
        assertThat(ContourMaps.trajectory(8, nan, box, far).getItemCount()).isEqualTo(1);
    }

    @Test
    void theExitPointOfASegmentIsOnTheBoxEdge() {
        PlotBox box = new PlotBox(0, 10, 0, 10);
        assertThat(box.exit(5, 5, 15, 5)).containsExactly(10, 5);
        assertThat(box.exit(5, 5, 5, -5)).containsExactly(5, 0);
        assertThat(box.exit(5, 5, 25, 25)).containsExactly(10, 10);
    }

    @Test
    void thePlotBoxUsesTheDomainAndShowsNearbyMinima() {
        ReportData d = new ReportData("b", "x", 2, new double[] {-5, -5}, new double[] {5, 5},
                List.of(new KnownMinimum("near", new double[] {6, 0}), new KnownMinimum("far", new double[] {100, 0})),
                null, List.of(), List.of(), null, "", List.of());
        PlotBox b = PlotBox.of(d, List.of());
        assertThat(b.contains(6, 0)).isTrue();
        assertThat(b.contains(100, 0)).isFalse();
        assertThat(b.contains(-5, -5)).isTrue();
        assertThat(b.xMax()).isLessThan(7);
    }

    @Test
    void samplingIsDeterministicOrderIndependentAndKeepsOrder() {
        List<RunPoint> runs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            runs.add(run(i, i));
        }
        List<RunPoint> a = Sampling.sample(runs, RunPoint::runId, 100);
        List<RunPoint> reversed = new ArrayList<>(runs);
        java.util.Collections.reverse(reversed);
        List<RunPoint> b = new ArrayList<>(Sampling.sample(reversed, RunPoint::runId, 100));
        java.util.Collections.reverse(b);
        assertThat(a).hasSize(100).isEqualTo(b).isSortedAccordingTo(
                java.util.Comparator.comparingLong(RunPoint::runId));
        assertThat(Sampling.sample(runs, RunPoint::runId, 5000)).isSameAs(runs);
        assertThat(Sampling.evenly(20, 12)).startsWith(0).endsWith(19).doesNotHaveDuplicates().hasSize(12);
        assertThat(Sampling.evenly(5, 12)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void escapingCoversEveryHtmlSpecialCharacter() {
        assertThat(Html.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("a\u0000b\tc\n")).isEqualTo("a\uFFFDb\tc\n");
    }

    @Test
    void numbersAreFormattedWithoutTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(Fmt.number(0.0158489)).isEqualTo("0.0158489");
            assertThat(Fmt.number(1e-4)).isEqualTo("1.0000e-04");
            // A rate reads as the console prints it, the digits a query needs to find it.
            assertThat(Fmt.rate(1e-4)).isEqualTo("0.0001");
            assertThat(Fmt.rate(1e-6)).isEqualTo("1e-6");
            assertThat(Fmt.rate(0.0158489)).isEqualTo("0.0158489");
            assertThat(Fmt.rate(3.16228e-5)).isEqualTo("3.16228e-5");
            assertThat(Fmt.number(0)).isEqualTo("0");
            assertThat(Fmt.number(Double.NaN)).isEqualTo("NaN");
            assertThat(Fmt.number((Double) null)).isEqualTo("\u2013");
            assertThat(Fmt.percent(0.778)).isEqualTo("77.8%");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void recordsCopyTheirArrays() {
        double[] w = {1, 2};
        RunPoint p = new RunPoint(1, "c", 0.1, w, w, "CONVERGED", 0, 0, null);
        w[0] = 99;
        assertThat(p.initialWeights()).containsExactly(1, 2);
        p.finalWeights()[0] = 42;
        assertThat(p.finalWeights()).containsExactly(1, 2);
        assertThat(p).isEqualTo(new RunPoint(1, "c", 0.1, new double[] {1, 2}, new double[] {1, 2}, "CONVERGED", 0, 0,
                null));
    }
}
