package dev.gdsweep.html;

import dev.gdsweep.report.SeaLevel;
import dev.gdsweep.report.Recommendation;
import dev.gdsweep.report.SummaryRow;
import dev.gdsweep.engine.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What {@code report.mustache} lays out: the page's view model, every number already formatted. Plain
 * text only: the template escapes every value it writes (it has no raw {@code {{{...}}}} slots), so
 * nothing here is HTML.
 */
record ReportPage(
        String name,
        String lossName,
        String dimensions,
        long runs,
        String learningRates,
        boolean severalConfigurations,
        int configurations,
        long converged,
        String convergedPercent,
        long plateaued,
        long diverged,
        long maxIterations,
        boolean hasOther,
        long other,
        boolean sampled,
        int pictured,
        List<Section> sections,
        boolean mapsLeftOut,
        boolean noEvaluator,
        List<SummaryLine> summary,
        boolean hasBest,
        int bestCount,
        boolean hasStartsAtMinimum,
        long startsAtMinimum,
        List<BestLine> best,
        boolean hasStability,
        List<StabilityLine> stability,
        RefinementPart refinement,
        String specYaml,
        List<SeaLevelLine> seaLevels,
        boolean hasRecommendation,
        List<String> recommendations,
        String recommendationRule,
        String evidenceConfiguration,
        boolean evidenceValidation,
        List<EvidenceLine> evidence) {

    /** A convex model's optimum against the sweep's best: one sentence per loss setting. */
    record SeaLevelLine(String text) {}

    /** The pictures under one heading; {@code number} makes its anchor {@code pictures-N}. */
    record Section(int number, String title, List<FigureView> figures) {}

    /** One picture: {@code css} is its layout class (wide, panel or chart), {@code src} its relative path. */
    record FigureView(String css, String src, int width, int height, String title, String caption) {

        static FigureView of(Figure f, String css) {
            return new FigureView(css, HtmlReport.IMAGES_DIR + "/" + f.file(), f.width(), f.height(), f.title(),
                    f.caption());
        }
    }

    record SummaryLine(String optimizer, String schedule, String learningRate, long runs, long converged,
            long plateaued, long diverged, long maxIterations, String convergedPercent, String medianIterations,
            String minFinalLoss, String medianFinalLoss, String bestRun) {}

    record BestLine(int rank, long runId, String configuration, String learningRate, Status status, String finalLoss,
            long iterations, String from, String to, String minimum) {}

    /** A rate of the recommended configuration: what the pick is made from; {@code pick} marks the chosen. */
    record EvidenceLine(String learningRate, long runs, String convergedPercent, String plateauPercent, long diverged,
            String medianIterations, String medianValidationLoss, boolean pick) {}

    record StabilityLine(String configuration, String largestStableRate, String smallestDivergingRate,
            String medianCriticalRate) {}

    private static final String NONE = "\u2013";

    /** The page of a sweep's data, its pictures in the order they were drawn. */
    static ReportPage of(ReportData d, List<Figure> figures) {
        long runs = 0;
        long converged = 0;
        long plateaued = 0;
        long diverged = 0;
        long maxIterations = 0;
        TreeSet<Double> rates = new TreeSet<>();
        for (SummaryRow r : d.summary()) {
            runs += r.runs();
            converged += r.converged();
            plateaued += r.plateaued();
            diverged += r.diverged();
            maxIterations += r.maxIterations();
            rates.add(r.learningRate());
        }
        if (d.summary().isEmpty()) {
            for (RunPoint p : d.runs()) {
                runs++;
                switch (p.status()) {
                    case CONVERGED -> converged++;
                    case PLATEAU -> plateaued++;
                    case DIVERGED -> diverged++;
                    case MAX_ITERATIONS -> maxIterations++;
                    default -> { }
                }
                rates.add(p.learningRate());
            }
        }
        long other = runs - converged - plateaued - diverged - maxIterations;
        int configurations = Configurations.names(d).size();
        String name = d.sweepName().isEmpty() ? "(unnamed sweep)" : d.sweepName();
        List<BestLine> best = bestLines(d);
        long startsAtMinimum = HtmlReport.atMinimumFromTheStart(d.runs());
        // The evidence shown is the overall pick's configuration's, or the first configuration's when none has one.
        Optional<Recommendation> shown = Recommendation.overall(d.recommendations())
                .or(() -> d.recommendations().stream().findFirst());
        return new ReportPage(name, d.lossName(), plural(d.dimension(), "dimension"), runs,
                plural(rates.size(), "learning rate"), configurations > 1, configurations, converged,
                runs == 0 ? NONE : Fmt.percent(converged / (double) runs), plateaued, diverged, maxIterations, other > 0, other,
                !d.summary().isEmpty() && d.runs().size() != runs, d.runs().size(), sections(figures),
                !figures.isEmpty() && d.dimension() != 2,
                d.dimension() == 2 && d.lossEvaluator() == null,
                summaryLines(d), !best.isEmpty(), best.size(), startsAtMinimum > 0, startsAtMinimum, best,
                !d.stability().isEmpty(), stabilityLines(d), RefinementPart.of(d.refinement(), figures), d.specYaml(),
                seaLevelLines(d), !d.recommendations().isEmpty(), recommendationLines(d),
                d.recommendations().isEmpty() ? "" : d.recommendations().get(0).ruleText(),
                shown.map(r -> label(r, d)).orElse(""),
                shown.filter(r -> Recommendation.LOWEST_VALIDATION_LOSS.equals(r.rule())).isPresent(),
                shown.map(ReportPage::evidenceLines).orElse(List.of()));
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The figures grouped under their headings, headings in order of first appearance. */
    private static List<Section> sections(List<Figure> figures) {
        Map<String, List<FigureView>> bySection = new LinkedHashMap<>();
        for (Figure f : figures) {
            if (f.section().equals(RefinementCharts.SECTION)) {
                continue; // shown in the Refinement section, beside its table
            }
            String css = f.width() > 1000 ? "wide" : f.section().equals(ContourMaps.SECTION) ? "panel" : "chart";
            bySection.computeIfAbsent(f.section(), k -> new ArrayList<>()).add(FigureView.of(f, css));
        }
        List<Section> sections = new ArrayList<>();
        for (Map.Entry<String, List<FigureView>> s : bySection.entrySet()) {
            sections.add(new Section(sections.size() + 1, s.getKey(), s.getValue()));
        }
        return sections;
    }

    private static List<SummaryLine> summaryLines(ReportData d) {
        List<SummaryLine> lines = new ArrayList<>();
        for (SummaryRow r : d.summary()) {
            lines.add(new SummaryLine(r.optimizerConfig(), r.scheduleLabel(), Fmt.rate(r.learningRate()), r.runs(),
                    r.converged(), r.plateaued(), r.diverged(), r.maxIterations(), Fmt.percent(r.convergedFraction()),
                    r.medianIterations() == null ? NONE : Fmt.number(r.medianIterations()),
                    Fmt.number(r.minFinalLoss()), Fmt.number(r.medianFinalLoss()),
                    r.bestRunId() == null ? NONE : r.bestRunId().toString()));
        }
        return lines;
    }

    private static List<BestLine> bestLines(ReportData d) {
        List<BestLine> lines = new ArrayList<>();
        for (RunPoint p : HtmlReport.bestRuns(d.runs(), HtmlReport.BEST_RUNS)) {
            String minimum = NONE;
            if (p.minimum() != null && p.minimum() >= 0 && p.minimum() < d.minima().size()) {
                minimum = BasinMap.minimumLabel(d.minima().get(p.minimum()), p.minimum());
            }
            lines.add(new BestLine(lines.size() + 1, p.runId(), p.configuration(), Fmt.rate(p.learningRate()),
                    p.status(), Fmt.number(p.finalLoss()), p.iterations(), Fmt.vector(p.initialWeights()),
                    Fmt.vector(p.finalWeights()), minimum));
        }
        return lines;
    }

    /**
     * Per reference optimum: "gd, constant at its best learning rate (η = 9.5): loss gap 2.1e-13 after 309
     * iterations. spark.ml LogisticRegression L-BFGS: 14 iterations, 85 ms." The best rate is the one whose
     * best run has the smallest final loss among that setting's rows.
     */
    static List<SeaLevelLine> seaLevelLines(ReportData d) {
        List<SeaLevelLine> lines = new ArrayList<>();
        for (SeaLevel level : d.seaLevels()) {
            String setting = d.seaLevels().size() > 1 ? level.lossConfig() + ": " : "";
            String solver = level.solver() + ": " + level.iterations() + " iterations, " + Fmt.number(level.elapsedMs())
                    + " ms" + (level.newtonSteps() > 0 ? " (then " + level.newtonSteps() + " Newton step"
                            + (level.newtonSteps() == 1 ? "" : "s") + " of gdsweep's own)" : "") + ".";
            if (!level.certified()) {
                lines.add(new SeaLevelLine(setting + "no sea level: " + solver + " It found no minimum certified by the "
                        + "gradient (norm " + Fmt.number(level.gradientNorm()) + "), so loss_gap is left empty."));
                continue;
            }
            SummaryRow best = null;
            for (SummaryRow r : d.summary()) {
                boolean ofSetting = d.seaLevels().size() == 1 || r.lossConfig().equals(level.lossConfig());
                if (ofSetting && r.minFinalLoss() != null && r.bestRunId() != null
                        && (best == null || r.minFinalLoss() < best.minFinalLoss())) {
                    best = r;
                }
            }
            if (best == null) {
                lines.add(new SeaLevelLine(setting + "sea level " + Fmt.number(level.loss())
                        + "; every run diverged. " + solver));
                continue;
            }
            long bestRun = best.bestRunId();
            String iterations = d.runs().stream().filter(p -> p.runId() == bestRun).findFirst()
                    .map(p -> String.valueOf(p.iterations())).orElse("?");
            // With several settings the configuration's name starts with its setting.
            lines.add(new SeaLevelLine(best.configuration() + " at its best learning rate (η = "
                    + Fmt.rate(best.learningRate()) + "): loss gap " + Fmt.number(best.minFinalLoss() - level.loss())
                    + " above the sea level " + Fmt.number(level.loss()) + " after " + iterations + " iterations (run "
                    + bestRun + "). " + solver));
        }
        return lines;
    }

    /** One sentence per configuration, then the overall pick when there are several. */
    private static List<String> recommendationLines(ReportData d) {
        List<String> lines = new ArrayList<>();
        for (Recommendation r : d.recommendations()) {
            lines.add("Recommended: " + r.sentence(label(r, d), Fmt::rate, Fmt::number) + ".");
        }
        if (d.recommendations().size() > 1) {
            Recommendation.overall(d.recommendations()).ifPresent(best -> lines.add("Overall: lr "
                    + Fmt.rate(best.learningRate()) + " (" + label(best, d) + "), the "
                    + (Recommendation.LOWEST_VALIDATION_LOSS.equals(best.rule()) ? "lowest median validation loss"
                            : "fewest median iterations") + " of the configurations' picks."));
        }
        return lines;
    }

    private static String label(Recommendation r, ReportData d) {
        Recommendation.Rate c = r.chosen();
        boolean withLoss = d.recommendations().stream().map(x -> x.chosen().lossConfig()).distinct().count() > 1;
        return (withLoss ? c.lossConfig() + ", " : "") + SummaryRow.configuration(c.optimizerConfig(), c.schedule(),
                c.batchSize());
    }

    private static List<EvidenceLine> evidenceLines(Recommendation r) {
        List<EvidenceLine> lines = new ArrayList<>();
        for (Recommendation.Rate x : r.evidence()) {
            boolean byValidation = Recommendation.LOWEST_VALIDATION_LOSS.equals(r.rule());
            lines.add(new EvidenceLine(Fmt.rate(x.learningRate()), x.runs(), Recommendation.percent(x.convergedShare()),
                    Recommendation.percent(x.runs() == 0 ? 0 : x.plateaued() / (double) x.runs()), x.diverged(),
                    Fmt.number(byValidation ? x.medianStoppedIterations() : x.medianIterations()),
                    Fmt.number(x.medianValidationLoss()),
                    r.found() && x == r.chosen()));
        }
        return lines;
    }

    private static List<StabilityLine> stabilityLines(ReportData d) {
        List<StabilityLine> lines = new ArrayList<>();
        for (SummaryRow r : d.stability()) {
            lines.add(new StabilityLine(r.configuration(), Fmt.rate(r.largestStableRate()),
                    Fmt.rate(r.smallestDivergingRate()), Fmt.number(r.medianCriticalRate())));
        }
        return lines;
    }
}
