package dev.gdsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Rosenbrock;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The descent loop allocates nothing per iteration: a run of 200,000 iterations allocates about as
 * much as a run of 10 (the result object), measured with the JVM's per-thread allocation counter.
 */
@Tag("allocation")
class AllocationTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long bytesFor(GradientDescent gd, Loss loss, long iterations) {
        StoppingRule rule = new StoppingRule(iterations, 0.0, 0, 0.0, 1e12);
        double[] start = {-1.2, 1.0};
        long before = allocatedBytes();
        RunResult r = gd.run(loss, 1e-4, start, rule);
        long after = allocatedBytes();
        assertThat(r.iterations()).isEqualTo(iterations);
        return after - before;
    }

    @Test
    void aLongRunAllocatesNoMoreThanAShortOne() {
        GradientDescent gd = new GradientDescent(2);
        Loss loss = new Rosenbrock(2, 1, 100);
        for (int i = 0; i < 20; i++) {
            bytesFor(gd, loss, 50_000); // let the JIT compile the loop
        }
        long shortRun = bytesFor(gd, loss, 10);
        long longRun = bytesFor(gd, loss, 200_000);
        // 16 bytes per iteration would be 3.2 MB; allow a few KB of noise (e.g. a safepoint's bookkeeping).
        assertThat(longRun - shortRun).isLessThan(8 * 1024);
    }
}
