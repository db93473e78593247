package dev.gdsweep.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class PhaseTimesTest {

    private final AtomicLong now = new AtomicLong(50_000_000_000L);
    private final List<String> passedOn = new ArrayList<>();
    private final ProgressDisplay next = new ProgressDisplay() {
        @Override
        public void runs(String phase, long total, long alreadyDone, LongSupplier doneHere) {
            passedOn.add(phase + " " + total);
        }

        @Override
        public void phase(String name) {
            passedOn.add(name);
        }
    };

    private void advance(double seconds) {
        now.addAndGet(Math.round(seconds * 1e9));
    }

    @Test
    void eachPhaseLastsUntilTheNextAndTheFirstStartedBeforeTheClock() {
        PhaseTimes times = new PhaseTimes("JVM start and checks", 1_500_000_000L, now::get, next);
        advance(0.25);
        times.phase("starting Spark");
        advance(2);
        times.runs("grid", 100, 0, () -> 0);
        advance(4.5);
        times.phase("report");
        advance(1);
        times.end();
        advance(9);
        times.end();
        times.phase("too late");

        assertThat(times.phases()).containsExactly(new PhaseTimes.Phase("JVM start and checks", 1.75),
                new PhaseTimes.Phase("starting Spark", 2), new PhaseTimes.Phase("grid", 4.5),
                new PhaseTimes.Phase("report", 1));
        assertThat(passedOn).containsExactly("starting Spark", "grid 100", "report", "too late");
    }

    @Test
    void theTableGivesSecondsSharesAndTheTotal() {
        PhaseTimes times = new PhaseTimes("a", 0, now::get, ProgressDisplay.NONE);
        advance(1);
        times.phase("longer name");
        advance(3);
        times.phase("a");
        advance(4);
        times.end();

        assertThat(times.table()).isEqualTo("""
                Time by phase:
                  a               1.00 s  12.5%
                  longer name     3.00 s  37.5%
                  a               4.00 s  50.0%
                  total           8.00 s
                """);
    }
}
