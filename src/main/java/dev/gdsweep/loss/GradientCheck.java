package dev.gdsweep.loss;

/**
 * Compares a loss's gradient with central finite differences,
 * (f(w + h·eᵢ) − f(w − h·eᵢ)) / 2h with h = 1e-6·max(1, |wᵢ|), coordinate by coordinate. The error
 * of a coordinate is |gᵢ − dᵢ| / max(1, |gᵢ|, |dᵢ|): relative for large slopes, absolute near zero,
 * where a relative error says nothing.
 */
public final class GradientCheck {

    /** The worst coordinate over the points checked, and how many points had a non-finite value. */
    public record Result(double worstError, double[] worstPoint, int worstCoordinate, double analytic,
            double numeric, int checked, int skipped) {}

    private GradientCheck() {}

    /** Checks at each of {@code points}; points where the loss or gradient is not finite are skipped. */
    public static Result check(Loss loss, double[][] points) {
        int d = loss.dimension();
        double[] g = new double[d];
        double[] probe = new double[d];
        double worst = -1;
        double[] worstPoint = null;
        int worstCoordinate = -1;
        double worstAnalytic = Double.NaN;
        double worstNumeric = Double.NaN;
        int checked = 0;
        int skipped = 0;
        for (double[] w : points) {
            double value = loss.valueAndGradient(w, g);
            if (!Double.isFinite(value) || !allFinite(g)) {
                skipped++;
                continue;
            }
            checked++;
            for (int i = 0; i < d; i++) {
                System.arraycopy(w, 0, probe, 0, d);
                double h = 1e-6 * Math.max(1, Math.abs(w[i]));
                probe[i] = w[i] + h;
                double up = loss.value(probe);
                probe[i] = w[i] - h;
                double down = loss.value(probe);
                double numeric = (up - down) / ((w[i] + h) - (w[i] - h));
                double error = Math.abs(g[i] - numeric) / Math.max(1, Math.max(Math.abs(g[i]), Math.abs(numeric)));
                if (Double.isNaN(error)) {
                    error = Double.POSITIVE_INFINITY;
                }
                if (error > worst) {
                    worst = error;
                    worstPoint = w.clone();
                    worstCoordinate = i;
                    worstAnalytic = g[i];
                    worstNumeric = numeric;
                }
            }
        }
        return new Result(Math.max(worst, 0), worstPoint, worstCoordinate, worstAnalytic, worstNumeric, checked,
                skipped);
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
