package dev.gdsweep.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.engine.Status;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The basin map's colours: the mapping itself, and the pixels it puts at known starting points. */
class BasinMapTest {

    @Test
    void colourOfARunIsItsMinimumGreyOrBlack() {
        assertThat(Palette.basin(Status.CONVERGED, 0, 4)).isEqualTo(Palette.minimum(0));
        assertThat(Palette.basin(Status.CONVERGED, 3, 4)).isEqualTo(Palette.minimum(3));
        assertThat(Palette.basin(Status.CONVERGED, null, 4)).isEqualTo(Palette.BASIN_CONVERGED_ELSEWHERE);
        assertThat(Palette.basin(Status.CONVERGED, 4, 4)).isEqualTo(Palette.BASIN_CONVERGED_ELSEWHERE);
        assertThat(Palette.basin(Status.MAX_ITERATIONS, 2, 4)).isEqualTo(Palette.BASIN_MAX_ITERATIONS);
        assertThat(Palette.basin(Status.DIVERGED, null, 4)).isEqualTo(Color.BLACK);
        assertThat(Palette.basin(Status.FAILED, null, 4)).isEqualTo(Palette.BASIN_OTHER);
    }

    @Test
    void minimaColoursAreDistinctAndNotTheStatusColours() {
        List<Color> colours = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            colours.add(Palette.minimum(i));
        }
        assertThat(colours).doesNotHaveDuplicates()
                .doesNotContain(Palette.BASIN_MAX_ITERATIONS, Palette.BASIN_DIVERGED, Palette.BASIN_CONVERGED_ELSEWHERE,
                        Palette.BASIN_OTHER, Color.WHITE);
    }

    @Test
    void thePixelAtAStartHasTheColourOfWhereItsRunEnded() {
        // Himmelblau on a 9 x 9 lattice: at the good rate every start converges to one of four minima; at the
        // largest some run out of iterations and some diverge.
        ReportData d = Synthetic.himmelblau("basins", new double[] {0.001, 0.01, 0.0158, 0.025}, 9, 1500, 0,
                Synthetic.GD);
        BasinMap.Rendered r = BasinMap.render(d);
        assertThat(r).isNotNull();
        assertThat(r.panels()).hasSize(4);
        int checked = 0;
        for (BasinMap.PanelPlace panel : r.panels()) {
            for (Predicate<RunPoint> kind : List.<Predicate<RunPoint>>of(
                    p -> p.status() == Status.CONVERGED && p.minimum() != null && p.minimum() == 0,
                    p -> p.status() == Status.CONVERGED && p.minimum() != null && p.minimum() == 2,
                    p -> p.status() == Status.MAX_ITERATIONS,
                    p -> p.status() == Status.DIVERGED)) {
                RunPoint run = d.runs().stream()
                        .filter(p -> p.learningRate() == panel.learningRate())
                        .filter(kind)
                        .filter(p -> farFromMinima(d, p))
                        .findFirst().orElse(null);
                if (run == null) {
                    continue;
                }
                int[] px = panel.pixel(run.initial(0), run.initial(1));
                Color expected = Palette.basin(run.status(), run.minimum(), d.minima().size());
                assertThat(new Color(r.image().getRGB(px[0], px[1])))
                        .as("lr %s, run %s at pixel (%d, %d)", panel.learningRate(), run, px[0], px[1])
                        .isEqualTo(expected);
                checked++;
            }
        }
        // Both minima colours at the small rates, grey and black where they occur.
        assertThat(checked).isGreaterThanOrEqualTo(8);
        Map<Status, Long> statuses = d.runs().stream().collect(java.util.stream.Collectors.groupingBy(
                RunPoint::status, java.util.stream.Collectors.counting()));
        assertThat(statuses).containsKeys(Status.MAX_ITERATIONS, Status.DIVERGED);
    }

    @Test
    void scatteredStartsAreDrawnAsMarkersOfTheirColour() {
        // Starts that form no lattice: drawn as squares, not blocks.
        List<RunPoint> runs = new ArrayList<>();
        double[][] starts = {{-4.1, 3.7}, {2.3, -1.1}, {0.3, 4.2}, {-2.2, -3.9}, {4.4, 0.1}};
        for (int i = 0; i < starts.length; i++) {
            runs.add(new RunPoint(i, "gd, constant", 0.01, starts[i], new double[] {0, 0},
                    i == 4 ? "MAX_ITERATIONS" : "CONVERGED", 0, 10, i == 4 ? null : i));
        }
        List<KnownMinimum> minima = new ArrayList<>();
        for (double[] m : Synthetic.HIMMELBLAU_MINIMA) {
            minima.add(new KnownMinimum("", m));
        }
        ReportData d = new ReportData("scatter", "himmelblau", 2, new double[] {-5, -5}, new double[] {5, 5}, minima,
                null, List.of(), runs, Map.of(), "", List.of());
        BasinMap.Rendered r = BasinMap.render(d);
        BasinMap.PanelPlace panel = r.panels().get(0);
        for (RunPoint p : runs) {
            int[] px = panel.pixel(p.initial(0), p.initial(1));
            assertThat(new Color(r.image().getRGB(px[0], px[1]))).as(p.toString())
                    .isEqualTo(Palette.basin(p.status(), p.minimum(), 4));
        }
    }

    @Test
    void manyRatesAreThinnedToTwelvePanelsEvenlySpread() {
        double[] rates = new double[20];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 1e-4 * Math.pow(1.3, i);
        }
        ReportData d = Synthetic.himmelblau("many", rates, 3, 50, 0, Synthetic.GD);
        BasinMap.Rendered r = BasinMap.render(d);
        assertThat(r.panels()).hasSize(12);
        assertThat(r.panels().get(0).learningRate()).isEqualTo(rates[0]);
        assertThat(r.panels().get(11).learningRate()).isEqualTo(rates[19]);
        assertThat(r.ratesInAll()).isEqualTo(20);
    }

    private static boolean farFromMinima(ReportData d, RunPoint p) {
        for (KnownMinimum m : d.minima()) {
            double[] q = m.point();
            if (Math.hypot(q[0] - p.initial(0), q[1] - p.initial(1)) < 0.8) {
                return false;
            }
        }
        return true;
    }
}
