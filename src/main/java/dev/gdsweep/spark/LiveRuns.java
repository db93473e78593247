package dev.gdsweep.spark;

import java.util.function.LongSupplier;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Option;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A live count of the runs the tasks of a phase have finished. Tasks add 1 to {@link #accumulator()} per
 * finished run; executors send their running tasks' accumulator values with each heartbeat
 * ({@code spark.executor.heartbeatInterval}, 1 s in local mode), which Spark hands to listeners, not to the
 * accumulator itself (that is merged only when a task ends). A listener reads both into {@link TaskCounts}.
 * Closing it removes the listener.
 */
final class LiveRuns implements LongSupplier, AutoCloseable {

    private final SparkContext sc;
    private final LongAccumulator accumulator;
    private final TaskCounts counts = new TaskCounts();
    private final Listener listener = new Listener();

    private LiveRuns(SparkContext sc, String name) {
        this.sc = sc;
        this.accumulator = sc.longAccumulator(name);
        sc.addSparkListener(listener);
    }

    /** Starts counting; the accumulator's name shows in the Spark UI. */
    static LiveRuns start(SparkContext sc, String name) {
        return new LiveRuns(sc, name);
    }

    /** What the tasks add 1 to per finished run (serializable; each task gets its own copy). */
    LongAccumulator accumulator() {
        return accumulator;
    }

    @Override
    public long getAsLong() {
        return counts.total();
    }

    /** Waits until the count is at least {@code n}, at most {@code timeoutNanos}; whether it got there. */
    boolean awaitAtLeast(long n, long timeoutNanos) throws InterruptedException {
        return counts.awaitTotal(n, timeoutNanos);
    }

    @Override
    public void close() {
        sc.removeSparkListener(listener);
    }

    private final class Listener extends SparkListener {

        @Override
        public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
            for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
                    : CollectionConverters.asJava(update.accumUpdates())) {
                long count = ours(task._4());
                if (count >= 0) {
                    counts.running((Long) task._1(), count);
                }
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            long count = ours(end.taskInfo().accumulables());
            if (count >= 0 || end.reason() != Success$.MODULE$) {
                counts.ended(end.taskInfo().taskId(), end.reason() == Success$.MODULE$, Math.max(0, count));
            }
        }

        /** This count's task value among a task's accumulator updates; −1 when it is not there. */
        private long ours(scala.collection.Seq<AccumulableInfo> infos) {
            long id = accumulator.id();
            for (AccumulableInfo info : CollectionConverters.asJava(infos)) {
                Option<Object> value = info.update();
                if (info.id() == id && value.isDefined() && value.get() instanceof Number n) {
                    return n.longValue();
                }
            }
            return -1;
        }
    }
}
