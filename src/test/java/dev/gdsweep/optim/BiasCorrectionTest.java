package dev.gdsweep.optim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The table gives the bits of 1 - Math.pow(beta, k + 1), before, at and after where it ends. */
class BiasCorrectionTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1e-300, 0.5, 0.9, 0.99, 0.999, 0.9999, 0.99999, 1 - 1e-9})
    void theTableIsMathPow(double beta) {
        BiasCorrection correction = new BiasCorrection(beta);
        for (long k = 0; k < 200_000; k += k < 70_000 ? 1 : 997) {
            assertThat(correction.at(k)).as("beta %s, k %d", beta, k).isEqualTo(1 - Math.pow(beta, k + 1));
        }
        for (long k : new long[] {1L << 20, 1L << 31, 1L << 40, (1L << 53) - 2}) {
            assertThat(correction.at(k)).as("beta %s, k %d", beta, k).isEqualTo(1 - Math.pow(beta, k + 1));
        }
    }
}
