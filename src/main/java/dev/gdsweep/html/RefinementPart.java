package dev.gdsweep.html;

import dev.gdsweep.refine.RefinementStop;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The page's Refinement section, for {@code report.mustache}: a line per configuration and the refinement's
 * pictures, every number already formatted (plain text; the template escapes it).
 *
 * @param rounds "5 rounds"
 * @param runs runs of all rounds, the grid included
 * @param tolerance the relative bracket width asked for
 * @param notes what the table cannot say: starts without a bracket, brackets left wider than the tolerance
 * @param stopped why the refinement stopped, one sentence; null when the report does not say
 */
record RefinementPart(String rounds, long runs, String tolerance, List<Line> lines, boolean hasNotes,
        List<String> notes, List<ReportPage.FigureView> figures, String stopped) {

    /**
     * One configuration. Rates are those up to which every start, 90% and 50% of the starts converge; the
     * fastest rate is the one with the lowest median iterations over all starts.
     *
     * @param uniformRuns the runs a uniform log grid of the same resolution would take, and how many times
     *     the refinement's that is
     */
    record Line(String configuration, long starts, long bracketed, long pinned, String everyStart, String rate90,
            String rate50, String fastestRate, String fastestIterations, String criticalRate, int rounds, long runs,
            String uniformRuns) {}

    private static final String NONE = "\u2013";

    /** The section of {@code r} with the pictures of {@link RefinementCharts}; null when the sweep did not refine. */
    static RefinementPart of(RefinementData r, List<Figure> figures) {
        if (r == null) {
            return null;
        }
        List<Line> lines = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (RefinementData.Configuration c : r.configurations()) {
            String uniform = NONE;
            if (c.uniformRuns() != null && c.runs() > 0) {
                uniform = String.format(Locale.ROOT, "%,d (%s\u00d7)", c.uniformRuns(),
                        Fmt.shortNumber(c.uniformRuns() / (double) c.runs()));
            }
            lines.add(new Line(c.name(), c.starts(), c.bracketed(), c.pinned(), Fmt.number(c.everyStartRate()),
                    Fmt.number(c.rate90()), Fmt.number(c.rate50()), Fmt.number(c.fastestMedianRate()),
                    Fmt.number(c.fastestMedianIterations()), Fmt.number(c.criticalRate()), c.rounds(), c.runs(),
                    uniform));
            String prefix = r.configurations().size() > 1 ? c.name() + ": " : "";
            if (c.everywhere() > 0) {
                notes.add(prefix + starts(c.everywhere()) + " converged at every rate tried: no bracket, and the "
                        + "rates up to which the starts converge count them at the largest rate tried.");
            }
            if (c.nowhere() > 0) {
                notes.add(prefix + starts(c.nowhere()) + " converged at no rate tried: no bracket"
                        + (c.everyStartRate() == null ? ", and no rate from which every start converges." : "."));
            }
            if (c.bracketed() > c.pinned()) {
                notes.add(prefix + (c.bracketed() - c.pinned()) + (c.bracketed() - c.pinned() == 1 ? " bracket is" : " brackets are")
                        + " wider than the tolerance" + (c.widerNote() == null ? "."
                        : ": " + c.widerNote().replaceFirst("^wider than the tolerance: ", "") + "."));
            }
        }
        List<ReportPage.FigureView> views = new ArrayList<>();
        for (Figure f : figures) {
            if (f.section().equals(RefinementCharts.SECTION)) {
                views.add(ReportPage.FigureView.of(f, "chart"));
            }
        }
        return new RefinementPart(RefinementStop.rounds(r.rounds()), r.runs(),
                Fmt.shortNumber(r.tolerance()), lines, !notes.isEmpty(), notes, views, r.stopped());
    }

    private static String starts(long n) {
        return n + (n == 1 ? " start" : " starts");
    }
}
