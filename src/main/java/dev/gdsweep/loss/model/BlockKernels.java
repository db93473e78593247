package dev.gdsweep.loss.model;

/**
 * What the blocked model kernels ({@link LogisticKernel}, {@link LinearKernel}, {@link SoftmaxKernel})
 * share: the fixed lane count and order of their sums, and the choice between the Vector API and
 * the plain Java implementation of each.
 *
 * <p>Row i of a {@link ColumnBlocks} block (i counted from the block's start, a multiple of 4)
 * belongs to lane i mod {@value #LANES}; each lane sums its rows in ascending order, and a sum's
 * total is (l₀ + l₁) + (l₂ + l₃). So a result depends on the lane count only: not on the SIMD
 * width, the block size or whether the Vector API is there.
 */
final class BlockKernels {

    /** The fixed number of accumulators per sum: part of the algorithm, whatever the hardware. */
    static final int LANES = 4;

    private BlockKernels() {}

    /** The sum of the 4 lanes at {@code offset}, in the algorithm's fixed order. */
    static double total(double[] lanes, int offset) {
        return (lanes[offset] + lanes[offset + 1]) + (lanes[offset + 2] + lanes[offset + 3]);
    }

    /**
     * The Vector API implementation, {@code vectorClass}'s static {@code ifFast()}, when the module
     * {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
     * {@code --add-modules=jdk.incubator.vector}) and it does not decline (it does where 256-bit
     * vectors are not native); otherwise {@code scalar}. Either gives the same bits; only the speed
     * differs. The vector class is loaded by name only after the module check, so a JVM without the
     * module never touches it.
     */
    static <K> K forThisJvm(Class<K> kernelType, String vectorClass, K scalar) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Object kernel = Class.forName(vectorClass).getDeclaredMethod("ifFast").invoke(null);
                if (kernel != null) {
                    return kernelType.cast(kernel);
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // Not expected with the module present; the scalar kernel computes the same values.
            }
        }
        return scalar;
    }
}
