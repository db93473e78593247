package dev.gdsweep.cli;

import dev.gdsweep.report.Progress;
import dev.gdsweep.report.ReportLocation;
import dev.gdsweep.report.SummaryPrinter;
import dev.gdsweep.report.SweepReport;
import dev.gdsweep.spark.SparkSessions;
import dev.gdsweep.spark.SparkSweep;
import dev.gdsweep.spec.LossSpec;
import dev.gdsweep.spec.SpecException;
import dev.gdsweep.spec.SweepSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a sweep on Spark and write its Parquet report (runs/, summary/, spec.yaml, _SUCCESS).")
final class RunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Mixin
    SpecOptions spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the report here instead of output.path.")
    String out;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--overwrite", description = "Replace an existing report at the output path.")
    boolean overwrite;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Spark tasks per chunk (default: from the chunk size and the cores).")
    int partitions;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Option(names = "--no-report", description = "Skip report.html and its pictures (the Parquet report is written).")
    boolean noReport;

    @Option(names = "--resume",
            description = "Continue an interrupted sweep (or a partial report) from its committed chunks.")
    boolean resume;

    @Override
    public Integer call() {
        if (partitions < 0) {
            throw new SpecException("--partitions", 0, null, "must be >= 1, got " + partitions);
        }
        SweepSpec s = spec.load();
        if (out != null) {
            s = s.withOutputPath(spec.runId() == null ? out : RunIds.path(out, spec.runId()));
        }
        // A scheduler's retry of the same run id replaces that run: no --overwrite needed.
        boolean replace = overwrite || spec.runId() != null;
        // Everything the user gave is checked before Spark starts, the output location included.
        try (ReportLocation location = ReportLocation.prepare(s.outputPath(), replace, resume, new Configuration(),
                out != null ? "--out" : spec.specFile + ": output.path")) {
            PrintWriter w = command.commandLine().getOut();
            w.printf("Sweep %s: %d runs (%s) of %s%n", s.name(), s.grid().size(), ValidateCommand.axes(s),
                    s.loss().name());
            if (s.loss() instanceof LossSpec.Model m) {
                w.println("Data: " + m.data().describe(m.dataSpec().path()));
            }
            w.flush();
            SparkSession spark = SparkSessions.start("gdsweep " + s.name(), master,
                    PluginJars.sparkJars(spec.pluginJars));
            try {
                SweepReport report = SparkSweep.run(spark, s, location, partitions, resume, !noReport,
                        quiet ? null : (total, resumed, done) -> Progress.start(command.commandLine().getErr(),
                                System.console() != null, total, resumed, done, 10));
                SummaryPrinter.print(report, w);
            } finally {
                spark.stop();
            }
        }
        return ExitCodes.OK;
    }
}
