package dev.gdsweep.store;

import dev.gdsweep.spec.SpecException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One sweep at a time per output path: a lock file beside the output, created atomically, that the
 * holder touches every {@value #HEARTBEAT_SECONDS} s. A crashed holder cannot leave it stuck: a lock
 * whose holder process is gone (same host) or whose heartbeat is older than {@value #STALE_SECONDS} s
 * is taken over.
 */
final class SweepLock implements AutoCloseable {

    static final int HEARTBEAT_SECONDS = 10;
    static final int STALE_SECONDS = 120;
    static final int EMPTY_GRACE_SECONDS = 5;

    private final FileSystem fs;
    private final Path path;
    private final String token;
    private final ScheduledExecutorService heartbeat;

    private SweepLock(FileSystem fs, Path path, String token) {
        this.fs = fs;
        this.path = path;
        this.token = token;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gdsweep-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** Takes the lock, or throws a user error naming the holder when another live sweep has it. */
    static SweepLock acquire(FileSystem fs, Path path, String source) throws IOException {
        String token = "host=" + hostName() + " pid=" + ProcessHandle.current().pid() + " id=" + UUID.randomUUID();
        for (int attempt = 0; attempt < 2; attempt++) {
            if (createExclusively(fs, path, token)) {
                return new SweepLock(fs, path, token);
            }
            String holder = read(fs, path);
            if (holder == null) {
                continue; // released between our create and read
            }
            if (!isStale(fs, path, holder)) {
                throw new SpecException(source, 0, null, "another sweep is writing this output (" + holder
                        + ", lock " + path + "); wait for it to finish, or remove the lock if that process is gone");
            }
            fs.delete(path, false);
        }
        throw new SpecException(source, 0, null, "could not take the lock " + path + ": another sweep keeps taking it");
    }

    private static boolean createExclusively(FileSystem fs, Path path, String token) throws IOException {
        fs.mkdirs(path.getParent());
        if ("file".equals(fs.getUri().getScheme())) {
            // Hadoop's local create(overwrite=false) checks, then creates: not atomic. A hard link is, and
            // linking a complete temporary file means a lock is never seen without its holder's name.
            java.nio.file.Path lock = new File(path.toUri()).toPath();
            java.nio.file.Path temp = lock.resolveSibling(lock.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.write(temp, token.getBytes(StandardCharsets.UTF_8));
            try {
                Files.createLink(lock, temp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        try (OutputStream out = fs.create(path, false)) {
            out.write(token.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    private static String read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
    }

    static boolean isStale(FileSystem fs, Path path, String holder) throws IOException {
        long age = System.currentTimeMillis() - fs.getFileStatus(path).getModificationTime();
        if (!holder.startsWith("host=")) {
            // Created but never written: its creator died at once (a create-then-write file system).
            return age > EMPTY_GRACE_SECONDS * 1000L;
        }
        String prefix = "host=" + hostName() + " pid=";
        if (holder.startsWith(prefix)) {
            String pid = holder.substring(prefix.length()).split(" ")[0];
            try {
                if (ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                    return false;
                }
                return true;
            } catch (NumberFormatException e) {
                // Not one of ours: fall back to the heartbeat.
            }
        }
        return age > STALE_SECONDS * 1000L;
    }

    private void touch() {
        try {
            fs.setTimes(path, System.currentTimeMillis(), -1);
        } catch (IOException ignored) {
            // A missed heartbeat only matters after STALE_SECONDS of them.
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            if (token.equals(read(fs, path))) {
                fs.delete(path, false);
            }
        } catch (IOException ignored) {
            // Left behind, it goes stale and is taken over.
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
