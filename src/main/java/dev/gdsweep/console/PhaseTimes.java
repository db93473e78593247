package dev.gdsweep.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Where a command's seconds went, phase by phase ({@code run --timings}): it sees the same phase calls as
 * the progress line, and passes them on to it. The first phase is the time from the JVM's start to the
 * first call (JVM, command line, spec and output checks); the last ends at {@link #end}.
 */
public final class PhaseTimes implements ProgressDisplay {

    /** One phase and its seconds. */
    public record Phase(String name, double seconds) {}

    private final ProgressDisplay next;
    private final LongSupplier nanoTime;
    private final List<Phase> done = new ArrayList<>();
    private String current;
    private long currentStart;
    private boolean ended;

    /**
     * @param sinceStartNanos how long ago the first phase, {@code firstPhase}, began (e.g. the JVM's uptime)
     * @param nanoTime the clock, {@link System#nanoTime} outside tests
     */
    PhaseTimes(String firstPhase, long sinceStartNanos, LongSupplier nanoTime, ProgressDisplay next) {
        this.next = next;
        this.nanoTime = nanoTime;
        this.current = firstPhase;
        this.currentStart = nanoTime.getAsLong() - sinceStartNanos;
    }

    /** Times from the JVM's start on ("JVM start and checks"), passing each phase on to {@code next}. */
    public static PhaseTimes sinceJvmStart(ProgressDisplay next) {
        long uptimeNanos = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        return new PhaseTimes("JVM start and checks", uptimeNanos, System::nanoTime, next);
    }

    @Override
    public synchronized void runs(String phase, long total, long alreadyDone, LongSupplier doneHere) {
        begin(phase);
        next.runs(phase, total, alreadyDone, doneHere);
    }

    @Override
    public synchronized void phase(String name) {
        begin(name);
        next.phase(name);
    }

    /** Ends the last phase; later calls change nothing. */
    public synchronized void end() {
        if (!ended) {
            close(nanoTime.getAsLong());
            ended = true;
        }
    }

    /** The phases so far, in order (a phase entered twice is listed twice). */
    public synchronized List<Phase> phases() {
        return List.copyOf(done);
    }

    /** "Time by phase:" then a line per phase with its seconds and share, then the total. */
    public synchronized String table() {
        double total = done.stream().mapToDouble(Phase::seconds).sum();
        int width = done.stream().mapToInt(p -> p.name().length()).max().orElse(5);
        StringBuilder sb = new StringBuilder("Time by phase:\n");
        for (Phase p : done) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %8.2f s %5.1f%%%n", p.name(), p.seconds(),
                    total > 0 ? 100 * p.seconds() / total : 0));
        }
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %8.2f s%n", "total", total));
        return sb.toString();
    }

    private void begin(String name) {
        if (ended) {
            return;
        }
        close(nanoTime.getAsLong());
        current = name;
    }

    private void close(long now) {
        done.add(new Phase(current, Math.max(0, now - currentStart) / 1e9));
        currentStart = now;
    }
}
