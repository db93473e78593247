package dev.gdsweep.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskCountsTest {

    @Test
    void runningTasksCountWhatTheirLastHeartbeatSaidAndSucceededTasksTheirFinalCount() {
        TaskCounts counts = new TaskCounts();
        counts.running(1, 100);
        counts.running(2, 40);
        assertThat(counts.total()).isEqualTo(140);
        counts.running(1, 250);
        counts.running(2, 30); // an older heartbeat, late: a task's count only grows
        assertThat(counts.total()).isEqualTo(290);
        counts.ended(1, true, 300);
        assertThat(counts.total()).isEqualTo(340);
        counts.ended(2, true, 90);
        assertThat(counts.total()).isEqualTo(390);
    }

    @Test
    void aFailedAttemptsRunsAreDroppedAndItsRetryCountsThemOnce() {
        TaskCounts counts = new TaskCounts();
        counts.running(7, 60);
        counts.ended(7, false, 0);
        assertThat(counts.total()).isZero();
        counts.running(7, 80); // a heartbeat sent before the failure, arriving after it
        assertThat(counts.total()).isZero();
        counts.running(8, 50); // the retry, a new task id
        counts.ended(8, true, 100);
        counts.ended(8, true, 100); // a repeated end event does not count twice
        assertThat(counts.total()).isEqualTo(100);
    }

    @Test
    void aTaskThatEndsWithoutHeartbeatsCountsAtItsEnd() {
        TaskCounts counts = new TaskCounts();
        counts.ended(3, true, 12);
        counts.running(3, 12); // late heartbeat of an ended task
        assertThat(counts.total()).isEqualTo(12);
    }
}
