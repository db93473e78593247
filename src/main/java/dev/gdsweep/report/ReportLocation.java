package dev.gdsweep.report;

import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a report goes, and how it gets there whole: everything is written into a staging directory
 * beside the destination, {@code _SUCCESS} last, and then renamed into place, so a reader sees the
 * previous report or the new complete one, never a half-written one. Any Hadoop file system works
 * (local, HDFS, S3 via s3a); the rename is atomic on local and HDFS file systems.
 */
public final class ReportLocation {

    private final FileSystem fs;
    private final Path destination;
    private final Path staging;
    private final boolean overwrite;

    private ReportLocation(FileSystem fs, Path destination, boolean overwrite) {
        this.fs = fs;
        this.destination = destination;
        this.overwrite = overwrite;
        Path parent = destination.getParent() == null ? destination : destination.getParent();
        this.staging = new Path(parent, "." + destination.getName() + ".staging-" + UUID.randomUUID());
    }

    /**
     * Checks the output location before any compute: an existing report needs {@code overwrite}, an
     * existing file is never replaced, and the parent must be a directory (created if missing).
     *
     * @param source what named the path, for the error message ("--out" or "output.path")
     */
    public static ReportLocation prepare(String path, boolean overwrite, Configuration conf, String source) {
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
        try {
            if (fs.exists(destination)) {
                FileStatus status = fs.getFileStatus(destination);
                if (!status.isDirectory()) {
                    throw new SpecException(source, 0, null, "output path '" + path
                            + "' is an existing file; give a directory path");
                }
                if (fs.listStatus(destination).length > 0 && !overwrite) {
                    throw new SpecException(source, 0, null, "output directory '" + path
                            + "' already exists and is not empty; pass --overwrite to replace it");
                }
            }
            Path parent = destination.getParent();
            if (parent != null) {
                if (fs.exists(parent) && !fs.getFileStatus(parent).isDirectory()) {
                    throw new SpecException(source, 0, null, "output path '" + path + "': parent '" + parent
                            + "' is a file, not a directory");
                }
                fs.mkdirs(parent);
                Path probe = new Path(parent, ".gdsweep-write-probe-" + UUID.randomUUID());
                fs.create(probe, false).close();
                fs.delete(probe, false);
            }
        } catch (IOException e) {
            throw new SpecException(source, 0, null, "output path '" + path + "' is not writable: " + e.getMessage());
        }
        return new ReportLocation(fs, destination, overwrite);
    }

    public Path destination() {
        return destination;
    }

    /** The destination as a user would type it: a plain path on the local file system, else the URI. */
    public String displayPath() {
        return "file".equals(destination.toUri().getScheme()) ? destination.toUri().getPath() : destination.toString();
    }

    public Path staging() {
        return staging;
    }

    /** A path inside the staging directory. */
    public String stagingPath(String name) {
        return new Path(staging, name).toString();
    }

    public void writeStagingText(String name, String text) throws IOException {
        try (OutputStream out = fs.create(new Path(staging, name), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes {@code _SUCCESS} into the staging directory and moves it into place. */
    public void publish() throws IOException {
        fs.create(new Path(staging, ReportLayout.SUCCESS), true).close();
        if (fs.exists(destination)) {
            if (!overwrite) {
                throw new IOException("output directory " + destination + " appeared while the sweep ran");
            }
            fs.delete(destination, true);
        }
        if (!fs.rename(staging, destination)) {
            throw new IOException("could not move the report from " + staging + " to " + destination);
        }
    }

    /** Removes the staging directory after a failure; never touches the destination. */
    public void abandon() {
        try {
            fs.delete(staging, true);
        } catch (IOException ignored) {
            // Best effort: a stale staging directory is hidden and harmless.
        }
    }
}
