package dev.gdsweep.store;

import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The checks {@link ReportLocation#prepare} makes of an output location before any compute: what is at
 * the destination and its parent (before the lock is taken), and what an earlier sweep left in the work
 * directory (with the lock held). Each refusal is a {@link SpecException} naming the option that gave the
 * path; nothing is touched before all checks pass.
 */
final class OutputChecks {

    private OutputChecks() {}

    /**
     * Before the lock: no input of the sweep may be in, or be, the output; an existing directory must be
     * a report gdsweep wrote, and needs {@code overwrite} (or {@code resume}, for a partial one); an
     * existing file is never replaced; the parent must be a directory (created if missing).
     */
    static void destination(FileSystem fs, Path destination, ReportLocation.Sweep sweep, Configuration conf,
            boolean overwrite, boolean resume, String path, String source) throws IOException {
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
    }

    /**
     * With the lock held: the work directory of an earlier sweep may be cleared only if gdsweep wrote
     * all of it, and only without committed runs, unless {@code overwrite} starts over or {@code resume}
     * continues them. Returns the runs committed there (or in a partial report being resumed).
     */
    static ChunkMarkers.Committed work(FileSystem fs, Path destination, Path work, ReportLocation.Sweep sweep,
            boolean overwrite, boolean resume, String path, String source) throws IOException {
        if (!fs.exists(work)) {
            return resume && fs.exists(destination) && isPartialReport(fs, destination)
                    ? ChunkMarkers.count(fs, destination, sweep) : ChunkMarkers.Committed.NONE;
        }
        if (!fs.getFileStatus(work).isDirectory()) {
            throw new SpecException(source, 0, null, "output path '" + path + "': '" + ReportLocation.shown(work)
                    + "' is a file, but gdsweep keeps its work there: move it away");
        }
        String foreign = ReportDirectory.foreignInWork(fs, work);
        if (!foreign.isEmpty()) {
            throw new SpecException(source, 0, null, "output path '" + path + "': the work directory '"
                    + ReportLocation.shown(work) + "' holds files gdsweep did not write (" + foreign + "): move them "
                    + "away");
        }
        ChunkMarkers.Committed committed = ChunkMarkers.count(fs, work, sweep);
        if (!overwrite && !resume && committed.chunks() > 0) {
            throw new SpecException(source, 0, null, "output path '" + path + "': an interrupted sweep has "
                    + committed.describe() + " committed in '" + ReportLocation.shown(work) + "'; --resume continues "
                    + "them, --overwrite starts over");
        }
        return committed;
    }

    /** Whether {@code dir} holds a published report of a sweep that did not finish. */
    static boolean isPartialReport(FileSystem fs, Path dir) {
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
}
