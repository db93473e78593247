package dev.gdsweep.optim;

/** Gradient descent: w ← w − η·g. */
final class PlainGradient implements UpdateRule {

    @Override
    public void reset() {}

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * g[i];
        }
    }

    /** {@link #step} for lanes: w ← w − η·g in every lane. */
    static final class Lanes implements LaneUpdateRule {

        private final int lanes;

        Lanes(int lanes) {
            this.lanes = lanes;
        }

        @Override
        public int lanes() {
            return lanes;
        }

        @Override
        public void start(int lane) {}

        @Override
        public void step(int lanes, double[][] w, double[][] g, double[] k, double[] rate) {
            for (int i = 0; i < w.length; i++) {
                double[] wi = w[i];
                double[] gi = g[i];
                for (int l = 0; l < lanes; l++) {
                    wi[l] -= rate[l] * gi[l];
                }
            }
        }
    }
}
