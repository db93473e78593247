package dev.gdsweep.grid;

/** Points between two bounds. */
final class Interpolation {

    private Interpolation() {}

    /**
     * lo + t·(hi − lo) for t in [0, 1], computed so that it cannot overflow when hi − lo exceeds the
     * double range (a box from −1e308 to 1e308), and exact at t = 0.
     */
    static double between(double lo, double hi, double t) {
        double width = hi - lo;
        if (Double.isFinite(width)) {
            return lo + t * width;
        }
        return (1 - t) * lo + t * hi;
    }
}
