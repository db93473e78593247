package dev.gdsweep.spark;

import static org.apache.spark.sql.functions.col;

import dev.gdsweep.refine.Refinement;
import dev.gdsweep.refine.RefinementStop;
import dev.gdsweep.report.BestRun;
import dev.gdsweep.report.Recommendation;
import dev.gdsweep.report.RefinementReport;
import dev.gdsweep.report.SummaryRow;
import dev.gdsweep.report.SweepFacts;
import dev.gdsweep.report.SweepReport;
import dev.gdsweep.spec.LossSpec;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SpecWriter;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.store.ReportInfo;
import dev.gdsweep.store.ReportLayout;
import dev.gdsweep.store.ReportLocation;
import dev.gdsweep.sweep.Chunks;
import dev.gdsweep.sweep.Trajectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Runs a sweep on Spark: the run ids are spread over chunks and tasks, each executor computes its runs
 * and writes them as Parquet, each chunk is committed when its job succeeds, and the summary is
 * aggregated by Spark from what was written. Nothing per run is collected on the driver but the paths of
 * the few recorded runs, which the tasks record as they compute them (bounded, see {@link #recordsInTasks}).
 *
 * <p>Its phases, one method each, in the location's work directory: {@link #references} (a convex model's
 * reference optima), {@link #writeChunks} (compute and commit the chunks, their tasks recording the selected
 * runs' paths), {@link #writePaths} (the recorded paths), {@link #writeSummary} (the summary, and the best run
 * from it), {@link #publish} (the info, the page if asked, then the report in place).
 */
public final class SparkSweep {

    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private final SweepSpec spec;
    private final String specYaml;
    private final ReportLocation location;
    private final SweepOptions options;
    /** When the sweep started ({@link System#nanoTime}), for its time budget and its duration. */
    private final long start;

    private SparkSweep(SparkSession spark, SweepSpec spec, ReportLocation location, SweepOptions options) {
        this.start = System.nanoTime();
        this.spark = spark;
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.spec = spec;
        this.specYaml = SpecWriter.toYaml(spec);
        this.location = location;
        this.options = options;
    }

    /** Runs the sweep chunk by chunk into the location's work directory, then publishes the report. */
    public static SweepReport run(SparkSession spark, SweepSpec spec, ReportLocation location, SweepOptions options) {
        try {
            return new SparkSweep(spark, spec, location, options).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    private SweepReport run() throws IOException {
        Chunks chunks = Chunks.of(spec.grid().size(), spec.limits().chunkRuns());
        Set<Integer> committed = location.begin(specYaml, options.resume(),
                previous -> SpecLoader.parse(previous, "spec.yaml", "sweep", List.of(),
                        new HadoopDataResolver(HadoopConfs.fromSpark())).sameRunsAs(spec));
        List<Reference> references = references();
        // A model's data is read once on the driver and shipped once per executor.
        ShippedSpec shipped = new ShippedSpec(specYaml,
                spec.loss() instanceof LossSpec.Model model ? jsc.broadcast(model.data()) : null,
                Reference.certified(references));
        List<Long> recorded = Trajectories.select(spec.grid(), spec.record());
        CollectionAccumulator<Trajectories.RecordedPath> paths = recordsInTasks(recorded)
                ? spark.sparkContext().collectionAccumulator("gdsweep recorded paths") : null;
        ChunksWritten written = writeChunks(chunks, committed, shipped, paths);
        Refinement refinement = written.written() == chunks.runs() && spec.refines()
                ? refine(chunks, committed, shipped) : null;
        List<Trajectories.RecordedPath> allRecorded = writePaths(shipped, recorded, paths);
        // When the tasks recorded every selected path, the page draws them without reading the table back.
        List<Trajectories.RecordedPath> pathsInHand = options.html() != null ? allRecorded : null;
        Dataset<Row> runs = RunSchema.gridRuns(
                spark.read().schema(RunSchema.SCHEMA).parquet(location.workPath(ReportLayout.RUNS)));
        describe("summary");
        options.progress().phase("summary");
        // One aggregation of the grid's runs per rate gives the summary, the best run and the recommendation.
        List<Row> perRate = Summary.perRate(runs).collectAsList();
        List<SummaryRow> summary = writeSummary(perRate, runs, references);
        Optional<BestRun> best = bestRun(runs, perRate, summary);
        // Over every round: the rates a refinement ran from every start count too.
        List<Recommendation> recommendations = Recommendation.of(!spec.refines() ? RecommendationRates.of(perRate)
                : RecommendationRates.of(
                        spark.read().schema(RunSchema.SCHEMA).parquet(location.workPath(ReportLayout.RUNS))),
                spec.recommend().minShare());
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("recommendation", Recommendation.yaml(recommendations));
        if (spec.refines()) {
            found.put("refinement", refinementYaml(refinement));
        }
        return publish(written, summary, best, refinement == null ? null : RefinementLines.of(refinement, spec, summary),
                references, new SweepFacts(summary, recommendations, pathsInHand), found);
    }

    /**
     * report.yaml's {@code refinement} entry: rounds, runs and why it stopped. A grid the time budget cut
     * short refines nothing: 0 rounds, stopped by max_seconds.
     */
    private static Map<String, Object> refinementYaml(Refinement refinement) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rounds", refinement == null ? 0 : refinement.rounds());
        if (refinement != null) {
            m.put("runs", refinement.runs());
        }
        RefinementStop stop = refinement == null ? RefinementStop.MAX_SECONDS : refinement.stopReason();
        m.put("stopped_by", stop == null ? null : stop.key());
        return m;
    }

    /**
     * Phase 0, for linear, logistic or softmax regression with {@code reference: auto}: the reference optimum
     * of each loss setting, written as the reference table (see {@link MllibReference#ofSweep}).
     */
    private List<Reference> references() throws IOException {
        describe("reference optima (spark.ml)");
        return MllibReference.ofSweep(spark, spec, location.workPath(ReportLayout.REFERENCE));
    }

    /**
     * Phase 1b, for a spec with {@code refine:} whose grid is complete: the refinement rounds, each a job
     * committed as a chunk after the grid's, and the refinement tables.
     */
    private Refinement refine(Chunks chunks, Set<Integer> committed, ShippedSpec shipped) throws IOException {
        RefinementRounds rounds = new RefinementRounds(spark, spec, location, shipped, options.partitions(),
                options.progress());
        Refinement refinement = rounds.run(chunks.count(), committed,
                () -> (System.nanoTime() - start) / 1e9 >= spec.limits().maxSeconds(), this::describe);
        describe("refinement tables");
        options.progress().phase("refinement tables");
        rounds.writeTables(refinement);
        return refinement;
    }

    /**
     * What the chunk phase leaves: the chunks committed (by this attempt and earlier ones), the runs they
     * hold, the runs an earlier attempt had committed, and the tasks this attempt ran.
     */
    private record ChunksWritten(Chunks chunks, int committed, long written, long resumed, int tasks) {}

    /**
     * Phase 1: computes each chunk not yet committed as one Spark job, and commits it when the job
     * succeeds. Out of time budget it stops, and what is done is published marked partial; one chunk
     * always runs, so that repeated --resume under a tight budget still finishes.
     */
    private ChunksWritten writeChunks(Chunks chunks, Set<Integer> committed, ShippedSpec shipped,
            CollectionAccumulator<Trajectories.RecordedPath> paths) throws IOException {
        // Chunks after the grid's are refinement rounds: resumed by the refinement phase.
        long resumed = chunks.runsIn(committed.stream().filter(c -> c < chunks.count()).toList());
        long written = resumed;
        int tasks = 0;
        TaskFaults faults = TaskFaults.from(spark.sparkContext().getConf());
        try (LiveRuns doneHere = LiveRuns.start(spark.sparkContext(), "gdsweep runs done")) {
            options.progress().runs("grid", chunks.runs(), resumed, doneHere);
            boolean progressed = false;
            for (int c = 0; c < chunks.count(); c++) {
                if (committed.contains(c)) {
                    continue;
                }
                if (progressed && (System.nanoTime() - start) / 1e9 >= spec.limits().maxSeconds()) {
                    break;
                }
                progressed = true;
                long from = chunks.start(c);
                long to = chunks.end(c);
                int p = options.partitions() > 0 ? options.partitions()
                        : Partitioning.partitions(to - from, jsc.defaultParallelism());
                tasks += p;
                describe("chunk " + (c + 1) + " of " + chunks.count() + ", " + (to - from) + " runs");
                writeChunk(c, new ChunkTasks(shipped, chunks.runs(), from, to, p), doneHere.accumulator(), faults,
                        paths);
                committed.add(c);
                written += to - from;
            }
        }
        return new ChunksWritten(chunks, committed.size(), written, resumed, tasks);
    }

    /**
     * Chunk {@code c}: its tasks' rows written to the chunk's scratch directory, then committed; the paths its
     * tasks record go to {@code paths} (null: none recorded).
     */
    private void writeChunk(int c, ChunkTasks chunk, LongAccumulator doneHere, TaskFaults faults,
            CollectionAccumulator<Trajectories.RecordedPath> paths) throws IOException {
        List<Integer> ids = IntStream.range(0, chunk.partitions()).boxed().toList();
        JavaRDD<Row> rows = jsc.parallelize(ids, chunk.partitions())
                .mapPartitions(new PartitionRuns(chunk, doneHere, faults, paths));
        spark.createDataFrame(rows, RunSchema.SCHEMA)
                .write().mode(SaveMode.Overwrite).parquet(location.chunkScratch(c));
        location.commitChunk(c);
    }

    /**
     * Whether the chunk tasks record the selected runs' paths as they compute them: when some are selected and
     * all their paths together, at their longest, are small enough to go through the driver (a quarter of
     * {@code spark.driver.maxResultSize}, and at most {@value #MAX_PATH_BYTES} bytes). Otherwise
     * {@link #writePaths} runs them again, as it does for runs no task of this attempt computed.
     */
    private boolean recordsInTasks(List<Long> recorded) {
        if (recorded.isEmpty()) {
            return false;
        }
        long resultSize = spark.sparkContext().getConf().getSizeAsBytes("spark.driver.maxResultSize", "1g");
        long bound = resultSize > 0 ? Math.min(MAX_PATH_BYTES, resultSize / 4) : MAX_PATH_BYTES;
        return Trajectories.Recording.maxBytes(spec, recorded.size(), Trajectories.every(spec, recorded.size()))
                <= bound;
    }

    /** The most bytes of recorded paths the chunk tasks hand to the driver (see {@link #recordsInTasks}). */
    static final long MAX_PATH_BYTES = 256L << 20;

    /**
     * Phase 2: the trajectories table, the paths of the selected runs. The chunk tasks recorded them as they
     * ran, each whole, into {@code paths}: Spark merges a task's additions only once the task succeeded, a
     * path is a function of its run id alone, and the driver keeps one per run id, so retried or speculative
     * tasks change nothing. A selected run without a path here (in a chunk an earlier attempt committed, on
     * {@code --resume}; in a chunk the time budget left out; or recorded by no task, {@code paths} null) is run
     * again with an observer. The table is then written once, in one job, run by run in the order dealt to
     * its tasks, as when every path was run again.
     *
     * @return the paths written, when every selected run's path was in hand (none run again); null otherwise
     */
    private List<Trajectories.RecordedPath> writePaths(ShippedSpec shipped, List<Long> recorded,
            CollectionAccumulator<Trajectories.RecordedPath> paths) {
        Map<Long, Trajectories.RecordedPath> inHand = new HashMap<>();
        if (paths != null) {
            Set<Long> selected = new HashSet<>(recorded);
            for (Trajectories.RecordedPath p : paths.value()) {
                if (selected.contains(p.runId())) {
                    inHand.putIfAbsent(p.runId(), p);
                }
            }
            paths.reset();
        }
        describe(recorded.size() + " trajectories" + (inHand.size() < recorded.size()
                ? " (" + (recorded.size() - inHand.size()) + " run again)" : ""));
        // A few tasks per core, each a fair share of long and short runs, so no core waits on another.
        int tasks = Math.max(1, Math.min(recorded.size(), Partitioning.TASKS_PER_CORE * jsc.defaultParallelism()));
        Broadcast<Map<Long, Trajectories.RecordedPath>> shippedPaths = jsc.broadcast(inHand);
        try (LiveRuns done = LiveRuns.start(spark.sparkContext(), "gdsweep paths done")) {
            // The paths recorded in the chunk tasks are done; the progress line counts those run again.
            options.progress().runs("paths", recorded.size(), inHand.size(), done);
            JavaRDD<Row> rows = jsc.parallelize(Trajectories.dealt(recorded, tasks), tasks)
                    .mapPartitions(new TrajectoryRuns(shipped, Trajectories.every(spec, recorded.size()),
                            shippedPaths, done.accumulator()));
            spark.createDataFrame(rows, TrajectorySchema.SCHEMA)
                    .write().mode(SaveMode.Overwrite).parquet(location.workPath(ReportLayout.TRAJECTORIES));
        } finally {
            shippedPaths.destroy();
        }
        return inHand.size() == recorded.size() ? List.copyOf(inHand.values()) : null;
    }

    /** Phase 3: the summary table of the grid's runs, from their rows per rate (one partition, in grid order). */
    private List<SummaryRow> writeSummary(List<Row> perRate, Dataset<Row> runs, List<Reference> references) {
        List<Row> rows = Summary.rows(perRate, runs, Reference.losses(references));
        Summary.table(spark, rows).write().mode(SaveMode.ErrorIfExists)
                .parquet(location.workPath(ReportLayout.SUMMARY));
        return rows.stream().map(Summary::fromRow).toList();
    }

    /**
     * The run that did not diverge or fail with the smallest final loss (the smallest run id on ties), among
     * those that took a step: a start already at a minimum (0 iterations) is left out, and counted. Chosen among
     * each rate's best, as Spark orders them (final losses equal as numbers, 0.0 and -0.0, tie), then read from
     * {@code runs} by its id.
     */
    private static Optional<BestRun> bestRun(Dataset<Row> runs, List<Row> perRate, List<SummaryRow> summary) {
        long atMinimum = 0;
        Row best = null;
        for (Row rate : perRate) {
            atMinimum += rate.<Long>getAs(Summary.AT_MINIMUM);
            if (rate.getAs(Summary.BEST_MOVED_RUN) != null && (best == null || before(rate, best))) {
                best = rate;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        RunRow r = RunSchema.fromRow(runs.where(col("run_id").equalTo(best.<Long>getAs(Summary.BEST_MOVED_RUN)))
                .select(RunSchema.READ_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new))
                .collectAsList().get(0));
        return Optional.of(new BestRun(r.runId(),
                (SummaryRow.severalLossSettings(summary) ? r.lossConfig() + ", " : "")
                        + SweepReport.consoleLabel(r.optimizerConfig(), r.schedule(), r.batchSize()),
                r.learningRate(), r.initialWeights(), r.finalWeights(), r.finalLoss(), r.iterations(), r.status(),
                atMinimum));
    }

    /** Whether rate {@code a}'s best run comes before {@code b}'s: a smaller final loss, or the same and a lower id. */
    private static boolean before(Row a, Row b) {
        double lossA = a.<Double>getAs(Summary.BEST_MOVED_LOSS);
        double lossB = b.<Double>getAs(Summary.BEST_MOVED_LOSS);
        return lossA < lossB
                || lossA == lossB && a.<Long>getAs(Summary.BEST_MOVED_RUN) < b.<Long>getAs(Summary.BEST_MOVED_RUN);
    }

    /**
     * Phase 4: writes the report's info, renders the page if asked (before publishing, so a published
     * report always has the page that belongs to it), then publishes the report in place.
     */
    private SweepReport publish(ChunksWritten chunks, List<SummaryRow> summary, Optional<BestRun> best,
            RefinementReport refinement, List<Reference> references, SweepFacts facts, Map<String, Object> found)
            throws IOException {
        double seconds = (System.nanoTime() - start) / 1e9;
        long runs = chunks.chunks().runs();
        ReportInfo info = new ReportInfo(chunks.written() == runs, runs, chunks.written(), chunks.resumed(),
                chunks.chunks().count(), chunks.committed(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                seconds, spec.loss() instanceof LossSpec.Model m ? m.data().facts(m.dataSpec().path()) : null,
                Reference.losses(references));
        location.writeText(ReportLayout.INFO, info.toYaml(found));
        String page = null;
        if (options.html() != null) {
            describe("report.html");
            options.progress().phase("report");
            String rendered = options.html().render(spark, spec, specYaml, location.workDirectory(), facts);
            page = location.displayPath() + "/" + new Path(rendered).getName();
        }
        location.publish();
        return new SweepReport(location.displayPath(), runs, chunks.tasks(), seconds, summary, best, info, page,
                refinement, references.stream().map(Reference::seaLevel).toList(), facts.recommendations());
    }

    /** Names the Spark jobs that follow, in the Spark UI. */
    private void describe(String what) {
        spark.sparkContext().setJobDescription("gdsweep " + spec.name() + ": " + what);
    }
}
