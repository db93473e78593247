package dev.gdsweep.bench.jmh;

import dev.gdsweep.bench.B3;
import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.loss.model.LinearRegressionLoss;
import dev.gdsweep.loss.model.ModelLoss;
import java.util.List;
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
 * One full-batch {@code valueAndGradient} of the linear and softmax regression kernels, as
 * {@link LogisticBench} for logistic regression: on B3's 10,000 × 20 features, softmax over its 10
 * classes (one B3 iteration minus the loop's own nanoseconds), linear regression on the class index
 * as a target. Score: µs per evaluation; with {@code -prof gc}, bytes per evaluation (0 expected).
 * The fork gets the Vector API module, so the vector kernels are measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ModelKernelBench {

    @Param({"linear", "softmax"})
    public String model;

    private ModelLoss loss;
    private double[] w;
    private double[] g;

    @Setup
    public void setup() {
        DenseData classes = B3.data(B3.ROWS, B3.FEATURES);
        if (model.equals("linear")) {
            List<String> names = classes.featureNames();
            loss = new LinearRegressionLoss(DenseData.regression(classes.featureArray(), classes.labelArray(), names), 0);
        } else {
            loss = B3.loss(classes);
        }
        w = B3.start(1, loss.dimension());
        g = new double[w.length];
    }

    @Benchmark
    public double valueAndGradient() {
        return loss.valueAndGradient(w, g);
    }
}
