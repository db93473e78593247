package dev.gdsweep.html;

import dev.gdsweep.engine.Status;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One panel of the {@link BasinMap}, for one learning rate: each initial point drawn at its start in the
 * colour of its outcome, as blocks when the starts form a full lattice and as squares (crosses where
 * diverged) otherwise, with the known minima as white stars and the share converged as a subtitle.
 */
final class BasinPanel {

    private BasinPanel() {}

    /** One panel; range[0] receives the weight box it shows. */
    static JFreeChart chart(ReportData d, double lr, List<RunPoint> runs, int size, PlotBox[] range) {
        int minimaCount = d.minima().size();
        Lattice lattice = Lattice.of(runs);
        NumberAxis x = Charts.numberAxis("w\u2081");
        NumberAxis y = Charts.numberAxis("w\u2082");
        Font tick = new Font(Charts.FONT, Font.PLAIN, 12);
        Font label = new Font(Charts.FONT, Font.BOLD, 13);
        XYPlot plot;
        boolean blocks = lattice != null;
        PlotBox box;
        if (blocks) {
            box = new PlotBox(lattice.x0() - lattice.dx() / 2, lattice.x1() + lattice.dx() / 2,
                    lattice.y0() - lattice.dy() / 2, lattice.y1() + lattice.dy() / 2);
            DefaultXYZDataset cells = new DefaultXYZDataset();
            double[][] xyz = new double[3][runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                RunPoint p = runs.get(i);
                xyz[0][i] = p.initial(0);
                xyz[1][i] = p.initial(1);
                xyz[2][i] = Palette.basin(p.status(), p.minimum(), minimaCount).getRGB() & 0xffffff;
            }
            cells.addSeries("starts", xyz);
            XYBlockRenderer r = new XYBlockRenderer();
            r.setBlockWidth(lattice.dx());
            r.setBlockHeight(lattice.dy());
            r.setPaintScale(new RgbScale());
            plot = new XYPlot(cells, x, y, r);
        } else {
            box = PlotBox.of(d, runs);
            Map<Integer, XYSeries> series = new LinkedHashMap<>();
            XYSeriesCollection points = new XYSeriesCollection();
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
            double side = Math.max(3, Math.min(12, 0.8 * size / Math.sqrt(Math.max(1, runs.size()))));
            for (RunPoint p : runs) {
                Color c = Palette.basin(p.status(), p.minimum(), minimaCount);
                int rgb = c.getRGB() & 0xffffff;
                XYSeries s = series.get(rgb);
                if (s == null) {
                    s = new XYSeries("c" + rgb, false, true);
                    series.put(rgb, s);
                    points.addSeries(s);
                    int index = points.getSeriesCount() - 1;
                    r.setSeriesPaint(index, c);
                    Shape shape = c.equals(Palette.BASIN_DIVERGED)
                            ? ShapeUtils.createDiagonalCross((float) (side / 2), (float) Math.max(0.8, side / 8))
                            : new Rectangle2D.Double(-side / 2, -side / 2, side, side);
                    r.setSeriesShape(index, shape);
                }
                s.add(p.initial(0), p.initial(1), false);
            }
            plot = new XYPlot(points, x, y, r);
        }
        range[0] = box;
        x.setAutoRange(false);
        y.setAutoRange(false);
        x.setRange(box.xMin(), box.xMax());
        y.setRange(box.yMin(), box.yMax());

        XYSeries m = new XYSeries("known minima", false, true);
        for (KnownMinimum k : d.minima()) {
            double[] p = k.point();
            if (p.length >= 2 && box.contains(p[0], p[1])) {
                m.add(p[0], p[1], false);
            }
        }
        XYLineAndShapeRenderer stars = new XYLineAndShapeRenderer(false, true);
        stars.setSeriesShape(0, ContourMaps.star(7));
        stars.setUseFillPaint(true);
        stars.setSeriesFillPaint(0, Color.WHITE);
        stars.setSeriesPaint(0, Color.WHITE);
        stars.setUseOutlinePaint(true);
        stars.setDrawOutlines(true);
        stars.setSeriesOutlinePaint(0, Color.BLACK);
        stars.setSeriesOutlineStroke(0, new BasicStroke(1.2f));
        plot.setDataset(1, new XYSeriesCollection(m));
        plot.setRenderer(1, stars);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

        long converged = runs.stream().filter(p -> p.status() == Status.CONVERGED).count();
        long plateaued = runs.stream().filter(p -> p.status() == Status.PLATEAU).count();
        long diverged = runs.stream().filter(p -> p.status() == Status.DIVERGED).count();
        JFreeChart chart = Charts.chart("η = " + Fmt.rate(lr), plot, false);
        chart.getTitle().setFont(new Font(Charts.FONT, Font.BOLD, 16));
        chart.addSubtitle(new TextTitle(
                Fmt.percent(converged / (double) runs.size()) + " converged, "
                        + (plateaued > 0 ? plateaued + " plateau, " : "") + diverged + " diverged",
                new Font(Charts.FONT, Font.PLAIN, 12)));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        x.setTickLabelFont(tick);
        y.setTickLabelFont(tick);
        x.setLabelFont(label);
        y.setLabelFont(label);
        // Crisp cells: no anti-aliasing seams between adjacent blocks (text stays smooth).
        chart.setAntiAlias(!blocks);
        return chart;
    }

    /** A paint scale whose value is the colour itself, as 0xRRGGBB. */
    static final class RgbScale implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 0xffffff;
        }

        @Override
        public Paint getPaint(double value) {
            return new Color((int) value);
        }
    }

    /** The initial points of one panel when they form a full rectangular lattice: its corners and spacing. */
    record Lattice(double x0, double x1, double dx, double y0, double y1, double dy) {
        static Lattice of(List<RunPoint> runs) {
            TreeSet<Double> xs = new TreeSet<>();
            TreeSet<Double> ys = new TreeSet<>();
            for (RunPoint p : runs) {
                xs.add(p.initial(0));
                ys.add(p.initial(1));
            }
            if (xs.size() < 2 || ys.size() < 2 || (long) xs.size() * ys.size() != runs.size()
                    || !Double.isFinite(xs.first()) || !Double.isFinite(xs.last())
                    || !Double.isFinite(ys.first()) || !Double.isFinite(ys.last())) {
                return null;
            }
            double dx = (xs.last() - xs.first()) / (xs.size() - 1);
            double dy = (ys.last() - ys.first()) / (ys.size() - 1);
            if (!even(xs, dx) || !even(ys, dy)) {
                return null;
            }
            return new Lattice(xs.first(), xs.last(), dx, ys.first(), ys.last(), dy);
        }

        private static boolean even(TreeSet<Double> values, double step) {
            Double previous = null;
            for (double v : values) {
                if (previous != null && Math.abs(v - previous - step) > 1e-6 * step) {
                    return false;
                }
                previous = v;
            }
            return true;
        }
    }
}
