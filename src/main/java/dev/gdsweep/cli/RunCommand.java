package dev.gdsweep.cli;

import dev.gdsweep.spec.SweepSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
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
            description = "Spark tasks per chunk; 0, the default: from the chunk size and the cores.")
    int partitions;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Option(names = "--no-report", description = "Skip report.html and its pictures (the Parquet report is written).")
    boolean noReport;

    @Option(names = "--resume",
            description = "Continue an interrupted sweep (or a partial report) from its committed chunks.")
    boolean resume;

    @Option(names = "--timings", description = "After the summary, print how long each phase took (JVM start and "
            + "checks, starting Spark, the runs, paths, summary, report, stopping Spark).")
    boolean timings;

    @Override
    public Integer call() {
        OptionChecks.require(command, partitions >= 0, "--partitions",
                "must be >= 0 (0: from the chunk size and the cores)", partitions);
        SweepSpec s = spec.withOutput(spec.load(), out);
        SparkClasspath.require("run");
        // A scheduler's retry of the same run id replaces that run: no --overwrite needed.
        boolean replace = overwrite || spec.runId() != null;
        PrintWriter w = command.commandLine().getOut();
        String outputSource = out != null ? "--out" : spec.specFile + ": output.path";
        SparkTasks.runSweep(new SparkTasks.RunRequest(s, SparkTasks.inputs(spec.specFile, spec.pluginJars, s), replace,
                outputSource, master, PluginJars.sparkJars(spec.pluginJars), partitions, resume, !noReport,
                quiet ? null : command.commandLine().getErr(), timings), w);
        return ExitCodes.OK;
    }
}
