package dev.gdsweep.store;

import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a report goes, and how it gets there whole. A sweep writes into a work directory beside the
 * destination ({@code .NAME.gdsweep-work}), committing its runs chunk by chunk; at the end it writes
 * the summary, {@code _SUCCESS} last, and renames the work directory into place. A reader sees the
 * previous report or the complete new one, never a half-written one, and a crashed sweep leaves its
 * committed chunks for {@code --resume}. A lock beside the output keeps a second sweep out meanwhile.
 * Any Hadoop file system works (local, HDFS, S3 via s3a); renames are atomic on local and HDFS.
 */
public final class ReportLocation implements AutoCloseable {

    private static final String CHUNKS = "_chunks";

    private final FileSystem fs;
    private final Path destination;
    private final Path work;
    private final SweepLock lock;

    private ReportLocation(FileSystem fs, Path destination, SweepLock lock) {
        this.fs = fs;
        this.destination = destination;
        this.lock = lock;
        this.work = new Path(destination.getParent(), "." + destination.getName() + ".gdsweep-work");
    }

    /**
     * Checks the output location before any compute and takes its lock: an existing report needs
     * {@code overwrite} (or {@code resume}, for a partial one), an existing file is never replaced, and
     * the parent must be a writable directory (created if missing).
     *
     * @param source what named the path, for the error message ("--out" or "FILE: output.path")
     */
    public static ReportLocation prepare(String path, boolean overwrite, boolean resume, Configuration conf,
            String source) {
        Path destination;
        FileSystem fs;
        try {
            destination = new Path(path);
            fs = destination.getFileSystem(conf);
            destination = fs.makeQualified(destination);
            // No .crc side files for the few files gdsweep writes itself.
            fs.setWriteChecksum(false);
        } catch (IllegalArgumentException | IOException e) {
            throw new SpecException(source, 0, null, "cannot use output path '" + path + "': " + e.getMessage());
        }
        if (destination.getParent() == null) {
            throw new SpecException(source, 0, null, "output path '" + path + "' is a root directory; name a directory"
                    + " inside one");
        }
        try {
            if (fs.exists(destination)) {
                FileStatus status = fs.getFileStatus(destination);
                if (!status.isDirectory()) {
                    throw new SpecException(source, 0, null, "output path '" + path
                            + "' is an existing file; give a directory path");
                }
                boolean resumable = resume && ReportInfo.read(fs, destination).map(i -> !i.complete()).orElse(false);
                if (fs.listStatus(destination).length > 0 && !overwrite && !resumable) {
                    throw new SpecException(source, 0, null, "output directory '" + path
                            + "' already exists and is not empty; pass --overwrite to replace it");
                }
            }
            Path parent = destination.getParent();
            if (fs.exists(parent) && !fs.getFileStatus(parent).isDirectory()) {
                throw new SpecException(source, 0, null, "output path '" + path + "': parent '" + parent
                        + "' is a file, not a directory");
            }
            fs.mkdirs(parent);
            Path lockPath = new Path(parent, "." + destination.getName() + ".gdsweep-lock");
            return new ReportLocation(fs, destination, SweepLock.acquire(fs, lockPath, source));
        } catch (IOException e) {
            throw new SpecException(source, 0, null, "output path '" + path + "' is not writable: " + e.getMessage());
        }
    }

    public Path destination() {
        return destination;
    }

    /** The destination as a user would type it: a plain path on the local file system, else the URI. */
    public String displayPath() {
        return "file".equals(destination.toUri().getScheme()) ? destination.toUri().getPath() : destination.toString();
    }

    /**
     * Opens the work directory and returns the chunks already committed to it. A fresh start clears any
     * leftover; {@code resume} keeps the committed chunks of an unfinished sweep (or of a published
     * partial report) when {@code sameRuns} accepts its spec, and drops anything a crash left
     * uncommitted.
     */
    public Set<Integer> begin(String specYaml, boolean resume, Predicate<String> sameRuns) throws IOException {
        if (resume && !fs.exists(work) && fs.exists(destination)
                && ReportInfo.read(fs, destination).map(i -> !i.complete()).orElse(false)) {
            // Continue a published partial report: take it back into the work directory.
            if (!fs.rename(destination, work)) {
                throw new IOException("could not move " + destination + " back to " + work + " to resume it");
            }
            for (String name : new String[] {ReportLayout.SUCCESS, ReportLayout.SUMMARY, ReportLayout.INFO}) {
                fs.delete(new Path(work, name), true);
            }
        }
        if (resume && fs.exists(work)) {
            String previous = readText(new Path(work, ReportLayout.SPEC));
            if (previous != null && !sameRuns.test(previous)) {
                throw new SpecException("--resume", 0, null, "the unfinished sweep in " + work
                        + " was started with a different spec; run without --resume to start over");
            }
            Set<Integer> done = committedChunks();
            dropUncommitted(done);
            writeText(ReportLayout.SPEC, specYaml);
            return done;
        }
        fs.delete(work, true);
        fs.mkdirs(new Path(work, ReportLayout.RUNS));
        fs.mkdirs(new Path(work, CHUNKS));
        writeText(ReportLayout.SPEC, specYaml);
        return new TreeSet<>();
    }

    private Set<Integer> committedChunks() throws IOException {
        Set<Integer> done = new TreeSet<>();
        Path markers = new Path(work, CHUNKS);
        if (fs.exists(markers)) {
            for (FileStatus s : fs.listStatus(markers)) {
                try {
                    done.add(Integer.parseInt(s.getPath().getName()));
                } catch (NumberFormatException ignored) {
                    // not a marker
                }
            }
        }
        return done;
    }

    /** Removes run files of chunks without a commit marker, and chunk scratch directories. */
    private void dropUncommitted(Set<Integer> done) throws IOException {
        fs.mkdirs(new Path(work, ReportLayout.RUNS));
        fs.mkdirs(new Path(work, CHUNKS));
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

    /** Where Spark writes chunk {@code c} before it is committed. */
    public String chunkScratch(int chunk) {
        return new Path(work, String.format(".chunk-%05d", chunk)).toString();
    }

    /**
     * Commits a chunk Spark has written to its scratch directory: its Parquet files move into
     * {@code runs/} under names that carry the chunk, then the commit marker is written. A crash
     * before the marker leaves files that {@link #begin} drops on resume.
     */
    public void commitChunk(int chunk) throws IOException {
        Path scratch = new Path(chunkScratch(chunk));
        Path runs = new Path(work, ReportLayout.RUNS);
        for (FileStatus s : fs.listStatus(scratch)) {
            String name = s.getPath().getName();
            if (name.endsWith(".parquet")) {
                Path target = new Path(runs, String.format("chunk-%05d-%s", chunk, name));
                if (!fs.rename(s.getPath(), target)) {
                    throw new IOException("could not move " + s.getPath() + " to " + target);
                }
            }
        }
        fs.delete(scratch, true);
        fs.create(new Path(new Path(work, CHUNKS), Integer.toString(chunk)), true).close();
    }

    /** The work directory itself, where the report is assembled before it is published. */
    public Path workDirectory() {
        return work;
    }

    /** A path inside the work directory. */
    public String workPath(String name) {
        return new Path(work, name).toString();
    }

    public void writeText(String name, String text) throws IOException {
        try (OutputStream out = fs.create(new Path(work, name), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private String readText(Path path) throws IOException {
        if (!fs.exists(path)) {
            return null;
        }
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes {@code _SUCCESS} into the work directory and moves it into place. A report being replaced
     * is first renamed aside and deleted only after the new one is in place, so the destination is
     * without a report only between two renames, and never holds a mix of the two.
     */
    public void publish() throws IOException {
        fs.create(new Path(work, ReportLayout.SUCCESS), true).close();
        Path old = null;
        if (fs.exists(destination)) {
            old = new Path(destination.getParent(), "." + destination.getName() + ".gdsweep-old-" + UUID.randomUUID());
            if (!fs.rename(destination, old)) {
                throw new IOException("could not move the previous report " + destination + " aside");
            }
        }
        if (!fs.rename(work, destination)) {
            if (old != null) {
                fs.rename(old, destination);
            }
            throw new IOException("could not move the report from " + work + " to " + destination);
        }
        if (old != null) {
            fs.delete(old, true);
        }
    }

    /** Releases the lock. The work directory stays for {@code --resume} if the sweep did not publish. */
    @Override
    public void close() {
        lock.close();
    }
}
