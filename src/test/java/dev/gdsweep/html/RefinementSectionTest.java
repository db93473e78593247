package dev.gdsweep.html;

import static dev.gdsweep.html.HtmlReportTest.count;
import static dev.gdsweep.html.HtmlReportTest.read;
import static dev.gdsweep.html.HtmlReportTest.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Refinement section of report.html, from a small hand-built refinement beside a synthetic sweep. */
class RefinementSectionTest {

    static final String NAME = "gd <b>&</b>, constant";
    static final double TOLERANCE = 1e-3;

    static ReportData plain;
    static ReportData refined;

    @BeforeAll
    static void data() {
        plain = Synthetic.quadratic3d(new double[] {0.01, 0.1, 0.19});
        refined = plain.withRefinement(refinement());
    }

    /**
     * Ten starts: seven with a bracket (five pinned at 2/λ_max = 0.08, one near 0.01, one wide near 0.55),
     * two that converge at every rate tried, one at none.
     */
    static RefinementData refinement() {
        Long uniform = RefinementData.uniformRuns(1e-3, 1, TOLERANCE, 10);
        RefinementData.Configuration c = new RefinementData.Configuration(NAME, 10, 7, 6, 2, 1,
                "wider than the tolerance: max_rounds (2) reached", null, 0.0799525, 0.0812345678, 0.0762005, 245.5,
                0.08, 5, 640, uniform);
        List<RefinementData.Bracket> brackets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            brackets.add(new RefinementData.Bracket(NAME, 0.0799525, 0.0800199));
        }
        brackets.add(new RefinementData.Bracket(NAME, 0.01, 0.0100099));
        brackets.add(new RefinementData.Bracket(NAME, 0.5, 0.6));
        List<RefinementData.RateOutcome> rates = List.of(
                new RefinementData.RateOutcome(NAME, 0.001, 0, 10, 10),
                new RefinementData.RateOutcome(NAME, 0.01, 0, 10, 9),
                new RefinementData.RateOutcome(NAME, 0.05, 1, 10, 10),
                new RefinementData.RateOutcome(NAME, 0.0799525, 4, 5, 5),
                new RefinementData.RateOutcome(NAME, 0.0800199, 5, 5, 0),
                new RefinementData.RateOutcome(NAME, 0.1, 0, 10, 0),
                new RefinementData.RateOutcome(NAME, 1, 0, 10, 0));
        return new RefinementData(5, 640, TOLERANCE, List.of(c), brackets, rates);
    }

    @Test
    void aUniformGridOfTheSameResolutionHasARateEveryToleranceOverTheRange() {
        // ln(1000) / ln(1.001) = 6911.2 gaps: 6912 gaps, 6913 rates.
        assertThat(RefinementData.uniformRuns(1e-3, 1, 1e-3, 10)).isEqualTo(69_130L);
        // ln(10) / ln(1.1) = 24.16: 25 gaps, 26 rates.
        assertThat(RefinementData.uniformRuns(0.01, 0.1, 0.1, 1)).isEqualTo(26L);
        assertThat(RefinementData.uniformRuns(0.1, 0.1, 0.1, 1)).isNull();
    }

    @Test
    void thePageHasARefinementSectionWithTheTableFormatted(@TempDir Path dir) throws IOException {
        HtmlReport.write(refined, dir);
        String html = read(dir);

        assertThat(html).contains("<a href=\"#refinement\">Refinement</a>").contains("<section id=\"refinement\">");
        String body = table(html, "refinement-table");
        body = body.substring(body.indexOf("<tbody>"));
        assertThat(count(body, "<tr>")).isEqualTo(1);
        assertThat(cells(body)).containsExactly(
                "gd &lt;b&gt;&amp;&lt;/b&gt;, constant", // the name escaped like every other text
                "10", "7", "6",
                "\u2013", // no rate from which every start converges: one converges nowhere
                "0.0799525", "0.0812346", "0.0762005", "245.5", "0.08", "5", "640",
                "69,130 (108\u00d7)"); // 69130 / 640 = 108.0
        String section = html.substring(html.indexOf("<section id=\"refinement\">"),
                html.indexOf("</section>", html.indexOf("<section id=\"refinement\">")));
        assertThat(section)
                .contains("<li>2 starts converged at every rate tried: no bracket")
                .contains("<li>1 start converged at no rate tried: no bracket, and no rate from which every start converges.</li>")
                .contains("<li>1 bracket is wider than the tolerance: max_rounds (2) reached.</li>")
                .contains("5 rounds placed new learning rates").contains("640 runs in all")
                .contains("7 of 10 starts have a bracket, 6 of them within the tolerance")
                .contains("3 starts have no bracket and are not drawn: 2 converged at every rate tried, 1 at none.");
        // The refinement's pictures sit in its section, not among the grid's.
        for (String file : List.of(RefinementCharts.HISTOGRAM_FILE, RefinementCharts.CONVERGENCE_FILE)) {
            assertThat(count(section, "src=\"report-images/" + file + "\"")).as(file).isEqualTo(1);
            assertThat(count(html, "src=\"report-images/" + file + "\"")).as(file).isEqualTo(1);
            assertThat(dir.resolve(HtmlReport.IMAGES_DIR).resolve(file)).isRegularFile();
        }
    }

    @Test
    void aSweepThatDidNotRefineHasNoRefinementSection(@TempDir Path dir) throws IOException {
        List<Path> written = HtmlReport.write(plain, dir);
        String html = read(dir);
        assertThat(html).doesNotContain("id=\"refinement\"").doesNotContain("#refinement")
                .doesNotContain("refinement-table");
        assertThat(written).noneMatch(p -> p.getFileName().toString().startsWith("refinement-"));
    }

    @Test
    void theHistogramCountsEachStartsBracketMidpointOnALogAxisWithTwoOverLambdaMaxMarked() {
        JFreeChart chart = RefinementCharts.histogram(refined.refinement());
        XYPlot plot = chart.getXYPlot();
        IntervalXYDataset bars = (IntervalXYDataset) plot.getDataset();
        assertThat(bars.getSeriesCount()).isEqualTo(1);
        long total = 0;
        List<long[]> nonEmpty = new ArrayList<>();
        for (int i = 0; i < bars.getItemCount(0); i++) {
            long n = bars.getY(0, i).longValue();
            total += n;
            nonEmpty.add(new long[] {n, i});
            // Each bar is its bin, [low, high), equally wide on the log axis (40 bins from 0.01 to 0.55).
            double decades = Math.log10(bars.getEndXValue(0, i) / bars.getStartXValue(0, i));
            assertThat(decades).isCloseTo(Math.log10(Math.sqrt(0.3) / Math.sqrt(0.01 * 0.0100099)) / 40, within(1e-12));
        }
        assertThat(total).isEqualTo(7);
        assertThat(nonEmpty).extracting(b -> b[0]).containsExactly(1L, 5L, 1L);
        // The five pinned brackets are counted in the bin that holds their midpoint, ~0.07999.
        int spike = (int) nonEmpty.get(1)[1];
        assertThat(bars.getStartXValue(0, spike)).isLessThan(0.0799862);
        assertThat(bars.getEndXValue(0, spike)).isGreaterThan(0.0799862);
        assertThat(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).singleElement()
                .satisfies(m -> assertThat(((ValueMarker) m).getValue()).isEqualTo(0.08));
    }

    @Test
    void binsSpanTheValuesOnALogAxisAndValuesAllAlikeSitInTheMiddleOfOneBin() {
        BoundaryHistogram h = BoundaryHistogram.of(new double[] {0.01, 0.011, 0.12, 0.5, 1.0, -1, Double.NaN}, 4);
        assertThat(h.edges()).containsExactly(new double[] {0.01, Math.pow(10, -1.5), 0.1, Math.pow(10, -0.5), 1},
                within(1e-12));
        // 0.01 and 0.011 in the first bin; 0.12 in the third; 0.5 and the largest value, 1, in the last.
        assertThat(h.counts()).containsExactly(2, 0, 1, 2);

        BoundaryHistogram alike = BoundaryHistogram.of(new double[] {0.08, 0.08, 0.08}, 40);
        double[] edges = alike.edges();
        int bin = alike.bin(0.08);
        assertThat(alike.counts()[bin]).isEqualTo(3);
        assertThat(alike.total()).isEqualTo(3);
        // At least 0.6 decades shown, 0.08 in the middle of its bin.
        assertThat(Math.log10(edges[40] / edges[0])).isCloseTo(0.6, within(1e-12));
        assertThat(Math.sqrt(edges[bin] * edges[bin + 1])).isCloseTo(0.08, within(1e-12));
        assertThat(BoundaryHistogram.of(new double[] {0, Double.NaN}, 10)).isNull();
    }

    @Test
    void refinedRatesAreDrawnHollowAndApartFromTheGridsLine() {
        JFreeChart chart = RefinementCharts.convergence(refined.refinement());
        XYPlot plot = chart.getXYPlot();
        XYDataset data = plot.getDataset();
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        assertThat(data.getSeriesCount()).isEqualTo(2);
        assertThat(data.getSeriesKey(0)).isEqualTo(NAME + ": grid");
        assertThat(xs(data, 0)).containsExactly(0.001, 0.01, 0.1, 1.0);
        assertThat(ys(data, 0)).containsExactly(100.0, 90.0, 0.0, 0.0);
        assertThat(data.getSeriesKey(1)).isEqualTo(NAME + ": refined");
        assertThat(xs(data, 1)).containsExactly(0.05, 0.0799525, 0.0800199);
        assertThat(ys(data, 1)).containsExactly(100.0, 100.0, 0.0);
        // Grid rates: filled dots on a line; refined rates: hollow dots, no line; the same colour.
        assertThat(renderer.getSeriesShapesFilled(0)).isTrue();
        assertThat(renderer.getSeriesLinesVisible(0)).isTrue();
        assertThat(renderer.getSeriesShapesFilled(1)).isFalse();
        assertThat(renderer.getSeriesLinesVisible(1)).isFalse();
        assertThat(renderer.getSeriesPaint(1)).isEqualTo(renderer.getSeriesPaint(0));
        assertThat(plot.getFixedLegendItems().get(0).isShapeFilled()).isTrue();
        assertThat(plot.getFixedLegendItems().get(1).isShapeFilled()).isFalse();
    }

    @Test
    void theCloseLookSpansTheBracketsWidenedByFiveTolerances() {
        RefinementData all = refined.refinement();
        // With brackets from 0.01 to 0.6 there is nothing to zoom into.
        assertThat(RefinementCharts.boundaryWindow(all)).isNull();
        RefinementData pinned = new RefinementData(all.rounds(), all.runs(), all.tolerance(), all.configurations(),
                all.brackets().subList(0, 5), all.rates());
        double[] window = RefinementCharts.boundaryWindow(pinned);
        assertThat(window[0]).isCloseTo(0.0799525 / Math.pow(1.001, 5), within(1e-12));
        assertThat(window[1]).isCloseTo(0.0800199 * Math.pow(1.001, 5), within(1e-12));
    }

    private static List<String> cells(String body) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(body);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<Double> xs(XYDataset d, int series) {
        Double[] out = new Double[d.getItemCount(series)];
        Arrays.setAll(out, i -> d.getXValue(series, i));
        return Arrays.asList(out);
    }

    private static List<Double> ys(XYDataset d, int series) {
        Double[] out = new Double[d.getItemCount(series)];
        Arrays.setAll(out, i -> d.getYValue(series, i));
        return Arrays.asList(out);
    }
}
