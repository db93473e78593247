package dev.gdsweep.cli;

import dev.gdsweep.grid.Grid;
import dev.gdsweep.spec.SpecWriter;
import dev.gdsweep.spec.SweepSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a spec and print its grid and the resolved spec; starts no Spark and writes nothing.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Mixin
    SpecOptions spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Override output.path.")
    String out;

    @Override
    public Integer call() {
        SweepSpec s = spec.load();
        if (out != null) {
            s = s.withOutputPath(out);
        }
        PrintWriter w = command.commandLine().getOut();
        Grid grid = s.grid();
        w.printf("%s: OK%n", spec.specFile);
        w.printf("  loss:            %s (dimension %d)%n", s.loss().function(), s.dimension());
        w.printf("  learning rates:  %s%n", s.learningRates());
        w.printf("  initial weights: %s%n", s.initialPoints().describe());
        w.printf("  runs:            %d = %d learning rates x %d initial points%n",
                grid.size(), s.learningRates().count(), s.initialPoints().count());
        w.printf("  output:          %s%n", s.outputPath());
        w.println();
        w.println("# resolved spec");
        w.print(SpecWriter.toYaml(s));
        w.flush();
        return ExitCodes.OK;
    }
}
