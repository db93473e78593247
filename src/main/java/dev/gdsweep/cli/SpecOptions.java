package dev.gdsweep.cli;

import dev.gdsweep.data.LocalDataResolver;
import dev.gdsweep.spark.HadoopConfs;
import dev.gdsweep.spark.HadoopDataResolver;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.spec.Variables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spec file and its overrides, shared by the commands that read a spec. */
final class SpecOptions {

    @Parameters(index = "0", paramLabel = "SPEC", description = "The sweep spec (YAML).")
    Path specFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one spec key, e.g. --set stopping.max_iterations=500 (repeatable; VALUE is YAML).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--plugin-jar", paramLabel = "JAR",
            description = "A jar with your loss class (loss: {class: ...}); repeatable. Under spark-submit use --jars.")
    List<Path> pluginJars = new ArrayList<>();

    @Option(names = "--run-id", paramLabel = "ID", converter = RunIds.Converter.class,
            description = "For scheduled jobs: write the report to output.path/run_id=ID, replacing that run if it "
                    + "exists, and set $${RUN_ID}; 'now' is the current UTC time, e.g. 2026-11-29T0300Z.")
    String runId;

    /** The run id, "now" resolved when the option was read; null without --run-id. */
    String runId() {
        return runId;
    }

    /** The spec with {@code --out} as its output path (with a run id: DIR/run_id=ID); as it is without. */
    SweepSpec withOutput(SweepSpec spec, String out) {
        return out == null ? spec : spec.withOutputPath(runId() == null ? out : RunIds.path(out, runId()));
    }

    /**
     * Makes the plugin jars loadable here (and, through spark.jars, on the executors), then loads the
     * spec with its variables; with a run id the output path gains {@code /run_id=ID}.
     */
    SweepSpec load() {
        PluginJars.install(pluginJars);
        SweepSpec spec = SpecLoader.load(specFile, overrides, Variables.ofEnvironment(runId()), dataResolver());
        return runId() == null ? spec : spec.withOutputPath(RunIds.path(spec.outputPath(), runId()));
    }

    /**
     * Data files of models are read through Hadoop, so any path Spark reads works; without Hadoop on
     * the classpath (the thin jar run with plain java) local files still work.
     */
    private static DataResolver dataResolver() {
        try {
            return new HadoopDataResolver(HadoopConfs.fromSpark());
        } catch (LinkageError e) {
            return new LocalDataResolver();
        }
    }
}
