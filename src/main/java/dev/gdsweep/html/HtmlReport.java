package dev.gdsweep.html;

import dev.gdsweep.report.SummaryRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes a sweep's HTML report: {@code report.html} and its pictures in {@code report-images/}.
 *
 * <p>The page is self-contained apart from those images, which it links relatively: it opens from the
 * file system and loads nothing from the network (inline CSS, no scripts, no web fonts). Every piece of
 * text from the data is HTML-escaped. Rendering is headless: {@code java.awt.headless} is set to true
 * unless it was set already.
 */
public final class HtmlReport {

    /** The page's file name in the report directory. */
    public static final String HTML_FILE = "report.html";
    /** The folder of the pictures, beside the page. */
    public static final String IMAGES_DIR = "report-images";
    /** How many runs the best-runs table lists. */
    public static final int BEST_RUNS = 10;

    private HtmlReport() {}

    /**
     * Writes {@code dir/report.html} and {@code dir/report-images/*.png}, creating the directories. PNG
     * files left in {@code report-images/} by an earlier report are deleted first, so the folder holds
     * exactly this report's pictures.
     *
     * @return the files written: the page first, then the pictures in the order the page shows them
     */
    public static List<Path> write(ReportData data, Path dir) throws IOException {
        Charts.ensureHeadless();
        Path images = dir.resolve(IMAGES_DIR);
        Files.createDirectories(images);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(images, "*.png")) {
            for (Path p : old) {
                if (Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        }
        List<Figure> figures = new ArrayList<>();
        figures.addAll(FinalLossChart.write(data, images));
        figures.addAll(ConvergenceCharts.write(data, images));
        figures.addAll(ContourMaps.write(data, images));
        figures.addAll(BasinMap.write(data, images));
        figures.addAll(LossCurves.write(data, images));

        Path page = dir.resolve(HTML_FILE);
        Files.writeString(page, html(data, figures), StandardCharsets.UTF_8);
        List<Path> written = new ArrayList<>();
        written.add(page);
        for (Figure f : figures) {
            written.add(images.resolve(f.file()));
        }
        return List.copyOf(written);
    }

    // ------------------------------------------------------------------------------------------ page

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;margin:0;
              color:#1d1d1f;background:#fafafa;line-height:1.45}
            main{max-width:1500px;margin:0 auto;padding:1.5rem 2rem 3rem}
            header{border-bottom:2px solid #ddd;margin-bottom:1rem}
            h1{font-size:1.7rem;margin:.2rem 0 .4rem}
            h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:1px solid #e3e3e3;padding-bottom:.2rem}
            .facts{margin:.2rem 0 .8rem;color:#333}
            .facts b{color:#000}
            nav{margin:.4rem 0 1rem;font-size:.95rem}
            nav a{margin-right:1rem;color:#0b5cad;text-decoration:none}
            nav a:hover{text-decoration:underline}
            .figures{display:flex;flex-wrap:wrap;gap:1.2rem;align-items:flex-start}
            figure{margin:0;background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.6rem;flex:0 1 auto}
            figure.wide{flex-basis:100%}
            figure.chart{flex:0 1 900px}
            figure.panel{flex:1 1 380px;max-width:800px}
            figure img{display:block;max-width:100%;height:auto}
            figcaption{font-size:.92rem;color:#333;margin-top:.4rem;max-width:900px}
            figcaption b{display:block;color:#000;margin-bottom:.15rem}
            .table-wrap{overflow-x:auto}
            table{border-collapse:collapse;background:#fff;font-size:.9rem}
            th,td{border:1px solid #ddd;padding:.25rem .55rem;text-align:right;white-space:nowrap}
            th{background:#f0f0f0;position:sticky;top:0}
            td.text,th.text{text-align:left}
            tbody tr:nth-child(even){background:#f8f8f8}
            .CONVERGED{color:#1a7a1a}.DIVERGED{color:#b21f1f}.MAX_ITERATIONS{color:#b85c00}
            pre{background:#fff;border:1px solid #ddd;padding:.8rem;overflow-x:auto;font-size:.88rem}
            .note{color:#555;font-size:.92rem}
            """;

    static String html(ReportData d, List<Figure> figures) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String name = d.sweepName().isEmpty() ? "(unnamed sweep)" : d.sweepName();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>gdsweep report: ").append(Html.escape(name)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");

        header(h, d, name, figures);
        Map<String, List<Figure>> sections = new LinkedHashMap<>();
        for (Figure f : figures) {
            sections.computeIfAbsent(f.section(), k -> new ArrayList<>()).add(f);
        }
        int s = 0;
        for (Map.Entry<String, List<Figure>> section : sections.entrySet()) {
            s++;
            h.append("<section id=\"pictures-").append(s).append("\">\n<h2>").append(Html.escape(section.getKey()))
                    .append("</h2>\n<div class=\"figures\">\n");
            for (Figure f : section.getValue()) {
                figure(h, f);
            }
            h.append("</div>\n</section>\n");
        }
        if (!figures.isEmpty() && d.dimension() != 2) {
            h.append("<p class=\"note\">The loss has ").append(d.dimension()).append(" dimension")
                    .append(d.dimension() == 1 ? "" : "s")
                    .append(": the contour maps and basin maps, drawn in the plane of two weights, are left out.</p>\n");
        } else if (d.dimension() == 2 && d.lossEvaluator() == null) {
            h.append("<p class=\"note\">No loss evaluator was given: the contour maps are left out.</p>\n");
        }
        summary(h, d);
        bestRuns(h, d);
        stability(h, d);
        h.append("<section id=\"spec\">\n<h2>Resolved spec</h2>\n")
                .append("<p class=\"note\">Every default filled in: running it reproduces the sweep.</p>\n<pre>")
                .append(Html.escape(d.specYaml())).append("</pre>\n</section>\n");
        h.append("<footer class=\"note\">Written by gdsweep.</footer>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, ReportData d, String name, List<Figure> figures) {
        long runs = 0;
        long converged = 0;
        long diverged = 0;
        long maxIterations = 0;
        TreeSet<Double> rates = new TreeSet<>();
        for (SummaryRow r : d.summary()) {
            runs += r.runs();
            converged += r.converged();
            diverged += r.diverged();
            maxIterations += r.maxIterations();
            rates.add(r.learningRate());
        }
        if (d.summary().isEmpty()) {
            for (RunPoint p : d.runs()) {
                runs++;
                switch (p.status()) {
                    case "CONVERGED" -> converged++;
                    case "DIVERGED" -> diverged++;
                    case "MAX_ITERATIONS" -> maxIterations++;
                    default -> { }
                }
                rates.add(p.learningRate());
            }
        }
        int configurations = Configurations.names(d).size();
        h.append("<header>\n<h1>Sweep ").append(Html.escape(name)).append("</h1>\n<p class=\"facts\">Loss <b>")
                .append(Html.escape(d.lossName())).append("</b> in ").append(d.dimension()).append(" dimension")
                .append(d.dimension() == 1 ? "" : "s").append(". <b>").append(runs).append("</b> runs: ")
                .append(rates.size()).append(" learning rate").append(rates.size() == 1 ? "" : "s");
        if (configurations > 1) {
            h.append(" \u00d7 ").append(configurations).append(" optimizer configurations and schedules");
        }
        h.append(". Converged <b>").append(converged).append("</b> (").append(runs == 0 ? "\u2013"
                        : Fmt.percent(converged / (double) runs))
                .append("), diverged <b>").append(diverged).append("</b>, ran out of iterations <b>")
                .append(maxIterations).append("</b>");
        long other = runs - converged - diverged - maxIterations;
        if (other > 0) {
            h.append(", other <b>").append(other).append("</b>");
        }
        h.append(".");
        if (!d.summary().isEmpty() && d.runs().size() != runs) {
            h.append(" The pictures are drawn from ").append(d.runs().size()).append(" of the runs.");
        }
        h.append("</p>\n<nav>");
        int s = 0;
        TreeSet<String> seen = new TreeSet<>();
        for (Figure f : figures) {
            if (seen.add(f.section())) {
                s++;
                h.append("<a href=\"#pictures-").append(s).append("\">").append(Html.escape(f.section())).append("</a>");
            }
        }
        h.append("<a href=\"#summary\">Summary</a><a href=\"#best-runs\">Best runs</a>");
        if (!d.stability().isEmpty()) {
            h.append("<a href=\"#stability\">Stability</a>");
        }
        h.append("<a href=\"#spec\">Spec</a></nav>\n</header>\n");
    }

    private static void figure(StringBuilder h, Figure f) {
        String css = f.width() > 1000 ? "wide" : f.section().equals(ContourMaps.SECTION) ? "panel" : "chart";
        String src = Html.escape(IMAGES_DIR + "/" + f.file());
        h.append("<figure class=\"").append(css).append("\">\n<a href=\"").append(src).append("\"><img src=\"")
                .append(src).append("\" width=\"").append(f.width()).append("\" height=\"").append(f.height())
                .append("\" alt=\"").append(Html.escape(f.title())).append("\"></a>\n<figcaption><b>")
                .append(Html.escape(f.title())).append("</b>").append(Html.escape(f.caption()))
                .append("</figcaption>\n</figure>\n");
    }

    private static void summary(StringBuilder h, ReportData d) {
        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"note\">One row per optimizer configuration, "
                + "schedule and learning rate. Median iterations are over the runs that converged; the losses and the "
                + "best run over those that did not diverge.</p>\n<div class=\"table-wrap\">\n"
                + "<table id=\"summary-table\">\n<thead><tr><th class=\"text\">optimizer</th><th class=\"text\">schedule"
                + "</th><th>learning rate</th><th>runs</th><th>converged</th><th>diverged</th><th>max iterations</th>"
                + "<th>converged %</th><th>median iterations</th><th>min final loss</th><th>median final loss</th>"
                + "<th>best run</th></tr></thead>\n<tbody>\n");
        for (SummaryRow r : d.summary()) {
            h.append("<tr><td class=\"text\">").append(Html.escape(r.optimizerConfig())).append("</td><td class=\"text\">")
                    .append(Html.escape(r.scheduleLabel())).append("</td><td>").append(Fmt.number(r.learningRate()))
                    .append("</td><td>").append(r.runs()).append("</td><td>").append(r.converged()).append("</td><td>")
                    .append(r.diverged()).append("</td><td>").append(r.maxIterations()).append("</td><td>")
                    .append(Fmt.percent(r.convergedFraction())).append("</td><td>")
                    .append(r.medianIterations() == null ? "\u2013" : Fmt.number(r.medianIterations()))
                    .append("</td><td>").append(Fmt.number(r.minFinalLoss())).append("</td><td>")
                    .append(Fmt.number(r.medianFinalLoss())).append("</td><td>")
                    .append(r.bestRunId() == null ? "\u2013" : r.bestRunId().toString()).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    /** The best runs: those that did not diverge and have a finite final loss, by final loss, then run id. */
    static List<RunPoint> bestRuns(List<RunPoint> runs, int count) {
        return runs.stream()
                .filter(p -> !"DIVERGED".equals(p.status()) && Double.isFinite(p.finalLoss()))
                .sorted(Comparator.comparingDouble(RunPoint::finalLoss).thenComparingLong(RunPoint::runId))
                .limit(count)
                .toList();
    }

    private static void bestRuns(StringBuilder h, ReportData d) {
        List<RunPoint> best = bestRuns(d.runs(), BEST_RUNS);
        h.append("<section id=\"best-runs\">\n<h2>Best runs</h2>\n");
        if (best.isEmpty()) {
            h.append("<p>No run ended with a finite loss without diverging.</p>\n</section>\n");
            return;
        }
        h.append("<p class=\"note\">The ").append(best.size()).append(" runs with the smallest final loss among those "
                + "that did not diverge.</p>\n<div class=\"table-wrap\">\n<table id=\"best-runs-table\">\n<thead><tr>"
                + "<th>#</th><th>run</th><th class=\"text\">configuration</th><th>learning rate</th>"
                + "<th class=\"text\">status</th><th>final loss</th><th>iterations</th><th class=\"text\">from</th>"
                + "<th class=\"text\">to</th><th class=\"text\">known minimum</th></tr></thead>\n<tbody>\n");
        int rank = 0;
        for (RunPoint p : best) {
            rank++;
            String minimum = "\u2013";
            if (p.minimum() != null && p.minimum() >= 0 && p.minimum() < d.minima().size()) {
                minimum = BasinMap.minimumLabel(d.minima().get(p.minimum()), p.minimum());
            }
            h.append("<tr><td>").append(rank).append("</td><td>").append(p.runId()).append("</td><td class=\"text\">")
                    .append(Html.escape(p.configuration())).append("</td><td>").append(Fmt.number(p.learningRate()))
                    .append("</td><td class=\"text ").append(Html.escape(p.status())).append("\">")
                    .append(Html.escape(p.status())).append("</td><td>").append(Fmt.number(p.finalLoss()))
                    .append("</td><td>").append(p.iterations()).append("</td><td class=\"text\">")
                    .append(Html.escape(Fmt.vector(p.initialWeights()))).append("</td><td class=\"text\">")
                    .append(Html.escape(Fmt.vector(p.finalWeights()))).append("</td><td class=\"text\">")
                    .append(Html.escape(minimum)).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void stability(StringBuilder h, ReportData d) {
        if (d.stability().isEmpty()) {
            return;
        }
        h.append("<section id=\"stability\">\n<h2>Stability</h2>\n<p class=\"note\">Where divergence starts, as "
                + "observed on the sweep's grid of rates, next to the theoretical critical rate 2/\u03bb<sub>max</sub> "
                + "where it is known (plain gradient descent on a quadratic: the largest eigenvalue of the Hessian). "
                + "The observed boundary lies between the two observed columns.</p>\n<div class=\"table-wrap\">\n"
                + "<table id=\"stability-table\">\n<thead><tr><th class=\"text\">configuration</th>"
                + "<th>largest rate without divergence</th><th>smallest rate with divergence</th>"
                + "<th>theoretical critical rate 2/\u03bb<sub>max</sub></th></tr></thead>\n<tbody>\n");
        for (SummaryRow r : d.stability()) {
            h.append("<tr><td class=\"text\">").append(Html.escape(r.configuration())).append("</td><td>")
                    .append(Fmt.number(r.largestStableRate())).append("</td><td>")
                    .append(Fmt.number(r.smallestDivergingRate())).append("</td><td>")
                    .append(Fmt.number(r.medianCriticalRate())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n</section>\n");
    }
}
