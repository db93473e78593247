package dev.gdsweep.html;

import dev.gdsweep.engine.Status;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;

/**
 * Picture 5: where each initial point ends up, one small panel per learning rate, in one grid image:
 * each start coloured by the known minimum it reached (grey: out of iterations, black: diverged). This
 * class lays the image out (title, panel grid, legend) and writes its caption; {@link BasinPanel} draws a panel.
 */
final class BasinMap {

    static final int MAX_PANELS = 12;
    static final String SECTION = "Basins of attraction";
    static final String FILE = "basins.png";
    static final int TITLE_HEIGHT = 64;

    private BasinMap() {}

    /** Where one panel's data area is in the grid image, to find the pixel of a weight. */
    record PanelPlace(double learningRate, Rectangle2D dataArea, PlotBox range) {
        /** The pixel (column, row) of the image where weights (x, y) are drawn. */
        int[] pixel(double x, double y) {
            double px = dataArea.getMinX() + (x - range.xMin()) / range.width() * dataArea.getWidth();
            double py = dataArea.getMaxY() - (y - range.yMin()) / range.height() * dataArea.getHeight();
            return new int[] {(int) Math.floor(px), (int) Math.floor(py)};
        }
    }

    record Rendered(BufferedImage image, String configuration, List<PanelPlace> panels, int ratesInAll) {}

    static List<Figure> write(ReportData d, Path imageDir) throws IOException {
        Rendered r = render(d);
        if (r == null) {
            return List.of();
        }
        Charts.writePng(r.image(), imageDir.resolve(FILE));
        int configurations = Configurations.names(d).size();
        StringBuilder c = new StringBuilder("Each square is one initial point, at its starting weights, coloured by "
                + "the known minimum its run ended at (see the legend; a run stopped on a plateau "
                + "within 1e-3 of a minimum counts as reaching it, one elsewhere is light blue); grey: ran out of "
                + "iterations; black: diverged. "
                + "One panel per learning rate");
        if (r.panels().size() < r.ratesInAll()) {
            c.append(" (").append(r.panels().size()).append(" of the ").append(r.ratesInAll())
                    .append(" rates, evenly spread)");
        }
        c.append(". Look for the basins: the region of starts that each minimum attracts, and how its borders shift, "
                + "fray or break up into grey and black as the learning rate grows. White stars mark the known minima.");
        if (configurations > 1) {
            c.append(" Configuration ").append(r.configuration());
            if (LearningRateRoles.bestConfiguration(d.summary()).filter(r.configuration()::equals).isPresent()) {
                c.append(", the one whose best rate converges most often (then fastest) of the ")
                        .append(configurations);
            } else {
                c.append(" (of ").append(configurations).append(')');
            }
            c.append('.');
        }
        return List.of(new Figure(FILE, SECTION, "Basins of attraction", c.toString(), r.image().getWidth(),
                r.image().getHeight()));
    }

    /** The grid image and where its panels are; null when there is nothing 2-D to show. */
    static Rendered render(ReportData d) {
        if (d.dimension() != 2 || d.runs().isEmpty()) {
            return null;
        }
        List<String> names = Configurations.names(d);
        // The best configuration, or the first one with 2-D runs when the best has none in the data.
        List<String> candidates = new ArrayList<>();
        LearningRateRoles.bestConfiguration(d.summary()).ifPresent(candidates::add);
        candidates.addAll(names);
        String configuration = null;
        Map<Double, List<RunPoint>> byRate = new TreeMap<>();
        for (String c : candidates) {
            for (RunPoint p : d.runs()) {
                if (p.configuration().equals(c) && p.initialWeights().length >= 2) {
                    byRate.computeIfAbsent(p.learningRate(), k -> new ArrayList<>()).add(p);
                }
            }
            if (!byRate.isEmpty()) {
                configuration = c;
                break;
            }
        }
        if (configuration == null) {
            return null;
        }
        List<Double> rates = new ArrayList<>(byRate.keySet());
        int[] chosen = Sampling.evenly(rates.size(), MAX_PANELS);
        int k = chosen.length;
        int cols = Math.min(4, (int) Math.ceil(Math.sqrt(k)));
        if (k == 3) {
            cols = 3;
        }
        int rows = (k + cols - 1) / cols;
        int panel = cols >= 3 ? 400 : 520;
        int width = cols * panel;

        List<String[]> legend = legendEntries(d, byRate, chosen, rates);
        Font legendFont = new Font(Charts.FONT, Font.PLAIN, 15);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(legendFont);
        pg.dispose();
        int legendHeight = layoutLegend(legend, fm, width, null) + 16;
        int height = TITLE_HEIGHT + rows * panel + legendHeight;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        List<PanelPlace> places = new ArrayList<>();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(Charts.TITLE_FONT);
            drawCentred(g, "Basins of attraction: which minimum each start reaches", width, 28);
            g.setFont(Charts.SUBTITLE_FONT);
            g.setColor(Color.DARK_GRAY);
            String sub = (names.size() > 1 ? configuration + "; " : "") + "one panel per learning rate"
                    + (k < rates.size() ? " (" + k + " of " + rates.size() + ")" : "");
            drawCentred(g, sub, width, 52);
            for (int i = 0; i < k; i++) {
                double lr = rates.get(chosen[i]);
                List<RunPoint> runs = byRate.get(lr);
                PlotBox[] range = new PlotBox[1];
                JFreeChart chart = BasinPanel.chart(d, lr, runs, panel, range);
                ChartRenderingInfo info = new ChartRenderingInfo();
                Rectangle2D area = new Rectangle2D.Double((i % cols) * panel, TITLE_HEIGHT + (i / cols) * panel, panel, panel);
                chart.draw(g, area, info);
                places.add(new PanelPlace(lr, info.getPlotInfo().getDataArea(), range[0]));
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(legendFont);
            g.translate(0, TITLE_HEIGHT + rows * panel + 8);
            layoutLegend(legend, g.getFontMetrics(), width, g);
        } finally {
            g.dispose();
        }
        return new Rendered(image, configuration, places, rates.size());
    }

    /** Legend entries: colour (as RGB hex) and text; every known minimum, then the other outcomes that occur. */
    private static List<String[]> legendEntries(ReportData d, Map<Double, List<RunPoint>> byRate, int[] chosen,
            List<Double> rates) {
        List<String[]> entries = new ArrayList<>();
        List<KnownMinimum> minima = d.minima();
        for (int i = 0; i < minima.size(); i++) {
            entries.add(new String[] {hex(Palette.minimum(i)), minimumLabel(minima.get(i), i)});
        }
        TreeSet<String> present = new TreeSet<>();
        for (int i : chosen) {
            for (RunPoint p : byRate.get(rates.get(i))) {
                Color c = Palette.basin(p.status(), p.minimum(), minima.size());
                if (c.equals(Palette.BASIN_CONVERGED_ELSEWHERE) && p.status() == Status.CONVERGED) {
                    present.add("elsewhere");
                } else if (c.equals(Palette.BASIN_PLATEAU)) {
                    present.add("plateau");
                } else if (p.status() == Status.MAX_ITERATIONS) {
                    present.add("max");
                } else if (p.status() == Status.DIVERGED) {
                    present.add("diverged");
                } else if (p.status() != Status.CONVERGED && p.status() != Status.PLATEAU) {
                    present.add("other");
                }
            }
        }
        if (present.contains("elsewhere")) {
            entries.add(new String[] {hex(Palette.BASIN_CONVERGED_ELSEWHERE), "converged, at no known minimum"});
        }
        if (present.contains("plateau")) {
            entries.add(new String[] {hex(Palette.BASIN_PLATEAU), "plateau (stopped improving), at no known minimum"});
        }
        if (present.contains("max")) {
            entries.add(new String[] {hex(Palette.BASIN_MAX_ITERATIONS), "ran out of iterations"});
        }
        if (present.contains("diverged")) {
            entries.add(new String[] {hex(Palette.BASIN_DIVERGED), "diverged"});
        }
        if (present.contains("other")) {
            entries.add(new String[] {hex(Palette.BASIN_OTHER), "other (failed, out of time)"});
        }
        return entries;
    }

    static String minimumLabel(KnownMinimum m, int index) {
        String label = m.label().isBlank() ? "minimum " + (index + 1) : m.label();
        return label + " at " + Fmt.shortVector(m.point());
    }

    private static String hex(Color c) {
        return String.format("%06x", c.getRGB() & 0xffffff);
    }

    /** Lays the legend out in rows; draws it when g is not null. Returns its height. */
    private static int layoutLegend(List<String[]> entries, FontMetrics fm, int width, Graphics2D g) {
        int x = 20;
        int y = 0;
        int line = Math.max(fm.getHeight(), 18) + 8;
        for (String[] e : entries) {
            int w = 18 + 8 + fm.stringWidth(e[1]) + 28;
            if (x > 20 && x + w > width - 10) {
                x = 20;
                y += line;
            }
            if (g != null) {
                g.setColor(new Color(Integer.parseInt(e[0], 16)));
                g.fillRect(x, y + (line - 18) / 2, 18, 18);
                g.setColor(Color.DARK_GRAY);
                g.drawRect(x, y + (line - 18) / 2, 18, 18);
                g.setColor(Color.BLACK);
                g.drawString(e[1], x + 26, y + (line + fm.getAscent() - fm.getDescent()) / 2);
            }
            x += w;
        }
        return y + line;
    }

    private static void drawCentred(Graphics2D g, String text, int width, int baseline) {
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, Math.max(4, (width - w) / 2), baseline);
    }
}
