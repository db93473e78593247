package dev.gdsweep.cli;

import dev.gdsweep.loss.BuiltinLosses;
import dev.gdsweep.loss.LossDefinition;
import dev.gdsweep.loss.ParamSpec;
import dev.gdsweep.spec.SpecException;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "functions", mixinStandardHelpOptions = true,
        description = "List the built-in losses: formula, dimension, usual domain, parameters, known minima.")
final class FunctionsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Show only this loss.")
    String name;

    @Override
    public Integer call() {
        Collection<LossDefinition> shown = BuiltinLosses.all();
        if (name != null) {
            shown = List.of(BuiltinLosses.find(name).orElseThrow(() -> new SpecException("functions", 0, null,
                    "unknown loss '" + name + "'; built-ins: " + String.join(", ", BuiltinLosses.names()))));
        }
        PrintWriter w = command.commandLine().getOut();
        for (LossDefinition d : shown) {
            w.println(d.name());
            w.println("  formula:   " + d.formula());
            w.println("  dimension: " + d.dimensionDescription());
            w.println("  domain:    " + domain(d.usualDomain()));
            for (ParamSpec p : d.params()) {
                w.printf(Locale.ROOT, "  param:     %s%s: %s%n", p.name(),
                        p.defaultValue() == null ? "" : " = " + p.defaultValue(), p.description());
            }
            w.println("  minima:    " + d.minimaDescription());
            w.println();
        }
        w.flush();
        return ExitCodes.OK;
    }

    private static String domain(double[] bounds) {
        if (bounds.length == 2) {
            return "[" + bounds[0] + ", " + bounds[1] + "] for every coordinate";
        }
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < bounds.length / 2; j++) {
            sb.append(j == 0 ? "" : " x ").append('[').append(bounds[2 * j]).append(", ").append(bounds[2 * j + 1])
                    .append(']');
        }
        return sb.toString();
    }
}
