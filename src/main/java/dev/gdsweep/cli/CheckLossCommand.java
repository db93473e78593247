package dev.gdsweep.cli;

import dev.gdsweep.grid.InitialPoints;
import dev.gdsweep.loss.GradientCheck;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.spec.SweepSpec;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check-loss", mixinStandardHelpOptions = true,
        description = {"Compare a spec's loss gradient with central finite differences at the sweep's initial "
                + "points; exit 1 when the worst error is above the tolerance.",
            "Error of a coordinate: |analytic - numeric| / max(1, |analytic|, |numeric|)."})
final class CheckLossCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Mixin
    SpecOptions spec;

    @Option(names = "--points", paramLabel = "N", defaultValue = "200",
            description = "Initial points to check, spread over the grid's (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "1e-5",
            description = "Largest acceptable error (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Override
    public Integer call() {
        OptionChecks.require(command, points >= 1, "--points", "must be >= 1", points);
        OptionChecks.require(command, tolerance > 0, "--tolerance", "must be > 0", tolerance);
        SweepSpec s = spec.load();
        Loss loss = s.loss().create(s.dimension());
        InitialPoints initial = s.initialPoints();
        int n = (int) Math.min(points, initial.count());
        double[][] sample = new double[n][s.dimension()];
        for (int i = 0; i < n; i++) {
            // Evenly spaced indexes over the initial points, so a lattice is covered end to end.
            long index = n == 1 ? 0 : Math.round((double) i * (initial.count() - 1) / (n - 1));
            initial.fill(index, sample[i]);
        }
        GradientCheck.Result r = GradientCheck.check(loss, sample);
        PrintWriter w = command.commandLine().getOut();
        w.printf(Locale.ROOT, "%s: %d points checked, %d skipped (loss or gradient not finite)%n", s.loss().name(),
                r.checked(), r.skipped());
        if (r.checked() == 0) {
            w.println("nothing to check: the loss is not finite at any initial point");
            w.flush();
            return ExitCodes.FAILED;
        }
        w.printf(Locale.ROOT, "worst error %.3e at %s, coordinate %d: analytic %.10g, finite differences %.10g%n",
                r.worstError(), Arrays.toString(r.worstPoint()), r.worstCoordinate(), r.analytic(), r.numeric());
        boolean ok = r.worstError() <= tolerance;
        w.printf(Locale.ROOT, "%s (tolerance %.1e)%n", ok ? "OK" : "FAILED: the gradient does not match", tolerance);
        w.flush();
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
