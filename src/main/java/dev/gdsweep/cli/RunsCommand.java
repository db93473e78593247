package dev.gdsweep.cli;

import dev.gdsweep.store.JobRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List a scheduled job's runs (the run_id=ID reports under DIR) with status, time and size.")
final class RunsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "DIR", description = "The job's output path (output.path of its spec).")
    String dir;

    @Override
    public Integer call() throws IOException {
        SparkClasspath.require("runs");
        List<JobRuns.JobRun> runs = SparkTasks.jobRuns(dir);
        PrintWriter w = command.commandLine().getOut();
        if (runs.isEmpty()) {
            w.println("no runs (run_id=ID directories) in " + dir);
        } else {
            w.printf(Locale.ROOT, "%-28s %-12s %-21s %12s %12s %9s%n", "run_id", "status", "finished_utc", "grid_runs",
                    "written", "seconds");
            for (JobRuns.JobRun r : runs) {
                w.printf(Locale.ROOT, "%-28s %-12s %-21s %12s %12s %9s%n", r.id(), r.state().label(),
                        r.info().map(i -> i.finishedUtc()).orElse("-"),
                        r.info().map(i -> Long.toString(i.runsTotal())).orElse("-"),
                        r.info().map(i -> Long.toString(i.runsWritten())).orElse("-"),
                        r.info().map(i -> String.format(Locale.ROOT, "%.1f", i.seconds())).orElse("-"));
            }
        }
        w.flush();
        return ExitCodes.OK;
    }
}
