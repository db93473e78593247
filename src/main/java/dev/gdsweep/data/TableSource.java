package dev.gdsweep.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a data file's bytes come from: the name used in messages (the path as the user wrote it)
 * and a way to open the bytes. The readers never look at the name except to put it in messages, so
 * any file system works: the caller opens the stream (for example through Hadoop's
 * {@code FileSystem}) and passes the name it wants the user to see.
 *
 * @param name the data file as the user wrote it, e.g. {@code conf/data/penguins.csv}
 * @param opener opens a fresh stream on each call; the reader closes it
 */
public record TableSource(String name, Opener opener) {

    /** Opens the bytes of a table; each call returns a new stream, which the caller closes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public TableSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opener, "opener");
    }

    /** A local file, named in messages as {@code path.toString()}. */
    public static TableSource of(Path path) {
        return new TableSource(path.toString(), () -> Files.newInputStream(path));
    }

    /** A new stream on the bytes; the caller closes it. */
    public InputStream open() throws IOException {
        return opener.open();
    }
}
