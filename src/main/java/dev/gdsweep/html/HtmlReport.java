package dev.gdsweep.html;

import dev.gdsweep.engine.Status;
import dev.gdsweep.report.SummaryRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a sweep's HTML report: {@code report.html} and its pictures in {@code report-images/}.
 *
 * <p>The page is self-contained apart from those images, which it links relatively: it opens from the
 * file system and loads nothing from the network (inline CSS, no web fonts). Its one script, the
 * explore section's ({@link ExploreData}), is inline too, with its data as inline JSON. The page is
 * laid out by the template {@code report.mustache}, which HTML-escapes every piece of text from the
 * data (see {@link Html}). Rendering is headless: {@code java.awt.headless} is set to true
 * unless it was set already.
 */
public final class HtmlReport {

    /** The page's file name in the report directory. */
    public static final String HTML_FILE = "report.html";
    /** The folder of the pictures, beside the page. */
    public static final String IMAGES_DIR = "report-images";
    /** How many runs the best-runs table lists. */
    public static final int BEST_RUNS = 10;
    /** The page's template, a resource beside this class. */
    static final String TEMPLATE = "report.mustache";

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
        // The pictures are independent of one another and of the explore data: they are drawn side by side, each
        // part by one thread (only the contour maps evaluate the loss, which is not thread-safe).
        List<Pictures> parts = List.of(FinalLossChart::write, ConvergenceCharts::write, LossSettingChart::write,
                ContourMaps::write, BasinMap::write, LossCurves::write, RefinementCharts::write);
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(parts.size(), Runtime.getRuntime().availableProcessors())), HtmlReport::daemon);
        List<Figure> figures = new ArrayList<>();
        String explore;
        try {
            Future<String> exploreSection = pool.submit(() -> ExploreData.section(data));
            List<Future<List<Figure>>> drawn = new ArrayList<>();
            for (Pictures part : parts) {
                drawn.add(pool.submit(() -> part.write(data, images)));
            }
            for (Future<List<Figure>> f : drawn) {
                figures.addAll(result(f));
            }
            explore = result(exploreSection);
        } finally {
            pool.shutdownNow();
        }

        Path page = dir.resolve(HTML_FILE);
        Files.writeString(page, html(data, figures, explore), StandardCharsets.UTF_8);
        List<Path> written = new ArrayList<>();
        written.add(page);
        for (Figure f : figures) {
            written.add(images.resolve(f.file()));
        }
        return List.copyOf(written);
    }

    /** One part of the pictures: draws them into the folder and returns them in the order the page shows them. */
    @FunctionalInterface
    private interface Pictures {
        List<Figure> write(ReportData d, Path imageDir) throws IOException;
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "gdsweep-report");
        t.setDaemon(true);
        return t;
    }

    /** What {@code f} computed; its own exception if it threw one. */
    private static <T> T result(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while drawing the report");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The page: {@code report.mustache} laid out over the {@link ReportPage} of the data and pictures, with the
     * explore section ({@link ExploreData#section}) in its place.
     */
    static String html(ReportData d, List<Figure> figures, String exploreSection) {
        return ExploreData.insert(Html.render(TEMPLATE, ReportPage.of(d, figures)), exploreSection);
    }

    /** Runs left out of the best runs because they started where they stopped: 0 iterations. */
    static long atMinimumFromTheStart(List<RunPoint> runs) {
        return runs.stream().filter(p -> p.status() != Status.DIVERGED && p.iterations() == 0).count();
    }

    /**
     * The best runs: those that did not diverge, have a finite final loss and took a step (a start already at a
     * minimum, 0 iterations, shows nothing about the rate), by final loss, then run id.
     */
    static List<RunPoint> bestRuns(List<RunPoint> runs, int count) {
        return runs.stream()
                .filter(p -> p.status() != Status.DIVERGED && Double.isFinite(p.finalLoss()) && p.iterations() > 0)
                .sorted(Comparator.comparingDouble(RunPoint::finalLoss).thenComparingLong(RunPoint::runId))
                .limit(count)
                .toList();
    }
}
