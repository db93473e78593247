package dev.gdsweep.loss.model;

/**
 * The nonlinearity φ of an {@link MlpLoss}'s hidden units; the {@link MlpKernel}s apply it and its
 * derivative to a block of rows at a time.
 */
public enum Activation {

    /** φ(z) = tanh z (computed portably, {@link MlpMath#tanh}); φ'(z) = 1 − tanh² z. */
    TANH,

    /** φ(z) = max(z, 0); φ'(z) = 1 for z &gt; 0 and 0 for z ≤ 0, so relu'(0) = 0 (as PyTorch and TensorFlow). */
    RELU
}
