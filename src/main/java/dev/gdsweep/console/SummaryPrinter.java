package dev.gdsweep.console;

import dev.gdsweep.grid.ReadableSpacing;
import dev.gdsweep.store.ReportInfo;
import dev.gdsweep.report.BestRun;
import dev.gdsweep.report.Recommendation;
import dev.gdsweep.report.RefinementReport;
import dev.gdsweep.report.SeaLevel;
import dev.gdsweep.report.SummaryRow;
import dev.gdsweep.report.SweepReport;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a finished sweep's summary as fixed-width tables (one per optimizer configuration and
 * schedule when there are several), its best run, and where divergence starts.
 */
public final class SummaryPrinter {

    private SummaryPrinter() {}

    public static void print(SweepReport report, PrintWriter out) {
        Map<String, List<SummaryRow>> groups = report.byConfiguration();
        for (Map.Entry<String, List<SummaryRow>> group : groups.entrySet()) {
            if (groups.size() > 1) {
                out.println("== " + group.getKey());
            }
            table(group.getValue(), out);
            if (groups.size() > 1) {
                SweepReport.smallestDivergingRate(group.getValue()).ifPresentOrElse(lr -> out.printf(Locale.ROOT,
                        "   divergence from learning rate %s on%n", rate(lr)), () -> out.println("   no run diverged"));
            }
            out.println();
        }
        recommendations(report, out);
        if (report.best().isPresent()) {
            BestRun b = report.best().get();
            out.printf(Locale.ROOT, "Best run: %d (%slr %s, from %s to %s, loss %s, %d iterations, %s)%n",
                    b.runId(), groups.size() > 1 ? b.configuration() + ", " : "", rate(b.learningRate()),
                    vector(b.initialWeights()), vector(b.finalWeights()), number(b.finalLoss()), b.iterations(),
                    b.status());
            if (b.startsAtMinimum() > 0) {
                out.printf(Locale.ROOT, "   (%d runs started at a minimum, 0 iterations, and are left out)%n",
                        b.startsAtMinimum());
            }
        } else {
            out.println("Best run: none (every run diverged, failed or started at a minimum)");
        }
        long failed = report.summary().stream().mapToLong(SummaryRow::failed).sum();
        long outOfTime = report.summary().stream().mapToLong(SummaryRow::maxTime).sum();
        if (failed > 0) {
            out.printf(Locale.ROOT, "FAILED: %d runs, the loss threw an exception (the runs table's error column says "
                    + "which)%n", failed);
        }
        if (outOfTime > 0) {
            out.printf(Locale.ROOT, "Out of time: %d runs reached stopping.max_seconds%n", outOfTime);
        }
        // With several configurations each table says where its own divergence starts: one optimizer's
        // divergence says nothing of another's, so there is no pooled line.
        if (groups.size() == 1) {
            report.smallestDivergingRate().ifPresentOrElse(
                    lr -> out.printf(Locale.ROOT, "Divergence: from learning rate %s on, some runs diverged%n", rate(lr)),
                    () -> out.println("Divergence: no run diverged"));
        }
        if (report.refinement() != null) {
            refinement(report.refinement(), out);
        }
        for (SeaLevel level : report.seaLevels()) {
            seaLevel(level, report.seaLevels().size() > 1, out);
        }
        ReportInfo info = report.info();
        if (info.runsResumed() > 0) {
            out.printf(Locale.ROOT, "Resumed: %d runs were taken over from the interrupted sweep%n", info.runsResumed());
        }
        if (!info.complete()) {
            out.printf(Locale.ROOT, "PARTIAL: the time budget (limits.max_seconds) ran out after %d of %d runs; "
                    + "run again with --resume to finish%n", info.runsWritten(), info.runsTotal());
        }
        if (report.refinement() != null) {
            // The tasks are the grid's; each refinement round is one job of its own.
            out.printf(Locale.ROOT, "%d runs of the grid in %d tasks, then %d in %d refinement rounds, %.1f s. Report: %s%n",
                    info.runsWritten(), report.partitions(), report.refinement().runs() - info.runsWritten(),
                    report.refinement().rounds(), report.seconds(), report.path());
        } else {
            out.printf(Locale.ROOT, "%d runs in %d tasks, %.1f s. Report: %s%n",
                    info.runsWritten(), report.partitions(), report.seconds(), report.path());
        }
        if (report.htmlPage() != null) {
            out.printf(Locale.ROOT, "Open: %s%n", report.htmlPage());
        }
        out.flush();
    }

    /** The recommended rate per configuration, then the overall pick when there are several. */
    private static void recommendations(SweepReport report, PrintWriter out) {
        List<Recommendation> all = report.recommendations();
        boolean withLoss = all.stream().map(r -> r.chosen().lossConfig()).distinct().count() > 1;
        for (Recommendation r : all) {
            out.println("Recommended: " + r.sentence(label(r, withLoss), SummaryPrinter::rate, SummaryPrinter::number));
        }
        if (all.size() > 1) {
            Recommendation.overall(all).ifPresent(best -> out.printf(Locale.ROOT,
                    "Recommended overall: lr %s (%s), the %s of the configurations' picks%n", rate(best.learningRate()),
                    label(best, withLoss), Recommendation.LOWEST_VALIDATION_LOSS.equals(best.rule())
                            ? "lowest median validation loss" : "fewest median iterations"));
        }
        if (!all.isEmpty()) {
            out.println("   (rule: " + all.get(0).ruleText() + ")");
        }
    }

    private static String label(Recommendation r, boolean withLoss) {
        Recommendation.Rate c = r.chosen();
        return (withLoss ? c.lossConfig() + ", " : "") + SweepReport.consoleLabel(c.optimizerConfig(), c.schedule(),
                c.batchSize());
    }

    /** What the refinement pinned down, per configuration (see the refinement tables for each start). */
    private static void refinement(RefinementReport r, PrintWriter out) {
        out.printf(Locale.ROOT, "Refinement: %d rounds, %d runs in all%s%n", r.rounds(), r.runs(),
                r.stoppedBy() == null ? "" : "; stopped: " + r.stoppedBy());
        for (RefinementReport.Configuration c : r.configurations()) {
            out.println("   " + c.label() + ":");
            if (c.rate50() != null || c.everyStart() != null || c.bracketed() > 0) {
                out.printf(Locale.ROOT, "     converges up to lr %s from every start, %s from 90%%, %s from 50%%%s%n",
                        orNone(c.everyStart()), orNone(c.rate90()), orNone(c.rate50()),
                        c.criticalRate() == null ? "" : " (2/λ_max " + number(c.criticalRate()) + ")");
                out.printf(Locale.ROOT, "     boundary bracketed for %d of %d starts, %d of them within the tolerance%n",
                        c.bracketed(), c.starts(), c.pinned());
            }
            if (c.fastestMedianRate() != null) {
                out.printf(Locale.ROOT, "     fastest over all starts: lr %s, median %s iterations%n",
                        rate(c.fastestMedianRate()), number(c.fastestMedianIterations()));
            }
        }
    }

    /**
     * "Sea level: loss 0.251301 (spark.ml LogisticRegression L-BFGS, 14 iterations, 85 ms; gradient norm
     * 2.1e-16 after 1 Newton step)", or why there is none.
     */
    private static void seaLevel(SeaLevel s, boolean named, PrintWriter out) {
        String how = String.format(Locale.ROOT, "%s, %d iterations, %.0f ms; gradient norm %.2g after %d Newton step%s",
                s.solver(), s.iterations(), s.elapsedMs(), s.gradientNorm(), s.newtonSteps(),
                s.newtonSteps() == 1 ? "" : "s");
        String head = "Sea level" + (named ? ", " + s.lossConfig() : "") + ": ";
        out.println(s.certified() ? head + "loss " + number(s.loss()) + " (" + how + ")"
                : head + "none: no certified minimum (" + how + "); loss_gap is null");
    }

    private static String orNone(Double rate) {
        return rate == null ? "none" : rate(rate);
    }

    private static void table(List<SummaryRow> rows, PrintWriter out) {
        // The medians say which runs they aggregate, as the summary's columns do: median_converged_iterations
        // (converged runs) and median_nondiverged_loss (runs that did not diverge or fail).
        out.printf(Locale.ROOT, "%-13s %9s %9s %9s %9s %9s %7s %13s %12s %15s %10s%n",
                "learning_rate", "runs", "converged", "plateau", "diverged", "max_iter", "conv%", "med_conv_iter",
                "min_loss", "med_nondiv_loss", "best_run");
        for (SummaryRow r : rows) {
            out.printf(Locale.ROOT, "%-13s %9d %9d %9d %9d %9d %6.1f%% %13s %12s %15s %10s%n",
                    rate(r.learningRate()), r.runs(), r.converged(), r.plateaued(), r.diverged(), r.maxIterations(),
                    100 * r.convergedFraction(),
                    r.medianIterations() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.medianIterations()),
                    r.minFinalLoss() == null ? "-" : number(r.minFinalLoss()),
                    r.medianFinalLoss() == null ? "-" : number(r.medianFinalLoss()),
                    r.bestRunId() == null ? "-" : r.bestRunId().toString());
        }
    }

    /**
     * A learning rate in the fewest digits that read back as the same double, so the printed rate finds its
     * rows ({@code WHERE learning_rate = 0.01}); the grid's rates are short decimals (see ReadableSpacing).
     */
    public static String rate(double lr) {
        return ReadableSpacing.text(lr);
    }

    public static String number(double v) {
        if (v == 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) {
            return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        return String.format(Locale.ROOT, "%.4e", v);
    }

    /** The vector, or its first entries and its length when it is long (a model's weights). */
    static String vector(double[] v) {
        if (v.length > 8) {
            return Arrays.stream(v, 0, 4).mapToObj(SummaryPrinter::number)
                    .collect(Collectors.joining(", ", "[", ", ... (" + v.length + " weights)]"));
        }
        return Arrays.stream(v).mapToObj(SummaryPrinter::number).collect(Collectors.joining(", ", "[", "]"));
    }
}
