package dev.gdsweep.loss.model;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ModelAllocationTest}'s check (under 8 KB for 10,000 calls of each evaluation method, after
 * warm-up) on the MLP kernels: several blocks with a ragged last one, both kernels, both activations,
 * one and two hidden layers, classification and regression.
 */
@Tag("allocation")
class MlpAllocationTest {

    static Stream<Named<Supplier<ModelLoss>>> losses() {
        DenseData classes = TestData.classification(301, 7, 4, 4); // 3 kernel blocks, the last ragged
        DenseData regression = TestData.regression(301, 7, 5);
        return Stream.of(
                Named.of("mlp tanh, 2 hidden layers, 4 classes, 3 blocks", () -> new MlpLoss(classes,
                        new int[] {9, 6}, Activation.TANH, 0.1)),
                Named.of("mlp relu, regression, 3 blocks", () -> new MlpLoss(regression, new int[] {5},
                        Activation.RELU, 0.1)),
                Named.of("mlp tanh, 4 classes, 3 blocks, scalar kernel", () -> new MlpLoss(classes, new int[] {9},
                        Activation.TANH, 0.1, ScalarMlpKernel.INSTANCE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void evaluationsAllocateNothingPerCall(Supplier<ModelLoss> make) {
        new ModelAllocationTest().evaluationsAllocateNothingPerCall(make);
    }
}
