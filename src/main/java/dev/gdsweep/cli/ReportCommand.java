package dev.gdsweep.cli;

import dev.gdsweep.report.HtmlReportBuilder;
import dev.gdsweep.report.ReportLayout;
import dev.gdsweep.spark.SparkSessions;
import dev.gdsweep.spec.SpecException;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
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

    @Override
    public Integer call() throws IOException {
        Path path = new Path(dir);
        FileSystem fs;
        String specYaml;
        try {
            fs = path.getFileSystem(new Configuration());
            if (!fs.exists(path) || !fs.getFileStatus(path).isDirectory()) {
                throw new SpecException(dir, 0, null, "no such report directory");
            }
            Path spec = new Path(path, ReportLayout.SPEC);
            if (!fs.exists(new Path(path, ReportLayout.SUCCESS)) || !fs.exists(spec)
                    || !fs.exists(new Path(path, ReportLayout.RUNS))) {
                throw new SpecException(dir, 0, null, "not a complete gdsweep report: it needs _SUCCESS, spec.yaml, "
                        + "runs/ and summary/ (written by `gdsweep run`)");
            }
            try (InputStream in = fs.open(spec)) {
                specYaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IllegalArgumentException e) {
            throw new SpecException(dir, 0, null, "not a usable path: " + e.getMessage());
        }
        SweepSpec sweep = SpecLoader.parse(specYaml, dir + "/" + ReportLayout.SPEC, "sweep", List.of());
        SparkSession spark = SparkSessions.start("gdsweep report", master);
        try {
            String page = HtmlReportBuilder.render(spark, sweep, specYaml, fs.makeQualified(path));
            PrintWriter w = command.commandLine().getOut();
            w.println("Open: " + (page.startsWith("file:") ? new Path(page).toUri().getPath() : page));
            w.flush();
        } finally {
            spark.stop();
        }
        return ExitCodes.OK;
    }
}
