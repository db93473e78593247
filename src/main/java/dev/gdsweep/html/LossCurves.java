package dev.gdsweep.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Picture 6: the loss against the iteration for the recorded trajectories, coloured by learning rate. */
final class LossCurves {

    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    static final int MAX_CURVES = 200;
    static final int MAX_POINTS_PER_CURVE = 2000;
    static final int MAX_LEGEND_RATES = 16;
    static final String SECTION = "Loss along the recorded trajectories";

    private LossCurves() {}

    static List<Figure> write(ReportData d, Path imageDir) throws IOException {
        if (d.trajectories().isEmpty()) {
            return List.of();
        }
        Map<String, List<RunPoint>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, List<RunPoint>> g : Configurations.runs(d).entrySet()) {
            List<RunPoint> traced = g.getValue().stream()
                    .filter(p -> !d.trajectories().getOrDefault(p.runId(), List.of()).isEmpty())
                    .sorted(Comparator.comparingDouble(RunPoint::learningRate).thenComparingLong(RunPoint::runId))
                    .toList();
            if (!traced.isEmpty()) {
                groups.put(g.getKey(), traced);
            }
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        // One colour per rate across all configurations, on a log scale from the smallest to the largest rate.
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (RunPoint p : d.runs()) {
            if (p.learningRate() > 0 && Double.isFinite(p.learningRate())) {
                lo = Math.min(lo, Math.log10(p.learningRate()));
                hi = Math.max(hi, Math.log10(p.learningRate()));
            }
        }
        double floor = floor(d, groups);
        List<Figure> figures = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<RunPoint>> g : groups.entrySet()) {
            index++;
            List<RunPoint> shown = Sampling.sample(g.getValue(), RunPoint::runId, MAX_CURVES);
            JFreeChart chart = chart(d, g.getKey(), groups.size() > 1, shown, g.getValue().size(), lo, hi, floor);
            String file = "loss-vs-iteration-" + index + ".png";
            Charts.writePng(chart, imageDir.resolve(file), WIDTH, HEIGHT);
            StringBuilder c = new StringBuilder();
            if (groups.size() > 1) {
                c.append("Configuration ").append(g.getKey()).append(". ");
            }
            c.append("The loss at every recorded iteration, one line per recorded run, coloured by its learning rate "
                    + "(dark: small, yellow: large). Look for the slope of the descent (steeper with larger rates), "
                    + "plateaus where a run crawls along a valley, saw-teeth where it bounces, and lines that shoot up "
                    + "and end: divergence.");
            if (shown.size() < g.getValue().size()) {
                c.append(" A fixed sample of ").append(shown.size()).append(" of the ").append(g.getValue().size())
                        .append(" recorded runs is shown.");
            }
            d.seaLevel(g.getKey()).filter(level -> level.loss() > 0).ifPresent(level -> c.append(" The blue line is the "
                    + "sea level, the loss at the optimum (").append(Fmt.number(level.loss())).append(")."));
            c.append(" Losses below ").append(Fmt.number(floor)).append(" (zero included) are drawn at that floor; "
                    + "losses that are not finite are left out.");
            figures.add(new Figure(file, SECTION,
                    groups.size() > 1 ? "Loss against iteration: " + g.getKey() : "Loss against iteration",
                    c.toString(), WIDTH, HEIGHT));
        }
        return figures;
    }

    private static double floor(ReportData d, Map<String, List<RunPoint>> groups) {
        double minPositive = Double.POSITIVE_INFINITY;
        for (List<RunPoint> runs : groups.values()) {
            for (RunPoint p : runs) {
                for (TrajectoryStep s : d.trajectories().get(p.runId())) {
                    if (s.loss() > 0 && Double.isFinite(s.loss())) {
                        minPositive = Math.min(minPositive, s.loss());
                    }
                }
            }
        }
        return Double.isFinite(minPositive) ? Math.max(minPositive / 10, 1e-30) : 1e-16;
    }

    static Color colour(double lr, double lo, double hi) {
        if (!(hi > lo)) {
            return Palette.viridis(0.5);
        }
        return Palette.viridis((Math.log10(lr) - lo) / (hi - lo) * 0.92);
    }

    private static JFreeChart chart(ReportData d, String configuration, boolean several, List<RunPoint> shown, int all,
            double lo, double hi, double floor) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        TreeSet<Double> rates = new TreeSet<>();
        double top = floor;
        for (RunPoint p : shown) {
            List<TrajectoryStep> steps = d.trajectories().get(p.runId());
            XYSeries s = new XYSeries("run " + p.runId(), false, true);
            int stride = Math.max(1, (steps.size() + MAX_POINTS_PER_CURVE - 1) / MAX_POINTS_PER_CURVE);
            for (int i = 0; i < steps.size(); i++) {
                TrajectoryStep step = steps.get(i);
                if (!Double.isFinite(step.loss())) {
                    break;
                }
                top = Math.max(top, step.loss());
                if (i % stride == 0 || i == steps.size() - 1) {
                    s.add((double) step.iteration(), Math.max(step.loss(), floor), false);
                }
            }
            dataset.addSeries(s);
            int index = dataset.getSeriesCount() - 1;
            renderer.setSeriesPaint(index, Palette.withAlpha(colour(p.learningRate(), lo, hi), 210));
            renderer.setSeriesStroke(index, new BasicStroke(1.8f));
            rates.add(p.learningRate());
        }
        NumberAxis x = Charts.numberAxis("iteration");
        x.setAutoRangeIncludesZero(true);
        LogAxis y = Charts.logAxis("loss (log scale)");
        var sea = d.seaLevel(configuration).filter(level -> level.loss() > 0);
        Charts.logRange(y, Math.min(floor, sea.map(level -> level.loss() / 2).orElse(floor)), top);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        sea.ifPresent(level -> plot.addRangeMarker(FinalLossChart.seaLevelMarker(level.loss())));
        JFreeChart chart = Charts.chart("Loss against iteration", plot, rates.size() <= MAX_LEGEND_RATES);
        String sub = (several ? configuration + "; " : "") + shown.size() + " recorded runs"
                + (shown.size() < all ? " (of " + all + ")" : "");
        chart.addSubtitle(0, new TextTitle(sub, Charts.SUBTITLE_FONT));
        if (rates.size() <= MAX_LEGEND_RATES) {
            LegendItemCollection items = new LegendItemCollection();
            sea.ifPresent(level -> items.add(FinalLossChart.seaLevelLegend(level.loss())));
            for (double lr : rates) {
                items.add(new LegendItem("η = " + Fmt.rate(lr), null, null, null, new Line2D.Double(-12, 0, 12, 0),
                        new BasicStroke(4f), colour(lr, lo, hi)));
            }
            plot.setFixedLegendItems(items);
            chart.getLegend().setPosition(RectangleEdge.RIGHT);
        } else {
            LookupPaintScale scale = new LookupPaintScale(lo, hi > lo ? hi : lo + 1, colour(Math.pow(10, hi), lo, hi));
            for (int k = 0; k < 100; k++) {
                double v = lo + k * (hi - lo) / 100;
                scale.add(v, colour(Math.pow(10, v), lo, hi));
            }
            NumberAxis axis = Charts.numberAxis("log\u2081\u2080(learning rate)");
            axis.setRange(lo, hi > lo ? hi : lo + 1);
            PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
            legend.setStripWidth(16);
            legend.setMargin(new RectangleInsets(30, 12, 40, 4));
            chart.addSubtitle(legend);
        }
        return chart;
    }
}
