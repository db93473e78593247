package dev.gdsweep.html;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * For a sweep with a loss axis: the stability boundary against the loss setting. The largest stable
 * learning rate of each setting (solid) and the median of 2/λ_max over its converged runs (dashed), one
 * pair of lines per optimizer configuration: on Rosenbrock it falls about as 1/b as the valley steepens.
 */
final class LossSettingChart {

    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    static final String SECTION = "Stability against the loss setting";

    private LossSettingChart() {}

    static List<Figure> write(ReportData d, Path imageDir) throws IOException {
        List<SettingStability> points = d.settingStability();
        if (points.isEmpty()) {
            return List.of();
        }
        Map<String, List<SettingStability>> byConfiguration = new LinkedHashMap<>();
        for (SettingStability p : points) {
            byConfiguration.computeIfAbsent(p.configuration(), k -> new ArrayList<>()).add(p);
        }
        boolean several = byConfiguration.size() > 1;
        XYSeriesCollection lines = new XYSeriesCollection();
        double xLo = Double.POSITIVE_INFINITY;
        double xHi = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        boolean positive = true;
        for (SettingStability p : points) {
            xLo = Math.min(xLo, p.value());
            xHi = Math.max(xHi, p.value());
            positive &= p.value() > 0;
        }
        for (Map.Entry<String, List<SettingStability>> g : byConfiguration.entrySet()) {
            String prefix = several ? g.getKey() + ": " : "";
            XYSeries stable = new XYSeries(prefix + "largest stable learning rate", true, true);
            XYSeries critical = new XYSeries(prefix + "median 2/\u03bb_max (converged runs)", true, true);
            for (SettingStability p : g.getValue()) {
                stable.add(p.value(), p.largestStableRate());
                critical.add(p.value(), p.medianCriticalRate());
                for (Double y : new Double[] {p.largestStableRate(), p.medianCriticalRate()}) {
                    if (y != null && y > 0 && Double.isFinite(y)) {
                        yLo = Math.min(yLo, y);
                        yHi = Math.max(yHi, y);
                    }
                }
            }
            lines.addSeries(stable);
            lines.addSeries(critical);
        }
        if (!(yLo <= yHi)) {
            return List.of();
        }
        String label = d.settingLabel();
        ValueAxis x;
        if (positive) {
            LogAxis log = Charts.logAxis(label + " (log scale)");
            Charts.logRange(log, xLo, xHi);
            x = log;
        } else {
            NumberAxis linear = Charts.numberAxis(label);
            linear.setAutoRangeIncludesZero(false);
            x = linear;
        }
        LogAxis y = Charts.logAxis("learning rate \u03b7 (log scale)");
        Charts.logRange(y, yLo, yHi);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < lines.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, Palette.series(i / 2));
            renderer.setSeriesStroke(i, i % 2 == 0 ? new BasicStroke(2.5f)
                    : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        }
        JFreeChart chart = Charts.chart("Largest stable learning rate against " + label, new XYPlot(lines, x, y,
                renderer), true);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        Charts.writePng(chart, imageDir.resolve("stability-against-loss-setting.png"), WIDTH, HEIGHT);
        return List.of(new Figure("stability-against-loss-setting.png", SECTION,
                "Largest stable learning rate against " + label,
                "For each loss setting, the largest learning rate at which no run diverged (solid) and the median "
                        + "of 2/\u03bb_max, the theoretical boundary at the minima the converged runs reached (dashed)"
                        + (several ? ", one colour per optimizer configuration" : "") + ". Look for how the boundary "
                        + "moves with the setting: a landscape whose curvature grows as the setting grows allows a "
                        + "proportionally smaller rate (a slope of -1 on these log scales). The observed rate is "
                        + "only as fine as the grid of learning rates; a gap means every rate diverged, or no run "
                        + "converged.",
                WIDTH, HEIGHT));
    }
}
