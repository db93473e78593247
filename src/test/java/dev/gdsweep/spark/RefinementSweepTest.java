package dev.gdsweep.spark;

import dev.gdsweep.console.ProgressDisplay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.html.HtmlReportBuilder;
import dev.gdsweep.report.RefinementReport;
import dev.gdsweep.report.SweepReport;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SpecWriter;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.store.ReportLayout;
import dev.gdsweep.store.ReportLocation;
import dev.gdsweep.sweep.LocalSweep;
import dev.gdsweep.sweep.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefinementSweepTest extends SparkTestBase {

    /** GD on 1/2 (w1² + 25 w2²): converges for lr < 2/25 = 0.08. Two chunks for the grid, so rounds follow chunk 1. */
    static final String SPEC = """
            name: refine
            loss: {function: quadratic, params: {diag: [1, 25]}}
            learning_rate: {log: {from: 1.0e-3, to: 1.0, count: 7}}
            initial_weights: {random: {count: 6, min: [-5, -5], max: [5, 5], seed: 3}}
            stopping: {max_iterations: 100000, gradient_tolerance: 1.0e-8}
            limits: {chunk_runs: 25}
            refine: {targets: [boundary, fastest], tolerance: 1.0e-3}
            """;

    static SweepSpec spec;

    @TempDir
    Path dir;

    /**
     * The spec's sweep with the tasks chosen per chunk, run once for the class: the tables, the page and the
     * resume read it and do not change its tables (the page only adds report.html and its pictures).
     */
    @TempDir
    static Path shared;

    static SweepReport sharedReport;
    static Path one;

    @BeforeAll
    static void parseAndSweep() {
        spec = SpecLoader.parse(SPEC, "spec.yaml", "x", List.of(), DataResolver.NONE);
        sharedReport = sweep(shared, "one", 0, false);
        one = shared.resolve("one");
    }

    private SweepReport sweep(String name, int partitions, boolean resume) {
        return sweep(dir, name, partitions, resume);
    }

    private static SweepReport sweep(Path dir, String name, int partitions, boolean resume) {
        try (ReportLocation location = ReportLocation.prepare(dir.resolve(name).toString(), false, resume,
                new Configuration(), "--out")) {
            return SparkSweep.run(spark, spec, location,
                    SweepOptions.defaults().withPartitions(partitions).withResume(resume));
        }
    }

    /** Every row of a table but its timing, by run id (or in order), as text. */
    private List<String> rows(Path report, String table) {
        List<String> out = new ArrayList<>();
        for (Row r : spark.read().parquet(report.resolve(table).toString()).collectAsList()) {
            StringBuilder sb = new StringBuilder();
            for (String c : r.schema().fieldNames()) {
                if (!c.equals("elapsed_ms")) {
                    sb.append(c).append('=').append(String.valueOf(r.get(r.fieldIndex(c)))).append(' ');
                }
            }
            out.add(sb.toString());
        }
        out.sort(null);
        return out;
    }

    @Test
    void roundsOnSparkGiveTheRowsOfThePureJavaRoundsAndTheTablesSayWhatWasFound() {
        SweepReport report = sharedReport;

        // The recommendation weighs the rates the fastest search ran from every start, beside the grid's.
        dev.gdsweep.report.Recommendation pick = report.recommendations().get(0);
        List<Double> gridRates = java.util.stream.IntStream.range(0, spec.grid().learningRates().count())
                .mapToObj(i -> spec.grid().learningRates().get(i)).toList();
        assertThat(pick.found()).isTrue();
        assertThat(pick.evidence()).allMatch(r -> r.runs() == 6)
                .anyMatch(r -> !gridRates.contains(r.learningRate()));
        assertThat(pick.evidence()).filteredOn(r -> r.converged() == r.runs())
                .allMatch(r -> r.medianIterations() >= pick.chosen().medianIterations());
        assertThat(pick.learningRate()).isLessThan(2 / 25.0);

        List<Row> runs = spark.read().parquet(one.resolve(ReportLayout.RUNS).toString()).orderBy("run_id").collectAsList();
        RefinementReport refined = report.refinement();
        assertThat(refined.rounds()).isGreaterThan(2);
        assertThat(runs).hasSize((int) refined.runs());
        // The grid's runs are round 0 and equal the local sweep's; later rounds number on from the grid's size.
        List<RunRecord> grid = LocalSweep.run(spec);
        for (int i = 0; i < grid.size(); i++) {
            SparkSweepTest.assertSameRun(runs.get(i), grid.get(i));
            assertThat(runs.get(i).getInt(runs.get(i).fieldIndex("round"))).isZero();
        }
        assertThat(runs.get(grid.size()).getInt(runs.get(grid.size()).fieldIndex("round"))).isEqualTo(1);
        assertThat(runs.get(runs.size() - 1).getInt(runs.get(0).fieldIndex("round"))).isEqualTo(refined.rounds());

        List<Row> starts = spark.read().parquet(one.resolve(ReportLayout.REFINEMENT).toString()).collectAsList();
        assertThat(starts).hasSize(6).allSatisfy(s -> {
            // With an iteration cap, convergence ends a little below 2/λ_max (here ~1e-4 relatively below:
            // near it the steep coordinate contracts by ~(1 - 1e-4) a step): the bracket is within the tolerance.
            double lo = s.getDouble(s.fieldIndex("boundary_lo"));
            double hi = s.getDouble(s.fieldIndex("boundary_hi"));
            assertThat(lo).isLessThan(0.08);
            assertThat(hi).isLessThanOrEqualTo(lo * 1.001).isGreaterThanOrEqualTo(0.08 / 1.001);
            assertThat(s.getString(s.fieldIndex("optimizer_config"))).isEqualTo("gd");
            assertThat(RunSchema.doubles(s, "initial_weights")).hasSize(2);
        });
        long total = starts.stream().mapToLong(s -> s.getLong(s.fieldIndex("runs"))).sum();
        assertThat(total).isEqualTo(refined.runs());
        Row all = spark.read().parquet(one.resolve(ReportLayout.REFINEMENT_SUMMARY).toString()).first();
        assertThat(all.getDouble(all.fieldIndex("every_start_learning_rate"))).isLessThan(0.08).isGreaterThan(0.0799);
        assertThat(refined.configurations().get(0).criticalRate()).isCloseTo(0.08, org.assertj.core.api.Assertions.within(1e-6));
        // The summary stays the grid's: one row per rate of the spec.
        assertThat(report.summary()).hasSize(7).allSatisfy(r -> assertThat(r.runs()).isEqualTo(6));
    }

    /** What the progress line is told: each phase, with its runs and those taken over for a phase of runs. */
    static final class RecordedPhases implements ProgressDisplay {
        final List<String> phases = new ArrayList<>();
        final List<Long> lastCounts = new ArrayList<>();

        @Override
        public void runs(String phase, long total, long alreadyDone, java.util.function.LongSupplier doneHere) {
            phases.add(phase + " " + total + " " + alreadyDone);
            lastCounts.add(doneHere.getAsLong());
        }

        @Override
        public void phase(String name) {
            phases.add(name);
        }
    }

    @Test
    void theProgressLineIsToldEachPhaseInTurnWithItsRuns() {
        RecordedPhases shown = new RecordedPhases();
        SweepReport report;
        try (ReportLocation location = ReportLocation.prepare(dir.resolve("shown").toString(), false, false,
                new Configuration(), "--out")) {
            report = SparkSweep.run(spark, spec, location, SweepOptions.defaults().withProgress(shown));
        }
        int rounds = report.refinement().rounds();
        List<String> expected = new ArrayList<>(List.of("grid 42 0"));
        long roundRuns = 0;
        for (int k = 1; k <= rounds; k++) {
            String phase = shown.phases.get(k);
            assertThat(phase).startsWith("refinement round " + k + " ").endsWith(" 0");
            roundRuns += Long.parseLong(phase.split(" ")[3]);
            expected.add(phase);
        }
        assertThat(roundRuns).isEqualTo(report.refinement().runs() - 42);
        expected.add("refinement tables");
        expected.add(shown.phases.get(rounds + 2));
        expected.add("summary");
        assertThat(shown.phases).isEqualTo(expected);
        assertThat(shown.phases.get(rounds + 2)).startsWith("paths ");
        assertThat(shown.lastCounts).allSatisfy(c -> assertThat(c).isZero()); // each phase starts at 0
    }

    @Test
    void thePageShowsWhatTheRefinementFoundAndTheGridsPicturesTheGridsRuns() throws IOException {
        Path page = one;
        HtmlReportBuilder.render(spark, spec, SpecWriter.toYaml(spec), new org.apache.hadoop.fs.Path(page.toUri()));
        String html = Files.readString(page.resolve(ReportLayout.HTML));

        Row all = spark.read().parquet(page.resolve(ReportLayout.REFINEMENT_SUMMARY).toString()).first();
        long runs = spark.read().parquet(page.resolve(ReportLayout.RUNS).toString()).count();
        int start = html.indexOf("<table id=\"refinement-table\">");
        assertThat(start).isNotNegative();
        String row = html.substring(html.indexOf("<tbody>", start), html.indexOf("</tbody>", start));
        List<String> cells = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(row);
        while (m.find()) {
            cells.add(m.group(1));
        }
        // One configuration of 6 starts, each bracketed within the tolerance; its rates as refinement_summary holds
        // them (to the page's six digits), the boundary just below 2/λ_max = 0.08, which the stability analysis gives.
        assertThat(cells.subList(0, 4)).containsExactly("gd, constant", "6", "6", "6");
        String[] columns = {"every_start_learning_rate", "learning_rate_90", "learning_rate_50",
            "fastest_median_learning_rate", "fastest_median_iterations"};
        for (int i = 0; i < columns.length; i++) {
            assertThat(Double.parseDouble(cells.get(4 + i))).as(columns[i])
                    .isCloseTo(all.getDouble(all.fieldIndex(columns[i])), org.assertj.core.api.Assertions.withinPercentage(1e-4));
        }
        assertThat(Double.parseDouble(cells.get(4))).isBetween(0.0799, 0.08);
        assertThat(cells.get(9)).isEqualTo("0.08");
        assertThat(cells.get(11)).isEqualTo(String.valueOf(runs));
        assertThat(page.resolve(ReportLayout.IMAGES).resolve("refinement-boundaries.png")).isRegularFile();
        assertThat(page.resolve(ReportLayout.IMAGES).resolve("refinement-convergence.png")).isRegularFile();
        assertThat(html).contains("6 of 6 starts have a bracket, 6 of them within the tolerance");
        // report.yaml says how many rounds ran and why they stopped; the page states it in one sentence.
        String info = Files.readString(page.resolve(ReportLayout.INFO));
        int rounds = sharedReport.refinement().rounds();
        assertThat(rounds).isPositive();
        assertThat(info).contains("refinement: {rounds: " + rounds + ", runs: " + runs + ", stopped_by: tolerance}");
        assertThat(html).contains("<p id=\"refinement-stopped\">Refinement stopped after " + rounds + " rounds: "
                + "the boundary and the fastest rate are pinned to within the tolerance, a relative width (hi/lo - 1) of 0.001.</p>");
        // The grid's pictures are drawn from the grid's 42 runs, as the header counts them, not from every round's.
        assertThat(html).contains("<b>42</b> runs").doesNotContain("The pictures are drawn from");

        // The same sweep without refine: has no such section.
        SweepSpec plain = SpecLoader.parse(SPEC.replace("refine: {targets: [boundary, fastest], tolerance: 1.0e-3}\n", ""),
                "spec.yaml", "x", List.of(), DataResolver.NONE);
        assertThat(plain.refines()).isFalse();
        try (ReportLocation location = ReportLocation.prepare(dir.resolve("plain").toString(), false, false,
                new Configuration(), "--out")) {
            SparkSweep.run(spark, plain, location, SweepOptions.defaults().withHtml(HtmlReportBuilder::render));
        }
        assertThat(Files.readString(dir.resolve("plain").resolve(ReportLayout.HTML)))
                .contains("<b>42</b> runs").doesNotContain("id=\"refinement\"").doesNotContain("refinement-table");
    }

    @Test
    void sameRowsForAnyPartitioning() {
        // The shared sweep ran every chunk and round in 2 tasks (local[2], under 1,000 runs each); 3 tasks split
        // them elsewhere. (A single task, tried here before, cost a third of this class on its own; the engine's
        // rows for 1 task are SparkSweepTest's and DeterminismTest's.)
        sweep("p3", 3, false);
        for (String table : new String[] {ReportLayout.RUNS, ReportLayout.REFINEMENT, ReportLayout.REFINEMENT_SUMMARY}) {
            assertThat(rows(dir.resolve("p3"), table)).as(table).isEqualTo(rows(one, table));
        }
    }

    @Test
    void aSweepStoppedAfterItsSecondRoundResumesToTheSameRowsWithoutRedoingIt() throws IOException {
        Path full = one;
        // What a crash after round 2's commit leaves: the grid's chunks (0, 1) and rounds 1, 2 (chunks 2, 3).
        Path work = dir.resolve(".crashed.gdsweep-work");
        Files.createDirectories(work.resolve(ReportLayout.RUNS));
        Files.createDirectories(work.resolve(ReportLayout.CHUNKS));
        Files.copy(full.resolve(ReportLayout.SPEC), work.resolve(ReportLayout.SPEC));
        Map<String, Long> kept = new TreeMap<>();
        try (Stream<Path> files = Files.list(full.resolve(ReportLayout.RUNS))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.matches("chunk-0000[0-3]-.*\\.parquet")) {
                    Path copy = work.resolve(ReportLayout.RUNS).resolve(name);
                    Files.copy(f, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    kept.put(name, Files.getLastModifiedTime(copy).toMillis());
                }
            }
        }
        // The commit markers, as the sweep names them: the grid's chunk ranges, then each round's runs.
        Files.createFile(work.resolve(ReportLayout.CHUNKS).resolve("0-runs-0-21"));
        Files.createFile(work.resolve(ReportLayout.CHUNKS).resolve("1-runs-21-42"));
        for (int round = 1; round <= 2; round++) {
            Row range = spark.read().parquet(full.resolve(ReportLayout.RUNS).toString()).where("round = " + round)
                    .selectExpr("min(run_id)", "max(run_id)").first();
            Files.createFile(work.resolve(ReportLayout.CHUNKS)
                    .resolve((round + 1) + "-runs-" + range.getLong(0) + "-" + (range.getLong(1) + 1)));
        }
        assertThat(kept).isNotEmpty();

        SweepReport resumed = sweep("crashed", 0, true);

        assertThat(resumed.info().runsResumed()).isEqualTo(spec.grid().size());
        Path crashed = dir.resolve("crashed");
        for (String table : new String[] {ReportLayout.RUNS, ReportLayout.REFINEMENT, ReportLayout.REFINEMENT_SUMMARY}) {
            assertThat(rows(crashed, table)).as(table).isEqualTo(rows(full, table));
        }
        for (Map.Entry<String, Long> f : kept.entrySet()) {
            assertThat(Files.getLastModifiedTime(crashed.resolve(ReportLayout.RUNS).resolve(f.getKey())).toMillis())
                    .as("%s was kept, not rewritten", f.getKey()).isEqualTo(f.getValue());
        }
    }

    @Test
    void aRunStoppedAtTheCapWithItsLossGrownIsNotStable() {
        // 2/λ_max = 0.08; at 0.0801 the loss grows by (1 - 25·0.0801)² ≈ 1.005 a step: after 200 steps it is
        // ~2.7x its start, far below the divergence bound, and the run stops at the cap.
        SweepSpec capped = SpecLoader.parse("""
                loss: {function: quadratic, params: {diag: [1, 25]}}
                learning_rate: {values: [0.05, 0.0799, 0.0801, 0.1]}
                initial_weights: {random: {count: 5, min: [-5, -5], max: [5, 5], seed: 3}}
                stopping: {max_iterations: 200, gradient_tolerance: 1.0e-8}
                """, "spec.yaml", "capped", List.of(), DataResolver.NONE);
        try (ReportLocation location = ReportLocation.prepare(dir.resolve("capped").toString(), false, false,
                new Configuration(), "--out")) {
            SweepReport report = SparkSweep.run(spark, capped, location, SweepOptions.defaults());
            assertThat(report.summary().get(2).diverged()).isZero();
            assertThat(report.summary().get(2).maxIterations()).isEqualTo(5);
            assertThat(report.summary().get(0).largestStableRate()).isEqualTo(0.0799);
        }
    }
}
