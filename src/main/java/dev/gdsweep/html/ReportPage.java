package dev.gdsweep.html;

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
        String specYaml,
        boolean hasRecommendation,
        List<String> recommendations,
        String recommendationRule,
        String evidenceConfiguration,
        boolean evidenceValidation,
        List<EvidenceLine> evidence) {

    /** The pictures under one heading; {@code number} makes its anchor {@code pictures-N}. */
    record Section(int number, String title, List<FigureView> figures) {}

    /** One picture: {@code css} is its layout class (wide, panel or chart), {@code src} its relative path. */
    record FigureView(String css, String src, int width, int height, String title, String caption) {}

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
                summaryLines(d), !best.isEmpty(), best.size(), startsAtMinimum > 0, startsAtMinimum, best, !d.stability().isEmpty(), stabilityLines(d), d.specYaml(),
                !d.recommendations().isEmpty(), recommendationLines(d),
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
            String css = f.width() > 1000 ? "wide" : f.section().equals(ContourMaps.SECTION) ? "panel" : "chart";
            bySection.computeIfAbsent(f.section(), k -> new ArrayList<>()).add(new FigureView(css,
                    HtmlReport.IMAGES_DIR + "/" + f.file(), f.width(), f.height(), f.title(), f.caption()));
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
            lines.add(new SummaryLine(r.optimizerConfig(), r.scheduleLabel(), Fmt.number(r.learningRate()), r.runs(),
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
            lines.add(new BestLine(lines.size() + 1, p.runId(), p.configuration(), Fmt.number(p.learningRate()),
                    p.status(), Fmt.number(p.finalLoss()), p.iterations(), Fmt.vector(p.initialWeights()),
                    Fmt.vector(p.finalWeights()), minimum));
        }
        return lines;
    }

    /** One sentence per configuration, then the overall pick when there are several. */
    private static List<String> recommendationLines(ReportData d) {
        List<String> lines = new ArrayList<>();
        for (Recommendation r : d.recommendations()) {
            lines.add("Recommended: " + r.sentence(label(r, d), Fmt::number) + ".");
        }
        if (d.recommendations().size() > 1) {
            Recommendation.overall(d.recommendations()).ifPresent(best -> lines.add("Overall: lr "
                    + Fmt.number(best.learningRate()) + " (" + label(best, d) + "), the "
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
            lines.add(new EvidenceLine(Fmt.number(x.learningRate()), x.runs(), Recommendation.percent(x.convergedShare()),
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
            lines.add(new StabilityLine(r.configuration(), Fmt.number(r.largestStableRate()),
                    Fmt.number(r.smallestDivergingRate()), Fmt.number(r.medianCriticalRate())));
        }
        return lines;
    }
}
