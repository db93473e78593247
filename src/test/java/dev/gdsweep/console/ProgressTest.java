package dev.gdsweep.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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

    @Test
    void notOnATerminalItPrintsPlainLinesAndStopsWhenClosed() throws InterruptedException {
        StringWriter text = new StringWriter();
        AtomicLong done = new AtomicLong(5);
        Progress progress = Progress.start(new PrintWriter(text), false, 10, 0, done::get, 1);
        Thread.sleep(1500);
        progress.close();
        String printed = text.toString();
        assertThat(printed).startsWith("5/10 runs (50%)").doesNotContain("\r");
        Thread.sleep(1200);
        assertThat(text.toString()).isEqualTo(printed);
    }

    @Test
    void onATerminalItRewritesOneLineAndClearsIt() throws InterruptedException {
        StringWriter text = new StringWriter();
        Progress progress = Progress.start(new PrintWriter(text), true, 10, 0, () -> 3, 10);
        Thread.sleep(1500);
        progress.close();
        assertThat(text.toString()).startsWith("\r3/10 runs (30%)").endsWith("\r\u001b[K").doesNotContain("\n");
    }
}
