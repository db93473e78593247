package dev.gdsweep.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/** The live count on a real local Spark: it moves while the tasks still run, and ends at their runs exactly. */
class LiveRunsTest extends SparkTestBase {

    /** Opened by the test once the count moved; local mode runs the tasks in this JVM. */
    static volatile CountDownLatch release;

    /** Counts 5 runs, then waits for the test (at most a minute, so a broken test cannot hang the build). */
    static final class FiveRunsThenWait implements VoidFunction<Iterator<Integer>> {
        private final LongAccumulator done;

        FiveRunsThenWait(LongAccumulator done) {
            this.done = done;
        }

        @Override
        public void call(Iterator<Integer> ignored) throws InterruptedException {
            for (int i = 0; i < 5; i++) {
                done.add(1L);
            }
            release.await(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theCountMovesBeforeTheTasksEndAndCountsEachRunOnce() throws Exception {
        release = new CountDownLatch(1);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        try (LiveRuns live = LiveRuns.start(spark.sparkContext(), "test runs done")) {
            CompletableFuture<Void> job = CompletableFuture.runAsync(() -> jsc.parallelize(List.of(1, 2), 2)
                    .foreachPartition(new FiveRunsThenWait(live.accumulator())));
            // Both tasks are blocked until release: only heartbeats can have brought their 10 runs.
            boolean moved = live.awaitAtLeast(10, TimeUnit.SECONDS.toNanos(30));
            boolean stillRunning = !job.isDone();
            release.countDown();
            job.get(60, TimeUnit.SECONDS);
            assertThat(moved).as("the count reached 10 from heartbeats").isTrue();
            assertThat(stillRunning).as("while the tasks still ran").isTrue();
            assertThat(live.accumulator().value()).isEqualTo(10); // Spark's own, merged at the tasks' ends
            assertThat(live.getAsLong()).isEqualTo(10);
        } finally {
            release.countDown();
        }
    }
}
