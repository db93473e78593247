package dev.gdsweep.cli;

import dev.gdsweep.spec.SpecException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps what a command throws to a message and an exit code, in one place: a user's mistake gets
 * one clear line and exit 2; anything else exit 1, with the stack trace only when GDSWEEP_DEBUG is set.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        RuntimeException userError = findUserError(e);
        if (userError != null) {
            err.println("error: " + userError.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        err.println("gdsweep: failed: " + describe(e));
        if (System.getenv("GDSWEEP_DEBUG") != null) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        } else {
            err.println("(set GDSWEEP_DEBUG=1 for the stack trace)");
        }
        err.flush();
        return ExitCodes.FAILED;
    }

    /** A mistake in the spec, or a command that needs Spark run without it. */
    private static RuntimeException findUserError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SpecException || c instanceof SparkClasspath.Missing) {
                return (RuntimeException) c;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage().lines().findFirst().orElse(""));
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString();
    }
}
