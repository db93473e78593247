package dev.gdsweep.cli;

import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
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

    /** Makes the plugin jars loadable here (and, through spark.jars, on the executors), then loads the spec. */
    SweepSpec load() {
        PluginJars.install(pluginJars);
        return SpecLoader.load(specFile, overrides);
    }
}
