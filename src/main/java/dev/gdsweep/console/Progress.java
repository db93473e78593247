package dev.gdsweep.console;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The progress line of a long command: the phase it is in, the time since it started, and in a phase of
 * runs the runs done / total, their rate and the time left at that rate. On a terminal the line is
 * rewritten in place every second; otherwise a plain line is printed every {@code plainEverySeconds}.
 * Runs count as done when their task finishes them (not when their chunk commits), so the rate and the
 * estimate are there from the first runs on; before any run is done the line says "estimating time left".
 */
public final class Progress implements ProgressDisplay, AutoCloseable {

    private final PrintWriter out;
    private final boolean terminal;
    private final Ticker ticker;
    private final long start;
    private final Runnable stop;
    private Phase phase;
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

    /**
     * A phase: its name and when it started; for a phase of runs (total >= 0) the runs, those taken over
     * and the live count of those done since.
     */
    private record Phase(String name, long startNanos, long total, long alreadyDone, LongSupplier doneHere) {

        boolean counted() {
            return total >= 0;
        }
    }

    private Progress(PrintWriter out, boolean terminal, long periodSeconds, Ticker ticker) {
        this.out = out;
        this.terminal = terminal;
        this.ticker = ticker;
        this.start = ticker.nanoTime();
        this.phase = new Phase("starting", start, -1, 0, () -> 0);
        this.stop = ticker.every(periodSeconds, this::print);
    }

    /** Starts the line (first shown after a second on a terminal, after {@code plainEverySeconds} otherwise). */
    public static Progress start(PrintWriter out, boolean terminal, long plainEverySeconds) {
        return start(out, terminal, plainEverySeconds, Ticker.SYSTEM);
    }

    static Progress start(PrintWriter out, boolean terminal, long plainEverySeconds, Ticker ticker) {
        return new Progress(out, terminal, terminal ? 1 : plainEverySeconds, ticker);
    }

    @Override
    public synchronized void runs(String name, long total, long alreadyDone, LongSupplier doneHere) {
        phase = new Phase(name, ticker.nanoTime(), total, alreadyDone, doneHere);
    }

    @Override
    public synchronized void phase(String name) {
        phase = new Phase(name, ticker.nanoTime(), -1, 0, () -> 0);
    }

    private synchronized void print() {
        if (closed) {
            return;
        }
        long now = ticker.nanoTime();
        double elapsed = (now - start) / 1e9;
        String line = phase.counted()
                ? line(phase.name(), phase.alreadyDone() + phase.doneHere().getAsLong(), phase.total(),
                        phase.alreadyDone(), elapsed, (now - phase.startNanos()) / 1e9)
                : line(phase.name(), elapsed);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
        printed = true;
    }

    /**
     * "grid: 1200/7056 runs (17%), 0:05 elapsed, 240 runs/s, about 0:24 left": the rate of this phase's
     * runs done since it started (those taken over left out), and the time the rest take at that rate.
     *
     * @param elapsedSeconds since the command started
     * @param phaseSeconds since this phase started
     */
    public static String line(String phase, long done, long total, long alreadyDone, double elapsedSeconds,
            double phaseSeconds) {
        long shown = Math.min(done, total); // a speculative copy of a task may count its runs twice
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d/%d runs (%.0f%%), %s elapsed", phase, shown, total,
                total == 0 ? 100.0 : Math.floor(100.0 * shown / total), clock(elapsedSeconds)));
        long doneHere = shown - alreadyDone;
        if (doneHere > 0 && phaseSeconds > 0) {
            double rate = doneHere / phaseSeconds;
            sb.append(", ").append(rate(rate)).append(" runs/s");
            if (shown < total) {
                sb.append(", about ").append(clock((total - shown) / rate)).append(" left");
            }
        } else if (shown < total) {
            sb.append(", estimating time left");
        }
        return sb.toString();
    }

    /** "summary: 0:31 elapsed": a phase with no count. */
    public static String line(String phase, double elapsedSeconds) {
        return phase + ": " + clock(elapsedSeconds) + " elapsed";
    }

    /** Whole runs/s from 10 on, else two significant digits: "240", "3.8", "0.027". */
    static String rate(double perSecond) {
        return perSecond >= 10 ? String.format(Locale.ROOT, "%.0f", perSecond)
                : new BigDecimal(perSecond).round(new MathContext(2)).stripTrailingZeros().toPlainString();
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
