package dev.gdsweep.cli;

/**
 * The exit codes every command uses, listed in {@code gdsweep --help}. {@link Main#commandLine()} gives
 * picocli's usage errors (a bad option, a missing argument) {@link #BAD_INPUT} too.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The sweep failed while running; check-loss: the gradient does not match. */
    public static final int FAILED = 1;
    /** Bad input: spec, options or output location; nothing was run or written. */
    public static final int BAD_INPUT = 2;
    /** compare: a gate was crossed. */
    public static final int GATE_CROSSED = 3;

    private ExitCodes() {}
}
