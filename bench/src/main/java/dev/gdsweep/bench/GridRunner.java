package dev.gdsweep.bench;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.LockstepDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.grid.Grid;
import dev.gdsweep.grid.Spread;
import dev.gdsweep.loss.LaneLoss;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import dev.gdsweep.optim.UpdateRule;
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
 * worker has its own loss and engine, made once. As a Spark task does, a worker computes a task's
 * positions {@link RunComputer#BLOCK} at a time, each block stepped in lockstep ({@link LockstepDescent});
 * with {@code scalar} it runs them one at a time through {@link GradientDescent}, the loop before lanes.
 * What is left out compared with a Spark task: the per-run analysis (sharpness, basin), the row and
 * Parquet writing.
 *
 * <p>The engine alone takes a spec with one optimizer (plain GD in B1, Adam in the Adam grid) and any
 * schedules; with analysis, any spec.
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
    private final boolean scalar;
    private final int lanes;

    public GridRunner(SweepSpec spec, int threads) {
        this(spec, threads, false);
    }

    public GridRunner(SweepSpec spec, int threads, boolean withAnalysis) {
        this(spec, threads, withAnalysis, false, LockstepDescent.DEFAULT_LANES);
    }

    /**
     * @param withAnalysis compute each run through {@link RunComputer}, as a Spark task does: the
     *     engine plus the per-run analysis (sharpness, basin) and the {@code RunRecord}; the spec's
     *     stopping rule then always applies
     * @param scalar one run at a time ({@link GradientDescent}, or {@link RunComputer#compute}) instead
     *     of blocks in lockstep
     * @param lanes lanes of the lockstep engine alone (with analysis, RunComputer's default applies)
     */
    public GridRunner(SweepSpec spec, int threads, boolean withAnalysis, boolean scalar, int lanes) {
        this.withAnalysis = withAnalysis;
        this.scalar = scalar;
        this.lanes = lanes;
        this.spec = spec;
        this.grid = spec.grid();
        this.threads = threads;
        if (!withAnalysis && spec.optimizers().size() != 1) {
            throw new IllegalArgumentException("The engine alone takes one optimizer, got " + spec.optimizers());
        }
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
                OptimizerConfig optimizer = spec.optimizers().get(0);
                UpdateRule update = optimizer.create(spec.dimension());
                LockstepDescent lockstep = new LockstepDescent(spec.dimension(), lanes);
                RunComputer computer = withAnalysis ? new RunComputer(spec) : null;
                double[] initial = new double[spec.dimension()];
                Counter counter = new Counter();
                for (int p; (p = nextTask.getAndIncrement()) < tasks; ) {
                    long first = start(n, tasks, p);
                    long end = start(n, tasks, p + 1);
                    if (scalar) {
                        for (long position = first; position < end; position++) {
                            long id = spread.runId(position);
                            if (computer != null) {
                                counter.add(computer.compute(id).result());
                            } else {
                                grid.initialWeights(id, initial);
                                counter.add(engine.run(loss, update, grid.schedule(id), grid.learningRate(id),
                                        initial, rule));
                            }
                        }
                        continue;
                    }
                    for (long from = first; from < end; from += RunComputer.BLOCK) {
                        long[] ids = new long[(int) Math.min(RunComputer.BLOCK, end - from)];
                        for (int i = 0; i < ids.length; i++) {
                            ids[i] = spread.runId(from + i);
                        }
                        if (computer != null) {
                            for (var record : computer.computeAll(ids)) {
                                counter.add(record.result());
                            }
                        } else {
                            for (RunResult r : lockstepBlock(lockstep, (LaneLoss) loss, optimizer, rule, ids,
                                    initial)) {
                                counter.add(r);
                            }
                        }
                    }
                }
                return counter.totals();
            }));
        }
        Totals total = Totals.ZERO;
        for (Future<Totals> f : futures) {
            total = total.plus(f.get());
        }
        return total;
    }

    /** One block of run ids through the lockstep engine, with the spec's optimizer and each run's schedule. */
    private RunResult[] lockstepBlock(LockstepDescent lockstep, LaneLoss loss, OptimizerConfig optimizer,
            StoppingRule rule, long[] ids, double[] initial) {
        int d = initial.length;
        double[] rates = new double[ids.length];
        Schedule[] schedules = new Schedule[ids.length];
        double[] starts = new double[ids.length * d];
        for (int i = 0; i < ids.length; i++) {
            rates[i] = grid.learningRate(ids[i]);
            schedules[i] = grid.schedule(ids[i]);
            grid.initialWeights(ids[i], initial);
            System.arraycopy(initial, 0, starts, i * d, d);
        }
        return lockstep.run(loss, optimizer, rule, rates, schedules, starts, () -> { });
    }

    /** Sums a worker's results. */
    private static final class Counter {
        long runs;
        long iterations;
        long converged;
        long diverged;
        long max;

        void add(RunResult r) {
            runs++;
            iterations += r.iterations();
            switch (r.status()) {
                case CONVERGED -> converged++;
                case DIVERGED -> diverged++;
                case MAX_ITERATIONS -> max++;
                default -> { }
            }
        }

        Totals totals() {
            return new Totals(runs, iterations, converged, diverged, max);
        }
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
