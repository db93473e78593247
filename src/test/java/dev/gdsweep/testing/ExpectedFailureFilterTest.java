package dev.gdsweep.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter.Result;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The test log drops only the failures the tests inject; a real failure is kept. */
class ExpectedFailureFilterTest {

    private final ExpectedFailureFilter filter = ExpectedFailureFilter.create(null, null);

    private static LogEvent event(String logger, String message, Throwable thrown) {
        return Log4jLogEvent.newBuilder().setLoggerName(logger).setLevel(Level.ERROR)
                .setMessage(new SimpleMessage(message)).setThrown(thrown).build();
    }

    @Test
    void anInjectedFailureAndTheWritersNoteOnItAreDropped() {
        Throwable injected = new RuntimeException("wrapped",
                new IllegalStateException("injected failure of a first task attempt (test hook)"));

        assertThat(filter.filter(event("org.apache.spark.util.Utils", "Aborting task", injected))).isEqualTo(Result.DENY);
        assertThat(filter.filter(event("org.apache.spark.sql.execution.datasources.FileFormatWriter",
                "Job: j, Task: t, Task attempt a aborted.", null))).isEqualTo(Result.DENY);
        assertThat(filter.filter(event("org.apache.spark.scheduler.TaskSetManager",
                "Lost task 0.0: java.lang.IllegalStateException: injected failure (test hook)", null)))
                .isEqualTo(Result.DENY);
    }

    @Test
    void aRealFailureIsKept() {
        assertThat(filter.filter(event("org.apache.spark.util.Utils", "Aborting task",
                new IllegalStateException("disk full")))).isEqualTo(Result.NEUTRAL);
        // The writer's note on an abort with no injected failure before it on this thread.
        assertThat(filter.filter(event("org.apache.spark.sql.execution.datasources.FileFormatWriter",
                "Job: j, Task: t, Task attempt a aborted.", null))).isEqualTo(Result.NEUTRAL);
    }
}
