package dev.gdsweep.html;

import dev.gdsweep.engine.Status;
import dev.gdsweep.report.SeaLevel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Picture 1: the final loss of every run against its learning rate, coloured by status. */
final class FinalLossChart {

    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    static final int MAX_POINTS = 20_000;
    static final String SECTION = "Final loss against learning rate";

    private FinalLossChart() {}

    /** The loss floor and ceiling where unplottable losses are drawn. */
    record Clamp(double floor, double ceiling) {
        double y(double loss) {
            if (Double.isNaN(loss) || loss == Double.POSITIVE_INFINITY) {
                return ceiling;
            }
            return Math.max(loss, floor);
        }
    }

    static Clamp clamp(List<RunPoint> runs) {
        double minPositive = Double.POSITIVE_INFINITY;
        double maxFinite = Double.NEGATIVE_INFINITY;
        for (RunPoint p : runs) {
            double l = p.finalLoss();
            if (Double.isFinite(l)) {
                maxFinite = Math.max(maxFinite, l);
                if (l > 0) {
                    minPositive = Math.min(minPositive, l);
                }
            }
        }
        double floor = Double.isFinite(minPositive) ? Math.max(minPositive / 10, 1e-30) : 1e-16;
        double ceiling = maxFinite > floor ? Math.min(maxFinite * 10, 1e300) : floor * 1e6;
        return new Clamp(floor, ceiling);
    }

    static List<Figure> write(ReportData d, Path imageDir) throws IOException {
        Map<String, List<RunPoint>> groups = Configurations.runs(d);
        if (groups.isEmpty()) {
            return List.of();
        }
        Clamp clamp = clamp(d.runs());
        double jitter = jitterWidth(d.runs());
        List<Figure> figures = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<RunPoint>> g : groups.entrySet()) {
            index++;
            String file = "final-loss-vs-learning-rate-" + index + ".png";
            List<RunPoint> all = g.getValue();
            List<RunPoint> shown = Sampling.sample(all, RunPoint::runId, MAX_POINTS);
            int belowFloor = 0;
            int nonFinite = 0;
            for (RunPoint p : all) {
                double l = p.finalLoss();
                if (Double.isNaN(l) || l == Double.POSITIVE_INFINITY) {
                    nonFinite++;
                } else if (l < clamp.floor()) {
                    belowFloor++;
                }
            }
            Optional<SeaLevel> sea = d.seaLevel(g.getKey()).filter(s -> s.loss() > 0);
            JFreeChart chart = chart(g.getKey(), groups.size() > 1, all, shown, clamp, jitter, range(d.runs(), clamp),
                    belowFloor > 0, nonFinite > 0, sea);
            Charts.writePng(chart, imageDir.resolve(file), WIDTH, HEIGHT);
            StringBuilder caption = new StringBuilder();
            if (groups.size() > 1) {
                caption.append("Configuration ").append(g.getKey()).append(". ");
            }
            caption.append("One dot per run at its learning rate (spread a little sideways so that runs at the same "
                    + "rate do not hide each other) and the loss where it stopped, coloured by status. Look for the "
                    + "band of rates whose runs reach a low loss (green, at the bottom), orange runs that ran out of "
                    + "iterations (small rates: too slow; large ones: bouncing), and the rate from which red "
                    + "(diverged) runs appear at the top.");
            sea.ifPresent(level -> caption.append(" The blue line is the sea level: the loss at the optimum, ")
                    .append(Fmt.number(level.loss())).append(" (").append(level.solver())
                    .append(", certified by the gradient of the loss itself); a run's height above it is its loss_gap."));
            if (belowFloor > 0) {
                caption.append(" Losses below ").append(Fmt.number(clamp.floor())).append(" (").append(belowFloor)
                        .append(" runs, zero or negative included) are drawn at that floor.");
            }
            if (nonFinite > 0) {
                caption.append(" Losses that are not finite (").append(nonFinite).append(" runs) are drawn at ")
                        .append(Fmt.number(clamp.ceiling())).append('.');
            }
            if (shown.size() < all.size()) {
                caption.append(" A fixed sample of ").append(shown.size()).append(" of the ").append(all.size())
                        .append(" runs is shown.");
            }
            figures.add(new Figure(file, SECTION,
                    groups.size() > 1 ? "Final loss: " + g.getKey() : "Final loss against learning rate",
                    caption.toString(), WIDTH, HEIGHT));
        }
        return figures;
    }

    /** The sideways spread, in decades: a third of the smallest gap between rates, at most 0.15. */
    static double jitterWidth(List<RunPoint> runs) {
        TreeSet<Double> logs = new TreeSet<>();
        for (RunPoint p : runs) {
            if (p.learningRate() > 0 && Double.isFinite(p.learningRate())) {
                logs.add(Math.log10(p.learningRate()));
            }
        }
        double gap = Double.POSITIVE_INFINITY;
        Double previous = null;
        for (double l : logs) {
            if (previous != null && l - previous > 1e-9) {
                gap = Math.min(gap, l - previous);
            }
            previous = l;
        }
        return Double.isFinite(gap) ? Math.min(gap / 3, 0.15) : 0.1;
    }

    /** The smallest and largest rate, and the lowest and highest plotted loss, over all runs. */
    static double[] range(List<RunPoint> runs, Clamp clamp) {
        double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (RunPoint p : runs) {
            double lr = p.learningRate();
            if (lr > 0 && Double.isFinite(lr)) {
                r[0] = Math.min(r[0], lr);
                r[1] = Math.max(r[1], lr);
            }
            double y = clamp.y(p.finalLoss());
            if (y > 0 && Double.isFinite(y)) {
                r[2] = Math.min(r[2], y);
                r[3] = Math.max(r[3], y);
            }
        }
        return r;
    }

    private static JFreeChart chart(String configuration, boolean several, List<RunPoint> all, List<RunPoint> shown,
            Clamp clamp, double jitter, double[] range, boolean floorUsed, boolean ceilingUsed, Optional<SeaLevel> sea) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (RunPoint p : all) {
            counts.merge(p.status(), 1, Integer::sum);
        }
        List<Status> statuses = new ArrayList<>();
        for (Status s : Palette.STATUS_ORDER) {
            if (counts.containsKey(s)) {
                statuses.add(s);
            }
        }
        // A status the legend order does not list yet still gets its series, after the others.
        counts.keySet().stream().filter(s -> !Palette.STATUS_ORDER.contains(s)).forEach(statuses::add);

        Map<Status, XYSeries> series = new EnumMap<>(Status.class);
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Status s : statuses) {
            XYSeries xy = new XYSeries(s.name() + " (" + counts.get(s) + ")", false, true);
            series.put(s, xy);
            dataset.addSeries(xy);
        }
        for (RunPoint p : shown) {
            double lr = p.learningRate();
            if (!(lr > 0) || !Double.isFinite(lr)) {
                continue;
            }
            double x = lr * Math.pow(10, (Sampling.unit(p.runId()) - 0.5) * jitter);
            series.get(p.status()).add(x, clamp.y(p.finalLoss()), false);
        }

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        int alpha = shown.size() > 5000 ? 90 : 160;
        for (int i = 0; i < statuses.size(); i++) {
            Color c = Palette.status(statuses.get(i));
            renderer.setSeriesPaint(i, Palette.withAlpha(c, alpha));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
            renderer.setLegendShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
        }
        LogAxis x = Charts.logAxis("learning rate η (log scale)");
        LogAxis y = Charts.logAxis("final loss (log scale)");
        double spread = Math.pow(10, jitter / 2);
        Charts.logRange(x, range[0] / spread, range[1] * spread);
        Charts.logRange(y, Math.min(range[2], sea.map(s -> s.loss() / 2).orElse(range[2])), range[3]);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        LegendItemCollection legend = new LegendItemCollection();
        legend.addAll(plot.getLegendItems());
        sea.ifPresent(s -> {
            plot.addRangeMarker(seaLevelMarker(s.loss()));
            legend.add(seaLevelLegend(s.loss()));
        });
        if (floorUsed) {
            plot.addRangeMarker(marker(clamp.floor()));
            legend.add(markerLegend("losses below " + Fmt.shortNumber(clamp.floor()) + " drawn at this floor"));
        }
        if (ceilingUsed) {
            plot.addRangeMarker(marker(clamp.ceiling()));
            legend.add(markerLegend("losses that are not finite drawn here"));
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = Charts.chart("Final loss against learning rate", plot, true);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        String sub = (several ? configuration + "; " : "") + all.size() + " runs"
                + (shown.size() < all.size() ? " (" + shown.size() + " shown)" : "");
        TextTitle subtitle = new TextTitle(sub, Charts.SUBTITLE_FONT);
        chart.addSubtitle(0, subtitle);
        return chart;
    }

    private static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private static ValueMarker marker(double value) {
        ValueMarker m = new ValueMarker(value);
        m.setPaint(Color.GRAY);
        m.setStroke(DASHED);
        return m;
    }

    /** The sea level: the loss at a convex model's optimum (see {@link SeaLevel}), as a solid blue line. */
    static ValueMarker seaLevelMarker(double loss) {
        ValueMarker m = new ValueMarker(loss);
        m.setPaint(SEA);
        m.setStroke(new BasicStroke(2f));
        return m;
    }

    static LegendItem seaLevelLegend(double loss) {
        return new LegendItem("sea level: the optimum, loss " + Fmt.shortNumber(loss), null, null, null,
                new Line2D.Double(-12, 0, 12, 0), new BasicStroke(2f), SEA);
    }

    private static final Color SEA = new Color(0x1f, 0x5f, 0xbf);

    private static LegendItem markerLegend(String label) {
        return new LegendItem(label, null, null, null, new Line2D.Double(-12, 0, 12, 0), DASHED, Color.GRAY);
    }
}
