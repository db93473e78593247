package dev.gdsweep.html;

import java.util.List;

/**
 * The region of the weight plane a 2-D picture shows: the box of the initial weights (from the data,
 * else from the runs), widened to show known minima close to it, plus a small margin.
 */
record PlotBox(double xMin, double xMax, double yMin, double yMax) {

    static final double MARGIN = 0.04;

    static PlotBox of(ReportData d, List<RunPoint> runs) {
        double[] lo = d.domainMin();
        double[] hi = d.domainMax();
        double x0;
        double x1;
        double y0;
        double y1;
        if (lo != null && hi != null && lo.length >= 2 && hi.length >= 2
                && Double.isFinite(lo[0]) && Double.isFinite(lo[1]) && Double.isFinite(hi[0]) && Double.isFinite(hi[1])) {
            x0 = Math.min(lo[0], hi[0]);
            x1 = Math.max(lo[0], hi[0]);
            y0 = Math.min(lo[1], hi[1]);
            y1 = Math.max(lo[1], hi[1]);
        } else {
            x0 = y0 = Double.POSITIVE_INFINITY;
            x1 = y1 = Double.NEGATIVE_INFINITY;
            for (RunPoint p : runs) {
                double x = p.initial(0);
                double y = p.initial(1);
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
            if (!Double.isFinite(x0)) {
                x0 = y0 = -1;
                x1 = y1 = 1;
            }
        }
        // Known minima within half the box's size of it are worth showing.
        double wx = x1 - x0;
        double wy = y1 - y0;
        for (KnownMinimum m : d.minima()) {
            double[] p = m.point();
            if (p.length >= 2 && p[0] >= x0 - wx / 2 && p[0] <= x1 + wx / 2 && p[1] >= y0 - wy / 2 && p[1] <= y1 + wy / 2) {
                x0 = Math.min(x0, p[0]);
                x1 = Math.max(x1, p[0]);
                y0 = Math.min(y0, p[1]);
                y1 = Math.max(y1, p[1]);
            }
        }
        double[] x = widen(x0, x1);
        double[] y = widen(y0, y1);
        return new PlotBox(x[0], x[1], y[0], y[1]);
    }

    private static double[] widen(double a, double b) {
        if (!(b > a)) {
            double h = Math.max(1, Math.abs(a) * 0.1);
            return new double[] {a - h, a + h};
        }
        double m = (b - a) * MARGIN;
        return new double[] {a - m, b + m};
    }

    double width() {
        return xMax - xMin;
    }

    double height() {
        return yMax - yMin;
    }

    boolean contains(double x, double y) {
        return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
    }

    /** This box grown by {@code factor} of its size on every side. */
    PlotBox grown(double factor) {
        return new PlotBox(xMin - factor * width(), xMax + factor * width(), yMin - factor * height(),
                yMax + factor * height());
    }

    /**
     * The point where the segment from (x0, y0), inside, to (x1, y1) leaves this box (Liang-Barsky), so
     * that a line running off to a huge coordinate is drawn up to the box and no further.
     */
    double[] exit(double x0, double y0, double x1, double y1) {
        double t = 1;
        double dx = x1 - x0;
        double dy = y1 - y0;
        if (dx > 0) {
            t = Math.min(t, (xMax - x0) / dx);
        } else if (dx < 0) {
            t = Math.min(t, (xMin - x0) / dx);
        }
        if (dy > 0) {
            t = Math.min(t, (yMax - y0) / dy);
        } else if (dy < 0) {
            t = Math.min(t, (yMin - y0) / dy);
        }
        t = Math.max(0, t);
        return new double[] {x0 + t * dx, y0 + t * dy};
    }
}
