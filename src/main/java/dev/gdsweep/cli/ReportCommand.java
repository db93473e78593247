package dev.gdsweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render report.html (pictures, tables, the spec) for a finished sweep's report directory.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "DIR", description = "A report directory written by `gdsweep run`.")
    String dir;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
    String master;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        SparkClasspath.require("report");
        String page = SparkTasks.renderReport(dir, master, quiet ? null : command.commandLine().getErr());
        PrintWriter w = command.commandLine().getOut();
        w.println("Open: " + page);
        w.flush();
        return ExitCodes.OK;
    }
}
