package dev.gdsweep.optim;

/**
 * AMSGrad (Ruder's overview, later version; Reddi et al. 2018): m ← β₁m + (1−β₁)g;
 * v ← β₂v + (1−β₂)g²; v̂ ← max(v̂, v); w ← w − η/(√v̂ + ε)·m. No bias correction, as in the
 * overview and the paper; PyTorch's {@code amsgrad=True} applies Adam's bias correction as well.
 */
final class AmsGrad implements UpdateRule {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double[] m;
    private final double[] v;
    private final double[] vMax;

    AmsGrad(int dimension, double beta1, double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = new double[dimension];
        this.v = new double[dimension];
        this.vMax = new double[dimension];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(m, 0.0);
        java.util.Arrays.fill(v, 0.0);
        java.util.Arrays.fill(vMax, 0.0);
    }

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        for (int i = 0; i < w.length; i++) {
            double mi = beta1 * m[i] + (1 - beta1) * g[i];
            double vi = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            double vHat = Math.max(vMax[i], vi);
            m[i] = mi;
            v[i] = vi;
            vMax[i] = vHat;
            w[i] -= lr / (Math.sqrt(vHat) + epsilon) * mi;
        }
    }
}
