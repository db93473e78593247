package dev.gdsweep.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void theLineShowsDoneTotalElapsedAndAnEstimateFromThisInvocationsRate() {
        assertThat(Progress.line(1200, 7056, 0, 5.0)).isEqualTo("1200/7056 runs (17%), 0:05 elapsed, about 0:24 left");
        // 1000 resumed: only the 200 done here set the rate, 20 s for 200 runs, 5856 left → 9:46.
        assertThat(Progress.line(1200, 7056, 1000, 20.0))
                .isEqualTo("1200/7056 runs (17%), 0:20 elapsed, about 9:46 left");
        assertThat(Progress.line(0, 100, 0, 3.0)).isEqualTo("0/100 runs (0%), 0:03 elapsed");
        assertThat(Progress.line(100, 100, 0, 3725.0)).isEqualTo("100/100 runs (100%), 1:02:05 elapsed");
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
    void notOnATerminalItPrintsAPlainLineEveryPeriodAndStopsWhenClosed() {
        StringWriter text = new StringWriter();
        AtomicLong done = new AtomicLong(0);
        ManualTicker time = new ManualTicker();
        Progress progress = Progress.start(new PrintWriter(text), false, 10, 0, done::get, 10, time);

        time.advance(9);
        assertThat(text.toString()).isEmpty();
        done.set(5);
        time.advance(1);
        done.set(8);
        time.advance(10);
        progress.close();
        assertThat(time.stopped).isTrue();
        String printed = text.toString();
        assertThat(printed).isEqualTo("5/10 runs (50%), 0:10 elapsed, about 0:10 left" + System.lineSeparator()
                + "8/10 runs (80%), 0:20 elapsed, about 0:05 left" + System.lineSeparator());

        time.stopped = false; // a tick that was already due when it closed
        time.advance(10);
        assertThat(text.toString()).isEqualTo(printed);
    }

    @Test
    void onATerminalItRewritesOneLineEverySecondAndClearsIt() {
        StringWriter text = new StringWriter();
        ManualTicker time = new ManualTicker();
        Progress progress = Progress.start(new PrintWriter(text), true, 10, 0, () -> 3, 10, time);

        time.advance(2);
        progress.close();
        assertThat(text.toString()).isEqualTo("\r3/10 runs (30%), 0:01 elapsed, about 0:02 left\u001b[K"
                + "\r3/10 runs (30%), 0:02 elapsed, about 0:05 left\u001b[K" + "\r\u001b[K");
    }
}
