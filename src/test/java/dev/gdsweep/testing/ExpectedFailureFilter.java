package dev.gdsweep.testing;

import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.filter.AbstractFilter;

/**
 * Keeps the failures a test causes on purpose out of the test log: a Spark task that the test hook fails
 * (TaskFaults) is logged by Spark's executor, writer and scheduler with its stack trace, ~40 lines each
 * time, though the retry succeeds and the test passes. An event is dropped when its message or any
 * exception in its cause chain carries the hook's marker, and so is the writer's "... aborted." line that
 * comes next on the same thread (it names the task attempt, not the cause). Every other warning
 * and error stays visible.
 */
@Plugin(name = "ExpectedFailureFilter", category = Node.CATEGORY, elementType = Filter.ELEMENT_TYPE)
public final class ExpectedFailureFilter extends AbstractFilter {

    /** In the message of every exception the test hooks throw. */
    static final String MARKER = "(test hook)";

    /** Whether this thread's last event was an expected failure, whose writer's note may come next. */
    private static final ThreadLocal<Boolean> AFTER_EXPECTED = ThreadLocal.withInitial(() -> false);

    private ExpectedFailureFilter(Result onMatch, Result onMismatch) {
        super(onMatch, onMismatch);
    }

    @PluginFactory
    public static ExpectedFailureFilter create(@PluginAttribute("onMatch") Result onMatch,
            @PluginAttribute("onMismatch") Result onMismatch) {
        return new ExpectedFailureFilter(onMatch == null ? Result.DENY : onMatch,
                onMismatch == null ? Result.NEUTRAL : onMismatch);
    }

    @Override
    public Result filter(LogEvent event) {
        if (expected(event)) {
            AFTER_EXPECTED.set(true);
            return onMatch;
        }
        boolean writersNote = AFTER_EXPECTED.get() && event.getLoggerName().endsWith(".FileFormatWriter")
                && message(event).endsWith(" aborted.");
        AFTER_EXPECTED.set(false);
        return writersNote ? onMatch : onMismatch;
    }

    static boolean expected(LogEvent event) {
        if (message(event).contains(MARKER)) {
            return true;
        }
        for (Throwable t = event.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(MARKER)) {
                return true;
            }
        }
        return false;
    }

    private static String message(LogEvent event) {
        return event.getMessage() == null ? "" : String.valueOf(event.getMessage().getFormattedMessage());
    }
}
