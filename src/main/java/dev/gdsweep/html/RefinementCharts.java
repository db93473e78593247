package dev.gdsweep.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The refinement's pictures: where convergence ends for each start (a histogram of its boundary bracket's
 * midpoint), and the converged share against the rate over every round's runs, the rates refinement placed
 * drawn hollow beside the grid's filled ones. Both on a log rate axis, with 2/λ_max where it is known.
 */
final class RefinementCharts {

    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    /** The page shows these pictures in its Refinement section, beside the table, not among the others. */
    static final String SECTION = "Refinement";
    static final String HISTOGRAM_FILE = "refinement-boundaries.png";
    static final String CONVERGENCE_FILE = "refinement-convergence.png";
    static final String ZOOM_FILE = "refinement-convergence-zoom.png";
    static final int BINS = 40;

    private static final BasicStroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f);
    private static final Shape DOT = new Ellipse2D.Double(-4.5, -4.5, 9, 9);

    private RefinementCharts() {}

    static List<Figure> write(ReportData d, Path imageDir) throws IOException {
        RefinementData r = d.refinement();
        if (r == null) {
            return List.of();
        }
        List<Figure> figures = new ArrayList<>();
        JFreeChart histogram = histogram(r);
        if (histogram != null) {
            Charts.writePng(histogram, imageDir.resolve(HISTOGRAM_FILE), WIDTH, HEIGHT);
            figures.add(new Figure(HISTOGRAM_FILE, SECTION, "Where convergence ends, per start", histogramCaption(r),
                    WIDTH, HEIGHT));
        }
        JFreeChart convergence = convergence(r);
        if (convergence != null) {
            Charts.writePng(convergence, imageDir.resolve(CONVERGENCE_FILE), WIDTH, HEIGHT);
            figures.add(new Figure(CONVERGENCE_FILE, SECTION, "Converged share at every rate tried",
                    convergenceCaption(r), WIDTH, HEIGHT));
        }
        double[] window = boundaryWindow(r);
        JFreeChart zoomed = window == null ? null : convergence(r, window);
        if (zoomed != null) {
            Charts.writePng(zoomed, imageDir.resolve(ZOOM_FILE), WIDTH, HEIGHT);
            figures.add(new Figure(ZOOM_FILE, SECTION, "Converged share near the boundary", zoomCaption(r), WIDTH,
                    HEIGHT));
        }
        return figures;
    }

    /** The bracket midpoints of all configurations in one set of bins, a series per configuration; null without brackets. */
    static JFreeChart histogram(RefinementData r) {
        List<RefinementData.Bracket> brackets = r.brackets();
        double[] middles = new double[brackets.size()];
        for (int i = 0; i < middles.length; i++) {
            middles[i] = brackets.get(i).middle();
        }
        BoundaryHistogram bins = BoundaryHistogram.of(middles, BINS);
        if (bins == null) {
            return null;
        }
        Map<String, List<Double>> byConfiguration = new LinkedHashMap<>();
        for (RefinementData.Configuration c : r.configurations()) {
            byConfiguration.put(c.name(), new ArrayList<>());
        }
        for (RefinementData.Bracket b : brackets) {
            byConfiguration.computeIfAbsent(b.configuration(), k -> new ArrayList<>()).add(b.middle());
        }
        Map<String, Integer> colours = colours(byConfiguration.keySet());
        byConfiguration.values().removeIf(List::isEmpty);
        boolean several = byConfiguration.size() > 1;
        double[] edges = bins.edges();
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        List<Color> paints = new ArrayList<>();
        for (Map.Entry<String, List<Double>> g : byConfiguration.entrySet()) {
            long[] counts = bins.count(g.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            paints.add(Palette.series(colours.get(g.getKey())));
            XYIntervalSeries s = new XYIntervalSeries(g.getKey());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    s.add(Math.sqrt(edges[i] * edges[i + 1]), edges[i], edges[i + 1], counts[i], 0, counts[i]);
                }
            }
            dataset.addSeries(s);
        }
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            // Overlaid when there are several: see-through, so that no configuration hides another.
            renderer.setSeriesPaint(i, several ? Palette.withAlpha(paints.get(i), 120) : paints.get(i));
            renderer.setSeriesOutlinePaint(i, paints.get(i));
        }
        LogAxis x = Charts.logAxis("boundary: midpoint of the start's bracket, learning rate η (log scale)");
        NumberAxis y = Charts.numberAxis("starts");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        LegendItemCollection legend = new LegendItemCollection();
        if (several) {
            legend.addAll(plot.getLegendItems());
        }
        double[] range = {edges[0], edges[edges.length - 1]};
        boolean critical = markCriticalRates(plot, r, legend, range);
        Charts.logRange(x, range[0], range[1]);
        plot.setFixedLegendItems(legend);
        JFreeChart chart = Charts.chart("Where convergence ends, per start", plot, several || critical);
        if (chart.getLegend() != null) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        }
        chart.addSubtitle(0, new TextTitle(histogramSubtitle(r), Charts.SUBTITLE_FONT));
        return chart;
    }

    private static String histogramSubtitle(RefinementData r) {
        long starts = 0;
        long bracketed = 0;
        for (RefinementData.Configuration c : r.configurations()) {
            starts += c.starts();
            bracketed += c.bracketed();
        }
        String s = bracketed + " of " + starts + " starts with a bracket";
        return r.brackets().size() < bracketed ? s + " (" + r.brackets().size() + " drawn)" : s;
    }

    static String histogramCaption(RefinementData r) {
        long starts = 0;
        long bracketed = 0;
        long pinned = 0;
        long everywhere = 0;
        long nowhere = 0;
        for (RefinementData.Configuration c : r.configurations()) {
            starts += c.starts();
            bracketed += c.bracketed();
            pinned += c.pinned();
            everywhere += c.everywhere();
            nowhere += c.nowhere();
        }
        boolean several = r.configurations().size() > 1;
        StringBuilder s = new StringBuilder("For each start, the rate where it stops converging: the geometric "
                + "midpoint of its bracket (it converged at the lower end, not at the upper end), counted in bins of "
                + "equal width on the log axis" + (several ? ", one colour per configuration" : "") + ". ");
        s.append(bracketed).append(" of ").append(starts).append(" starts have a bracket, ").append(pinned)
                .append(" of them within the tolerance (hi/lo \u2212 1 \u2264 ").append(Fmt.shortNumber(r.tolerance()))
                .append(").");
        long without = starts - bracketed;
        if (without > 0) {
            s.append(' ').append(without).append(without == 1 ? " start has no bracket and is" : " starts have no "
                    + "bracket and are").append(" not drawn: ").append(everywhere).append(" converged at every rate tried, ")
                    .append(nowhere).append(" at none");
            long other = without - everywhere - nowhere;
            s.append(other > 0 ? ", " + other + " were not searched for a boundary." : ".");
        }
        if (r.brackets().size() < bracketed) {
            s.append(" Drawn from a sample of ").append(r.brackets().size()).append(" brackets.");
        }
        s.append(" A single narrow spike means the boundary does not depend on where the run starts; a spread "
                + "means it does (a non-convex loss, or starts that leave the region where the rate is stable). "
                + "The dashed line is 2/\u03bb_max from the stability analysis, where it is known: plain gradient "
                + "descent cannot stay at a minimum above it.");
        return s.toString();
    }

    /**
     * The converged share against the rate, per configuration: the grid's rates as filled dots joined by a
     * line, the rates the rounds placed as hollow dots. Null when there are no rates to draw.
     */
    static JFreeChart convergence(RefinementData r) {
        return convergence(r, null);
    }

    /**
     * The rates around the boundary brackets, for a closer look: from the smallest {@code boundary_lo} to the
     * largest {@code boundary_hi}, widened on a log scale by a quarter of that span or five tolerances,
     * whichever is more. Null without brackets, or when that is no closer than half the rates tried.
     */
    static double[] boundaryWindow(RefinementData r) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (RefinementData.Bracket b : r.brackets()) {
            if (b.lo() > 0 && b.hi() >= b.lo() && Double.isFinite(b.hi())) {
                lo = Math.min(lo, b.lo());
                hi = Math.max(hi, b.hi());
            }
        }
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (RefinementData.RateOutcome o : r.rates()) {
            if (o.learningRate() > 0 && Double.isFinite(o.learningRate())) {
                first = Math.min(first, o.learningRate());
                last = Math.max(last, o.learningRate());
            }
        }
        if (!(lo <= hi) || !(first < last)) {
            return null;
        }
        double pad = Math.max(0.25 * Math.log(hi / lo), 5 * Math.log1p(r.tolerance()));
        double[] window = {lo * Math.exp(-pad), hi * Math.exp(pad)};
        return Math.log(window[1] / window[0]) > 0.5 * Math.log(last / first) ? null : window;
    }

    /** The same, zoomed to {@code window} when it is given. */
    private static JFreeChart convergence(RefinementData r, double[] window) {
        Map<String, XYSeries[]> byConfiguration = new LinkedHashMap<>();
        for (RefinementData.Configuration c : r.configurations()) {
            byConfiguration.put(c.name(), null);
        }
        Map<String, Integer> colours = colours(byConfiguration.keySet());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (RefinementData.RateOutcome o : r.rates()) {
            if (!(o.learningRate() > 0) || !Double.isFinite(o.learningRate()) || o.runs() <= 0) {
                continue;
            }
            XYSeries[] pair = byConfiguration.get(o.configuration());
            if (pair == null) {
                colours.putIfAbsent(o.configuration(), colours.size());
                pair = new XYSeries[] {new XYSeries(o.configuration() + ": grid", true, false),
                    new XYSeries(o.configuration() + ": refined", true, false)};
                byConfiguration.put(o.configuration(), pair);
            }
            pair[o.refined() ? 1 : 0].add(o.learningRate(), 100.0 * o.converged() / o.runs());
            lo = Math.min(lo, o.learningRate());
            hi = Math.max(hi, o.learningRate());
        }
        byConfiguration.values().removeIf(p -> p == null);
        if (byConfiguration.isEmpty()) {
            return null;
        }
        boolean several = byConfiguration.size() > 1;
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        LegendItemCollection legend = new LegendItemCollection();
        int i = 0;
        for (Map.Entry<String, XYSeries[]> g : byConfiguration.entrySet()) {
            Color colour = Palette.series(colours.get(g.getKey()));
            for (int refined = 0; refined < 2; refined++, i++) {
                dataset.addSeries(g.getValue()[refined]);
                renderer.setSeriesPaint(i, colour);
                renderer.setSeriesShape(i, DOT);
                renderer.setSeriesStroke(i, new BasicStroke(refined == 0 ? 2.5f : 1.8f));
                // Zoomed in, a grid line would only cross the picture between two rates outside it.
                renderer.setSeriesLinesVisible(i, refined == 0 && window == null);
                renderer.setSeriesShapesFilled(i, refined == 0);
            }
            if (several) {
                legend.add(new LegendItem(g.getKey(), null, null, null, new Line2D.Double(-12, 0, 12, 0),
                        new BasicStroke(2.5f), colour));
            }
        }
        Color key = several ? Color.DARK_GRAY : Palette.series(0);
        BasicStroke thin = new BasicStroke(1.8f);
        Line2D line = new Line2D.Double(-12, 0, 12, 0);
        legend.add(new LegendItem("rate of the spec's grid (round 0)", null, null, null, true, DOT, true, key, false,
                key, thin, false, line, thin, key));
        legend.add(new LegendItem("rate placed by refinement (round \u2265 1)", null, null, null, true, DOT, false, key,
                true, key, thin, false, line, thin, key));
        NumberAxis percent = Charts.numberAxis("runs that converged (% of the runs at that rate)");
        percent.setRange(-2, 102);
        percent.setTickUnit(new NumberTickUnit(10));
        // A window narrower than a factor of 1.5 is drawn on a linear axis: log ticks would all read alike there.
        boolean linear = window != null && window[1] / window[0] < 1.5;
        ValueAxis x = linear ? Charts.numberAxis("learning rate η") : Charts.logAxis("learning rate η (log scale)");
        XYPlot plot = new XYPlot(dataset, x, percent, renderer);
        double[] range = window == null ? new double[] {lo, hi} : window.clone();
        markCriticalRates(plot, r, legend, range);
        if (window != null) {
            x.setRange(window[0], window[1]);
        } else {
            Charts.logRange((LogAxis) x, range[0], range[1]);
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = Charts.chart(window == null ? "Converged share at every rate tried"
                : "Converged share near the boundary", plot, true);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        long refinedRates = r.rates().stream().filter(RefinementData.RateOutcome::refined).count();
        String subtitle = window != null
                ? "η from " + Fmt.number(window[0]) + " to " + Fmt.number(window[1]) + ": the starts' brackets, widened"
                : String.format(Locale.ROOT, "%d runs in %d rounds after the grid; %d rates of the grid, %d placed by "
                        + "refinement%s", r.runs(), r.rounds(), r.rates().size() - refinedRates, refinedRates,
                        sampledRates(r) ? " (a sample drawn)" : "");
        chart.addSubtitle(0, new TextTitle(subtitle, Charts.SUBTITLE_FONT));
        return chart;
    }

    private static boolean sampledRates(RefinementData r) {
        long runs = r.rates().stream().mapToLong(RefinementData.RateOutcome::runs).sum();
        return runs < r.runs();
    }

    static String convergenceCaption(RefinementData r) {
        boolean several = r.configurations().size() > 1;
        return "The share of runs that converged (by the gradient criterion, as refinement counts it) at each rate "
                + "tried, over the runs of every round" + (several ? ", one colour per configuration" : "") + ". "
                + "Filled dots joined by a line are the rates of the spec's grid, run from every start; hollow dots "
                + "are the rates the refinement rounds placed, each run from the starts that needed it: a rate inside "
                + "a start's boundary bracket from the starts whose bracket holds it (from one start it shows 0% or "
                + "100%), a rate of the search for the fastest rate over all starts from every start. Look for the hollow dots crowding where the grid's line "
                + "falls: that is where the rounds spent their runs, pinning the boundary down between two grid rates."
                + (sampledRates(r) ? " Drawn from a sample of the refined rates." : "")
                + " The dashed line is 2/\u03bb_max, where it is known.";
    }

    /** A colour index per configuration, in the table's order, the same in both pictures. */
    private static Map<String, Integer> colours(Set<String> names) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String n : names) {
            out.putIfAbsent(n, out.size());
        }
        return out;
    }

    static String zoomCaption(RefinementData r) {
        return "The same, over the rates around the starts' boundary brackets: the last rounds' "
                + "rates at either side of the boundary, converging (100%) just below it and not (0%) just above, "
                + "each bracket at most " + Fmt.shortNumber(r.tolerance()) + " wide (relatively) once pinned down.";
    }

    /**
     * Marks each configuration's 2/λ_max as a dashed vertical line (in its colour when there are several),
     * widening {@code range} to show it; adds a legend item. Whether any was known.
     */
    private static boolean markCriticalRates(XYPlot plot, RefinementData r, LegendItemCollection legend,
            double[] range) {
        boolean several = r.configurations().size() > 1;
        Set<Double> drawn = new LinkedHashSet<>();
        for (int i = 0; i < r.configurations().size(); i++) {
            Double critical = r.configurations().get(i).criticalRate();
            if (critical == null || !(critical > 0) || !Double.isFinite(critical) || !drawn.add(critical)) {
                continue;
            }
            ValueMarker m = new ValueMarker(critical);
            m.setPaint(several ? Palette.series(i) : Color.BLACK);
            m.setStroke(DASHED);
            plot.addDomainMarker(m);
            range[0] = Math.min(range[0], critical);
            range[1] = Math.max(range[1], critical);
        }
        if (!drawn.isEmpty()) {
            String label = drawn.size() == 1
                    ? "2/\u03bb_max = " + Fmt.shortNumber(drawn.iterator().next()) + " (stability analysis)"
                    : "2/\u03bb_max of each configuration (stability analysis)";
            legend.add(new LegendItem(label, null, null, null, new Line2D.Double(-12, 0, 12, 0), DASHED,
                    several ? Color.DARK_GRAY : Color.BLACK));
        }
        return !drawn.isEmpty();
    }
}
