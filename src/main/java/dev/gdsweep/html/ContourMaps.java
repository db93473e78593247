package dev.gdsweep.html;

import dev.gdsweep.engine.Status;
import dev.gdsweep.report.SummaryRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Align;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Picture 4: the 2-D loss as a filled contour map (log colour), with trajectories at a too small, a
 * good and a too large learning rate.
 */
final class ContourMaps {

    static final int WIDTH = 800;
    static final int HEIGHT = 720;
    static final int RESOLUTION = 200;
    static final int MAX_TRAJECTORIES = 16;
    static final int MAX_POINTS_PER_TRAJECTORY = 2000;
    static final int MAX_ENDPOINTS = 300;
    static final String SECTION = "Trajectories on the loss landscape";

    static final Color START_FILL = Color.WHITE;
    static final Color END_FILL = Color.BLACK;
    static final Color MINIMUM_FILL = new Color(0xff2bd6);
    private static final Color[] TRAJECTORY = {
        Color.WHITE, new Color(0xff3b3b), new Color(0xffa600), new Color(0x00e5ff), new Color(0xff66ff),
        new Color(0xb0ff3b), new Color(0xffd6a5), new Color(0x8fb3ff),
    };

    private ContourMaps() {}

    static List<Figure> write(ReportData d, Path imageDir) throws IOException {
        if (d.dimension() != 2 || d.lossEvaluator() == null || d.summary().isEmpty()) {
            return List.of();
        }
        String configuration = LearningRateRoles.bestConfiguration(d.summary()).orElseThrow();
        Map<String, List<SummaryRow>> groups = LearningRateRoles.byConfiguration(d.summary());
        List<LearningRateRoles.Pick> picks = LearningRateRoles.choose(groups.get(configuration));
        List<RunPoint> runs = d.runs().stream().filter(p -> p.configuration().equals(configuration)).toList();
        PlotBox box = PlotBox.of(d, runs);
        LossGrid grid = LossGrid.evaluate(d.lossEvaluator(), box, RESOLUTION);
        if (grid == null) {
            return List.of();
        }
        List<Figure> figures = new ArrayList<>();
        for (LearningRateRoles.Pick pick : picks) {
            List<RunPoint> atRate = runs.stream()
                    .filter(p -> Configurations.sameRate(p.learningRate(), pick.learningRate()))
                    .toList();
            List<RunPoint> traced = Sampling.sample(
                    atRate.stream().filter(p -> d.trajectories().containsKey(p.runId()) && !d.trajectories().get(p.runId()).isEmpty())
                            .sorted(Comparator.comparingLong(RunPoint::runId)).toList(),
                    RunPoint::runId, MAX_TRAJECTORIES);
            List<RunPoint> marked = traced.isEmpty() ? Sampling.sample(atRate, RunPoint::runId, MAX_ENDPOINTS) : traced;
            String role = pick.role().label();
            String title = capitalise(role) + " learning rate: η = " + Fmt.rate(pick.learningRate());
            JFreeChart chart = chart(d, box, grid, title, subtitle(pick.row(), groups.size() > 1 ? configuration : null),
                    traced, marked);
            String file = "contour-" + pick.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".png";
            Charts.writePng(chart, imageDir.resolve(file), WIDTH, HEIGHT);
            figures.add(new Figure(file, SECTION, capitalise(role) + ": η = " + Fmt.rate(pick.learningRate()),
                    caption(pick, configuration, groups.size(), traced.size(), marked.size(), atRate.size(), grid),
                    WIDTH, HEIGHT));
        }
        return figures;
    }

    private static String subtitle(SummaryRow r, String configuration) {
        String s = Fmt.percent(r.convergedFraction()) + " converged, " + r.diverged() + " of " + r.runs() + " diverged"
                + (r.medianIterations() == null ? "" : ", median " + Fmt.number(r.medianIterations()) + " iterations");
        return configuration == null ? s : configuration + ": " + s;
    }

    private static String caption(LearningRateRoles.Pick pick, String configuration, int configurations, int traced,
            int marked, int atRate, LossGrid grid) {
        StringBuilder c = new StringBuilder();
        c.append(switch (pick.role()) {
            case TOO_SMALL -> "The smallest learning rate of the sweep. Look for short paths that stop far from the "
                    + "minima (slow progress, runs out of iterations) or paths that creep down the valley floor.";
            case GOOD -> "The learning rate with the highest converged fraction and, among those, the fewest median "
                    + "iterations. Look for paths that run straight downhill into the nearest minimum.";
            case TOO_LARGE -> "The smallest learning rate above the good one at which some run diverged (or the largest "
                    + "rate, when none did). Look for paths that zig-zag across the valley, overshoot the minimum or "
                    + "leave the map.";
        });
        if (traced > 0) {
            c.append(" Lines: ").append(traced).append(" recorded trajectories at this rate");
            if (traced < atRate) {
                c.append(" (of ").append(atRate).append(" runs)");
            }
            c.append("; white circles mark where they start, black squares where they stop.");
        } else if (marked == 0) {
            c.append(" No run at this rate is in the data: the map shows the landscape only.");
        } else {
            c.append(" No trajectory was recorded at this rate: white circles mark where ").append(marked)
                    .append(marked < atRate ? " of the " + atRate : "").append(" runs start, black squares where they "
                    + "stop (diverged runs have no stop inside the map).");
        }
        c.append(" Pink stars: known minima. Colour: log\u2081\u2080(loss \u2212 min + \u03b5), dark is low, with min = ")
                .append(Fmt.number(grid.min())).append(" on the map and \u03b5 = ").append(Fmt.number(grid.epsilon()))
                .append('.');
        if (configurations > 1) {
            c.append(" Configuration ").append(configuration).append(", the one whose best rate converges most often "
                    + "(then fastest) of the ").append(configurations).append('.');
        }
        return c.toString();
    }

    private static JFreeChart chart(ReportData d, PlotBox box, LossGrid grid, String title, String subtitle,
            List<RunPoint> traced, List<RunPoint> marked) {
        PlotBox far = box.grown(1);
        XYSeriesCollection lines = new XYSeriesCollection();
        for (RunPoint p : traced) {
            lines.addSeries(trajectory(p.runId(), d.trajectories().get(p.runId()), box, far));
        }
        XYSeriesCollection starts = new XYSeriesCollection();
        XYSeries s = new XYSeries("start", false, true);
        XYSeries e = new XYSeries("end", false, true);
        for (RunPoint p : marked) {
            if (Double.isFinite(p.initial(0)) && Double.isFinite(p.initial(1))) {
                s.add(p.initial(0), p.initial(1), false);
            }
            if (p.status() != Status.DIVERGED && box.contains(p.end(0), p.end(1))) {
                e.add(p.end(0), p.end(1), false);
            }
        }
        starts.addSeries(s);
        XYSeriesCollection ends = new XYSeriesCollection(e);
        XYSeries m = new XYSeries("known minimum", false, true);
        for (KnownMinimum k : d.minima()) {
            double[] p = k.point();
            if (p.length >= 2 && box.contains(p[0], p[1])) {
                m.add(p[0], p[1], false);
            }
        }
        XYSeriesCollection minima = new XYSeriesCollection(m);

        NumberAxis x = Charts.numberAxis("weight w\u2081");
        NumberAxis y = Charts.numberAxis("weight w\u2082");
        x.setAutoRange(false);
        y.setAutoRange(false);
        x.setRange(box.xMin(), box.xMax());
        y.setRange(box.yMin(), box.yMax());

        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < lines.getSeriesCount(); i++) {
            lineRenderer.setSeriesPaint(i, TRAJECTORY[i % TRAJECTORY.length]);
            lineRenderer.setSeriesStroke(i, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        XYPlot plot = new XYPlot(lines, x, y, lineRenderer);
        // Drawn in this order: lines, minima, starts, ends (an end at a minimum shows inside its star).
        plot.setDataset(1, minima);
        plot.setRenderer(1, markers(star(11), MINIMUM_FILL, Color.BLACK));
        plot.setDataset(2, starts);
        plot.setRenderer(2, markers(new Ellipse2D.Double(-5, -5, 10, 10), START_FILL, Color.BLACK));
        plot.setDataset(3, ends);
        plot.setRenderer(3, markers(new Rectangle2D.Double(-3.5, -3.5, 7, 7), END_FILL, Color.WHITE));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

        JFreeChart chart = Charts.chart(title, plot, true);
        plot.setBackgroundImage(grid.image());
        plot.setBackgroundImageAlignment(Align.FIT);
        plot.setBackgroundImageAlpha(1.0f);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setFixedLegendItems(legend(!traced.isEmpty()));
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.addSubtitle(0, new TextTitle(subtitle, Charts.SUBTITLE_FONT));

        NumberAxis zAxis = Charts.numberAxis("log\u2081\u2080(loss \u2212 min + \u03b5)");
        zAxis.setRange(grid.zLow(), grid.zHigh());
        zAxis.setTickLabelFont(Charts.TICK_FONT);
        PaintScaleLegend scale = new PaintScaleLegend(grid.scale(), zAxis);
        scale.setPosition(RectangleEdge.RIGHT);
        scale.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        scale.setStripWidth(18);
        scale.setSubdivisionCount(LossGrid.BANDS * 10);
        scale.setMargin(new RectangleInsets(30, 12, 60, 4));
        scale.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(scale);
        return chart;
    }

    /** A trajectory's path, cut where it stops being finite and clipped where it first runs far off the map. */
    static XYSeries trajectory(long runId, List<TrajectoryStep> steps, PlotBox box, PlotBox far) {
        XYSeries series = new XYSeries("run " + runId, false, true);
        int stride = Math.max(1, (steps.size() + MAX_POINTS_PER_TRAJECTORY - 1) / MAX_POINTS_PER_TRAJECTORY);
        double px = Double.NaN;
        double py = Double.NaN;
        for (int i = 0; i < steps.size(); i++) {
            boolean last = i == steps.size() - 1;
            TrajectoryStep step = steps.get(i);
            double wx = step.weight(0);
            double wy = step.weight(1);
            if (!Double.isFinite(wx) || !Double.isFinite(wy)) {
                break;
            }
            if (!far.contains(wx, wy)) {
                if (!Double.isNaN(px)) {
                    double[] q = far.exit(px, py, wx, wy);
                    if (Double.isFinite(q[0]) && Double.isFinite(q[1])) {
                        series.add(q[0], q[1], false);
                    }
                }
                break;
            }
            if (i % stride == 0 || last || !box.contains(wx, wy)) {
                series.add(wx, wy, false);
            }
            px = wx;
            py = wy;
        }
        return series;
    }

    private static XYLineAndShapeRenderer markers(Shape shape, Color fill, Color outline) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesShape(0, shape);
        r.setUseFillPaint(true);
        r.setSeriesFillPaint(0, fill);
        r.setSeriesPaint(0, fill);
        r.setDrawOutlines(true);
        r.setUseOutlinePaint(true);
        r.setSeriesOutlinePaint(0, outline);
        r.setSeriesOutlineStroke(0, new BasicStroke(1.5f));
        return r;
    }

    static Shape star(double radius) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? radius : radius * 0.45;
            double a = -Math.PI / 2 + i * Math.PI / 5;
            if (i == 0) {
                p.moveTo(r * Math.cos(a), r * Math.sin(a));
            } else {
                p.lineTo(r * Math.cos(a), r * Math.sin(a));
            }
        }
        p.closePath();
        return p;
    }

    private static LegendItemCollection legend(boolean withLines) {
        LegendItemCollection items = new LegendItemCollection();
        BasicStroke thin = new BasicStroke(1.5f);
        Line2D line = new Line2D.Double(-12, 0, 12, 0);
        if (withLines) {
            items.add(new LegendItem("trajectory (one colour per run)", null, null, null, line, new BasicStroke(3f),
                    new Color(0xff3b3b)));
        }
        items.add(new LegendItem("start", null, null, null, true, new Ellipse2D.Double(-5, -5, 10, 10), true,
                START_FILL, true, Color.BLACK, thin, false, line, thin, Color.BLACK));
        items.add(new LegendItem("end", null, null, null, true, new Rectangle2D.Double(-3.5, -3.5, 7, 7), true,
                END_FILL, true, Color.BLACK, thin, false, line, thin, Color.BLACK));
        items.add(new LegendItem("known minimum", null, null, null, true, star(8), true, MINIMUM_FILL, true,
                Color.BLACK, thin, false, line, thin, Color.BLACK));
        return items;
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
