package dev.gdsweep.store;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * A report location's answer to SIGINT and SIGTERM: a Hadoop shutdown hook, registered while the sweep
 * writes, that says how many runs are committed and releases the lock; the committed chunks stay for
 * {@code --resume}. It keeps the count of committed runs, and commits and the publish happen under its
 * monitor only while the sweep is open, so after an interruption nothing more is committed or published
 * and what the hook said stays true.
 */
final class Interruption {

    /**
     * Runs before Spark stops its context (Spark's hooks: {@code FileSystem.SHUTDOWN_HOOK_PRIORITY + 30})
     * and before Hadoop closes its file systems ({@code FileSystem.SHUTDOWN_HOOK_PRIORITY}), so the lock
     * can still be deleted.
     */
    static final int SHUTDOWN_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 40;

    /** Where the sweep is; guarded by this object's monitor, shared with the shutdown hook. */
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

    /** Work done under the monitor; it may fail with an {@link IOException}. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    private final SweepLock lock;
    private final ReportLocation.Sweep sweep;
    /** Registered with Hadoop's shutdown hooks from {@link #register} to {@link #close}. */
    final Runnable hook = this::interrupted;
    private State state = State.OPEN;
    private ChunkMarkers.Committed committed;

    Interruption(SweepLock lock, ReportLocation.Sweep sweep, ChunkMarkers.Committed committed) {
        this.lock = lock;
        this.sweep = sweep;
        this.committed = committed;
    }

    void register() {
        ShutdownHookManager.get().addShutdownHook(hook, SHUTDOWN_PRIORITY);
    }

    /** Sets what is committed, when the sweep (re)starts its work directory. */
    synchronized void committed(ChunkMarkers.Committed now) {
        committed = now;
    }

    /** Commits chunk {@code chunk} by {@code mark} unless the sweep was interrupted, and counts its runs. */
    synchronized void commit(int chunk, long runs, Step<?> mark) throws IOException {
        if (state != State.OPEN) {
            throw new IOException("interrupted: chunk " + chunk + " was not committed");
        }
        mark.run();
        committed = committed.plus(runs);
    }

    /** Publishes by {@code move} unless the sweep was interrupted; returns what {@code move} returns. */
    synchronized <T> T publish(Step<T> move) throws IOException {
        if (state != State.OPEN) {
            throw new IOException("interrupted: the report was not published");
        }
        T moved = move.run();
        state = State.PUBLISHED;
        return moved;
    }

    /**
     * The shutdown hook, for the life of the location: on SIGINT or SIGTERM during the sweep, says how far
     * it got and releases the lock.
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

    /** Removes the hook and releases the lock: the sweep has ended. */
    void close() {
        try {
            ShutdownHookManager.get().removeShutdownHook(hook);
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
