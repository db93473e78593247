package dev.gdsweep.bench.jmh;

import dev.gdsweep.bench.B2;
import dev.gdsweep.loss.model.LogisticRegressionLoss;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full-batch {@link LogisticRegressionLoss#valueAndGradient} on B2's synthetic data (rows ×
 * features, see {@link B2}): one engine iteration of B2 minus the loop's own few nanoseconds. Score:
 * µs per evaluation; GFLOP/s-equivalent = 4·rows·features / (score in ns). With {@code -prof gc}:
 * bytes per evaluation (0 expected). The fork gets the Vector API module, so the vector kernel is
 * measured (without it the loss runs the scalar kernel, same values, slower).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LogisticBench {

    @Param({"10000"})
    public int rows;

    @Param({"20"})
    public int features;

    private LogisticRegressionLoss loss;
    private double[] w;
    private double[] g;

    @Setup
    public void setup() {
        loss = B2.loss(B2.data(rows, features));
        w = B2.start(1, features + 1);
        g = new double[features + 1];
    }

    @Benchmark
    public double valueAndGradient() {
        return loss.valueAndGradient(w, g);
    }
}
