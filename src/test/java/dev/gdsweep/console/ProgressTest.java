package dev.gdsweep.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    static final String NL = System.lineSeparator();

    @Test
    void aPhaseOfRunsShowsDoneTotalElapsedRateAndTheTimeLeftAtThatRate() {
        // 1200 runs in the phase's 5 s: 240 runs/s; 5856 left → 24.4 s.
        assertThat(Progress.line("grid", 1200, 7056, 0, 9.0, 5.0))
                .isEqualTo("grid: 1200/7056 runs (17%), 0:09 elapsed, 240 runs/s, about 0:24 left");
        // 1000 taken over: only the 200 done here set the rate, 10 runs/s, 5856 left → 9:46.
        assertThat(Progress.line("grid", 1200, 7056, 1000, 20.0, 20.0))
                .isEqualTo("grid: 1200/7056 runs (17%), 0:20 elapsed, 10 runs/s, about 9:46 left");
        assertThat(Progress.line("refinement round 2", 3, 120, 0, 61.0, 2.0))
                .isEqualTo("refinement round 2: 3/120 runs (2%), 1:01 elapsed, 1.5 runs/s, about 1:18 left");
        assertThat(Progress.line("grid", 100, 100, 0, 3725.0, 3700.0))
                .isEqualTo("grid: 100/100 runs (100%), 1:02:05 elapsed, 0.027 runs/s");
        // 99.97% is not shown as done; a speculative task's runs counted twice do not pass the total.
        assertThat(Progress.line("grid", 9997, 10000, 0, 10.0, 10.0)).startsWith("grid: 9997/10000 runs (99%)");
        assertThat(Progress.line("grid", 10_003, 10000, 0, 10.0, 10.0)).startsWith("grid: 10000/10000 runs (100%)");
    }

    @Test
    void beforeAnyRunIsDoneItSaysItIsEstimating() {
        assertThat(Progress.line("grid", 0, 100, 0, 3.0, 1.0))
                .isEqualTo("grid: 0/100 runs (0%), 0:03 elapsed, estimating time left");
        // Runs taken over from an earlier attempt tell nothing of this one's rate.
        assertThat(Progress.line("grid", 40, 100, 40, 3.0, 1.0))
                .isEqualTo("grid: 40/100 runs (40%), 0:03 elapsed, estimating time left");
    }

    @Test
    void aPhaseWithoutACountShowsItsNameAndTheElapsedTime() {
        assertThat(Progress.line("summary", 31.4)).isEqualTo("summary: 0:31 elapsed");
    }

    /** Time moved by hand: {@link #advance} runs the ticks that fall due, each at its own instant. */
    static final class ManualTicker implements Progress.Ticker {

        long now = 1_000_000_000L; // any origin: Progress measures from its start
        boolean stopped;
        private long period;
        private long next;
        private Runnable tick;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public Runnable every(long periodSeconds, Runnable task) {
            period = TimeUnit.SECONDS.toNanos(periodSeconds);
            next = now + period;
            tick = task;
            return () -> stopped = true;
        }

        void advance(long seconds) {
            long until = now + TimeUnit.SECONDS.toNanos(seconds);
            while (!stopped && next <= until) {
                now = next;
                next += period;
                tick.run();
            }
            now = until;
        }
    }

    @Test
    void notOnATerminalItPrintsAPlainLineEveryPeriodThroughThePhasesAndStopsWhenClosed() {
        StringWriter text = new StringWriter();
        AtomicLong done = new AtomicLong(0);
        ManualTicker time = new ManualTicker();
        Progress progress = Progress.start(new PrintWriter(text), false, 10, time);

        time.advance(4); // starting Spark
        progress.runs("grid", 100, 0, done::get);
        time.advance(5);
        assertThat(text.toString()).isEmpty();
        done.set(12);
        time.advance(1);
        done.set(60);
        time.advance(10);
        progress.phase("summary");
        time.advance(10);
        progress.close();
        assertThat(time.stopped).isTrue();
        String printed = text.toString();
        // At 0:10 the phase has run 6 s: 2 runs/s, 88 left → 44 s; at 0:20, 60 in 16 s: 3.75 runs/s, 40 left → 11 s.
        assertThat(printed).isEqualTo("grid: 12/100 runs (12%), 0:10 elapsed, 2 runs/s, about 0:44 left" + NL
                + "grid: 60/100 runs (60%), 0:20 elapsed, 3.8 runs/s, about 0:11 left" + NL
                + "summary: 0:30 elapsed" + NL);
        assertThat(printed).doesNotContain("\r", "\u001b");

        time.stopped = false; // a tick that was already due when it closed
        time.advance(10);
        assertThat(text.toString()).isEqualTo(printed);
    }

    @Test
    void onATerminalItRewritesOneLineEverySecondFromTheFirstAndClearsIt() {
        StringWriter text = new StringWriter();
        ManualTicker time = new ManualTicker();
        Progress progress = Progress.start(new PrintWriter(text), true, 10, time);
        progress.runs("grid", 10, 0, () -> 0);
        time.advance(1);
        progress.runs("grid", 10, 0, () -> 3);
        time.advance(1);
        progress.close();
        assertThat(text.toString()).isEqualTo("\rgrid: 0/10 runs (0%), 0:01 elapsed, estimating time left\u001b[K"
                + "\rgrid: 3/10 runs (30%), 0:02 elapsed, 3 runs/s, about 0:02 left\u001b[K" + "\r\u001b[K");
    }

    @Test
    void closedBeforeItsFirstLineItPrintsNothing() {
        StringWriter text = new StringWriter();
        ManualTicker time = new ManualTicker();
        Progress.start(new PrintWriter(text), true, 10, time).close();
        assertThat(text.toString()).isEmpty();
    }
}
