package dev.gdsweep.html;

import dev.gdsweep.report.SummaryRow;
import java.awt.BasicStroke;
import java.awt.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Pictures 2 and 3: converged fraction and median iterations against learning rate, one line per configuration. */
final class ConvergenceCharts {

    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    static final String SECTION = "Convergence against learning rate";
    /** Where a median of 0 iterations is drawn on the log axis. */
    static final double ZERO_ITERATIONS_AT = 0.5;

    private ConvergenceCharts() {}

    static List<Figure> write(ReportData d, Path imageDir) throws IOException {
        Map<String, List<SummaryRow>> groups = LearningRateRoles.byConfiguration(d.summary());
        if (groups.isEmpty()) {
            return List.of();
        }
        List<Figure> figures = new ArrayList<>();
        boolean several = groups.size() > 1;

        XYSeriesCollection fractions = new XYSeriesCollection();
        for (Map.Entry<String, List<SummaryRow>> g : groups.entrySet()) {
            XYSeries s = new XYSeries(g.getKey(), true, true);
            for (SummaryRow r : g.getValue()) {
                if (r.learningRate() > 0 && !Double.isNaN(r.convergedFraction())) {
                    s.add(r.learningRate(), 100 * r.convergedFraction());
                }
            }
            fractions.addSeries(s);
        }
        NumberAxis percent = Charts.numberAxis("converged runs (% of runs)");
        percent.setRange(-2, 102);
        percent.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(10));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SummaryRow r : d.summary()) {
            if (r.learningRate() > 0 && Double.isFinite(r.learningRate())) {
                lo = Math.min(lo, r.learningRate());
                hi = Math.max(hi, r.learningRate());
            }
        }
        JFreeChart fraction = lines("Converged fraction against learning rate", fractions, percent, several, lo, hi);
        Charts.writePng(fraction, imageDir.resolve("converged-fraction.png"), WIDTH, HEIGHT);
        figures.add(new Figure("converged-fraction.png", SECTION, "Converged fraction",
                "The share of runs that converged at each learning rate" + (several ? ", one line per configuration" : "")
                        + ". Look for the plateau at 100% (the rates that work from every start), how early it starts "
                        + "(small rates that run out of iterations pull it down) and the rate where it falls off "
                        + "(bouncing or divergence)" + (several ? "; a configuration whose plateau is wider is more "
                        + "forgiving of the learning rate." : "."),
                WIDTH, HEIGHT));

        XYSeriesCollection medians = new XYSeriesCollection();
        boolean zero = false;
        boolean any = false;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, List<SummaryRow>> g : groups.entrySet()) {
            XYSeries s = new XYSeries(g.getKey(), true, true);
            for (SummaryRow r : g.getValue()) {
                if (!(r.learningRate() > 0)) {
                    continue;
                }
                Double m = r.medianIterations();
                if (m == null || m.isNaN()) {
                    s.add(r.learningRate(), (Number) null);
                } else {
                    any = true;
                    zero |= m <= 0;
                    double v = m <= 0 ? ZERO_ITERATIONS_AT : m;
                    s.add(r.learningRate(), v);
                    yLo = Math.min(yLo, v);
                    yHi = Math.max(yHi, v);
                }
            }
            medians.addSeries(s);
        }
        if (any) {
            LogAxis iterations = Charts.logAxis("median iterations to converge (log scale)");
            Charts.logRange(iterations, yLo, yHi);
            JFreeChart median = lines("Median iterations to converge against learning rate", medians, iterations,
                    several, lo, hi);
            Charts.writePng(median, imageDir.resolve("median-iterations.png"), WIDTH, HEIGHT);
            figures.add(new Figure("median-iterations.png", SECTION, "Median iterations to converge",
                    "The median number of iterations of the runs that converged, at each learning rate"
                            + (several ? ", one line per configuration" : "") + ". Look for the steady fall as the rate "
                            + "grows (each step goes further) and where it stops falling or turns up: past that rate the "
                            + "steps overshoot. A gap means no run converged at that rate; a median over very few "
                            + "converged runs (see the summary table) says little."
                            + (zero ? " A median of 0 iterations (runs that start at a minimum) is drawn at "
                            + ZERO_ITERATIONS_AT + "." : ""),
                    WIDTH, HEIGHT));
        }
        return figures;
    }

    private static JFreeChart lines(String title, XYSeriesCollection dataset, ValueAxis y, boolean several, double lo,
            double hi) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Shape[] shapes = DefaultDrawingSupplier.createStandardSeriesShapes();
        LogAxis x = Charts.logAxis("learning rate η (log scale)");
        Charts.logRange(x, lo, hi);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        JFreeChart chart = Charts.chart(title, plot, several);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, Palette.series(i));
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
            renderer.setSeriesShape(i, scaled(shapes[i % shapes.length], 1.4));
        }
        if (several) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    private static Shape scaled(Shape s, double factor) {
        return java.awt.geom.AffineTransform.getScaleInstance(factor, factor).createTransformedShape(s);
    }
}
