package dev.gdsweep.html;

import dev.gdsweep.report.SummaryRow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.engine.Status;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole report written for small synthetic sweeps, checked as a reader's browser would see it. */
class HtmlReportTest {

    static final double[] RATES = {3e-4, 3e-3, 0.01, 0.0158, 0.025};
    static final String NASTY_NAME = "himmel<b>blau</b> & \"co\" 'x'";

    static ReportData himmelblau;

    @BeforeAll
    static void data() {
        himmelblau = Synthetic.himmelblau(NASTY_NAME, RATES, 5, 1500, 4, Synthetic.GD);
    }

    @Test
    void theFixtureHasMixedStatusesAndMinima() {
        Set<Status> statuses = himmelblau.runs().stream().map(RunPoint::status).collect(Collectors.toSet());
        assertThat(statuses).contains(Status.CONVERGED, Status.DIVERGED, Status.MAX_ITERATIONS);
        Set<Integer> minima = himmelblau.runs().stream().map(RunPoint::minimum).filter(m -> m != null)
                .collect(Collectors.toSet());
        assertThat(minima).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(himmelblau.runs()).hasSize(125);
        assertThat(himmelblau.trajectories()).isNotEmpty();
    }

    @Test
    void writesThePageAndEveryPictureAtItsDeclaredSize(@TempDir Path dir) throws IOException {
        List<Path> written = HtmlReport.write(himmelblau, dir);

        assertThat(written.get(0)).isEqualTo(dir.resolve("report.html"));
        assertThat(names(written)).containsExactlyInAnyOrder("report.html",
                "final-loss-vs-learning-rate-1.png", "converged-fraction.png", "median-iterations.png",
                "contour-too-small.png", "contour-good.png", "contour-too-large.png", "basins.png",
                "loss-vs-iteration-1.png");
        // The returned list is exactly what is on disk.
        try (Stream<Path> files = Files.list(dir.resolve(HtmlReport.IMAGES_DIR))) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .isEqualTo(names(written.subList(1, written.size())));
        }

        String html = read(dir);
        List<Img> images = images(html);
        assertThat(images).hasSize(written.size() - 1);
        for (Img img : images) {
            BufferedImage decoded = ImageIO.read(dir.resolve(img.src()).toFile());
            assertThat(decoded).as(img.src()).isNotNull();
            assertThat(decoded.getWidth()).as(img.src()).isEqualTo(img.width());
            assertThat(decoded.getHeight()).as(img.src()).isEqualTo(img.height());
        }
        Map<String, Img> bySrc = images.stream().collect(Collectors.toMap(Img::src, i -> i));
        assertSize(dir, bySrc, "final-loss-vs-learning-rate-1.png", 900, 600);
        assertSize(dir, bySrc, "converged-fraction.png", 900, 600);
        assertSize(dir, bySrc, "median-iterations.png", 900, 600);
        assertSize(dir, bySrc, "contour-good.png", 800, 720);
        assertSize(dir, bySrc, "loss-vs-iteration-1.png", 900, 600);
    }

    @Test
    void everyLinkResolvesAndNothingComesFromTheNetwork(@TempDir Path dir) throws IOException {
        HtmlReport.write(himmelblau, dir);
        String html = read(dir);

        assertThat(html).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://");
        assertThat(html).doesNotContain("@import").doesNotContain("url(").doesNotContainIgnoringCase("<link");
        // The explore section's script and data are inline: no script element names a file.
        assertThat(html).doesNotContainPattern("(?i)<script[^>]*\\ssrc\\s*=");
        Matcher m = Pattern.compile("\\b(src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        int local = 0;
        int anchors = 0;
        while (m.find()) {
            String target = m.group(2);
            assertThat(target).as("a reference").doesNotStartWith("//").doesNotContain(":");
            if (target.startsWith("#")) {
                anchors++;
                assertThat(html).as("anchor target " + target).contains("id=\"" + target.substring(1) + "\"");
            } else {
                local++;
                assertThat(dir.resolve(unescape(target))).as(target).isRegularFile();
            }
        }
        assertThat(local).isEqualTo(2 * 8); // each picture: the image and a link to it
        assertThat(anchors).isGreaterThan(3);
    }

    @Test
    void theSummaryTableHasOneRowPerSummaryRowWithEveryColumn(@TempDir Path dir) throws IOException {
        HtmlReport.write(himmelblau, dir);
        String table = table(read(dir), "summary-table");
        String body = table.substring(table.indexOf("<tbody>"));
        assertThat(count(body, "<tr>")).isEqualTo(himmelblau.summary().size()).isEqualTo(RATES.length);
        String head = table.substring(0, table.indexOf("<tbody>"));
        assertThat(count(head, "<th>") + count(head, "<th class")).isEqualTo(13);
        for (String row : body.split("<tr>")) {
            if (row.contains("</tr>")) {
                assertThat(count(row, "<td")).isEqualTo(13);
            }
        }
        SummaryRow first = himmelblau.summary().get(0);
        assertThat(body).contains("<td>" + first.runs() + "</td>").contains("<td>" + first.converged() + "</td>");
    }

    @Test
    void theBestRunsAreTheTenLowestFinalLossesThatDidNotDiverge(@TempDir Path dir) throws IOException {
        HtmlReport.write(himmelblau, dir);
        List<RunPoint> best = HtmlReport.bestRuns(himmelblau.runs(), 10);
        assertThat(best).hasSize(10).noneMatch(p -> p.status() == Status.DIVERGED);
        double worstListed = best.get(9).finalLoss();
        assertThat(himmelblau.runs().stream().filter(p -> p.status() != Status.DIVERGED)
                .filter(p -> p.finalLoss() < worstListed).count()).isLessThanOrEqualTo(9);
        String table = table(read(dir), "best-runs-table");
        assertThat(count(table, "<tr>")).isEqualTo(11);
        assertThat(table).contains("<td>" + best.get(0).runId() + "</td>");
    }

    @Test
    void escapesTheSweepNameAndTheSpec(@TempDir Path dir) throws IOException {
        String yaml = "name: x\n# </pre><script>alert('hi')</script> & more\n";
        ReportData d = with(himmelblau, yaml, List.of(stability("gd<1>", "constant", 0.01, 0.0158, null)));
        HtmlReport.write(d, dir);
        String html = read(dir);
        assertThat(html).contains("himmel&lt;b&gt;blau&lt;/b&gt; &amp; &quot;co&quot; &#39;x&#39;");
        assertThat(html).doesNotContain("<b>blau</b>").doesNotContain("<script>alert").doesNotContain("</pre><script");
        assertThat(html).contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; &amp; more");
        assertThat(html).contains("gd&lt;1&gt;, constant");
        assertThat(table(html, "stability-table")).contains("0.01").contains("0.0158");
    }

    @Test
    void everyTextFromTheDataIsEscapedByTheTemplate(@TempDir Path dir) throws IOException {
        String evil = "<script>alert(\"x\" + 'y')</script> & co";
        String escaped = "&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;)&lt;/script&gt; &amp; co";
        String optimizer = "gd " + evil;
        String schedule = "constant " + evil;
        String configuration = SummaryRow.configuration(optimizer, schedule, 0);
        List<SummaryRow> summary = List.of(new SummaryRow("", optimizer, schedule, 0, 0.01, 2, 1, 0, 0, 1, 0, 0, 0.5, 10.0,
                1e-3, 1e-2, 1L, 0.01, null, null));
        List<RunPoint> runs = List.of(
                new RunPoint(1, configuration, 0.01, new double[] {0, 0}, new double[] {1, 1}, "CONVERGED", 1e-3, 10, 0),
                new RunPoint(2, configuration, 0.01, new double[] {1, 0}, new double[] {2, 1}, "MAX_ITERATIONS", 1e-2,
                        100, null));
        String yaml = "name: sweep\nloss:\n  formula: " + evil + "\n";
        ReportData d = new ReportData("sweep " + evil, "formula " + evil, 2, new double[] {-1, -1},
                new double[] {2, 2}, List.of(new KnownMinimum("minimum " + evil, new double[] {1, 1})), null, summary,
                runs, Map.of(), yaml, summary);
        HtmlReport.write(d, dir);
        String html = read(dir);

        assertThat(html).doesNotContain("<script>alert").doesNotContain(evil);
        assertThat(html).contains("<title>gdsweep report: sweep " + escaped + "</title>")
                .contains("<h1>Sweep sweep " + escaped + "</h1>")
                .contains("Loss <b>formula " + escaped + "</b>")
                .contains("  formula: " + escaped + "\n");
        assertThat(table(html, "summary-table")).contains("<td class=\"text\">gd " + escaped + "</td>")
                .contains("<td class=\"text\">constant " + escaped + "</td>");
        assertThat(table(html, "best-runs-table")).contains("<td class=\"text\">gd " + escaped + ", constant "
                + escaped + "</td>").contains("<td class=\"text\">minimum " + escaped + " at (1, 1)</td>");
        assertThat(table(html, "stability-table")).contains("gd " + escaped + ", constant " + escaped);
    }

    @Test
    void theTemplateHasNoRawSlots() throws IOException {
        String template;
        try (java.io.InputStream in = HtmlReport.class.getResourceAsStream(HtmlReport.TEMPLATE)) {
            assertThat(in).as("the template on the class path").isNotNull();
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Triple braces and ampersand tags write a value unescaped; a delimiter change would hide them.
        assertThat(template).contains("{{name}}").doesNotContain("{{{").doesNotContain("{{&").doesNotContain("{{=");
    }

    @Test
    void aThreeDimensionalLossWithoutEvaluatorGivesAReportWithoutTheMaps(@TempDir Path dir) throws IOException {
        ReportData d = Synthetic.quadratic3d(new double[] {0.01, 0.1, 0.19, 0.21, 0.3});
        assertThat(d.lossEvaluator()).isNull();
        List<Path> written = HtmlReport.write(d, dir);
        assertThat(names(written)).containsExactlyInAnyOrder("report.html", "final-loss-vs-learning-rate-1.png",
                "converged-fraction.png", "median-iterations.png", "loss-vs-iteration-1.png");
        String html = read(dir);
        for (Img img : images(html)) {
            BufferedImage decoded = ImageIO.read(dir.resolve(img.src()).toFile());
            assertThat(decoded.getWidth()).isEqualTo(img.width());
            assertThat(decoded.getHeight()).isEqualTo(img.height());
        }
        assertThat(html).doesNotContain("contour-").doesNotContain("basins.png").contains("3 dimensions")
                .contains("are left out");
        assertThat(count(table(html, "summary-table"), "<tr>")).isEqualTo(6);
    }

    @Test
    void aTwoDimensionalLossWithoutEvaluatorStillHasItsBasinMap(@TempDir Path dir) throws IOException {
        ReportData d = new ReportData(himmelblau.sweepName(), himmelblau.lossName(), 2, himmelblau.domainMin(),
                himmelblau.domainMax(), himmelblau.minima(), null, himmelblau.summary(), himmelblau.runs(),
                himmelblau.trajectories(), himmelblau.specYaml(), List.of());
        List<Path> written = HtmlReport.write(d, dir);
        assertThat(names(written)).contains("basins.png").noneMatch(n -> n.startsWith("contour"));
        assertThat(read(dir)).contains("No loss evaluator");
    }

    @Test
    void severalConfigurationsGetOneScatterEachAndOneLinePerConfiguration(@TempDir Path dir) throws IOException {
        ReportData d = Synthetic.himmelblau("two", RATES, 4, 800, 2, Synthetic.GD, Synthetic.MOMENTUM);
        List<Path> written = HtmlReport.write(d, dir);
        assertThat(names(written)).contains("final-loss-vs-learning-rate-1.png", "final-loss-vs-learning-rate-2.png",
                "loss-vs-iteration-1.png", "loss-vs-iteration-2.png", "converged-fraction.png", "basins.png");
        String html = read(dir);
        String best = LearningRateRoles.bestConfiguration(d.summary()).orElseThrow();
        assertThat(html).contains("Configuration " + Html.escape(best) + ", the one whose best rate");
        assertThat(count(table(html, "summary-table"), "<tr>")).isEqualTo(1 + 2 * RATES.length);
    }

    @Test
    void aLossAxisAddsTheStabilityAgainstTheSettingAndLeavesTheRestAsItWas(@TempDir Path dir) throws IOException {
        List<SettingStability> boundary = List.of(
                new SettingStability("gd, constant", "rosenbrock(a=1, b=10)", 10, 0.02, 0.05),
                new SettingStability("gd, constant", "rosenbrock(a=1, b=100)", 100, 0.002, 0.005),
                new SettingStability("gd, constant", "rosenbrock(a=1, b=1000)", 1000, 2e-4, null));
        ReportData d = new ReportData(himmelblau.sweepName(), himmelblau.lossName(), 2, himmelblau.domainMin(),
                himmelblau.domainMax(), himmelblau.minima(), himmelblau.lossEvaluator(), himmelblau.summary(),
                himmelblau.runs(), himmelblau.trajectories(), himmelblau.specYaml(), himmelblau.stability(), "b",
                boundary);

        List<Path> written = HtmlReport.write(d, dir);

        assertThat(names(written)).contains("stability-against-loss-setting.png", "converged-fraction.png");
        assertThat(read(dir)).contains("Largest stable learning rate against b")
                .contains("Stability against the loss setting");
        // Without a loss axis the page has no such picture.
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThat(names(HtmlReport.write(himmelblau, plain))).doesNotContain("stability-against-loss-setting.png");
    }

    @Test
    void anEmptySweepStillWritesAPage(@TempDir Path dir) throws IOException {
        ReportData d = new ReportData("empty", "himmelblau", 2, null, null, null, null, null, null, null, null, null);
        List<Path> written = HtmlReport.write(d, dir);
        assertThat(written).containsExactly(dir.resolve("report.html"));
        assertThat(read(dir)).contains("Sweep empty").contains("<table id=\"summary-table\">");
    }

    @Test
    void manyRunsAreSampledDeterministically(@TempDir Path dir) throws IOException {
        List<RunPoint> runs = new ArrayList<>();
        for (long i = 0; i < 30_000; i++) {
            double lr = 0.01 * (1 + i % 3);
            runs.add(new RunPoint(i, "gd, constant", lr, new double[] {i % 7, 1, 2}, new double[] {0, 0, 0},
                    i % 11 == 0 ? "DIVERGED" : "CONVERGED", i % 11 == 0 ? Double.POSITIVE_INFINITY : 1e-3 / (1 + i),
                    i % 100, null));
        }
        ReportData d = new ReportData("big", "quadratic", 3, null, null, null, null, null, runs, null, null, null);
        HtmlReport.write(d, dir);
        String html = read(dir);
        assertThat(html).contains("A fixed sample of 20000 of the 30000 runs is shown.")
                .contains("are drawn at");
        assertThat(Sampling.sample(runs, RunPoint::runId, 20_000)).isEqualTo(
                Sampling.sample(new ArrayList<>(runs), RunPoint::runId, 20_000)).hasSize(20_000);
    }

    @Test
    void rewritingReplacesThePicturesOfTheEarlierReport(@TempDir Path dir) throws IOException {
        HtmlReport.write(himmelblau, dir);
        Path stale = dir.resolve(HtmlReport.IMAGES_DIR).resolve("contour-good.png");
        assertThat(stale).exists();
        HtmlReport.write(Synthetic.quadratic3d(new double[] {0.01, 0.1}), dir);
        assertThat(stale).doesNotExist();
    }

    @Test
    void rendersHeadless(@TempDir Path dir) throws IOException {
        HtmlReport.write(himmelblau, dir);
        assertThat(java.awt.GraphicsEnvironment.isHeadless()).isTrue();
    }

    // ---------------------------------------------------------------------------------------- helpers

    record Img(String src, int width, int height) {}

    static List<Img> images(String html) {
        List<Img> out = new ArrayList<>();
        Matcher m = Pattern.compile("<img\\s[^>]*>").matcher(html);
        while (m.find()) {
            String tag = m.group();
            out.add(new Img(unescape(attribute(tag, "src")), Integer.parseInt(attribute(tag, "width")),
                    Integer.parseInt(attribute(tag, "height"))));
        }
        return out;
    }

    static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(tag);
        assertThat(m.find()).as(name + " in " + tag).isTrue();
        return m.group(1);
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    static String table(String html, String id) {
        int start = html.indexOf("<table id=\"" + id + "\">");
        assertThat(start).as("table " + id).isNotNegative();
        return html.substring(start, html.indexOf("</table>", start));
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    static String read(Path dir) throws IOException {
        return Files.readString(dir.resolve(HtmlReport.HTML_FILE), StandardCharsets.UTF_8);
    }

    static Set<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }

    static void assertSize(Path dir, Map<String, Img> bySrc, String file, int width, int height) throws IOException {
        Img img = bySrc.get(HtmlReport.IMAGES_DIR + "/" + file);
        assertThat(img).as(file).isNotNull();
        assertThat(img.width()).isEqualTo(width);
        assertThat(img.height()).isEqualTo(height);
    }

    @Test
    void thePageOpensWithTheRecommendationAndItsEvidence(@TempDir Path dir) throws IOException {
        List<dev.gdsweep.report.Recommendation> recommendations = dev.gdsweep.report.Recommendation.of(List.of(
                new dev.gdsweep.report.Recommendation.Rate("", "gd", "constant", 0, 0.001, 20, 20, 0, 0, 400.0, 400.0, null),
                new dev.gdsweep.report.Recommendation.Rate("", "gd", "constant", 0, 0.01, 20, 20, 0, 0, 40.0, 40.0, null),
                new dev.gdsweep.report.Recommendation.Rate("", "gd", "constant", 0, 0.1, 20, 2, 3, 15, 4.0, 4.0, null)),
                0.95);
        ReportData d = himmelblau;
        HtmlReport.write(new ReportData(d.sweepName(), d.lossName(), d.dimension(), d.domainMin(), d.domainMax(),
                d.minima(), d.lossEvaluator(), d.summary(), d.runs(), d.trajectories(), d.specYaml(), d.stability(),
                "", List.of(), null, List.of(), recommendations), dir);
        String html = read(dir);

        // Before every picture: the first thing the page says is which rate to use.
        assertThat(html.indexOf("id=\"recommendation\"")).isPositive().isLessThan(html.indexOf("id=\"pictures-1\""));
        assertThat(html).contains("<p class=\"pick\">Recommended: lr 0.01 (gd, constant): 100% of starts converge, "
                + "median 40 iterations; some runs diverge from lr 0.1 on.</p>");
        String table = table(html, "recommendation-table");
        assertThat(count(table, "<tr")).isEqualTo(4);
        assertThat(table).contains("<tr class=\"pick\"><td>0.01</td><td>20</td><td>100%</td><td>0%</td><td>0</td>"
                + "<td>40</td></tr>").contains("<td>10%</td><td>15%</td><td>15</td>");
        // Without recommendations there is no section.
        Path plain = dir.resolve("plain");
        HtmlReport.write(himmelblau, plain);
        assertThat(read(plain)).doesNotContain("id=\"recommendation\"");
    }

    /** A summary row of a configuration that carries only its stability columns. */
    static SummaryRow stability(String optimizerConfig, String schedule, Double largestStableRate,
            Double smallestDivergingRate, Double medianCriticalRate) {
        return new SummaryRow("", optimizerConfig, schedule, 0, 0.01, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null,
                largestStableRate, smallestDivergingRate, medianCriticalRate);
    }

    static ReportData with(ReportData d, String yaml, List<SummaryRow> stability) {
        return new ReportData(d.sweepName(), d.lossName(), d.dimension(), d.domainMin(), d.domainMax(), d.minima(),
                d.lossEvaluator(), d.summary(), d.runs(), d.trajectories(), yaml, stability);
    }
}
