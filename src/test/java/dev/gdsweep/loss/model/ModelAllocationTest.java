package dev.gdsweep.loss.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evaluations allocate nothing: after warm-up, 10,000 calls of each evaluation method allocate
 * less than 8 KB in all, measured with the JVM's per-thread allocation counter. A single 16-byte
 * object per call would be 160 KB, twenty times the bound; the few KB allowed are the counter's own
 * noise (the existing engine AllocationTest allows the same).
 *
 * <p>The best window of 10,000 calls within {@value #PATIENCE_SECONDS} s counts: an allocation in the
 * compiled code shows in every window, whereas code still waiting for the JIT runs the Vector API
 * uncompiled, which allocates until the compiled code is installed. In a JVM busy with the whole
 * suite on two cores the compiler queue can hold that up for longer than a few windows.
 */
@Tag("allocation")
class ModelAllocationTest {

    private static final int CALLS = 10_000;
    private static final int PATIENCE_SECONDS = 10;
    private static final long BOUND_BYTES = 8 * 1024;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    static Stream<Named<Supplier<ModelLoss>>> losses() {
        DenseData regression = TestData.regression(64, 5, 1);
        DenseData binary = TestData.classification(64, 5, 2, 2);
        DenseData classes = TestData.classification(64, 5, 4, 3);
        DenseData blocks = TestData.classification(301, 7, 2, 4); // 3 kernel blocks, the last ragged
        DenseData regressionBlocks = TestData.regression(301, 7, 5);
        DenseData tenClasses = TestData.classification(301, 7, 10, 6);
        return Stream.of(
                Named.of("linear", () -> new LinearRegressionLoss(regression, 0.1)),
                Named.of("logistic", () -> new LogisticRegressionLoss(binary, 0.1)),
                Named.of("logistic, 3 blocks", () -> new LogisticRegressionLoss(blocks, 0.1)),
                Named.of("logistic, scalar kernel", () -> new LogisticRegressionLoss(blocks, 0.1,
                        ScalarLogisticKernel.INSTANCE)),
                Named.of("linear, 3 blocks", () -> new LinearRegressionLoss(regressionBlocks, 0.1)),
                Named.of("linear, scalar kernel", () -> new LinearRegressionLoss(regressionBlocks, 0.1,
                        ScalarLinearKernel.INSTANCE)),
                Named.of("softmax", () -> new SoftmaxRegressionLoss(classes, 0.1)),
                Named.of("softmax 10 classes, 3 blocks", () -> new SoftmaxRegressionLoss(tenClasses, 0.1)),
                Named.of("softmax, scalar kernel", () -> new SoftmaxRegressionLoss(tenClasses, 0.1,
                        ScalarSoftmaxKernel.INSTANCE)),
                Named.of("mlp tanh classification", () -> new MlpLoss(classes, new int[] {8, 6}, Activation.TANH, 0.1)),
                Named.of("mlp relu regression", () -> new MlpLoss(regression, new int[] {8}, Activation.RELU, 0.1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void evaluationsAllocateNothingPerCall(Supplier<ModelLoss> make) {
        ModelLoss loss = make.get();
        double[] w = TestData.uniform(new SplittableRandom(3), loss.dimension(), 0.5);
        double[] g = new double[w.length];
        int[] batch = {5, 1, 60, 33, 7, 7, 20, 0};
        List<Runnable> calls = List.of(
                () -> loss.valueAndGradient(w, g),
                () -> loss.value(w),
                () -> loss.valueAndGradient(w, g, batch, batch.length),
                () -> loss.value(w, batch, batch.length));
        for (Runnable call : calls) {
            for (int i = 0; i < 20_000; i++) {
                call.run(); // let the JIT compile it
            }
            long fewest = Long.MAX_VALUE;
            long deadline = System.nanoTime() + PATIENCE_SECONDS * 1_000_000_000L;
            while (fewest >= BOUND_BYTES && System.nanoTime() - deadline < 0) {
                long before = allocatedBytes();
                for (int i = 0; i < CALLS; i++) {
                    call.run();
                }
                fewest = Math.min(fewest, allocatedBytes() - before);
            }
            assertThat(fewest).as("bytes allocated by %d calls", CALLS).isLessThan(BOUND_BYTES);
        }
    }
}
