package dev.gdsweep.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;

/** What every chart of the report shares: fonts, colours, axes, headless PNG output. */
final class Charts {

    private Charts() {}

    static final String FONT = Font.SANS_SERIF;
    static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 20);
    static final Font SUBTITLE_FONT = new Font(FONT, Font.PLAIN, 14);
    static final Font LABEL_FONT = new Font(FONT, Font.BOLD, 15);
    static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 13);
    static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 14);
    static final Color GRID = new Color(0xd8d8d8);

    /** Makes AWT headless unless the caller decided otherwise; call before any AWT class is touched. */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * A chart over the plot in the report's style; the legend shown when asked. (No ChartTheme: applying one
     * would clear the series colours the pictures set.)
     */
    static JFreeChart chart(String title, XYPlot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setItemFont(LEGEND_FONT);
            l.setFrame(BlockBorder.NONE);
            l.setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    /** A base-10 log axis with plain tick labels (0.001, 0.01, ... or 1e-08 for the extremes). */
    static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(1e-300);
        axis.setNumberFormatOverride(new LogTickFormat());
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setMinorTickMarksVisible(true);
        axis.setTickLabelPaint(Color.BLACK);
        axis.setLabelPaint(Color.BLACK);
        return axis;
    }

    /**
     * Fits a log axis to data from min to max (both positive) with a little room, at least 0.6 decades
     * wide; ticks on whole decades when it spans 1.5 decades or more. Leaves the axis alone for data it
     * cannot show.
     */
    static void logRange(LogAxis axis, double min, double max) {
        if (!(min > 0) || !(max >= min) || !Double.isFinite(min) || !Double.isFinite(max)) {
            return;
        }
        double a = Math.log10(min);
        double b = Math.log10(max);
        if (b - a < 0.6) {
            double mid = (a + b) / 2;
            a = mid - 0.3;
            b = mid + 0.3;
        }
        double pad = 0.04 * (b - a);
        axis.setRange(Math.pow(10, a - pad), Math.pow(10, b + pad));
        if (b - a >= 1.5) {
            TickUnits decades = new TickUnits();
            java.text.NumberFormat f = new LogTickFormat();
            for (int u : new int[] {1, 2, 3, 4, 5, 10, 20, 25, 50, 100}) {
                decades.add(new NumberTickUnit(u, f, u == 1 ? 10 : 0));
            }
            axis.setStandardTickUnits(decades);
        }
    }

    static NumberAxis numberAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(Color.BLACK);
        axis.setLabelPaint(Color.BLACK);
        return axis;
    }

    /** Renders into an opaque image, with smooth image scaling (for the contour background). */
    static BufferedImage render(JFreeChart chart, int width, int height, ChartRenderingInfo info) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
        } finally {
            g.dispose();
        }
        return image;
    }

    static void writePng(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        writePng(render(chart, width, height, null), file);
    }

    /** Tick labels of a log axis: three significant digits, plain from 0.001 to 99999, else 1e-08 style. */
    static final class LogTickFormat extends java.text.NumberFormat {
        private static final long serialVersionUID = 1L;
        private final DecimalFormat sci = new DecimalFormat("0.##E0", DecimalFormatSymbols.getInstance(Locale.ROOT));

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, java.text.FieldPosition pos) {
            double a = Math.abs(number);
            if (a == 0 || (a >= 1e-3 && a < 1e5)) {
                return toAppendTo.append(new java.math.BigDecimal(number).round(new java.math.MathContext(3))
                        .stripTrailingZeros().toPlainString());
            }
            return toAppendTo.append(sci.format(number).replace("E", "e"));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, java.text.FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition parsePosition) {
            return sci.parse(source, parsePosition);
        }
    }
}
