package dev.gdsweep.loss.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MlpInitializationTest {

    private static final DenseData DATA = TestData.classification(20, 100, 3, 1);

    @Test
    void initialPointIsAFunctionOfSeedAndIndexAlone() {
        MlpLoss loss = new MlpLoss(DATA, new int[] {8}, Activation.TANH, 0);
        // Another instance over other rows of the same shape: same weights for the same (seed, index).
        MlpLoss other = loss.on(DATA.subset(new int[] {3, 1}));
        double[] a = new double[loss.dimension()];
        double[] b = new double[loss.dimension()];
        loss.initialize(a, 7, 3);
        other.initialize(b, 7, 3);
        assertThat(a).containsExactly(b);
        loss.initialize(b, 7, 4);
        assertThat(b).isNotEqualTo(a);
        loss.initialize(b, 8, 3);
        assertThat(b).isNotEqualTo(a);
    }

    /**
     * Weight 0 of (seed 7, index 3) is a·(2u − 1) with a = √(6/(100 + 8)) (Glorot, tanh) and
     * u = 0.7256259503524161, the generator's value for (MLP domain, 7, 3, 0), pinned from an
     * independent implementation of the documented generator: initial points must not change
     * between versions or JVMs.
     */
    @Test
    void firstWeightIsPinned() {
        MlpLoss loss = new MlpLoss(DATA, new int[] {8}, Activation.TANH, 0);
        double[] w = new double[loss.dimension()];
        loss.initialize(w, 7, 3);
        assertThat(w[0]).isEqualTo(Math.sqrt(6.0 / 108) * (2 * 0.7256259503524161 - 1));
    }

    /**
     * Biases 0; hidden weights uniform in [−a, a) with a = √(6/n_in) for relu (He) and
     * √(6/(n_in + n_out)) for tanh (Glorot), the output layer Glorot for both. With 100 inputs × 50
     * units = 5,000 draws, the variance a²/3 is checked to 6% (about 4 standard errors: the
     * variance of a uniform's square gives a relative standard error of √(0.8/5000) ≈ 1.3%), and the
     * extremes reach beyond 0.99·a.
     */
    @Test
    void weightsAreGlorotOrHeUniformAndBiasesZero() {
        for (Activation activation : Activation.values()) {
            MlpLoss loss = new MlpLoss(DATA, new int[] {50}, activation, 0);
            double[] w = new double[loss.dimension()];
            loss.initialize(w, 11, 0);
            double hiddenLimit = activation == Activation.RELU ? Math.sqrt(6.0 / 100) : Math.sqrt(6.0 / 150);
            checkLayer(w, 0, 50, 100, hiddenLimit);
            checkLayer(w, 50 * 101, 3, 50, Math.sqrt(6.0 / 53));
        }
    }

    private static void checkLayer(double[] w, int offset, int units, int inputs, double limit) {
        double sum = 0;
        double squares = 0;
        double largest = 0;
        for (int j = 0; j < units; j++) {
            int start = offset + j * (inputs + 1);
            for (int i = 0; i < inputs; i++) {
                double v = w[start + i];
                assertThat(Math.abs(v)).isLessThanOrEqualTo(limit);
                sum += v;
                squares += v * v;
                largest = Math.max(largest, Math.abs(v));
            }
            assertThat(w[start + inputs]).as("bias of unit %d", j).isEqualTo(0.0);
        }
        int n = units * inputs;
        if (n >= 5000) {
            assertThat(squares / n).isCloseTo(limit * limit / 3, within(0.06 * limit * limit / 3));
            assertThat(sum / n).isCloseTo(0, within(4 * limit / Math.sqrt(3 * n)));
            assertThat(largest).isGreaterThan(0.99 * limit);
        }
    }

    @Test
    void refusesAWrongLength() {
        MlpLoss loss = new MlpLoss(DATA, new int[] {2}, Activation.RELU, 0);
        assertThatThrownBy(() -> loss.initialize(new double[3], 1, 0)).hasMessageContaining("expected length");
    }
}
