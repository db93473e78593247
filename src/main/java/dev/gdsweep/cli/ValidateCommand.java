package dev.gdsweep.cli;

import dev.gdsweep.console.SummaryPrinter;
import dev.gdsweep.grid.Grid;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import dev.gdsweep.refine.Refinement;
import dev.gdsweep.report.Recommendation;
import dev.gdsweep.spec.LossSpec;
import dev.gdsweep.spec.RefineSpec;
import dev.gdsweep.spec.SpecWriter;
import dev.gdsweep.spec.SweepSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
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

    /** Loss settings listed by name; the rest are counted. */
    private static final long SHOWN_SETTINGS = 12;

    @Option(names = "--out", paramLabel = "DIR", description = "Override output.path.")
    String out;

    @Override
    public Integer call() {
        SweepSpec s = spec.withOutput(spec.load(), out);
        PrintWriter w = command.commandLine().getOut();
        Grid grid = s.grid();
        w.printf("%s: OK%n", spec.specFile);
        w.printf("  loss:            %s (dimension %d)%n", s.loss().name(), s.dimension());
        if (s.loss() instanceof LossSpec.Model m) {
            w.printf("  data:            %s%n", m.data().describe(m.dataSpec()));
        }
        if (s.losses().hasAxes()) {
            long count = s.losses().count();
            w.printf("  loss settings:   %d: %s%n", count, LongStream.range(0, Math.min(count, SHOWN_SETTINGS))
                    .mapToObj(i -> s.losses().get(i).config()).collect(Collectors.joining("; "))
                    + (count > SHOWN_SETTINGS ? "; ..." : ""));
        }
        w.printf("  optimizers:      %d: %s%n", s.optimizers().size(),
                s.optimizers().stream().map(OptimizerConfig::label).collect(Collectors.joining("; ")));
        w.printf("  schedules:       %d: %s%n", s.schedules().size(),
                s.schedules().stream().map(Schedule::label).collect(Collectors.joining("; ")));
        w.printf("  learning rates:  %d: %s%n", s.learningRates().count(), s.learningRates());
        w.printf("  initial weights: %d: %s%n", s.initialPoints().count(), s.initialPoints().describe());
        w.printf("  runs:            %d = %s%n", grid.size(), axes(s));
        if (s.refines()) {
            Refinement.Plan plan = Refinement.plan(grid, s.refine());
            w.printf("  refinement:      %s to a relative width of %s: up to %d rounds after the grid, at most %d"
                    + " runs in all (max_runs %d), each round one Spark job%n",
                    s.refine().targets().stream().sorted().map(RefineSpec.Target::label)
                            .collect(Collectors.joining(" and ")),
                    SummaryPrinter.number(s.refine().tolerance()), plan.rounds(), plan.runs(), s.refine().maxRuns());
        }
        w.printf("  recommendation:  among the rates where at least %s of the starts converge (recommend.min_share %s)%n",
                Recommendation.percent(s.recommend().minShare()), SummaryPrinter.number(s.recommend().minShare()));
        w.printf("  output:          %s%n", s.outputPath());
        w.printf("  report size:     %s%n", ReportSize.of(s).describe("                   "));
        w.println();
        w.println("# resolved spec");
        w.print(SpecWriter.toYaml(s));
        w.flush();
        return ExitCodes.OK;
    }

    /**
     * "3 loss settings x 3 optimizer settings x 2 schedules x 16 learning rates x 441 initial points", axes
     * of size 1 left out (but for the learning rates and initial points).
     */
    static String axes(SweepSpec s) {
        StringBuilder sb = new StringBuilder();
        if (s.losses().count() > 1) {
            sb.append(s.losses().count()).append(" loss settings x ");
        }
        if (s.optimizers().size() > 1) {
            sb.append(s.optimizers().size()).append(" optimizer settings x ");
        }
        if (s.schedules().size() > 1) {
            sb.append(s.schedules().size()).append(" schedules x ");
        }
        if (s.batchSizes().size() > 1) {
            sb.append(s.batchSizes().size()).append(" batch sizes x ");
        }
        return sb.append(s.learningRates().count()).append(" learning rates x ").append(s.initialPoints().count())
                .append(" initial points").toString();
    }
}
