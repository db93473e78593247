package dev.gdsweep.cli;

import dev.gdsweep.compare.Comparison;
import dev.gdsweep.html.HtmlReportBuilder;
import dev.gdsweep.store.JobRuns;
import dev.gdsweep.console.PhaseTimes;
import dev.gdsweep.console.Progress;
import dev.gdsweep.console.ProgressDisplay;
import dev.gdsweep.store.ReportFiles;
import dev.gdsweep.store.ReportLayout;
import dev.gdsweep.store.ReportLocation;
import dev.gdsweep.console.SummaryPrinter;
import dev.gdsweep.report.SweepReport;
import dev.gdsweep.spark.HadoopConfs;
import dev.gdsweep.spark.HadoopDataResolver;
import dev.gdsweep.spark.SparkSessions;
import dev.gdsweep.spark.SparkSweep;
import dev.gdsweep.spark.Summary;
import dev.gdsweep.spark.SweepOptions;
import dev.gdsweep.spec.LossSpec;
import dev.gdsweep.spec.SpecException;
import dev.gdsweep.spec.SweepSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The commands' work that needs Spark or Hadoop. Kept out of the command classes, which picocli
 * links when it builds the command line, so {@code java -jar} of the thin jar (no Spark on the
 * classpath) can still run validate, functions and check-loss.
 */
final class SparkTasks {

    private SparkTasks() {}

    /**
     * What {@code gdsweep run} asks for once the spec is loaded: where the report goes ({@code replace} an
     * existing one; {@code outputSource} names where the path came from, for messages; {@code inputs} are what
     * the report must never replace, see {@link #inputs}), the Spark master and plugin jars, and how the sweep
     * runs: tasks per chunk (0 chooses them), resume, report.html, the progress line to {@code progress}
     * (null for none), and whether to print the time by phase after the summary.
     */
    record RunRequest(SweepSpec spec, List<ReportLocation.Input> inputs, boolean replace, String outputSource,
            String master, String jars, int partitions, boolean resume, boolean html, PrintWriter progress,
            boolean timings) {

        SweepOptions options(ProgressDisplay shown) {
            return SweepOptions.defaults().withPartitions(partitions).withResume(resume)
                    .withHtml(html ? HtmlReportBuilder::render : null).withProgress(shown);
        }
    }

    /**
     * The progress line on {@code to} (null: none): rewritten in place on a terminal, else a plain line every
     * 10 s, so a log or CI output gets a few lines and no escapes. The launcher says whether its stderr is a
     * terminal ({@code gdsweep.stderr.terminal}), because it hands the JVM a pipe that filters the JVM's notes.
     */
    static Progress progress(PrintWriter to) {
        return to == null ? null : Progress.start(to, stderrIsTerminal(), 10);
    }

    private static boolean stderrIsTerminal() {
        String told = System.getProperty("gdsweep.stderr.terminal");
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    /** {@code gdsweep run} once the spec is loaded: output checks and lock, Spark, the report. */
    static void runSweep(RunRequest request, PrintWriter out) {
        SweepSpec s = request.spec();
        // Everything the user gave is checked before Spark starts, the output location included.
        try (ReportLocation location = ReportLocation.prepare(s.outputPath(), request.replace(), request.resume(),
                HadoopConfs.fromSpark(), request.outputSource(),
                new ReportLocation.Sweep(s.grid().size(), s.limits().chunkRuns(), request.inputs()))) {
            out.printf("Sweep %s: %d runs (%s) of %s%n", s.name(), s.grid().size(), ValidateCommand.axes(s),
                    s.loss().name());
            if (s.loss() instanceof LossSpec.Model m) {
                out.println("Data: " + m.data().describe(m.dataSpec()));
            }
            out.flush();
            SweepReport report;
            PhaseTimes times = null;
            try (Progress progress = progress(request.progress())) { // closed, its line cleared, before the summary
                ProgressDisplay shown = shown(progress);
                if (request.timings()) {
                    shown = times = PhaseTimes.sinceJvmStart(shown);
                }
                shown.phase("starting Spark");
                SparkSession spark = SparkSessions.start("gdsweep " + s.name(), request.master(), request.jars());
                try {
                    report = SparkSweep.run(spark, s, location, request.options(shown));
                } finally {
                    shown.phase("stopping Spark");
                    spark.stop();
                    if (times != null) {
                        times.end();
                    }
                }
            }
            SummaryPrinter.print(report, out);
            if (times != null) {
                out.print(times.table());
                out.flush();
            }
        }
    }

    private static ProgressDisplay shown(Progress progress) {
        return progress == null ? ProgressDisplay.NONE : progress;
    }

    /** A sweep's inputs: its spec file, its plugin jars and its model's data. */
    static List<ReportLocation.Input> inputs(java.nio.file.Path specFile, List<java.nio.file.Path> pluginJars,
            SweepSpec s) {
        List<ReportLocation.Input> inputs = new ArrayList<>();
        inputs.add(ReportLocation.Input.local("the spec file", specFile));
        for (java.nio.file.Path jar : pluginJars) {
            inputs.add(ReportLocation.Input.local("a plugin jar", jar));
        }
        if (s.loss() instanceof LossSpec.Model m) {
            inputs.add(new ReportLocation.Input("the data", m.dataSpec().path()));
        }
        return inputs;
    }

    /**
     * {@code gdsweep report}: renders report.html into an existing report, showing its progress on
     * {@code progressTo} (null: none); returns its path.
     */
    static String renderReport(String dir, String master, PrintWriter progressTo) throws IOException {
        Path path = new Path(dir);
        FileSystem fs;
        String specYaml;
        try {
            fs = path.getFileSystem(HadoopConfs.fromSpark());
            if (!fs.exists(path) || !fs.getFileStatus(path).isDirectory()) {
                throw new SpecException(dir, 0, null, "no such report directory");
            }
            Path spec = new Path(path, ReportLayout.SPEC);
            if (!fs.exists(new Path(path, ReportLayout.SUCCESS)) || !fs.exists(spec)
                    || !fs.exists(new Path(path, ReportLayout.RUNS))) {
                throw new SpecException(dir, 0, null, "not a complete gdsweep report: it needs _SUCCESS, spec.yaml, "
                        + "runs/ and summary/ (written by `gdsweep run`)");
            }
            specYaml = ReportFiles.readText(fs, spec);
        } catch (IllegalArgumentException e) {
            throw new SpecException(dir, 0, null, "not a usable path: " + e.getMessage());
        }
        SweepSpec sweep = dev.gdsweep.spec.SpecLoader.parse(specYaml, dir + "/" + ReportLayout.SPEC, "sweep",
                List.of(), new HadoopDataResolver(HadoopConfs.fromSpark()));
        try (Progress progress = progress(progressTo)) {
            shown(progress).phase("starting Spark");
            SparkSession spark = SparkSessions.start("gdsweep report", master);
            try {
                shown(progress).phase("report");
                String page = HtmlReportBuilder.render(spark, sweep, specYaml, fs.makeQualified(path));
                return page.startsWith("file:") ? new Path(page).toUri().getPath() : page;
            } finally {
                spark.stop();
            }
        }
    }

    /** A job's runs, for {@code runs} and {@code compare}. */
    static List<JobRuns.JobRun> jobRuns(String dir) throws IOException {
        Path job = new Path(dir);
        FileSystem fs = job.getFileSystem(HadoopConfs.fromSpark());
        if (!fs.exists(job) || !fs.getFileStatus(job).isDirectory()) {
            throw new SpecException(dir, 0, null, "no such directory");
        }
        return JobRuns.list(fs, job);
    }

    /** A run's resolved spec text. */
    static String specOf(JobRuns.JobRun run) throws IOException {
        Path spec = new Path(run.path(), ReportLayout.SPEC);
        return ReportFiles.readText(spec.getFileSystem(HadoopConfs.fromSpark()), spec);
    }

    /** The two runs' summaries side by side. */
    static Comparison compare(JobRuns.JobRun baseline, JobRuns.JobRun candidate, String master) {
        SparkSession spark = SparkSessions.start("gdsweep compare", master == null ? "local[1]" : master);
        try {
            return Comparison.of(
                    Summary.read(spark, new Path(baseline.path(), ReportLayout.SUMMARY).toString()),
                    Summary.read(spark, new Path(candidate.path(), ReportLayout.SUMMARY).toString()));
        } finally {
            spark.stop();
        }
    }
}
