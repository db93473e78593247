package dev.gdsweep.loss.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * value, valueAndGradient and valuesAndGradients allocate nothing per call, measured with the JVM's
 * per-thread allocation counter over 100,000 calls (20,000 for lanes) after a warm-up: 16 bytes a call
 * would be 1.6 MB (320 KB), the bound is 64 KiB (room for the counter's own bookkeeping, not for a
 * per-call allocation).
 */
@Tag("allocation")
class FormulaAllocationTest {

    private static final int CALLS = 100_000;
    private static final int LANE_CALLS = 20_000;
    private static final long BOUND = 64 * 1024;
    private static final String EVERY_OPERATION =
            "sin(x) + cos(y) + tan(x/4) + asin(x/4) + acos(y/5) + atan(x*y) + sinh(x/3) + cosh(y/3) + tanh(x)"
                    + " + exp(-x^2) + log(1 + y^2) + log1p(x^2) + sqrt(x^2 + 1) + abs(x - y) + pow(1 + x^2, y)"
                    + " + x^3 + 2^y + min(x, y) + max(x, y) - -x / (1 + y^2) + (x - y)^2";

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "(a - x)^2 + b*(y - x^2)^2",
        // Every operation of the tape, including the ones with special derivative rules.
        EVERY_OPERATION
    })
    void callsAllocateNothing(String text) {
        FormulaLoss loss = new FormulaLoss(Formula.parse(text, List.of("x", "y"), Map.of("a", 1.0, "b", 100.0)));
        double[] w = {0.3, -0.7};
        double[] g = new double[2];
        double sink = 0;
        for (int i = 0; i < 200_000; i++) { // let the JIT compile both methods
            w[0] = 0.3 + 1e-7 * (i % 1000);
            sink += loss.valueAndGradient(w, g) + loss.value(w);
        }

        long before = allocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            w[0] = 0.3 + 1e-7 * (i % 1000);
            sink += loss.valueAndGradient(w, g);
        }
        long gradientBytes = allocatedBytes() - before;

        before = allocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            w[0] = 0.3 + 1e-7 * (i % 1000);
            sink += loss.value(w);
        }
        long valueBytes = allocatedBytes() - before;

        assertThat(sink).isFinite();
        assertThat(gradientBytes).as("bytes allocated by %s calls of valueAndGradient", CALLS).isLessThan(BOUND);
        assertThat(valueBytes).as("bytes allocated by %s calls of value", CALLS).isLessThan(BOUND);
    }

    /** Buffers grow once to the largest lane count; fewer lanes afterwards reuse them. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"(a - x)^2 + b*(y - x^2)^2", EVERY_OPERATION})
    void laneCallsAllocateNothingOnceGrown(String text) {
        FormulaLoss loss = new FormulaLoss(Formula.parse(text, List.of("x", "y"), Map.of("a", 1.0, "b", 100.0)));
        int most = 64;
        double[][] w = new double[2][most];
        double[][] g = new double[2][most];
        double[] values = new double[most];
        for (int l = 0; l < most; l++) {
            w[0][l] = 0.3 + 0.01 * l;
            w[1][l] = -0.7 + 0.01 * l;
        }
        double sink = 0;
        for (int i = 0; i < 20_000; i++) { // let the JIT compile the lane loops
            loss.valuesAndGradients(i % 2 == 0 ? most : 7, w, g, values);
            sink += values[0];
        }

        long before = allocatedBytes();
        for (int i = 0; i < LANE_CALLS; i++) {
            w[0][0] = 0.3 + 1e-7 * (i % 1000);
            loss.valuesAndGradients(i % 2 == 0 ? most : 7, w, g, values);
            sink += values[0];
        }
        long laneBytes = allocatedBytes() - before;

        assertThat(sink).isFinite();
        assertThat(laneBytes).as("bytes allocated by %s calls of valuesAndGradients", LANE_CALLS).isLessThan(BOUND);
    }
}
