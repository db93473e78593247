package dev.gdsweep.bench.jmh;

import dev.gdsweep.bench.B4;
import dev.gdsweep.loss.model.MlpLoss;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full-batch {@link MlpLoss#valueAndGradient} on B4's data and
 * network (10,000 rows × 20 features, 32 tanh units, 10 classes, see {@link B4}): one engine
 * iteration of B4 minus the loop's own few nanoseconds. Score: ms per evaluation. With
 * {@code -prof gc}: bytes per evaluation (0 expected). The fork gets the Vector API module, so the
 * vector kernel is measured (without it the loss runs the scalar kernel, same values, slower).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MlpBench {

    private MlpLoss loss;
    private double[] w;
    private double[] g;

    @Setup
    public void setup() {
        loss = B4.loss(B4.data());
        w = B4.start(loss, 1);
        g = new double[w.length];
    }

    @Benchmark
    public double valueAndGradient() {
        return loss.valueAndGradient(w, g);
    }
}
