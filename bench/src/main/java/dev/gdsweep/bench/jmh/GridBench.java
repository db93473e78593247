package dev.gdsweep.bench.jmh;

import dev.gdsweep.bench.GridRunner;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole B1 grid (bench/specs/b1-*.yaml, packed into the jar as specs/) in this process with
 * {@code threads} worker threads, run ids split as the Spark runner splits them ({@link GridRunner}).
 * One op = one sweep of 10,000 runs; the result is the total number of iterations (rosenbrock:
 * 289,834,863), so iterations/s = that / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class GridBench {

    @Param({"rosenbrock"})
    public String loss;

    @Param({"2"})
    public int threads;

    private GridRunner runner;

    @Setup
    public void setup() throws IOException {
        String name = "specs/b1-" + loss + ".yaml";
        try (InputStream in = GridBench.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the classpath");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            runner = new GridRunner(SpecLoader.parse(yaml, name, "b1", List.of(), DataResolver.NONE), threads);
        }
    }

    @TearDown
    public void tearDown() {
        runner.close();
    }

    @Benchmark
    public long sweep() throws Exception {
        return runner.run(null).iterations();
    }
}
