package dev.gdsweep.spark;

import java.util.Iterator;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;

/**
 * Faults injected into the tasks that compute runs, so that tests can check that Spark's retries give the
 * same rows. The driver chooses them from the Spark conf ({@link #from}): {@link #NONE} unless the test key
 * {@value #FAIL_FIRST_ATTEMPT} is true. They wrap a task's rows and never change them.
 */
enum TaskFaults {

    /** The production setting: the rows as computed. */
    NONE {
        @Override
        Iterator<Row> inject(int partition, long count, Iterator<Row> rows) {
            return rows;
        }
    },

    /** The first attempt of partition 0 of every chunk fails halfway through its rows, so Spark retries it. */
    FAIL_FIRST_ATTEMPT_HALFWAY {
        @Override
        Iterator<Row> inject(int partition, long count, Iterator<Row> rows) {
            TaskContext task = TaskContext.get();
            if (partition != 0 || task == null || task.attemptNumber() != 0) {
                return rows;
            }
            return new Iterator<>() {
                long given;

                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    if (given == count / 2) {
                        throw new IllegalStateException("injected failure of a first task attempt (test hook)");
                    }
                    given++;
                    return rows.next();
                }
            };
        }
    };

    /** Spark conf key, for tests only: when true, {@link #FAIL_FIRST_ATTEMPT_HALFWAY}. */
    static final String FAIL_FIRST_ATTEMPT = "spark.gdsweep.test.failFirstAttempt";

    /** The faults the Spark conf asks for. */
    static TaskFaults from(SparkConf conf) {
        return conf.getBoolean(FAIL_FIRST_ATTEMPT, false) ? FAIL_FIRST_ATTEMPT_HALFWAY : NONE;
    }

    /** Task {@code partition}'s rows, {@code count} of them, with the fault injected. */
    abstract Iterator<Row> inject(int partition, long count, Iterator<Row> rows);
}
