package dev.gdsweep.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Report directories laid out as gdsweep writes them, without running a sweep (the Parquet files are stand-ins). */
public final class ReportFixture {

    private ReportFixture() {}

    /** A published, complete report of one chunk in {@code dir}. */
    public static Path report(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(ReportLayout.RUNS));
        Files.createDirectories(dir.resolve(ReportLayout.SUMMARY));
        Files.createDirectories(dir.resolve("_chunks"));
        Files.writeString(dir.resolve(ReportLayout.RUNS).resolve("chunk-00000-part-00000-1a2b-c000.snappy.parquet"),
                "runs");
        Files.writeString(dir.resolve(ReportLayout.SUMMARY).resolve("part-00000-3c4d-c000.snappy.parquet"), "summary");
        Files.writeString(dir.resolve(ReportLayout.SUMMARY).resolve(ReportLayout.SUCCESS), "");
        Files.writeString(dir.resolve("_chunks").resolve("0-runs-0-30"), "");
        Files.writeString(dir.resolve(ReportLayout.SPEC), "name: earlier\n");
        Files.writeString(dir.resolve(ReportLayout.INFO),
                new ReportInfo(true, 30, 30, 0, 1, 1, "2026-12-01T00:00:00Z", 1.5).toYaml());
        Files.writeString(dir.resolve("report.html"), "<html></html>");
        Files.writeString(dir.resolve(ReportLayout.SUCCESS), "");
        return dir;
    }

    /**
     * The work directory an interrupted sweep leaves for {@code out}: its spec and {@code chunks} committed
     * chunks of {@code chunkRuns} runs each.
     */
    public static Path interrupted(Path out, int chunks, int chunkRuns) throws IOException {
        Path work = out.resolveSibling("." + out.getFileName() + ".gdsweep-work");
        Files.createDirectories(work.resolve(ReportLayout.RUNS));
        Files.createDirectories(work.resolve("_chunks"));
        Files.writeString(work.resolve(ReportLayout.SPEC), "name: interrupted\n");
        for (int c = 0; c < chunks; c++) {
            Files.writeString(work.resolve(ReportLayout.RUNS).resolve(String.format("chunk-%05d-part-0.parquet", c)),
                    "runs");
            Files.writeString(work.resolve("_chunks")
                    .resolve(c + "-runs-" + c * chunkRuns + "-" + (c + 1) * chunkRuns), "");
        }
        return work;
    }
}
