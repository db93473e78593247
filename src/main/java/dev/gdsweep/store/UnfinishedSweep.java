package dev.gdsweep.store;

import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What {@link ReportLocation#begin} does to continue an unfinished sweep on {@code --resume}: refuse one
 * whose runs are not this sweep's (another spec, or chunks cut to another size), and drop what a crash
 * left uncommitted, so that only committed chunks are kept.
 */
final class UnfinishedSweep {

    private UnfinishedSweep() {}

    /** Refuses to resume the sweep in {@code dir} if its runs are not this sweep's, before anything is moved. */
    static void refuseOtherRuns(FileSystem fs, Path dir, ReportLocation.Sweep sweep,
            Predicate<String> sameRuns) throws IOException {
        String previous = readText(fs, new Path(dir, ReportLayout.SPEC));
        if (previous != null && !sameRuns.test(previous)) {
            throw new SpecException("--resume", 0, null, "the unfinished sweep in " + ReportLocation.shown(dir)
                    + " was started with a different spec; pass --overwrite instead of --resume to start over");
        }
        if (!sweep.sized()) {
            return;
        }
        for (Map.Entry<Integer, long[]> m : ChunkMarkers.read(fs, dir).entrySet()) {
            int c = m.getKey();
            long[] range = m.getValue();
            // A chunk after the grid's is a refinement round's, of runs after the grid's.
            boolean cut = c < sweep.chunks() ? range != null && (range[0] != sweep.chunkStart(c)
                    || range[1] != sweep.chunkStart(c + 1L))
                    : range == null || range[0] < sweep.runs();
            if (cut) {
                throw new SpecException("--resume", 0, null, "the unfinished sweep in " + ReportLocation.shown(dir)
                        + " was cut into chunks of another size (its chunk " + c + " holds runs " + range[0] + " to "
                        + (range[1] - 1) + "); resume with the limits.chunk_runs it was started with, or pass "
                        + "--overwrite instead of --resume to start over");
            }
        }
    }

    /** Removes run files of chunks without a commit marker, and chunk scratch directories. */
    static void dropUncommitted(FileSystem fs, Path work, Set<Integer> done) throws IOException {
        fs.mkdirs(new Path(work, ReportLayout.RUNS));
        fs.mkdirs(new Path(work, ReportLayout.CHUNKS));
        for (FileStatus s : fs.listStatus(new Path(work, ReportLayout.RUNS))) {
            Integer chunk = chunkOf(s.getPath().getName());
            if (chunk == null || !done.contains(chunk)) {
                fs.delete(s.getPath(), true);
            }
        }
        for (FileStatus s : fs.listStatus(work)) {
            if (s.getPath().getName().startsWith(".chunk-")) {
                fs.delete(s.getPath(), true);
            }
        }
    }

    /** The chunk of a committed run file, "chunk-00042-part-….parquet" → 42. */
    private static Integer chunkOf(String fileName) {
        int end = fileName.indexOf('-', 6);
        if (!fileName.startsWith("chunk-") || end < 0) {
            return null;
        }
        try {
            return Integer.parseInt(fileName.substring(6, end));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String readText(FileSystem fs, Path path) throws IOException {
        if (!fs.exists(path)) {
            return null;
        }
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
