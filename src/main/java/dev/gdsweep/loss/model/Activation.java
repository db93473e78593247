package dev.gdsweep.loss.model;

/** The nonlinearity φ of an {@link MlpLoss}'s hidden units. */
public enum Activation {

    /** φ(z) = tanh z; φ'(z) = 1 − tanh² z. */
    TANH,

    /** φ(z) = max(z, 0); φ'(z) = 1 for z &gt; 0 and 0 for z ≤ 0, so relu'(0) = 0 (as PyTorch and TensorFlow). */
    RELU;

    /** a[i] ← φ(a[i]) for i &lt; n. */
    void applyInPlace(double[] a, int n) {
        // One loop per case, so the choice is made once per layer, not per unit.
        if (this == RELU) {
            for (int i = 0; i < n; i++) {
                a[i] = Math.max(a[i], 0.0);
            }
        } else {
            for (int i = 0; i < n; i++) {
                a[i] = Math.tanh(a[i]);
            }
        }
    }

    /**
     * delta[i] ← delta[i]·φ'(zᵢ) for i &lt; n, with φ' taken from the output a[i] = φ(zᵢ):
     * 1 − a² for tanh; for relu 1 when a &gt; 0, i.e. z &gt; 0, else 0.
     */
    void multiplyByDerivative(double[] delta, double[] a, int n) {
        if (this == RELU) {
            for (int i = 0; i < n; i++) {
                delta[i] = a[i] > 0 ? delta[i] : 0.0;
            }
        } else {
            for (int i = 0; i < n; i++) {
                delta[i] *= 1 - a[i] * a[i];
            }
        }
    }
}
