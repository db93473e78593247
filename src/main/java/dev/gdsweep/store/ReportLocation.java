package dev.gdsweep.store;

import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * Where a report goes, and how it gets there whole. A sweep writes into a work directory beside the
 * destination ({@code .NAME.gdsweep-work}), committing its runs chunk by chunk; at the end it writes
 * the summary, {@code _SUCCESS} last, and renames the work directory into place. A reader sees the
 * previous report or the complete new one, never a half-written one, and a crashed sweep leaves its
 * committed chunks for {@code --resume}. A lock beside the output keeps a second sweep out meanwhile.
 * Any Hadoop file system works (local, HDFS, S3 via s3a); renames are atomic on local and HDFS.
 *
 * <p>Nothing of the user's is ever replaced: an existing output directory may only be a report gdsweep
 * wrote (see {@link ReportDirectory}), and never one that holds an input of the sweep; committed runs
 * of an interrupted sweep are discarded only on {@code --overwrite}. Interrupted (SIGINT, SIGTERM), the
 * location says how many runs are committed and releases its lock; the committed chunks stay.
 */
public final class ReportLocation implements AutoCloseable {

    /**
     * Runs before Spark stops its context (Spark's hooks: {@code FileSystem.SHUTDOWN_HOOK_PRIORITY + 30})
     * and before Hadoop closes its file systems ({@code FileSystem.SHUTDOWN_HOOK_PRIORITY}), so the lock
     * can still be deleted.
     */
    static final int SHUTDOWN_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 40;

    /**
     * What a location must know of the sweep that writes it: its size and chunk size, to count the runs
     * committed, and its inputs, which no report may replace.
     *
     * @param runs runs in the grid (0: unknown, committed work is then counted in chunks)
     * @param chunkRuns {@code limits.chunk_runs}
     */
    public record Sweep(long runs, long chunkRuns, List<Input> inputs) {

        /** A sweep whose size and inputs the caller does not give. */
        public static final Sweep UNKNOWN = new Sweep(0, 1, List.of());

        public Sweep {
            if (runs < 0 || chunkRuns < 1) {
                throw new IllegalArgumentException("Invalid sweep size (runs < 0 or chunk runs < 1): " + runs + ", "
                        + chunkRuns);
            }
            inputs = List.copyOf(inputs);
        }

        boolean sized() {
            return runs > 0;
        }

        int chunks() {
            return (int) Math.min(Integer.MAX_VALUE, (runs + chunkRuns - 1) / chunkRuns);
        }

        /** The first run of chunk {@code c}: the runs spread evenly over the chunks, as SparkSweep does. */
        long chunkStart(long c) {
            int chunks = chunks();
            return runs / chunks * c + runs % chunks * c / chunks;
        }

        /** The runs in chunk {@code c}, or -1 if the sweep's size is unknown. */
        long runsIn(int c) {
            return sized() && c < chunks() ? chunkStart(c + 1L) - chunkStart(c) : -1;
        }
    }

    /**
     * A file or directory the sweep reads.
     *
     * @param what what it is, for messages: "the spec file"
     * @param path a Hadoop path (a local file as a {@code file:} URI: see {@link #local})
     */
    public record Input(String what, String path) {

        public static Input local(String what, java.nio.file.Path file) {
            return new Input(what, file.toAbsolutePath().normalize().toUri().toString());
        }
    }

    /** Where the sweep is; guarded by the location's monitor, shared with the shutdown hook. */
    private enum State {
        /** Writing: an interruption is reported. */
        OPEN,
        /** The report is in place. */
        PUBLISHED,
        /** Interrupted: nothing more is committed or published. */
        INTERRUPTED,
        /** Closed by the sweep: the hook has nothing to do. */
        CLOSED
    }

    private final FileSystem fs;
    private final Path destination;
    private final Path work;
    private final SweepLock lock;
    private final Sweep sweep;
    private final boolean overwrite;
    /** Registered with Hadoop's shutdown hooks from {@link #prepare} to {@link #close}. */
    final Runnable onShutdown = this::interrupted;
    private State state = State.OPEN;
    private ChunkMarkers.Committed committed = ChunkMarkers.Committed.NONE;

    private ReportLocation(FileSystem fs, Path destination, SweepLock lock, Sweep sweep, boolean overwrite) {
        this.fs = fs;
        this.destination = destination;
        this.lock = lock;
        this.sweep = sweep;
        this.overwrite = overwrite;
        this.work = workOf(destination);
    }

    /** Where the report for {@code destination} is assembled: {@code .NAME.gdsweep-work} beside it. */
    static Path workOf(Path destination) {
        return new Path(destination.getParent(), "." + destination.getName() + ".gdsweep-work");
    }

    /** {@link #prepare(String, boolean, boolean, Configuration, String, Sweep) prepare} for a sweep of unknown size. */
    public static ReportLocation prepare(String path, boolean overwrite, boolean resume, Configuration conf,
            String source) {
        return prepare(path, overwrite, resume, conf, source, Sweep.UNKNOWN);
    }

    /**
     * Checks the output location before any compute and takes its lock: an existing directory must be a
     * report gdsweep wrote, and needs {@code overwrite} (or {@code resume}, for a partial one); an existing
     * file is never replaced; no input of the sweep may be in, or be, the output; an interrupted sweep's
     * committed runs need {@code resume} or {@code overwrite}; the parent must be a writable directory
     * (created if missing).
     *
     * @param source what named the path, for the error message ("--out" or "FILE: output.path")
     */
    public static ReportLocation prepare(String path, boolean overwrite, boolean resume, Configuration conf,
            String source, Sweep sweep) {
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
            InputGuard.refuse(destination, sweep.inputs(), conf, path, source);
            if (fs.exists(destination)) {
                FileStatus status = fs.getFileStatus(destination);
                if (!status.isDirectory()) {
                    throw new SpecException(source, 0, null, "output path '" + path
                            + "' is an existing file; give a directory path");
                }
                if (fs.listStatus(destination).length > 0) {
                    refuseUnlessAReport(fs, destination, path, source);
                    boolean resumable = resume && isPartialReport(fs, destination);
                    if (!overwrite && !resumable) {
                        throw new SpecException(source, 0, null, "output directory '" + path
                                + "' already exists and is not empty; pass --overwrite to replace it");
                    }
                }
            }
            Path parent = destination.getParent();
            if (fs.exists(parent) && !fs.getFileStatus(parent).isDirectory()) {
                throw new SpecException(source, 0, null, "output path '" + path + "': parent '" + parent
                        + "' is a file, not a directory");
            }
            fs.mkdirs(parent);
            Path lockPath = new Path(parent, "." + destination.getName() + ".gdsweep-lock");
            ReportLocation location = new ReportLocation(fs, destination, SweepLock.acquire(fs, lockPath, source),
                    sweep, overwrite);
            try {
                location.checkWork(overwrite, resume, path, source);
            } catch (IOException | RuntimeException e) {
                location.lock.close();
                throw e;
            }
            ShutdownHookManager.get().addShutdownHook(location.onShutdown, SHUTDOWN_PRIORITY);
            return location;
        } catch (IOException e) {
            throw new SpecException(source, 0, null, "output path '" + path + "' is not writable: " + e.getMessage());
        }
    }

    private static boolean isPartialReport(FileSystem fs, Path dir) {
        return ReportInfo.read(fs, dir).map(i -> !i.complete()).orElse(false);
    }

    /** Refuses a non-empty directory that is not a report gdsweep wrote: nothing of it is touched. */
    private static void refuseUnlessAReport(FileSystem fs, Path dir, String path, String source) throws IOException {
        String why = ReportDirectory.whyNotAReport(fs, dir);
        if (why != null) {
            throw new SpecException(source, 0, null, "output directory '" + path + "' already exists and is not a "
                    + "gdsweep report (" + why + "), so --overwrite cannot replace it: choose another output path, or "
                    + "move those files away");
        }
    }

    /**
     * With the lock held: the work directory of an earlier sweep may be cleared only if gdsweep wrote
     * all of it, and only without committed runs, unless {@code overwrite} starts over or {@code resume}
     * continues them.
     */
    private void checkWork(boolean overwrite, boolean resume, String path, String source) throws IOException {
        if (!fs.exists(work)) {
            if (resume && fs.exists(destination) && isPartialReport(fs, destination)) {
                committed = ChunkMarkers.count(fs, destination, sweep);
            }
            return;
        }
        if (!fs.getFileStatus(work).isDirectory()) {
            throw new SpecException(source, 0, null, "output path '" + path + "': '" + shown(work)
                    + "' is a file, but gdsweep keeps its work there: move it away");
        }
        String foreign = ReportDirectory.foreignInWork(fs, work);
        if (!foreign.isEmpty()) {
            throw new SpecException(source, 0, null, "output path '" + path + "': the work directory '" + shown(work)
                    + "' holds files gdsweep did not write (" + foreign + "): move them away");
        }
        committed = ChunkMarkers.count(fs, work, sweep);
        if (!overwrite && !resume && committed.chunks() > 0) {
            throw new SpecException(source, 0, null, "output path '" + path + "': an interrupted sweep has "
                    + committed.describe() + " committed in '" + shown(work) + "'; --resume continues them, "
                    + "--overwrite starts over");
        }
    }

    public Path destination() {
        return destination;
    }

    /** The destination as a user would type it: a plain path on the local file system, else the URI. */
    public String displayPath() {
        return shown(destination);
    }

    /** A path as a user would type it: a plain path on the local file system, else the URI. */
    static String shown(Path p) {
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
    }

    /**
     * Opens the work directory and returns the chunks already committed to it. A fresh start clears any
     * leftover (which {@link #prepare} has checked is gdsweep's, and holds no committed runs unless
     * overwriting); {@code resume} keeps the committed chunks of an unfinished sweep (or of a published
     * partial report) when {@code sameRuns} accepts its spec and its chunks are cut as this sweep's,
     * and drops anything a crash left uncommitted.
     */
    public Set<Integer> begin(String specYaml, boolean resume, Predicate<String> sameRuns) throws IOException {
        Path unfinished = !resume ? null
                : fs.exists(work) ? work
                : fs.exists(destination) && isPartialReport(fs, destination) ? destination
                : null;
        if (unfinished != null) {
            refuseOtherRuns(unfinished, sameRuns);
            if (unfinished == destination) {
                // Continue a published partial report: take it back into the work directory.
                if (!fs.rename(destination, work)) {
                    throw new IOException("could not move " + destination + " back to " + work + " to resume it");
                }
                for (String name : new String[] {ReportLayout.SUCCESS, ReportLayout.SUMMARY, ReportLayout.INFO}) {
                    fs.delete(new Path(work, name), true);
                }
            }
            Set<Integer> done = new TreeSet<>(ChunkMarkers.read(fs, work).keySet());
            dropUncommitted(done);
            writeText(ReportLayout.SPEC, specYaml);
            ChunkMarkers.Committed kept = ChunkMarkers.count(fs, work, sweep);
            synchronized (this) {
                committed = kept;
            }
            return done;
        }
        fs.delete(work, true);
        fs.mkdirs(new Path(work, ReportLayout.RUNS));
        fs.mkdirs(new Path(work, ReportLayout.CHUNKS));
        writeText(ReportLayout.SPEC, specYaml);
        synchronized (this) {
            committed = ChunkMarkers.Committed.NONE;
        }
        return new TreeSet<>();
    }

    /** Refuses to resume the sweep in {@code dir} if its runs are not this sweep's, before anything is moved. */
    private void refuseOtherRuns(Path dir, Predicate<String> sameRuns) throws IOException {
        String previous = readText(new Path(dir, ReportLayout.SPEC));
        if (previous != null && !sameRuns.test(previous)) {
            throw new SpecException("--resume", 0, null, "the unfinished sweep in " + shown(dir)
                    + " was started with a different spec; pass --overwrite instead of --resume to start over");
        }
        if (!sweep.sized()) {
            return;
        }
        for (Map.Entry<Integer, long[]> m : ChunkMarkers.read(fs, dir).entrySet()) {
            int c = m.getKey();
            long[] range = m.getValue();
            if (range != null && (c >= sweep.chunks() || range[0] != sweep.chunkStart(c)
                    || range[1] != sweep.chunkStart(c + 1L))) {
                throw new SpecException("--resume", 0, null, "the unfinished sweep in " + shown(dir)
                        + " was cut into chunks of another size (its chunk " + c + " holds runs " + range[0] + " to "
                        + (range[1] - 1) + "); resume with the limits.chunk_runs it was started with, or pass "
                        + "--overwrite instead of --resume to start over");
            }
        }
    }

    /** Removes run files of chunks without a commit marker, and chunk scratch directories. */
    private void dropUncommitted(Set<Integer> done) throws IOException {
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

    /** Where Spark writes chunk {@code c} before it is committed. */
    public String chunkScratch(int chunk) {
        return new Path(work, String.format(".chunk-%05d", chunk)).toString();
    }

    /**
     * Commits a chunk Spark has written to its scratch directory: its Parquet files move into
     * {@code runs/} under names that carry the chunk, then the commit marker is written (named for the
     * chunk and, for a sweep of known size, its runs: {@code _chunks/42-runs-1260-1290}). A crash before
     * the marker leaves files that {@link #begin} drops on resume; after an interruption nothing more is
     * committed. See {@link ChunkMarkers}.
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
        synchronized (this) {
            if (state != State.OPEN) {
                throw new IOException("interrupted: chunk " + chunk + " was not committed");
            }
            fs.create(new Path(new Path(work, ReportLayout.CHUNKS), ChunkMarkers.name(chunk, sweep)), true).close();
            committed = committed.plus(sweep.runsIn(chunk));
        }
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
     * without a report only between two renames, and never holds a mix of the two. Whatever is at the
     * destination is checked again first: if it is no longer a report gdsweep wrote (or appeared without
     * {@code overwrite}), nothing is moved and the work directory stays for {@code --resume}.
     */
    public void publish() throws IOException {
        Path old = null;
        synchronized (this) {
            if (state != State.OPEN) {
                throw new IOException("interrupted: the report was not published");
            }
            if (fs.exists(destination) && fs.listStatus(destination).length > 0) {
                String why = ReportDirectory.whyNotAReport(fs, destination);
                if (why != null || !overwrite) {
                    String change = why != null ? " and is no longer a gdsweep report (" + why + ")"
                            : " (a report appeared)";
                    throw new SpecException(displayPath(), 0, null, "the output directory changed during the sweep"
                            + change + ", so the new report was not published; it stays in '" + shown(work)
                            + "' for --resume once the output directory is moved away");
                }
            }
            fs.create(new Path(work, ReportLayout.SUCCESS), true).close();
            if (fs.exists(destination)) {
                old = new Path(destination.getParent(),
                        "." + destination.getName() + ".gdsweep-old-" + UUID.randomUUID());
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
            state = State.PUBLISHED;
        }
        if (old != null) {
            fs.delete(old, true);
        }
    }

    /**
     * The shutdown hook, for the life of the location: on SIGINT or SIGTERM during the sweep, says how far
     * it got and releases the lock; the committed chunks stay for {@code --resume}. After that nothing is
     * committed or published, so what it said stays true.
     */
    void interrupted() {
        synchronized (this) {
            if (state == State.OPEN) {
                state = State.INTERRUPTED;
                String done = sweep.sized() && committed.runs() >= 0
                        ? committed.runs() + " of " + sweep.runs() + " runs" : committed.describe();
                System.err.println("interrupted: " + done + " committed; rerun with --resume");
                System.err.flush();
            }
        }
        lock.close();
    }

    /** Releases the lock. The work directory stays for {@code --resume} if the sweep did not publish. */
    @Override
    public void close() {
        try {
            ShutdownHookManager.get().removeShutdownHook(onShutdown);
        } catch (IllegalStateException e) {
            // Shutting down: the hook runs (or ran) and finds the location closed.
        }
        synchronized (this) {
            if (state != State.INTERRUPTED) {
                state = State.CLOSED;
            }
        }
        lock.close();
    }
}
