package dev.gdsweep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdsweep.html.HtmlReport;
import dev.gdsweep.spec.SpecException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ShutdownHookManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a report location may replace, clear and keep (issue 19): only a report gdsweep wrote, never an
 * input of the sweep, never an interrupted sweep's committed runs without {@code --resume} or
 * {@code --overwrite}; interrupted, it says how far it got and lets go of the lock. The sweep is played
 * by hand (chunks committed from stand-in files), so no Spark is needed.
 */
class ReportLocationSafetyTest {

    @TempDir
    Path dir;

    Path project;
    Path spec;
    Path data;
    ReportLocation.Sweep sweep;

    /** A user's project: a spec, a data folder, notes; the sweep reads the spec and the data. */
    @BeforeEach
    void project() throws IOException {
        project = Files.createDirectories(dir.resolve("project"));
        spec = Files.writeString(project.resolve("sweep.yaml"), "name: mine\n");
        data = Files.createDirectories(project.resolve("data.parquet"));
        Files.writeString(data.resolve("part-00000.parquet"), "rows");
        Files.writeString(project.resolve("notes.txt"), "my notes");
        sweep = new ReportLocation.Sweep(100, 30, List.of(ReportLocation.Input.local("the spec file", spec),
                new ReportLocation.Input("the data", data.toString())));
    }

    private ReportLocation prepare(Path out, boolean overwrite, boolean resume) {
        return ReportLocation.prepare(out.toString(), overwrite, resume, new Configuration(), "--out", sweep);
    }

    /** Commits chunk {@code c} as if Spark had written it. */
    private static void commit(ReportLocation location, int c) throws IOException {
        Path scratch = Files.createDirectories(Path.of(URI.create(location.chunkScratch(c))));
        Files.writeString(scratch.resolve("part-00000-c000.snappy.parquet"), "runs of chunk " + c);
        location.commitChunk(c);
    }

    /** A sweep that commits {@code chunks} chunks and stops there, as if it had crashed. */
    private void interruptedSweep(Path out, int chunks) throws IOException {
        try (ReportLocation location = prepare(out, false, false)) {
            location.begin("name: mine\n", false, s -> true);
            for (int c = 0; c < chunks; c++) {
                commit(location, c);
            }
        }
    }

    private static Path work(Path out) {
        return out.resolveSibling("." + out.getFileName() + ".gdsweep-work");
    }

    /** What {@code action} prints on standard error. */
    private static String stderrOf(Runnable action) {
        PrintStream err = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(err);
        }
        return said.toString(StandardCharsets.UTF_8);
    }

    @Test
    void overwriteReplacesAReportAndRemovesTheOldOneOnlyOnceTheNewOneIsInPlace() throws IOException {
        Path out = ReportFixture.report(project.resolve("report"));

        try (ReportLocation location = prepare(out, true, false)) {
            location.begin("name: mine\n", false, s -> true);
            commit(location, 0);
            location.writeText(ReportLayout.INFO, new ReportInfo(false, 100, 25, 0, 4, 1, "now", 1).toYaml());
            assertThat(out.resolve(ReportLayout.SPEC)).hasContent("name: earlier");
            location.publish();
        }

        assertThat(out.resolve(ReportLayout.SPEC)).hasContent("name: mine");
        assertThat(out.resolve(ReportLayout.SUCCESS)).exists();
        try (Stream<Path> left = Files.list(project)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("sweep.yaml", "data.parquet", "notes.txt", "report");
        }
    }

    @Test
    void overwriteRefusesADirectoryOfTheUsersAndTouchesNothing() throws IOException {
        Path mine = Files.createDirectories(dir.resolve("mine").resolve("photos"));
        Files.writeString(mine.resolve("cat.jpg"), "meow");
        Files.writeString(mine.resolveSibling("diary.txt"), "dear diary");
        Map<Path, String> before = Checksums.of(dir);

        assertThatThrownBy(() -> prepare(dir.resolve("mine"), true, false))
                .isInstanceOf(SpecException.class)
                .hasMessage("--out: output directory '" + dir.resolve("mine") + "' already exists and is not a "
                        + "gdsweep report (it holds diary.txt, photos/), so --overwrite cannot replace it: choose "
                        + "another output path, or move those files away");

        assertThat(Checksums.of(dir)).isEqualTo(before);
        assertThat(dir.resolve(".mine.gdsweep-lock")).doesNotExist();
    }

    @Test
    void aDirectoryThatLooksLikeAReportButIsNotOneIsNotReplaced() throws IOException {
        Path almost = ReportFixture.report(dir.resolve("almost"));
        Files.writeString(almost.resolve(ReportLayout.INFO), "complete: maybe\n");
        Files.delete(almost.resolve(ReportLayout.SUCCESS));
        Path extra = ReportFixture.report(dir.resolve("extra"));
        Files.writeString(extra.resolve(HtmlReport.IMAGES_DIR + "-old"), "mine");
        Files.createDirectories(extra.resolve(ReportLayout.SUMMARY).resolve("mine"));
        Path job = dir.resolve("job");
        ReportFixture.report(job.resolve("run_id=1"));
        ReportFixture.report(job.resolve("run_id=2"));
        Map<Path, String> before = Checksums.of(dir);

        assertThatThrownBy(() -> prepare(almost, true, false)).hasMessageContaining("(it has no _SUCCESS, report.yaml "
                + "as gdsweep writes it; it holds _chunks/, report.html, report.yaml, runs/, spec.yaml and 1 more)");
        assertThatThrownBy(() -> prepare(extra, true, false))
                .hasMessageContaining("(it holds report-images-old, summary/mine/ besides a report)");
        assertThatThrownBy(() -> prepare(job, true, false)).hasMessageContaining("(it holds run_id=1/, run_id=2/)");
        assertThatThrownBy(() -> prepare(job, false, true)).hasMessageContaining("(it holds run_id=1/, run_id=2/)");

        assertThat(Checksums.of(dir)).isEqualTo(before);
    }

    @Test
    void theReportsOwnPartsAreRecognisedWhateverGdsweepWroteInThem() throws IOException {
        Path out = ReportFixture.report(dir.resolve("report"));
        Files.createDirectories(out.resolve(ReportLayout.IMAGES));
        Files.writeString(out.resolve(ReportLayout.IMAGES).resolve("loss-vs-iteration-1.png"), "png");
        Files.createDirectories(out.resolve(ReportLayout.TRAJECTORIES));
        Files.writeString(out.resolve(ReportLayout.TRAJECTORIES).resolve("part-00001-ab-c000.snappy.parquet"), "x");
        Files.writeString(out.resolve(ReportLayout.TRAJECTORIES).resolve(".part-00001-ab-c000.snappy.parquet.crc"), "");
        Files.writeString(out.resolve("._SUCCESS.crc"), "");
        Files.writeString(out.resolve(ReportLayout.CHUNKS).resolve("1"), "");

        prepare(out, true, false).close();

        // The names the page writer uses are the ones recognised.
        assertThat(ReportLayout.HTML).isEqualTo(HtmlReport.HTML_FILE);
        assertThat(ReportLayout.IMAGES).isEqualTo(HtmlReport.IMAGES_DIR);
    }

    @Test
    void noOutputMayBeHoldOrLieInsideAnInputOfTheSweep() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), project);
        Map<Path, String> before = Checksums.of(dir);

        assertThatThrownBy(() -> prepare(project, true, false)).hasMessage("--out: output path '" + project
                + "' holds the spec file of this sweep, '" + spec + "'; a report there would replace it: choose "
                + "another output path");
        assertThatThrownBy(() -> prepare(dir, true, false)).hasMessageContaining("holds the spec file of this sweep");
        assertThatThrownBy(() -> prepare(link, true, false)).hasMessageContaining("holds the spec file of this sweep");
        assertThatThrownBy(() -> prepare(spec, true, false))
                .hasMessageContaining("sweep.yaml' is the spec file of this sweep; a report there would replace it");
        assertThatThrownBy(() -> prepare(data, true, false)).hasMessageContaining("' is the data of this sweep");
        assertThatThrownBy(() -> prepare(data.resolve("report"), false, false))
                .hasMessageContaining("' is inside the data of this sweep, '" + data + "'");
        assertThat(Checksums.of(dir)).isEqualTo(before);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("project", "link");
        }
    }

    @Test
    void noWorkDirectoryMayHoldAnInputEither() throws IOException {
        // Odd, but a fresh start clears the work directory: an input in it must stop the sweep first.
        Path odd = Files.createDirectories(dir.resolve(".odd.gdsweep-work"));
        Path inWork = Files.writeString(odd.resolve("s.yaml"), "");
        sweep = new ReportLocation.Sweep(100, 30, List.of(ReportLocation.Input.local("the spec file", inWork)));

        assertThatThrownBy(() -> prepare(dir.resolve("odd"), true, false))
                .hasMessageContaining("odd' holds the spec file of this sweep, '" + inWork + "'");
        assertThat(inWork).exists();
    }

    @Test
    void aReportBesideTheInputsIsFine() throws IOException {
        try (ReportLocation location = prepare(project.resolve("report"), false, false)) {
            location.begin("name: mine\n", false, s -> true);
            commit(location, 0);
            location.publish();
        }
        assertThat(project.resolve("report").resolve(ReportLayout.SUCCESS)).exists();
        assertThat(spec).hasContent("name: mine");
    }

    @Test
    void aPlainRerunRefusesToDiscardAnInterruptedSweepsCommittedRuns() throws IOException {
        Path out = project.resolve("report");
        interruptedSweep(out, 2);
        Map<Path, String> before = Checksums.of(dir);

        assertThatThrownBy(() -> prepare(out, false, false)).isInstanceOf(SpecException.class)
                .hasMessage("--out: output path '" + out + "': an interrupted sweep has 50 runs committed in '"
                        + work(out) + "'; --resume continues them, --overwrite starts over");
        assertThat(Checksums.of(dir)).isEqualTo(before);
        assertThat(out.resolveSibling(".report.gdsweep-lock")).doesNotExist();

        try (ReportLocation resumed = prepare(out, false, true)) {
            assertThat(resumed.begin("name: mine\n", true, s -> true)).containsExactly(0, 1);
        }
        try (ReportLocation over = prepare(out, true, false)) {
            assertThat(over.begin("name: mine\n", false, s -> true)).isEmpty();
        }
        assertThat(work(out).resolve(ReportLayout.CHUNKS)).isEmptyDirectory();
    }

    @Test
    void markersWithoutTheirRunsAreCountedByTheSweepsChunks() throws IOException {
        Path out = dir.resolve("old");
        Path work = ReportFixture.interrupted(out, 0, 30);
        Files.writeString(work.resolve(ReportLayout.CHUNKS).resolve("0"), "");
        Files.writeString(work.resolve(ReportLayout.CHUNKS).resolve("3"), "");

        assertThatThrownBy(() -> prepare(out, false, false)).hasMessageContaining("has 50 runs committed");
        assertThatThrownBy(() -> ReportLocation.prepare(out.toString(), false, false, new Configuration(), "--out"))
                .hasMessageContaining("has 2 chunks committed");
    }

    @Test
    void theWorkDirectoryIsClearedOnlyIfGdsweepWroteAllOfIt() throws IOException {
        Path out = dir.resolve("report");
        Path work = ReportFixture.interrupted(out, 0, 30);
        Files.writeString(work.resolve("todo.txt"), "mine");
        Map<Path, String> before = Checksums.of(dir);

        assertThatThrownBy(() -> prepare(out, true, false)).hasMessage("--out: output path '" + out + "': the work "
                + "directory '" + work + "' holds files gdsweep did not write (todo.txt): move them away");
        assertThat(Checksums.of(dir)).isEqualTo(before);
    }

    @Test
    void resumeRefusesChunksCutToAnotherSizeBeforeTouchingAnything() throws IOException {
        Path out = dir.resolve("report");
        interruptedSweep(out, 2);
        Map<Path, String> before = Checksums.of(dir);
        sweep = new ReportLocation.Sweep(100, 50, sweep.inputs());

        try (ReportLocation location = prepare(out, false, true)) {
            assertThatThrownBy(() -> location.begin("name: mine\n", true, s -> true))
                    .hasMessageContaining("was cut into chunks of another size (its chunk 0 holds runs 0 to 24); "
                            + "resume with the limits.chunk_runs it was started with, or pass --overwrite instead of "
                            + "--resume to start over");
        }
        assertThat(Checksums.of(dir)).isEqualTo(before);
    }

    @Test
    void aRefusedResumeLeavesAPublishedPartialReportPublished() throws IOException {
        Path out = ReportFixture.report(dir.resolve("report"));
        Files.writeString(out.resolve(ReportLayout.INFO),
                new ReportInfo(false, 100, 25, 0, 4, 1, "2026-12-01T00:00:00Z", 1).toYaml());
        Map<Path, String> before = Checksums.of(dir);

        try (ReportLocation location = prepare(out, false, true)) {
            assertThatThrownBy(() -> location.begin("name: other\n", true, s -> false))
                    .hasMessageContaining("was started with a different spec; pass --overwrite instead of --resume");
        }
        assertThat(Checksums.of(dir)).isEqualTo(before);
    }

    @Test
    void publishChecksTheOutputAgainAndKeepsTheWorkIfItChanged() throws IOException {
        Path out = ReportFixture.report(dir.resolve("report"));
        try (ReportLocation location = prepare(out, true, false)) {
            location.begin("name: mine\n", false, s -> true);
            commit(location, 0);
            Files.writeString(out.resolve("notes.txt"), "written meanwhile");
            Map<Path, String> before = Checksums.of(dir);

            assertThatThrownBy(location::publish).isInstanceOf(SpecException.class)
                    .hasMessageContaining("the output directory changed during the sweep and is no longer a gdsweep "
                            + "report (it holds notes.txt besides a report), so the new report was not published");
            assertThat(Checksums.of(dir)).isEqualTo(before);
        }
        assertThat(work(out).resolve(ReportLayout.CHUNKS)).isNotEmptyDirectory();
    }

    @Test
    void anInterruptionSaysHowFarTheSweepGotReleasesTheLockAndCommitsNothingMore() throws IOException {
        Path out = dir.resolve("report");
        Path lock = dir.resolve(".report.gdsweep-lock");
        try (ReportLocation location = prepare(out, false, false)) {
            assertThat(ShutdownHookManager.get().hasShutdownHook(location.onShutdown)).isTrue();
            location.begin("name: mine\n", false, s -> true);
            commit(location, 0);
            commit(location, 1);

            String said = stderrOf(location::interrupted); // what SIGINT or SIGTERM runs

            assertThat(said).isEqualTo("interrupted: 50 of 100 runs committed; rerun with --resume"
                    + System.lineSeparator());
            assertThat(lock).doesNotExist();
            assertThatThrownBy(() -> commit(location, 2)).hasMessage("interrupted: chunk 2 was not committed");
            assertThatThrownBy(location::publish).hasMessage("interrupted: the report was not published");
        }
        assertThat(out).doesNotExist();

        try (ReportLocation resumed = prepare(out, false, true)) {
            assertThat(resumed.begin("name: mine\n", true, s -> true)).isEqualTo(Set.of(0, 1));
        }
    }

    @Test
    void theHookIsGoneWhenTheSweepEndsAndSaysNothingAfterIt() throws IOException {
        Path out = dir.resolve("report");
        ReportLocation location = prepare(out, false, false);
        location.begin("name: mine\n", false, s -> true);
        commit(location, 0);
        location.publish();
        String said = stderrOf(location::interrupted); // a signal between publishing and closing
        location.close();

        assertThat(said).isEmpty();
        assertThat(ShutdownHookManager.get().hasShutdownHook(location.onShutdown)).isFalse();
        assertThat(dir.resolve(".report.gdsweep-lock")).doesNotExist();
        assertThat(out.resolve(ReportLayout.SUCCESS)).exists();
    }
}
