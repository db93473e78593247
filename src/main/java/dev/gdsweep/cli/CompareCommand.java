package dev.gdsweep.cli;

import dev.gdsweep.compare.Comparison;
import dev.gdsweep.compare.SpecDifferences;
import dev.gdsweep.spark.HadoopConfs;
import dev.gdsweep.spark.HadoopDataResolver;
import dev.gdsweep.store.JobRuns;
import dev.gdsweep.store.ReportLayout;
import dev.gdsweep.spec.SpecException;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two runs of a job per configuration and learning rate: converged fraction, median "
                + "iterations, best final loss. Exits 3 when a gate is crossed.",
            "Gates come from the options, else from the candidate's spec (gates: {max_converged_fraction_drop: "
                    + "0.05, max_best_loss_increase: 0.1})."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "DIR", description = "The job's output path (holding run_id=ID reports).")
    String dir;

    @Option(names = "--baseline", required = true, paramLabel = "RUN_ID",
            description = "The run to compare against, or 'previous': the latest complete run before the candidate.")
    String baseline;

    @Option(names = "--candidate", required = true, paramLabel = "RUN_ID",
            description = "The run to judge, or 'latest': the job's latest finished run.")
    String candidate;

    @Option(names = "--max-converged-fraction-drop", paramLabel = "X",
            description = "Gate: largest allowed drop of a learning rate's converged fraction (0..1).")
    Double maxDrop;

    @Option(names = "--max-best-loss-increase", paramLabel = "X",
            description = "Gate: largest allowed increase of a learning rate's best final loss (absolute).")
    Double maxIncrease;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master for reading (default: local[*]).")
    String master;

    @Override
    public Integer call() throws IOException {
        OptionChecks.require(command, isGate(maxDrop), "--max-converged-fraction-drop", "must be a finite number >= 0",
                maxDrop);
        OptionChecks.require(command, isGate(maxIncrease), "--max-best-loss-increase", "must be a finite number >= 0",
                maxIncrease);
        SparkClasspath.require("compare");
        List<JobRuns.JobRun> runs = SparkTasks.jobRuns(dir);
        JobRuns.JobRun cand = find(runs, candidate, "--candidate");
        PrintWriter w = command.commandLine().getOut();
        JobRuns.JobRun base;
        if (baseline.equals("previous")) {
            Optional<JobRuns.JobRun> previous = JobRuns.previousComplete(runs, cand.id());
            if (previous.isEmpty()) {
                // A job's first run has nothing to regress against.
                w.printf("No complete run before %s: nothing to compare.%n", cand.id());
                w.flush();
                return ExitCodes.OK;
            }
            base = previous.get();
        } else {
            base = find(runs, baseline, "--baseline");
        }

        String candidateYaml = SparkTasks.specOf(cand);
        SweepSpec candidateSpec = SpecLoader.parse(candidateYaml, cand.path() + "/" + ReportLayout.SPEC,
                "sweep", List.of(), new HadoopDataResolver(HadoopConfs.fromSpark()));
        Double drop = maxDrop != null ? maxDrop : candidateSpec.gates().maxConvergedFractionDrop();
        Double increase = maxIncrease != null ? maxIncrease : candidateSpec.gates().maxBestLossIncrease();

        Comparison comparison = SparkTasks.compare(base, cand, master);
        w.printf("Baseline %s, candidate %s%n", base.id(), cand.id());
        // A change in the numbers may come from a change in the sweep itself.
        List<SpecDifferences.Difference> specChanges = SpecDifferences.between(SparkTasks.specOf(base), candidateYaml);
        if (!specChanges.isEmpty()) {
            w.println("The specs differ: " + SpecDifferences.summary(specChanges, 5));
        }
        int width = comparison.rows().stream().mapToInt(r -> r.key().length()).max().orElse(0);
        String format = "%-" + Math.max(28, width) + "s %14s %20s %26s%n";
        w.printf(Locale.ROOT, format, "configuration, learning rate", "converged", "median iterations", "best loss");
        for (Comparison.Row r : comparison.rows()) {
            w.printf(Locale.ROOT, format, r.key(),
                    String.format(Locale.ROOT, "%.0f%% -> %.0f%%", 100 * r.baseline().convergedFraction(),
                            100 * r.candidate().convergedFraction()),
                    number(r.baseline().medianIterations()) + " -> " + number(r.candidate().medianIterations()),
                    loss(r.baseline().minFinalLoss()) + " -> " + loss(r.candidate().minFinalLoss()));
        }
        comparison.onlyInBaseline().forEach(k -> w.println("only in the baseline: " + k));
        comparison.onlyInCandidate().forEach(k -> w.println("only in the candidate: " + k));
        List<Comparison.Breach> breaches = comparison.breaches(drop, increase);
        if (drop == null && increase == null) {
            w.println("No gates given.");
        }
        for (Comparison.Breach b : breaches) {
            w.printf(Locale.ROOT, "GATE CROSSED: %s = %s, but %s moved by %s%n", b.gate(), b.limit(), b.key(),
                    b.value());
        }
        if (breaches.isEmpty() && (drop != null || increase != null)) {
            w.println("Gates passed.");
        }
        w.flush();
        return breaches.isEmpty() ? ExitCodes.OK : ExitCodes.GATE_CROSSED;
    }

    private static boolean isGate(Double gate) {
        return gate == null || gate >= 0 && Double.isFinite(gate);
    }

    private JobRuns.JobRun find(List<JobRuns.JobRun> runs, String id, String option) {
        if (id.equals("latest")) {
            return JobRuns.latest(runs).orElseThrow(() -> new SpecException(option, 0, null,
                    "no finished run in " + dir + " to take as 'latest'"));
        }
        Optional<JobRuns.JobRun> found = runs.stream().filter(r -> r.id().equals(id)).findFirst();
        if (found.isEmpty()) {
            throw new SpecException(option, 0, null, "no run '" + id + "' in " + dir + "; runs: "
                    + String.join(", ", runs.stream().map(JobRuns.JobRun::id).toList()));
        }
        if (found.get().state() == JobRuns.State.IN_PROGRESS) {
            throw new SpecException(option, 0, null, "run '" + id + "' has not finished");
        }
        return found.get();
    }

    private static String number(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String loss(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }
}
