package dev.gdsweep.console;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The progress line of a long sweep: runs done / total, elapsed time and an estimate of the time
 * left (from the rate of finished runs so far). On a terminal it is rewritten in place every second;
 * otherwise a plain line is printed every {@code plainEverySeconds}. Runs count as done when their
 * Spark task finishes.
 */
public final class Progress implements AutoCloseable {

    private final PrintWriter out;
    private final boolean terminal;
    private final long total;
    private final long alreadyDone;
    private final LongSupplier done;
    private final Ticker ticker;
    private final long start;
    private final Runnable stop;
    private boolean printed;
    private boolean closed;

    /** Where the line's time comes from: the system's clock and a timer thread, or a test's hand. */
    interface Ticker {

        /** The system's: {@link System#nanoTime()} and a daemon thread "gdsweep-progress". */
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Runnable every(long periodSeconds, Runnable tick) {
                ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "gdsweep-progress");
                    t.setDaemon(true);
                    return t;
                });
                timer.scheduleAtFixedRate(tick, periodSeconds, periodSeconds, TimeUnit.SECONDS);
                return timer::shutdownNow;
            }
        };

        long nanoTime();

        /** Calls {@code tick} every {@code periodSeconds}, first after one period; returns what stops it. */
        Runnable every(long periodSeconds, Runnable tick);
    }

    private Progress(PrintWriter out, boolean terminal, long total, long alreadyDone, LongSupplier done,
            long periodSeconds, Ticker ticker) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.alreadyDone = alreadyDone;
        this.done = done;
        this.ticker = ticker;
        this.start = ticker.nanoTime();
        this.stop = ticker.every(periodSeconds, this::print);
    }

    /**
     * @param done runs finished by this invocation so far
     * @param alreadyDone runs taken over from an interrupted sweep
     */
    public static Progress start(PrintWriter out, boolean terminal, long total, long alreadyDone, LongSupplier done,
            long plainEverySeconds) {
        return start(out, terminal, total, alreadyDone, done, plainEverySeconds, Ticker.SYSTEM);
    }

    static Progress start(PrintWriter out, boolean terminal, long total, long alreadyDone, LongSupplier done,
            long plainEverySeconds, Ticker ticker) {
        return new Progress(out, terminal, total, alreadyDone, done, terminal ? 1 : plainEverySeconds, ticker);
    }

    private synchronized void print() {
        if (closed) {
            return;
        }
        String line = line(alreadyDone + done.getAsLong(), total, alreadyDone, (ticker.nanoTime() - start) / 1e9);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
        printed = true;
    }

    /** "1200/7056 runs (17%), 0:05 elapsed, about 0:24 left"; the estimate from this invocation's rate. */
    public static String line(long done, long total, long alreadyDone, double elapsedSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d/%d runs (%.0f%%), %s elapsed", done, total,
                total == 0 ? 100.0 : 100.0 * done / total, clock(elapsedSeconds)));
        long doneHere = done - alreadyDone;
        if (doneHere > 0 && done < total) {
            double left = elapsedSeconds * (total - done) / doneHere;
            sb.append(", about ").append(clock(left)).append(" left");
        }
        return sb.toString();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        closed = true;
        stop.run();
        if (terminal && printed) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }
}
