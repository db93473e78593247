package dev.gdsweep.store;

import dev.gdsweep.spec.SpecException;
import dev.gdsweep.sweep.Chunks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 *
 * <p>Nothing of the user's is ever replaced: an existing output directory may only be a report gdsweep
 * wrote (see {@link ReportDirectory}), and never one that holds an input of the sweep; committed runs
 * of an interrupted sweep are discarded only on {@code --overwrite}. Interrupted (SIGINT, SIGTERM), the
 * location says how many runs are committed and releases its lock; the committed chunks stay.
 */
public final class ReportLocation implements AutoCloseable {

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

        /** The sweep's chunks, cut as the Spark runner cuts them. */
        Chunks chunking() {
            return Chunks.of(runs, chunkRuns);
        }

        int chunks() {
            return chunking().count();
        }

        /** The first run of chunk {@code c}. */
        long chunkStart(long c) {
            return chunking().start(c);
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

    private final FileSystem fs;
    private final Path destination;
    private final Path work;
    private final Sweep sweep;
    private final boolean overwrite;
    /** Holds the lock and what is committed; its hook is registered from {@link #prepare} to {@link #close}. */
    private final Interruption interruption;
    /** The shutdown hook. */
    final Runnable onShutdown;

    private ReportLocation(FileSystem fs, Path destination, Sweep sweep, boolean overwrite,
            Interruption interruption) {
        this.fs = fs;
        this.destination = destination;
        this.sweep = sweep;
        this.overwrite = overwrite;
        this.work = workOf(destination);
        this.interruption = interruption;
        this.onShutdown = interruption.hook;
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
     * (created if missing). See {@link OutputChecks}.
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
            OutputChecks.destination(fs, destination, sweep, conf, overwrite, resume, path, source);
            Path lockPath = new Path(destination.getParent(), "." + destination.getName() + ".gdsweep-lock");
            SweepLock lock = SweepLock.acquire(fs, lockPath, source);
            ChunkMarkers.Committed committed;
            try {
                committed = OutputChecks.work(fs, destination, workOf(destination), sweep, overwrite, resume, path,
                        source);
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
            Interruption interruption = new Interruption(lock, sweep, committed);
            interruption.register();
            return new ReportLocation(fs, destination, sweep, overwrite, interruption);
        } catch (IOException e) {
            throw new SpecException(source, 0, null, "output path '" + path + "' is not writable: " + e.getMessage());
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
                : fs.exists(destination) && OutputChecks.isPartialReport(fs, destination) ? destination
                : null;
        if (unfinished != null) {
            UnfinishedSweep.refuseOtherRuns(fs, unfinished, sweep, sameRuns);
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
            UnfinishedSweep.dropUncommitted(fs, work, done);
            writeText(ReportLayout.SPEC, specYaml);
            interruption.committed(ChunkMarkers.count(fs, work, sweep));
            return done;
        }
        fs.delete(work, true);
        fs.mkdirs(new Path(work, ReportLayout.RUNS));
        fs.mkdirs(new Path(work, ReportLayout.CHUNKS));
        writeText(ReportLayout.SPEC, specYaml);
        interruption.committed(ChunkMarkers.Committed.NONE);
        return new TreeSet<>();
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
        moveIntoRuns(chunk);
        interruption.commit(chunk, sweep.runsIn(chunk), () -> {
            fs.create(new Path(new Path(work, ReportLayout.CHUNKS), ChunkMarkers.name(chunk, sweep)), true).close();
            return null;
        });
    }

    /**
     * Commits the runs [from, to) of a refinement round, written to the scratch directory of chunk
     * {@code chunk} (a number after the grid's chunks), as {@link #commitChunk} commits a grid chunk; its
     * marker always names its runs.
     */
    public void commitRound(int chunk, long from, long to) throws IOException {
        if (chunk < sweep.chunks() || from < sweep.runs() || to < from) {
            throw new IllegalArgumentException("Invalid round chunk (need a chunk after the grid's " + sweep.chunks()
                    + " and runs after its " + sweep.runs() + "): chunk " + chunk + ", runs " + from + " to " + to);
        }
        moveIntoRuns(chunk);
        interruption.commit(chunk, to - from, () -> {
            fs.create(new Path(new Path(work, ReportLayout.CHUNKS), ChunkMarkers.name(chunk, from, to)), true).close();
            return null;
        });
    }

    /** Moves chunk {@code chunk}'s Parquet files from its scratch directory into {@code runs/}. */
    private void moveIntoRuns(int chunk) throws IOException {
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

    /**
     * Writes {@code _SUCCESS} into the work directory and moves it into place. A report being replaced
     * is first renamed aside and deleted only after the new one is in place, so the destination is
     * without a report only between two renames, and never holds a mix of the two. Whatever is at the
     * destination is checked again first: if it is no longer a report gdsweep wrote (or appeared without
     * {@code overwrite}), nothing is moved and the work directory stays for {@code --resume}.
     */
    public void publish() throws IOException {
        Path old = interruption.publish(this::moveIntoPlace);
        if (old != null) {
            fs.delete(old, true);
        }
    }

    /**
     * Under the interruption's monitor: checks the destination again, writes {@code _SUCCESS} and renames;
     * returns where the replaced report was moved aside, or null.
     */
    private Path moveIntoPlace() throws IOException {
        Path old = null;
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
        return old;
    }

    /** What the shutdown hook runs (see {@link Interruption}). */
    void interrupted() {
        interruption.interrupted();
    }

    /** Releases the lock. The work directory stays for {@code --resume} if the sweep did not publish. */
    @Override
    public void close() {
        interruption.close();
    }
}
