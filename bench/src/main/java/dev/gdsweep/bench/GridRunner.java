package dev.gdsweep.bench;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.grid.Grid;
import dev.gdsweep.grid.Spread;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.spark.Partitioning;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.RunComputer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole sweep in this process, engine alone: the run ids are cut into tasks exactly as the Spark
 * runner cuts them ({@link Spread} permutation, {@link Partitioning#partitions} contiguous blocks of
 * positions), and {@code threads} workers take tasks one after the other, as executor cores do. Each
 * worker has its own loss and {@link GradientDescent}, made once. What is left out compared with a
 * Spark task: the per-run analysis (sharpness, basin), the row and Parquet writing.
 *
 * <p>Plain gradient descent with a constant rate only (the B1 grids); optimizers and schedules of a
 * spec are ignored.
 */
public final class GridRunner implements AutoCloseable {

    /** What a sweep did: iterations summed over the runs, and a count per status for a sanity check. */
    public record Totals(long runs, long iterations, long converged, long diverged, long maxIterations) {
        Totals plus(Totals o) {
            return new Totals(runs + o.runs, iterations + o.iterations, converged + o.converged,
                    diverged + o.diverged, maxIterations + o.maxIterations);
        }

        static final Totals ZERO = new Totals(0, 0, 0, 0, 0);
    }

    private final SweepSpec spec;
    private final Grid grid;
    private final int threads;
    private final ExecutorService pool;
    private final boolean withAnalysis;

    public GridRunner(SweepSpec spec, int threads) {
        this(spec, threads, false);
    }

    /**
     * @param withAnalysis compute each run through {@link RunComputer}, as a Spark task does: the
     *     engine plus the per-run analysis (sharpness, basin) and the {@code RunRecord}; the spec's
     *     stopping rule then always applies
     */
    public GridRunner(SweepSpec spec, int threads, boolean withAnalysis) {
        this.withAnalysis = withAnalysis;
        this.spec = spec;
        this.grid = spec.grid();
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "grid-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** The whole grid, with {@code stop} instead of the spec's stopping rule when not null. */
    public Totals run(StoppingRule stop) throws Exception {
        StoppingRule rule = stop == null ? spec.stopping() : stop;
        long n = grid.size();
        Spread spread = new Spread(n);
        int tasks = Partitioning.partitions(n, threads);
        AtomicInteger nextTask = new AtomicInteger();
        List<Future<Totals>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                Loss loss = spec.loss().create(spec.dimension());
                GradientDescent engine = new GradientDescent(spec.dimension());
                RunComputer computer = withAnalysis ? new RunComputer(spec) : null;
                double[] initial = new double[spec.dimension()];
                long runs = 0;
                long iterations = 0;
                long converged = 0;
                long diverged = 0;
                long max = 0;
                for (int p; (p = nextTask.getAndIncrement()) < tasks; ) {
                    long first = start(n, tasks, p);
                    long end = start(n, tasks, p + 1);
                    for (long position = first; position < end; position++) {
                        long id = spread.runId(position);
                        RunResult r;
                        if (computer != null) {
                            r = computer.compute(id).result();
                        } else {
                            grid.initialWeights(id, initial);
                            r = engine.run(loss, grid.learningRate(id), initial, rule);
                        }
                        runs++;
                        iterations += r.iterations();
                        switch (r.status()) {
                            case CONVERGED -> converged++;
                            case DIVERGED -> diverged++;
                            case MAX_ITERATIONS -> max++;
                            default -> { }
                        }
                    }
                }
                return new Totals(runs, iterations, converged, diverged, max);
            }));
        }
        Totals total = Totals.ZERO;
        for (Future<Totals> f : futures) {
            total = total.plus(f.get());
        }
        return total;
    }

    /** floor(total·p / parts): where part p of [0, total) starts (as the Spark runner's PartitionRuns). */
    static long start(long total, long parts, long p) {
        long quotient = total / parts;
        long remainder = total % parts;
        return quotient * p + remainder * p / parts;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
