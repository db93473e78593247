package dev.gdsweep.html;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.renderer.LookupPaintScale;

/**
 * The loss sampled on a box for the {@link ContourMaps}, as an image in colour bands (log10 of the loss
 * above its minimum on the box, plus {@code epsilon}), with its colour scale.
 */
record LossGrid(BufferedImage image, LookupPaintScale scale, double zLow, double zHigh, double min, double epsilon) {

    static final int BANDS = 20;

    /** The loss sampled at the centres of an n×n raster over {@code box}; null when no value is finite. */
    static LossGrid evaluate(ToDoubleFunction<double[]> loss, PlotBox box, int n) {
        double[] f = new double[n * n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double dx = box.width() / n;
        double dy = box.height() / n;
        for (int row = 0; row < n; row++) {
            double y = box.yMax() - (row + 0.5) * dy;
            for (int col = 0; col < n; col++) {
                double x = box.xMin() + (col + 0.5) * dx;
                double v;
                try {
                    v = loss.applyAsDouble(new double[] {x, y});
                } catch (RuntimeException e) {
                    v = Double.NaN;
                }
                f[row * n + col] = v;
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!Double.isFinite(min)) {
            return null;
        }
        double eps = max > min ? (max - min) * 1e-6 : 1;
        double zLow = Double.POSITIVE_INFINITY;
        double zHigh = Double.NEGATIVE_INFINITY;
        double[] z = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            if (Double.isFinite(f[i])) {
                z[i] = Math.log10(f[i] - min + eps);
                zLow = Math.min(zLow, z[i]);
                zHigh = Math.max(zHigh, z[i]);
            } else {
                z[i] = Double.NaN;
            }
        }
        if (!(zHigh > zLow)) {
            zHigh = zLow + 1;
        }
        LookupPaintScale scale = new LookupPaintScale(zLow, zHigh, band(BANDS - 1));
        for (int k = 0; k < BANDS; k++) {
            scale.add(zLow + k * (zHigh - zLow) / BANDS, band(k));
        }
        BufferedImage image = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double v = z[row * n + col];
                int k = Double.isNaN(v) ? BANDS - 1
                        : Math.min(BANDS - 1, (int) Math.floor((v - zLow) / (zHigh - zLow) * BANDS));
                image.setRGB(col, row, band(Math.max(0, k)).getRGB());
            }
        }
        return new LossGrid(image, scale, zLow, zHigh, min, eps);
    }

    private static Color band(int k) {
        return Palette.viridis(k / (double) (BANDS - 1));
    }
}
